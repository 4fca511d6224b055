/**
 * One verdict: for the same file, the report's verdict (what the verify and sign pages show) and
 * the CLI's exit status and JSON agree, including the expired-certificate case, which fails
 * everywhere (it warned on the page before while the CLI failed).
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRecordPdf, exportSignedRecordPdf, readPkcs12, verifyPdf, type VerifyReport } from '../../src/lib/pdf/index.ts';
import { loadTrustList, nodeFonts, nodeRecordChecks } from '../../src/lib/pdf/node.ts';
import { ASCII_PASSWORD, makeTestPki, trustFolderFor, type TestPki } from './helpers/pki.ts';
import { envelopeOf, handbookRegister, namingSigners, testForms } from './helpers/records.ts';
import { removeTempDirs, requireTools, tempDir, runScript } from './helpers/tools.ts';

let pki: TestPki;
let dir: string;
let trustDir: string;
let emptyTrust: string;
const intake = testForms().find((f) => f.id === 'complaint-intake')!;
const DAY = 86_400_000;

beforeAll(() => {
  requireTools();
  pki = makeTestPki();
  dir = tempDir('verdict-');
  trustDir = trustFolderFor(pki, 'verdict-trust-');
  emptyTrust = tempDir('verdict-empty-');
}, 120_000);

afterAll(() => removeTempDirs());

/**
 * The page and the CLI verify a moment apart, and an expired certificate's line names the time of
 * verification (to the minute): that time is the only part of a summary allowed to differ.
 */
function withoutVerificationTime(line: string): string {
  return line.replace(/以驗證當時（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（UTC\+8））/g, '以驗證當時（…）');
}

/** The report as the page gets it, and the CLI's exit status and JSON report, for one file. */
async function both(name: string, bytes: Uint8Array, trustPath: string): Promise<{ report: VerifyReport; status: number | null; json: VerifyReport }> {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const report = await verifyPdf(bytes, { trust: loadTrustList(trustPath), register: handbookRegister(), ...nodeRecordChecks() });
  const r = runScript('verify-cli.ts', [file, '--trust', trustPath, '--json']);
  return { report, status: r.status, json: JSON.parse(r.stdout) as VerifyReport };
}

async function signedBy(p12: string, options: { now?: Date; procedureRevision?: string } = {}): Promise<Uint8Array> {
  const signer = await readPkcs12(readFileSync(p12), p12 === pki.staffA ? pki.password : ASCII_PASSWORD, options.now ? { now: options.now } : {});
  // The record names the certificate's holder as 受理人 (a different name is IDENTITY_MISMATCH, tested apart).
  const record = envelopeOf(intake, namingSigners(intake.form, intake.example, { receiver: signer.name }), options.procedureRevision);
  return exportSignedRecordPdf({ form: intake.form, record, fonts: nodeFonts() }, { signer, role: 'receiver', fonts: nodeFonts() });
}

describe('the page and the CLI give the same verdict', () => {
  it.each([
    ['valid and trusted', 'ok', 0],
    ['untrusted', 'bad', 1],
    ['expired at signing', 'bad', 1],
    ['unsigned', 'warn', 0],
    ['unknown procedure revision', 'bad', 1],
    ['not ours', 'bad', 1],
  ] as const)('%s', async (kase, kind, exit) => {
    let bytes: Uint8Array;
    let trust = trustDir;
    if (kase === 'valid and trusted') bytes = await signedBy(pki.staffA);
    else if (kase === 'untrusted') {
      bytes = await signedBy(pki.staffA);
      trust = emptyTrust;
    } else if (kase === 'expired at signing') bytes = await signedBy(pki.expired, { now: new Date(Date.now() - 500 * DAY) });
    else if (kase === 'unsigned') bytes = await exportRecordPdf({ form: intake.form, record: envelopeOf(intake), fonts: nodeFonts() });
    else if (kase === 'unknown procedure revision') bytes = await signedBy(pki.staffA, { procedureRevision: 'Z/9' });
    else {
      const doc = await PDFDocument.create();
      doc.addPage().drawText('invoice', { font: await doc.embedFont(StandardFonts.Helvetica) });
      bytes = await doc.save();
    }
    const { report, status, json } = await both(`${kase}.pdf`, bytes, trust);
    expect(report.verdict.kind).toBe(kind);
    expect(report.ok).toBe(kind !== 'bad');
    expect(status).toBe(exit);
    expect(json.verdict).toEqual(report.verdict);
    expect(json.ok).toBe(report.ok);
    expect(json.summary.map(withoutVerificationTime)).toEqual(report.summary.map(withoutVerificationTime));
  }, 60_000);

  it('an expired certificate fails with its own title and reason', async () => {
    const bytes = await signedBy(pki.expired, { now: new Date(Date.now() - 500 * DAY) });
    const { report } = await both('expired-title.pdf', bytes, trustDir);
    expect(report.signatures[0].status).toBe('expired');
    expect(report.signatures[0].intact).toBe(true);
    expect(report.signatures[0].tone).toBe('warn');
    expect(report.verdict.title).toBe('驗證未通過：憑證已過期');
    expect(report.verdict.lines.join('')).toContain('王大文');
    expect(report.summary.at(-1)).toBe('結論：驗證未通過，請勿採信此文件，並向簽署人或管理員查證。');
    // Intact, so a later signer may still co-sign (the verdict keeps reporting the expiry).
    expect(report.cannotSign).toBeNull();
  }, 60_000);
});
