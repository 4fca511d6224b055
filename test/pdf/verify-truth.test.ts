/**
 * What verification says must be true (issue 14): a draft-revision record, a record whose data
 * breaks its form's rules, and one whose embedded JSON differs from its page all fail; a
 * certificate that has expired fails although the signature claims an earlier time (no trusted
 * timestamp); a self-signed certificate is named as such and judged apart from a CA-issued one; a
 * certificate without a signing key usage is refused at signing and flagged on verify; the CLI
 * refuses to countersign a tampered, cut-off or mismatched file; an encrypted copy is called
 * encrypted. Each verdict is checked in the library (what the pages show) and in the CLI.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRecordPdf, exportSignedRecordPdf, readPkcs12, verifyPdf, type VerifyReport } from '../../src/lib/pdf/index.ts';
import { loadTrustList, nodeFonts, nodeRecordChecks } from '../../src/lib/pdf/node.ts';
import { pageTexts } from '../../src/lib/pdf/verify/page-text.ts';
import { ASCII_PASSWORD, makeTestPki, trustFolderFor, asciiPasswordFileIn, type TestPki } from './helpers/pki.ts';
import { ROOT, envelopeOf, handbookRegister, namingSigners, testForms } from './helpers/records.ts';
import { swapEmbeddedJson, swapOwner } from './helpers/tamper.ts';
import { removeTempDirs, requireTools, run, tempDir, runScript } from './helpers/tools.ts';

let pki: TestPki;
let dir: string;
let trustDir: string;
let emptyTrust: string;
let asciiPasswordFile: string;
const intake = testForms().find((f) => f.id === 'complaint-intake')!;
const access = testForms().find((f) => f.id === 'archive-access')!;
const DAY = 86_400_000;

beforeAll(() => {
  requireTools();
  pki = makeTestPki();
  dir = tempDir('truth-');
  trustDir = trustFolderFor(pki, 'truth-trust-');
  emptyTrust = tempDir('truth-empty-');
  asciiPasswordFile = asciiPasswordFileIn(dir);
}, 120_000);

afterAll(() => removeTempDirs());

const cli = (script: string, args: string[]) => runScript(script, args);

/** The report the pages get (same options as the CLI), and the CLI's exit status and JSON. */
async function verifyBoth(name: string, bytes: Uint8Array, trustPath = trustDir): Promise<{ report: VerifyReport; status: number | null; json: VerifyReport }> {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const report = await verifyPdf(bytes, { trust: loadTrustList(trustPath), register: handbookRegister(), ...nodeRecordChecks() });
  const r = cli('verify-cli.ts', [file, '--trust', trustPath, '--json']);
  return { report, status: r.status, json: JSON.parse(r.stdout) as VerifyReport };
}

async function signer(p12: string, options: { now?: Date } = {}) {
  return readPkcs12(readFileSync(p12), p12 === pki.staffA ? pki.password : ASCII_PASSWORD, options);
}

describe('the record itself', () => {
  it('names a record filled under a draft revision in the verdict (page and CLI, exit 1)', async () => {
    const bytes = await exportSignedRecordPdf(
      { form: intake.form, record: envelopeOf(intake, intake.example, 'A/1'), fonts: nodeFonts() },
      { signer: await signer(pki.staffA), role: 'receiver', fonts: nodeFonts() },
    );
    const { report, status, json } = await verifyBoth('draft.pdf', bytes);
    expect(report.revision?.standing).toBe('draft');
    expect(report.verdict.kind).toBe('bad');
    expect(report.verdict.title).toBe('驗證未通過：記錄依據未生效的程序版本');
    expect(report.verdict.lines.join('')).toContain('HB-SOP-01 第 A/1 版');
    expect(report.verdict.lines.join('')).toContain('修訂草案');
    expect(status).toBe(1);
    expect(json.verdict).toEqual(report.verdict);
  }, 120_000);

  it('re-runs the form\'s rules on the embedded data: an archive access with no approver fails', async () => {
    const data = structuredClone(access.example) as Record<string, unknown>;
    delete data.approver;
    delete data.approvedAt;
    delete (data.signatures as Record<string, unknown>).approver;
    const bytes = await exportRecordPdf({ form: access.form, record: envelopeOf(access, data), fonts: nodeFonts() });
    const { report, status, json } = await verifyBoth('rules.pdf', bytes);
    expect(report.rules?.valid).toBe(false);
    expect(report.rules?.errors.join('')).toContain('依 4.8');
    expect(report.content?.matches).toBe(true);
    expect(report.verdict.kind).toBe('bad');
    expect(report.verdict.title).toBe('驗證未通過：記錄內容違反表單規則');
    expect(report.cannotSign).toContain('記錄內容違反表單規則');
    expect(status).toBe(1);
    expect(json.verdict).toEqual(report.verdict);
  }, 120_000);

  it('compares the embedded JSON with the page: an unsigned record with a swapped JSON fails', async () => {
    const genuine = await exportRecordPdf({ form: intake.form, record: envelopeOf(intake), fonts: nodeFonts() });
    const ok = await verifyBoth('genuine.pdf', genuine);
    expect(ok.report.content).toEqual({ matches: true, differences: [] });
    expect(ok.report.rules).toEqual({ valid: true, errors: [] });
    expect(ok.status).toBe(0);

    const swapped = await swapEmbeddedJson(genuine, swapOwner);
    // An independent reader sees the old name on the page and the new one in the attachment.
    const file = join(dir, 'swapped-check.pdf');
    writeFileSync(file, swapped);
    expect(run('pdftotext', ['-layout', file, '-']).stdout).toContain('陳大文');
    const attached = join(dir, 'swapped-form-data.json');
    expect(run('pdfdetach', ['-save', '1', '-o', attached, file]).status).toBe(0);
    expect(readFileSync(attached, 'utf8')).toContain('另一位業戶');

    const { report, status, json } = await verifyBoth('swapped.pdf', swapped);
    expect(report.content?.matches).toBe(false);
    expect(report.content?.differences.join('')).toContain('頁面顯示「陳大文」，內嵌資料為「另一位業戶」');
    expect(report.verdict.kind).toBe('bad');
    expect(report.verdict.title).toBe('驗證未通過：內嵌資料與頁面內容不符');
    expect(status).toBe(1);
    expect(json.verdict).toEqual(report.verdict);
    const text = cli('verify-cli.ts', [join(dir, 'swapped.pdf'), '--trust', trustDir]);
    expect(text.out).toContain('內嵌資料與頁面內容不符');
  }, 180_000);

  it('reads the page text as pdftotext does (every drawn line is in its output)', async () => {
    const bytes = await exportRecordPdf({ form: intake.form, record: envelopeOf(intake), fonts: nodeFonts() });
    const file = join(dir, 'text.pdf');
    writeFileSync(file, bytes);
    const poppler = run('pdftotext', ['-raw', file, '-']).stdout.replace(/\s+/g, '');
    const lines = pageTexts(await PDFDocument.load(bytes)).flat();
    expect(lines.length).toBeGreaterThan(30);
    for (const l of lines) expect(poppler).toContain(l.text.replace(/\s+/g, ''));
    expect(lines.map((l) => l.text)).toContain('陳大文');
  }, 60_000);

  it('calls an encrypted copy encrypted, not foreign (page and CLI, exit 1)', async () => {
    const plain = join(dir, 'plain.pdf');
    writeFileSync(plain, await exportRecordPdf({ form: intake.form, record: envelopeOf(intake), fonts: nodeFonts() }));
    const enc = join(dir, 'encrypted.pdf');
    expect(run('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', plain, enc]).status).toBe(0);
    const { report, status } = await verifyBoth('encrypted-copy.pdf', readFileSync(enc));
    expect(report.encrypted).toBe(true);
    expect(report.verdict.title).toBe('此 PDF 已加密，無法核對其內容及簽章');
    expect(report.verdict.title).not.toContain('不是本手冊產生的記錄');
    expect(report.cannotSign).toContain('此 PDF 已加密');
    expect(status).toBe(1);
  }, 120_000);
});

describe('certificates', () => {
  it('does not call a backdated signature by an expired certificate valid (no trusted timestamp)', async () => {
    const past = new Date(Date.now() - 500 * DAY); // inside the expired certificate's validity
    const bytes = await exportSignedRecordPdf(
      { form: intake.form, record: envelopeOf(intake), fonts: nodeFonts() },
      { signer: await signer(pki.expired, { now: past }), role: 'receiver', fonts: nodeFonts(), time: past },
    );
    const { report, status } = await verifyBoth('backdated.pdf', bytes);
    const s = report.signatures[0];
    expect(s.signingTime?.getTime()).toBe(Math.floor(past.getTime() / 1000) * 1000);
    expect(s.status).toBe('expired');
    expect(s.statusLabel).not.toBe('有效');
    expect(s.problems.join('')).toContain('簽章未附可信任的時間戳記');
    expect(s.problems.join('')).toContain('以驗證當時');
    expect(report.summary.join('\n')).not.toContain('簽署時憑證有效');
    expect(report.verdict.kind).toBe('bad');
    expect(report.verdict.title).toBe('驗證未通過：憑證已過期');
    expect(status).toBe(1);
  }, 120_000);

  it('names a self-signed certificate, shows chain and fingerprint, and judges it apart from a CA-issued one', async () => {
    // Each record names its certificate's holder as 受理人, so only the certificates differ.
    const sign = async (p12: string) => {
      const s = await signer(p12);
      const record = envelopeOf(intake, namingSigners(intake.form, intake.example, { receiver: s.name }));
      return exportSignedRecordPdf({ form: intake.form, record, fonts: nodeFonts() }, { signer: s, role: 'receiver', fonts: nodeFonts() });
    };
    const self = await verifyBoth('self.pdf', await sign(pki.selfSigned), emptyTrust);
    const byCa = await verifyBoth('ca.pdf', await sign(pki.staffA), emptyTrust);
    const s = self.report.signatures[0];
    expect(s.status).toBe('self-signed');
    expect(s.statusLabel).toBe('自簽憑證，不受信任');
    expect(s.certificate?.selfSigned).toBe(true);
    expect(self.report.verdict.title).toBe('驗證未通過：自簽憑證，無法確認簽署人身分');
    expect(byCa.report.signatures[0].status).toBe('untrusted');
    expect(byCa.report.verdict.title).toBe('驗證未通過：簽章完整，但憑證不在公司信任清單內');
    expect(self.report.verdict).not.toEqual(byCa.report.verdict);
    expect(self.status).toBe(1);
    expect(byCa.status).toBe(1);
    // Fingerprint as openssl computes it; the chain goes signer ← CA.
    const fp = run('openssl', ['x509', '-noout', '-fingerprint', '-sha256', '-in', join(pki.dir, 'self.pem')]).stdout.split('=')[1].trim();
    expect(s.certificate?.sha256).toBe(fp);
    expect(self.report.summary.join('\n')).toContain(fp);
    const chain = byCa.report.signatures[0].certificate!.chain.map((c) => c.subject);
    expect(chain).toEqual(['陳美玲', '測試物業管理有限公司 根憑證']);
    // With the CA trusted, the CA-issued one passes and the self-signed one still fails.
    expect((await verifyBoth('ca-trusted.pdf', await sign(pki.staffA), trustDir)).report.verdict.kind).toBe('ok');
    expect((await verifyBoth('self-trusted.pdf', await sign(pki.selfSigned), trustDir)).report.verdict.kind).toBe('bad');
  }, 240_000);

  it('refuses a certificate without a signing key usage at signing (library and CLI, zh-TW)', async () => {
    await expect(signer(pki.encipherOnly)).rejects.toMatchObject({ code: 'CERT_KEY_USAGE' });
    await expect(signer(pki.encipherOnly)).rejects.toThrow(/不含數位簽章（digitalSignature）或不可否認（nonRepudiation）/);
    const out = join(dir, 'never-usage.pdf');
    const r = cli('pdf-cli.ts', ['complaint-intake', join(ROOT, 'schemas/complaint-intake.example.json'), '--sign', pki.encipherOnly, '--password-file', asciiPasswordFile, '--role', 'receiver', '-o', out]);
    expect(r.out).toContain('不能用於簽署文件');
    expect(r.status).toBe(1);
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it('flags such a signature on verify (made past the refusal with the same key)', async () => {
    const good = await signer(pki.staffA);
    const der = new Uint8Array(Buffer.from(pki.encipherOnlyPem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
    const certificate = pkijs.Certificate.fromBER(der.slice().buffer);
    const bad = { ...good, certificate, chainDer: [der, pki.caDer] };
    const bytes = await exportSignedRecordPdf({ form: intake.form, record: envelopeOf(intake), fonts: nodeFonts() }, { signer: bad, role: 'receiver', fonts: nodeFonts() });
    const { report, status } = await verifyBoth('usage.pdf', bytes);
    expect(report.signatures[0].status).toBe('key-usage');
    expect(report.signatures[0].certificate?.keyUsage).toEqual(['keyEncipherment']);
    expect(report.verdict.title).toBe('驗證未通過：憑證不可用於簽署文件');
    expect(status).toBe(1);
  }, 120_000);
});

describe('countersigning from the CLI follows the sign page\'s rule', () => {
  it('refuses a tampered, a truncated and a mismatched file (exit 1, nothing written)', async () => {
    const one = join(dir, 'cosign-1.pdf');
    // The record names the two certificate holders as 受理人 and 業戶.
    const record = join(dir, 'cosign.json');
    writeFileSync(record, JSON.stringify(namingSigners(intake.form, intake.example, { receiver: '陳美玲', owner: '黃志強' })));
    let r = cli('pdf-cli.ts', ['complaint-intake', record, '--sign', pki.staffA, '--password-file', pki.passwordFile, '--role', 'receiver', '-o', one]);
    expect(r.status, r.out).toBe(0);
    const signed = readFileSync(one);
    // Tampered: one byte inside the signed range changed.
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('/Producer');
    tampered[at + 1] = 'p'.charCodeAt(0);
    const files = {
      tampered,
      truncated: signed.subarray(0, Math.floor(signed.length * 0.8)),
      appended: Buffer.concat([signed, Buffer.from('\n1 0 obj\n<< /Evil true >>\nendobj\n%%EOF\n')]),
      mismatched: Buffer.from(await swapEmbeddedJson(await exportRecordPdf({ form: intake.form, record: envelopeOf(intake), fonts: nodeFonts() }), swapOwner)),
    };
    for (const [name, bytes] of Object.entries(files)) {
      const input = join(dir, `cosign-${name}.pdf`);
      const out = join(dir, `cosign-${name}-out.pdf`);
      writeFileSync(input, bytes);
      r = cli('pdf-cli.ts', ['--add-signature', input, '--sign', pki.staffB, '--password-file', asciiPasswordFile, '--role', name === 'mismatched' ? 'receiver' : 'owner', '-o', out]);
      expect(r.status, `${name}: ${r.out}`).toBe(1);
      expect(r.out, name).toMatch(/不能加簽|不能在此簽署/);
      expect(existsSync(out), name).toBe(false);
    }
    // The genuine file is still countersigned.
    const two = join(dir, 'cosign-2.pdf');
    r = cli('pdf-cli.ts', ['--add-signature', one, '--sign', pki.staffB, '--password-file', asciiPasswordFile, '--role', 'owner', '-o', two]);
    expect(r.status, r.out).toBe(0);
  }, 300_000);
});
