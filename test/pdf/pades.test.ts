/**
 * PAdES baseline B-B (issue 11): the CMS of a record signature has no signing-time attribute (ETSI
 * EN 319 142-1; the claimed time is the signature dictionary's /M) and keeps signing-certificate-v2;
 * every signature, including each incremental update, gives the file a new trailer /ID second
 * string (the first kept), a new Info /ModDate and the same time in the XMP. Checked with openssl,
 * qpdf, pdfinfo and pdfsig on each revision cut out of the file, not with our own parser.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportRecordPdf } from '../../src/lib/pdf/document/export.ts';
import { nodeFonts } from '../../src/lib/pdf/node.ts';
import { addSignature, readPkcs12, type Signer } from '../../src/lib/pdf/sign/sign.ts';
import { verifyPdf } from '../../src/lib/pdf/verify/report.ts';
import { createCadesSignature, sha256 } from '../../src/lib/pdf/sign/cms.ts';
import { pdfaProblems } from './helpers/pdfa.ts';
import { ASCII_PASSWORD, makeTestPki, type TestPki } from './helpers/pki.ts';
import { envelopeOf, handbookRegister, testForms } from './helpers/records.ts';
import { nssDbTrusting, requireTools, run, workDir } from './helpers/tools.ts';

let pki: TestPki;
let nssDb: string;
const access = testForms().find((f) => f.id === 'archive-access')!;
// The record names the holders of the test certificates, so the three signers are who it says.
const data = { ...access.example, accessor: '陳美玲', approver: '黃志強', registrar: '林小芬' };
// Within the test certificates' validity (they start 30 days before the run), whole seconds.
const day = Math.floor(Date.now() / 86_400_000) * 86_400_000;
const times = [day - 3 * 86_400_000 + 2 * 3600_000, day - 3 * 86_400_000 + 3.5 * 3600_000, day - 2 * 86_400_000 + 17.25 * 3600_000].map((t) => new Date(t));
/** D:YYYYMMDDHHmmSS in UTC+8, written here independently of src/lib/shared/time.ts. */
const local = (t: Date) => new Date(t.getTime() + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
/** pdfsig's 「Mon DD YYYY HH:MM:SS」 in UTC (the machine's zone in the tests). */
const pdfsigTime = (t: Date) => {
  const [, mon, dd, yyyy, hms] = /^\w+ (\w+) (\d+) (\d+) (\S+)/.exec(t.toUTCString().replace(/^(\w+), (\d+) (\w+)/, '$1 $3 $2'))!;
  return `${mon} ${dd} ${yyyy} ${hms}`;
};
/** The file after each signature (index 0: one signature). */
const revisions: Uint8Array[] = [];
let unsigned: Uint8Array;
const file = (n: string) => join(workDir(), `pades-${n}.pdf`);

beforeAll(async () => {
  requireTools();
  pki = makeTestPki();
  nssDb = nssDbTrusting(pki.caPem);
  const signers: [string, Signer][] = [
    ['accessor', await readPkcs12(readFileSync(pki.staffA), pki.password)],
    ['approver', await readPkcs12(readFileSync(pki.staffB), ASCII_PASSWORD)],
    ['registrar', await readPkcs12(readFileSync(pki.staffC), ASCII_PASSWORD)],
  ];
  unsigned = await exportRecordPdf({ form: access.form, record: envelopeOf(access, data), fonts: nodeFonts() });
  writeFileSync(file('0'), unsigned);
  let current = unsigned;
  for (const [i, [role, signer]] of signers.entries()) {
    current = await addSignature(current, { signer, role, fonts: nodeFonts(), time: times[i] });
    revisions.push(current);
    writeFileSync(file(String(i + 1)), current);
  }
}, 120_000);

/** Each signature's /ByteRange and its /Contents as DER, read straight from the bytes. */
function signaturesIn(bytes: Uint8Array): { range: number[]; der: Buffer }[] {
  const text = Buffer.from(bytes).toString('latin1');
  return [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].map((m) => {
    const range = m.slice(1, 5).map(Number);
    // The placeholder is zero-padded: the DER's own length (its outer SEQUENCE header) says where it ends.
    const all = Buffer.from(text.slice(range[1] + 1, range[2] - 1), 'hex');
    const n = all[1] & 0x80 ? all[1] & 0x7f : 0;
    const length = n ? 2 + n + all.subarray(2, 2 + n).reduce((v, b) => v * 256 + b, 0) : 2 + all[1];
    return { range, der: all.subarray(0, length) };
  });
}

/** The trailer /ID of a file, as qpdf reads it. */
function trailerId(path: string): string[] {
  const r = run('qpdf', ['--show-object=trailer', path]);
  expect(r.status, r.stderr).toBe(0);
  const m = /\/ID \[ <([0-9a-f]+)> <([0-9a-f]+)> \]/.exec(r.stdout);
  expect(m, r.stdout).not.toBeNull();
  return [m![1], m![2]];
}

/** pdfinfo's Info ModDate (ISO) and the XMP packet it prints. */
function dates(path: string): { modDate: string; xmpModify: string; xmpMetadata: string } {
  const info = run('pdfinfo', ['-isodates', path]).stdout;
  const meta = run('pdfinfo', ['-meta', path]).stdout;
  return {
    modDate: /ModDate:\s+(\S+)/.exec(info)?.[1] ?? '',
    xmpModify: /<xmp:ModifyDate>([^<]+)</.exec(meta)?.[1] ?? '',
    xmpMetadata: /<xmp:MetadataDate>([^<]+)</.exec(meta)?.[1] ?? '',
  };
}

const instant = (iso: string) => new Date(iso.replace(/([+-]\d\d)$/, '$1:00')).getTime();

describe('the CMS of a record signature (openssl cms -cmsout -print)', () => {
  it('has content-type, message-digest and signing-certificate-v2, and no signing-time', () => {
    const sigs = signaturesIn(revisions[2]);
    expect(sigs).toHaveLength(3);
    for (const [i, s] of sigs.entries()) {
      const der = join(workDir(), `pades-cms-${i}.der`);
      writeFileSync(der, s.der);
      const r = run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', der]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('contentType');
      expect(r.stdout).toContain('messageDigest');
      expect(r.stdout).toMatch(/id-smime-aa-signingCertificateV2|1\.2\.840\.113549\.1\.9\.16\.2\.47/);
      expect(r.stdout).not.toMatch(/signingTime|1\.2\.840\.113549\.1\.9\.5\b/);
    }
  });

  it('the signature dictionary carries /M: the signing time in UTC+8 with its offset', () => {
    const text = Buffer.from(revisions[2]).toString('latin1');
    const ms = [...text.matchAll(/\/M \(D:(\d{14})\+08'00'\)/g)].map((m) => m[1]);
    expect(ms).toEqual(times.map(local));
  });

  it('pdfsig reads the time from /M and finds all three signatures valid and trusted', () => {
    const r = run('pdfsig', ['-nssdir', nssDb, file('3')], { TZ: 'UTC' });
    const out = r.stdout + r.stderr;
    expect(out.split('Signature is Valid.').length - 1).toBe(3);
    expect(out.split('Certificate is Trusted.').length - 1).toBe(3);
    for (const t of times) expect(out).toContain(`Signing Time: ${pdfsigTime(t)}`);
  });

  it('our verifier takes the signing time from /M', async () => {
    const report = await verifyPdf(revisions[2], { trust: [pki.caPem], register: handbookRegister() });
    expect(report.signatures.map((s) => s.signingTime?.toISOString())).toEqual(times.map((t) => t.toISOString()));
    expect(report.signatures.map((s) => s.status)).toEqual(['valid', 'valid', 'valid']);
    expect(report.signatures.flatMap((s) => s.notes)).not.toContain('簽章未註明簽署時間');
  });
});

describe('files signed before PAdES B-B', () => {
  it('a CMS that still carries signing-time verifies, and that time is the one reported', async () => {
    // Re-sign revision 1's range with the old attribute set: what this handbook wrote before.
    const bytes = new Uint8Array(revisions[0]);
    const [{ range }] = signaturesIn(bytes);
    const digest = await sha256(bytes.subarray(0, range[1]), bytes.subarray(range[2], range[2] + range[3]));
    const old = new Date(times[0].getTime() - 60_000);
    const signer = await readPkcs12(readFileSync(pki.staffA), pki.password);
    const hex = Buffer.from(await createCadesSignature(signer, digest, old)).toString('hex');
    bytes.set(Buffer.from(hex.padEnd(range[2] - range[1] - 2, '0'), 'latin1'), range[1] + 1);
    const der = join(workDir(), 'pades-old.der');
    writeFileSync(der, Buffer.from(hex, 'hex'));
    expect(run('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', der]).stdout).toContain('signingTime');
    const report = await verifyPdf(bytes, { trust: [pki.caPem], register: handbookRegister() });
    expect(report.signatures[0].status).toBe('valid');
    expect(report.signatures[0].signingTime?.toISOString()).toBe(old.toISOString());
  });
});

describe('every revision is marked as one (ISO 32000-1 14.4)', () => {
  it('each signature keeps /ID[0] and writes a new /ID[1]', () => {
    const ids = [file('0'), file('1'), file('2'), file('3')].map(trailerId);
    for (const id of ids) expect(id[0]).toBe(ids[0][0]);
    expect(new Set(ids.map((id) => id[1])).size).toBe(4);
  });

  it('the revision each signature signed is byte-identical inside the next file', () => {
    for (let i = 1; i < revisions.length; i++) {
      expect(Buffer.from(revisions[i].subarray(0, revisions[i - 1].length)).equals(Buffer.from(revisions[i - 1]))).toBe(true);
    }
    // And qpdf reads the first revision cut out of the last file with its own /ID.
    const cut = join(workDir(), 'pades-cut-1.pdf');
    writeFileSync(cut, revisions[2].subarray(0, revisions[0].length));
    expect(trailerId(cut)).toEqual(trailerId(file('1')));
  });

  it('Info ModDate and XMP ModifyDate / MetadataDate are the signing time, and agree', () => {
    for (const [i, t] of times.entries()) {
      const d = dates(file(String(i + 1)));
      expect(instant(d.modDate)).toBe(t.getTime());
      expect(new Date(d.xmpModify).getTime()).toBe(t.getTime());
      expect(new Date(d.xmpMetadata).getTime()).toBe(t.getTime());
    }
    expect(instant(dates(file('0')).modDate)).not.toBe(times[0].getTime());
  });

  it('qpdf --check is clean and the PDF/A-3b spot checks pass after three signatures', async () => {
    const r = run('qpdf', ['--check', file('3')]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(await pdfaProblems(revisions[2])).toEqual([]);
  });
});
