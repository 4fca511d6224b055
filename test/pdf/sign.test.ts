/**
 * Digital signatures: reading staff .p12 files (AES and legacy, errors in Chinese), signing every
 * form by two signers (the second as an incremental update), checked by poppler's pdfsig (with
 * the test CA trusted through an NSS database), qpdf and our own verifier; and the verifier on
 * tampered, re-saved, untrusted, expired and foreign PDFs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts, rgb } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfError } from '../../src/lib/pdf/errors.ts';
import { exportRecordPdf } from '../../src/lib/pdf/document/export.ts';
import { exportSignedRecordPdf } from '../../src/lib/pdf/document/export-signed.ts';
import { nodeFonts } from '../../src/lib/pdf/node.ts';
import { addSignature, readPkcs12, type Signer } from '../../src/lib/pdf/sign/sign.ts';
import { NOT_OURS_MESSAGE, verifyPdf } from '../../src/lib/pdf/verify/report.ts';
import type { RegisterRevision } from '../../src/lib/documents/register.ts';
import { pdfaProblems } from './helpers/pdfa.ts';
import { ASCII_PASSWORD, makeTestPki, type TestPki } from './helpers/pki.ts';
import { defineForm } from '../../src/lib/forms/definition/define.ts';
import { envelopeOf, handbookRegister, testForms, type TestForm } from './helpers/records.ts';
import { nssDbTrusting, removeTempDirs, renderPage, requireTools, run, signaturePng, workDir } from './helpers/tools.ts';

let pki: TestPki;
let nssDb: string;
let staffA: Signer; // 陳美玲, AES p12, Chinese password
let staffB: Signer; // 黃志強, legacy (openssl -legacy)
const forms = testForms();
const fixture = forms.find((f) => f.id === 'fixture-form')!;

beforeAll(async () => {
  requireTools();
  pki = makeTestPki();
  nssDb = nssDbTrusting(pki.caPem);
  staffA = await readPkcs12(readFileSync(pki.staffA), pki.password);
  staffB = await readPkcs12(readFileSync(pki.staffB), ASCII_PASSWORD);
}, 120_000);

async function expectPdfError(p: Promise<unknown>, code: string, message?: RegExp): Promise<PdfError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, `expected PdfError ${code}`).toBeInstanceOf(PdfError);
  expect((e as PdfError).code).toBe(code);
  if (message) expect((e as PdfError).message).toMatch(message);
  return e as PdfError;
}

describe('reading a PKCS#12', () => {
  it('reads an OpenSSL 3 (AES) file with a Chinese password and a Chinese name', async () => {
    expect(staffA.name).toBe('陳美玲');
    expect(staffA.issuerName).toBe('測試物業管理有限公司 根憑證');
    expect(staffA.chainDer.length).toBe(2);
  });

  it('reads a legacy 3DES/RC2 file (openssl -legacy) and a node-forge 3DES file', async () => {
    expect(staffB.name).toBe('黃志強');
    const c = await readPkcs12(readFileSync(pki.staffC), ASCII_PASSWORD);
    expect(c.name).toBe('林小芬');
  });

  it('reads an elliptic-curve (P-256) file: the name, issuer and key come through', async () => {
    const ec = await readPkcs12(readFileSync(pki.staffEc), ASCII_PASSWORD);
    expect(ec.name).toBe('張家豪');
    expect(ec.issuerName).toBe('測試物業管理有限公司 根憑證');
    expect(ec.privateKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });
    expect(ec.serialNumber).toBe((4242).toString(16).padStart(4, '0'));
    expect(ec.chainDer.length).toBe(2);
  });

  it('says 憑證密碼不正確 for a wrong password', async () => {
    await expectPdfError(readPkcs12(readFileSync(pki.staffA), 'wrong'), 'BAD_PASSWORD', /憑證密碼不正確/);
    await expectPdfError(readPkcs12(readFileSync(pki.staffB), 'wrong'), 'BAD_PASSWORD', /憑證密碼不正確/);
  });

  it('refuses a file that is not a PKCS#12', async () => {
    await expectPdfError(readPkcs12(readFileSync(pki.notP12), 'x'), 'NOT_PKCS12', /不是 PKCS#12/);
    await expectPdfError(readPkcs12(new TextEncoder().encode('hello'), 'x'), 'NOT_PKCS12');
  });

  it('refuses a certificate without its private key', async () => {
    await expectPdfError(readPkcs12(readFileSync(pki.noKey), ASCII_PASSWORD), 'NO_PRIVATE_KEY', /私鑰/);
  });

  it('refuses an expired certificate, saying the dates', async () => {
    const e = await expectPdfError(readPkcs12(readFileSync(pki.expired), ASCII_PASSWORD), 'CERT_EXPIRED', /過期/);
    expect(e.message).toMatch(/有效期間 \d{4}年\d+月\d+日 .* 至 \d{4}年\d+月\d+日/);
  });

  it('refuses a certificate not yet valid, saying from when', async () => {
    await expectPdfError(readPkcs12(readFileSync(pki.future), ASCII_PASSWORD), 'CERT_NOT_YET_VALID', /尚未生效.*\d{4}年/);
  });
});

function pdfsig(file: string, trusted: boolean): string {
  const r = run('pdfsig', trusted ? ['-nssdir', nssDb, file] : [file]);
  return r.stdout + r.stderr;
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe.each(forms.map((t) => [t.id, t] as [string, TestForm]))('signing %s', (id, t) => {
  const roles = t.form.schema['x-form']!.signatures.map((s) => s.role);
  const signers = roles.slice(0, 2);
  let once: Uint8Array;
  let twice: Uint8Array;
  const file = (n: string) => join(workDir(), `${id}-${n}.pdf`);

  beforeAll(async () => {
    const envelope = envelopeOf(t);
    once = await exportSignedRecordPdf({ form: t.form, record: envelope, fonts: nodeFonts() }, { signer: staffA, role: signers[0], fonts: nodeFonts() });
    writeFileSync(file('once'), once);
    twice = signers[1] ? await addSignature(once, { signer: staffB, role: signers[1], fonts: nodeFonts() }) : once;
    writeFileSync(file('twice'), twice);
  }, 60_000);

  it('has a second signer to add', () => {
    expect(signers).toHaveLength(2);
  });

  it('keeps the first signer\'s bytes untouched (incremental update)', () => {
    expect(Buffer.from(twice.subarray(0, once.length)).equals(Buffer.from(once))).toBe(true);
  });

  it('pdfsig: every signature valid; trusted with the test CA in NSS', () => {
    const plain = pdfsig(file('twice'), false);
    expect(count(plain, 'Signature is Valid.')).toBe(signers.length);
    const trusted = pdfsig(file('twice'), true);
    expect(count(trusted, 'Signature is Valid.')).toBe(signers.length);
    expect(count(trusted, 'Certificate is Trusted.')).toBe(signers.length);
    expect(trusted).toContain('Signature Type: ETSI.CAdES.detached');
    expect(trusted).toContain('Signer Certificate Common Name: 陳美玲');
    if (signers[1]) {
      expect(trusted).toContain('Signer Certificate Common Name: 黃志強');
      expect(trusted).toContain('Not total document signed');
    }
    expect(trusted).toContain('Total document signed');
  });

  it('still meets the PDF/A-3b spot checks after both signatures', async () => {
    expect(await pdfaProblems(twice)).toEqual([]);
  });

  it('qpdf --check passes; the envelope is still embedded', () => {
    const r = run('qpdf', ['--check', file('twice')]);
    expect(r.status).toBe(0);
    const out = join(workDir(), `${id}-twice.json`);
    run('pdfdetach', ['-save', '1', '-o', out, file('twice')]);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(envelopeOf(t));
  });

  it('our verifier: all valid, last signature covers the document, revision effective', async () => {
    const report = await verifyPdf(twice, { trust: [pki.caPem], register: handbookRegister() });
    expect(report.signatures.map((s) => s.status)).toEqual(signers.map(() => 'valid'));
    expect(report.signatures.map((s) => s.field)).toEqual(signers);
    expect(report.signatures[0].signerName).toBe('陳美玲');
    if (signers[1]) expect(report.signatures[1].signerName).toBe('黃志強');
    expect(report.lastSignatureCoversWholeDocument).toBe(true);
    expect(report.bytesAfterLastSignature).toBe(0);
    expect(report.record).toEqual(envelopeOf(t));
    expect(report.revision?.standing).toBe('effective');
    expect(report.ok).toBe(true);
    // The stamp 「本文件未經數位簽章」 is gone once signed.
    expect(Buffer.from(twice).toString('latin1')).not.toContain('property-sop-handbook:unsigned');
  });
});

describe('an elliptic-curve signer', () => {
  it('signs after an RSA signer: pdfsig and our verifier find both valid and trusted', async () => {
    const t = forms.find((f) => f.id === 'qr-gr-036')!;
    const [first, second] = t.form.schema['x-form']!.signatures.map((s) => s.role);
    const ec = await readPkcs12(readFileSync(pki.staffEc), ASCII_PASSWORD);
    const once = await exportSignedRecordPdf({ form: t.form, record: envelopeOf(t), fonts: nodeFonts() }, { signer: staffA, role: first, fonts: nodeFonts() });
    const twice = await addSignature(once, { signer: ec, role: second, fonts: nodeFonts() });
    const file = join(workDir(), 'ec-signed.pdf');
    writeFileSync(file, twice);
    const trusted = pdfsig(file, true);
    expect(count(trusted, 'Signature is Valid.')).toBe(2);
    expect(count(trusted, 'Certificate is Trusted.')).toBe(2);
    expect(trusted).toContain('Signer Certificate Common Name: 張家豪');
    const report = await verifyPdf(twice, { trust: [pki.caPem], register: handbookRegister() });
    expect(report.signatures.map((s) => [s.signerName, s.status])).toEqual([
      ['陳美玲', 'valid'],
      ['張家豪', 'valid'],
    ]);
    expect(report.ok).toBe(true);
  });
});

describe('our verifier on damaged and foreign PDFs', () => {
  let signed: Uint8Array;
  const register = () => handbookRegister();

  beforeAll(async () => {
    const once = await exportSignedRecordPdf({ form: fixture.form, record: envelopeOf(fixture), fonts: nodeFonts() }, { signer: staffA, role: 'receiver', fonts: nodeFonts() });
    signed = await addSignature(once, { signer: staffB, role: 'owner', fonts: nodeFonts() });
  }, 60_000);

  it('one flipped byte: 文件於簽署後被修改, and pdfsig agrees', async () => {
    // A byte inside the page content stream of revision 1.
    const text = Buffer.from(signed).toString('latin1');
    const at = text.indexOf('stream', text.indexOf('/Filter /FlateDecode')) + 40;
    const bad = signed.slice();
    bad[at] ^= 0x01;
    const report = await verifyPdf(bad, { trust: [pki.caPem], register: register() });
    expect(report.signatures.map((s) => s.status)).toEqual(['altered', 'altered']);
    expect(report.signatures[0].statusLabel).toBe('文件於簽署後被修改');
    expect(report.ok).toBe(false);
    const f = join(workDir(), 'flipped.pdf');
    writeFileSync(f, bad);
    expect(pdfsig(f, false)).toContain('Digest Mismatch');
  });

  it('re-saved by another program (load + save): reported', async () => {
    const doc = await PDFDocument.load(signed);
    const resaved = await doc.save();
    const report = await verifyPdf(resaved, { trust: [pki.caPem], register: register() });
    expect(report.signatures.every((s) => s.status === 'altered')).toBe(true);
    expect(report.summary.join('\n')).toMatch(/重新存檔/);
    expect(report.ok).toBe(false);
  });

  it('an unsigned change appended after the last signature: reported with what changed', async () => {
    const doc = await PDFDocument.load(signed, { forIncrementalUpdate: true });
    doc.getPage(0).drawRectangle({ x: 150, y: 600, width: 120, height: 14, color: rgb(1, 1, 1) });
    const tampered = await doc.commit({ useObjectStreams: false });
    const report = await verifyPdf(tampered, { trust: [pki.caPem], register: register() });
    expect(report.lastSignatureCoversWholeDocument).toBe(false);
    expect(report.bytesAfterLastSignature).toBeGreaterThan(0);
    expect(report.changesAfterLastSignature.join()).toMatch(/第 1 頁/);
    expect(report.signatures.every((s) => s.status === 'altered')).toBe(true);
    expect(report.ok).toBe(false);
  });

  it('a certificate from a CA not in the trust list: 憑證不受信任', async () => {
    const other = await readPkcs12(readFileSync(pki.untrusted), ASCII_PASSWORD);
    const pdf = await exportSignedRecordPdf({ form: fixture.form, record: envelopeOf(fixture), fonts: nodeFonts() }, { signer: other, role: 'receiver', fonts: nodeFonts() });
    const report = await verifyPdf(pdf, { trust: [pki.caPem], register: register() });
    expect(report.signatures[0].status).toBe('untrusted');
    expect(report.signatures[0].statusLabel).toBe('憑證不受信任');
    expect(report.ok).toBe(false);
    // No trust list at all: the company CA is untrusted too.
    const none = await verifyPdf(signed, { trust: [], register: register() });
    expect(none.signatures.map((s) => s.status)).toEqual(['untrusted', 'untrusted']);
  });

  it('signed after the certificate expired: 憑證已過期', async () => {
    // Read the expired file as of a day inside its validity, then sign now.
    const expired = await readPkcs12(readFileSync(pki.expired), ASCII_PASSWORD, { now: new Date(Date.now() - 500 * 86_400_000) });
    const pdf = await exportSignedRecordPdf({ form: fixture.form, record: envelopeOf(fixture), fonts: nodeFonts() }, { signer: expired, role: 'receiver', fonts: nodeFonts() });
    const report = await verifyPdf(pdf, { trust: [pki.caPem], register: register() });
    expect(report.signatures[0].status).toBe('expired');
    expect(report.signatures[0].statusLabel).toBe('憑證已過期');
    expect(report.ok).toBe(false);
    // A signing time inside the validity is only the signer's claim (no trusted timestamp): the
    // certificate is judged when verified, so it is expired too (issue 14; this was 有效 before).
    const earlier = await exportSignedRecordPdf(
      { form: fixture.form, record: envelopeOf(fixture), fonts: nodeFonts() },
      { signer: expired, role: 'receiver', fonts: nodeFonts(), time: new Date(Date.now() - 500 * 86_400_000) },
    );
    const later = await verifyPdf(earlier, { trust: [pki.caPem], register: register() });
    expect(later.signatures[0].status).toBe('expired');
    expect(later.signatures[0].problems.join()).toMatch(/已於 .* 過期.*簽章未附可信任的時間戳記/);
  });

  it('a PDF that is not one of ours: 此 PDF 不是本手冊產生的記錄', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    page.drawText('hello', { font: await doc.embedFont(StandardFonts.Helvetica) });
    const report = await verifyPdf(await doc.save(), { trust: [pki.caPem], register: register() });
    expect(report.ours).toBe(false);
    expect(report.message).toBe(NOT_OURS_MESSAGE);
    expect(report.summary[0]).toContain(NOT_OURS_MESSAGE);
    expect(report.ok).toBe(false);
    await expectPdfError(verifyPdf(new TextEncoder().encode('not a pdf'), { trust: [], register: [] }), 'PDF_UNREADABLE');
  });

  it('reports how the procedure revision stands: effective, superseded, unknown', async () => {
    const env = envelopeOf(fixture);
    const reg = (status: RegisterRevision['status']): RegisterRevision[] => [
      { procedure: 'complaints', docNumber: env.procedureNumber, title: 't', revision: env.procedureRevision, status, effectiveDate: '2025-01-01', path: '/' },
    ];
    expect((await verifyPdf(signed, { trust: [pki.caPem], register: reg('effective') })).revision?.standing).toBe('effective');
    const superseded = await verifyPdf(signed, { trust: [pki.caPem], register: reg('superseded') });
    expect(superseded.revision).toMatchObject({ standing: 'superseded', label: '已作廢版本' });
    const unknown = await verifyPdf(signed, { trust: [pki.caPem], register: [] });
    expect(unknown.revision).toMatchObject({ standing: 'unknown', label: '本手冊無此版本' });
    expect(unknown.ok).toBe(false);
  });

  it('an unsigned export reads as unsigned, and its first signature removes the stamp', async () => {
    const unsigned = await exportRecordPdf({ form: fixture.form, record: envelopeOf(fixture), fonts: nodeFonts() });
    const report = await verifyPdf(unsigned, { trust: [pki.caPem], register: register() });
    expect(report.signatures).toEqual([]);
    expect(report.unsignedFields.map((f) => f.field)).toEqual(['receiver', 'owner', 'manager']);
    expect(report.summary.join()).toContain('未經數位簽章');
    const first = await addSignature(unsigned, { signer: staffA, role: 'receiver', fonts: nodeFonts() });
    expect(Buffer.from(first).toString('latin1')).not.toContain('property-sop-handbook:unsigned');
    const r2 = await verifyPdf(first, { trust: [pki.caPem], register: register() });
    expect(r2.signatures.map((s) => s.status)).toEqual(['valid']);
    expect(r2.lastSignatureCoversWholeDocument).toBe(true);
  });

  it('refuses to sign a role twice or a role the form does not have', async () => {
    await expectPdfError(addSignature(signed, { signer: staffA, role: 'owner', fonts: nodeFonts() }), 'ROLE_ALREADY_SIGNED', /已經簽署/);
    await expectPdfError(addSignature(signed, { signer: staffA, role: 'nobody', fonts: nodeFonts() }), 'ROLE_UNKNOWN', /沒有「nobody」的簽署欄位/);
  });
});

describe('drawn signatures', () => {
  it('shows the image from the record data in the box and in the signed widget', async () => {
    const png = signaturePng();
    const data = {
      ...fixture.example,
      signatures: { receiver: { name: '陳美玲', signedOn: '2025-03-04', image: `data:image/png;base64,${png.toString('base64')}` } },
    };
    const schema = structuredClone(fixture.form.schema);
    schema.properties!.signatures = {
      type: 'object',
      properties: { receiver: { type: 'object', properties: { name: { type: 'string' }, signedOn: { type: 'string', format: 'date' }, image: { type: 'string' } } } },
    };
    const form = defineForm({ schema, uiSchema: fixture.form.uiSchema });
    const unsigned = await exportRecordPdf({ form, record: envelopeOf(fixture, data), fonts: nodeFonts() });
    const f1 = join(workDir(), 'drawn-unsigned.pdf');
    writeFileSync(f1, unsigned);
    const text = run('pdftotext', ['-enc', 'UTF-8', f1, '-']).stdout;
    expect(text).toContain('陳美玲');
    expect(text).toContain('2025-03-04');
    expect(Buffer.from(unsigned).toString('latin1')).toContain('/SMask');
    // Signing the same role: the widget shows the drawn image too (taken from the embedded record).
    const signed = await addSignature(unsigned, { signer: staffA, role: 'receiver', fonts: nodeFonts() });
    const f2 = join(workDir(), 'drawn-signed.pdf');
    writeFileSync(f2, signed);
    expect(count(pdfsig(f2, true), 'Certificate is Trusted.')).toBe(1);
    const { image } = renderPage(f2, 1, 50);
    expect(image.pixels.some((v) => v < 128)).toBe(true);
  });

  it('refuses an image that is not PNG or JPEG', async () => {
    await expectPdfError(
      exportSignedRecordPdf({ form: fixture.form, record: envelopeOf(fixture), fonts: nodeFonts() }, { signer: staffA, role: 'receiver', fonts: nodeFonts(), image: new Uint8Array([1, 2, 3]) }),
      'IMAGE_INVALID',
      /PNG 或 JPEG/,
    );
  });
});

afterAll(() => removeTempDirs());
