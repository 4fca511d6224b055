/**
 * The signer bound to the record (issue 11): the archive-access record names 吳國華 as 查閱人; 陳美玲's
 * certificate signing that role is refused by the CLI unless --confirm-signer-mismatch is given, and a
 * confirmed signature says 「代 吳國華 簽署（憑證：陳美玲）」 in its box, its signed /Reason and the
 * record of the confirmation, while verification flags 「簽署人與記錄所載不符」 (CLI exit 1). The
 * signature's meaning (the role) is the signed /Reason, read here with qpdf.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportSignedRecordPdf } from '../../src/lib/pdf/document/export-signed.ts';
import { loadTrustList, nodeFonts, nodeRecordChecks, loadFormDefinition } from '../../src/lib/pdf/node.ts';
import { addSignature, readPkcs12, type Signer } from '../../src/lib/pdf/sign/sign.ts';
import { PdfError } from '../../src/lib/pdf/errors.ts';
import { IDENTITY_MISMATCH, verifyPdf } from '../../src/lib/pdf/verify/report.ts';
import { makeTestPki, trustFolderFor, asciiPasswordFileIn, type TestPki } from './helpers/pki.ts';
import { ROOT, envelopeOf, handbookRegister, namingSigners, testForms } from './helpers/records.ts';
import { requireTools, run, runScript, tempDir } from './helpers/tools.ts';

let pki: TestPki;
let dir: string;
let trustDir: string;
let pwFile: string;
let staffA: Signer;
const access = testForms().find((f) => f.id === 'archive-access')!;
const forms = (id: string) => (id === 'archive-access' ? loadFormDefinition(id) : null);

const cli = (script: string, args: string[]) => runScript(script, args);

/** The signed /Reason of each signature, as qpdf decodes it. */
function reasons(file: string): string[] {
  const r = run('qpdf', ['--json=2', '--json-key=qpdf', file]);
  return [...r.stdout.matchAll(/"\/Reason": "u:([^"]*)"/g)].map((m) => m[1]);
}

const example = join(ROOT, 'schemas', 'archive-access.example.json');

beforeAll(async () => {
  requireTools();
  pki = makeTestPki();
  dir = tempDir('identity-');
  trustDir = trustFolderFor(pki, 'identity-trust-');
  pwFile = asciiPasswordFileIn(dir);
  staffA = await readPkcs12(readFileSync(pki.staffA), pki.password);
}, 120_000);

describe('the CLI', () => {
  it('refuses 陳美玲 signing as 查閱人 of a record naming 吳國華 without --confirm-signer-mismatch: zh-TW, exit 1, no file', () => {
    const out = join(dir, 'refused.pdf');
    const r = cli('pdf-cli.ts', ['archive-access', example, '--sign', pki.staffA, '--password-file', pki.passwordFile, '--role', 'accessor', '-o', out]);
    expect(r.status, r.out).toBe(1);
    expect(r.out).toContain('憑證上的姓名「陳美玲」與記錄所載的查閱人「吳國華」不符');
    expect(r.out).toContain('--confirm-signer-mismatch');
    expect(r.out).toContain('未產生 PDF');
    expect(existsSync(out)).toBe(false);
  });

  it('with the flag signs on 吳國華\'s behalf, and verify flags 簽署人與記錄所載不符 with exit 1', () => {
    const out = join(dir, 'on-behalf.pdf');
    let r = cli('pdf-cli.ts', ['archive-access', example, '--sign', pki.staffA, '--password-file', pki.passwordFile, '--role', 'accessor', '--confirm-signer-mismatch', '-o', out]);
    expect(r.status, r.out).toBe(0);
    expect(reasons(out)).toEqual(['以查閱人身分代 吳國華 簽署（憑證：陳美玲）']);
    // The box says it (pdftotext reads the widget's appearance).
    expect(run('pdftotext', [out, '-']).stdout.replace(/\s+/g, '')).toContain('查閱人：代吳國華簽署（憑證：陳美玲）');
    r = cli('verify-cli.ts', [out, '--trust', trustDir]);
    expect(r.status, r.out).toBe(1);
    expect(r.out).toContain(IDENTITY_MISMATCH);
    expect(r.out).toContain('記錄所載簽署人：吳國華　—— 簽署人與記錄所載不符（簽署時已確認代為簽署）');
    expect(r.out).toContain('簽署意義：以查閱人身分代 吳國華 簽署（憑證：陳美玲）');
    // The signature itself is sound: pdfsig finds it valid.
    expect(run('pdfsig', [out]).stdout).toContain('Signature is Valid.');
  });

  it('a second signer is checked too: 黃志強 as 批准人 of a record naming 何美玲 is refused, no file', () => {
    const one = join(dir, 'matching-1.pdf');
    const record = join(dir, 'matching.json');
    writeFileSync(record, JSON.stringify(namingSigners(access.form, access.example, { accessor: '陳美玲' })));
    let r = cli('pdf-cli.ts', ['archive-access', record, '--sign', pki.staffA, '--password-file', pki.passwordFile, '--role', 'accessor', '-o', one]);
    expect(r.status, r.out).toBe(0);
    const two = join(dir, 'matching-2.pdf');
    r = cli('pdf-cli.ts', ['--add-signature', one, '--sign', pki.staffB, '--password-file', pwFile, '--role', 'approver', '-o', two]);
    expect(r.status, r.out).toBe(1);
    expect(r.out).toContain('憑證上的姓名「黃志強」與記錄所載的部門經理（批准）「何美玲」不符');
    expect(existsSync(two)).toBe(false);
  });

  it('a signer the record names is clean: exit 0, 相符, the role as the signed meaning', () => {
    const one = join(dir, 'matching-1.pdf');
    expect(reasons(one)).toEqual(['以查閱人身分簽署']);
    const r = cli('verify-cli.ts', [one, '--trust', trustDir]);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain('結論：文件完整，所有簽章有效。');
    expect(r.out).toContain('記錄所載簽署人：陳美玲（相符）');
    expect(r.out).not.toContain(IDENTITY_MISMATCH);
  });
});

describe('the verify report', () => {
  const record = envelopeOf(access);
  const verify = (bytes: Uint8Array) => verifyPdf(bytes, { trust: loadTrustList(trustDir), register: handbookRegister(), ...nodeRecordChecks() });

  it('a confirmed signature on someone\'s behalf: identity, the problem, a warning verdict that is not ok', async () => {
    const pdf = await exportSignedRecordPdf({ form: access.form, record, fonts: nodeFonts() }, { signer: staffA, role: 'accessor', fonts: nodeFonts(), binding: { forms, confirmMismatch: true } });
    const report = await verify(pdf);
    const s = report.signatures[0];
    expect(s.status).toBe('valid');
    expect(s.identity).toEqual({ recordName: '吳國華', matches: false, confirmed: true });
    expect(s.problems).toContain(IDENTITY_MISMATCH);
    expect(s.reason).toBe('以查閱人身分代 吳國華 簽署（憑證：陳美玲）');
    expect(report.verdict.kind).toBe('warn');
    expect(report.verdict.title).toContain(IDENTITY_MISMATCH);
    expect(report.verdict.lines[0]).toContain('簽署人於簽署時已確認代 吳國華 簽署');
    expect(report.ok).toBe(false);
    // A later signer may still co-sign: the signature is intact.
    expect(report.cannotSign).toBeNull();
  }, 60_000);

  it('a mismatch nobody confirmed (signed without the check, as another tool would) says so', async () => {
    const pdf = await exportSignedRecordPdf({ form: access.form, record, fonts: nodeFonts() }, { signer: staffA, role: 'accessor', fonts: nodeFonts() });
    const report = await verify(pdf);
    expect(report.signatures[0].identity).toEqual({ recordName: '吳國華', matches: false, confirmed: false });
    expect(report.verdict.lines[0]).toContain('簽署時未經確認');
    expect(report.ok).toBe(false);
  }, 60_000);

  it('the library refuses an unconfirmed mismatch, naming both people', async () => {
    const err = await exportSignedRecordPdf({ form: access.form, record, fonts: nodeFonts() }, { signer: staffA, role: 'accessor', fonts: nodeFonts(), binding: { forms, confirmMismatch: false } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PdfError);
    expect((err as PdfError).code).toBe('SIGNER_MISMATCH');
    const matching = await exportSignedRecordPdf(
      { form: access.form, record: envelopeOf(access, namingSigners(access.form, access.example, { accessor: '陳美玲' })), fonts: nodeFonts() },
      { signer: staffA, role: 'accessor', fonts: nodeFonts(), binding: { forms, confirmMismatch: false } },
    );
    const err2 = await addSignature(matching, { signer: staffA, role: 'registrar', fonts: nodeFonts(), binding: { forms, confirmMismatch: false } }).catch((e: unknown) => e);
    expect((err2 as PdfError).code).toBe('SIGNER_MISMATCH');
    expect((err2 as PdfError).message).toContain('記錄所載的登記人（前台接待員／檔案員）「鄭小芳」');
    const report = await verify(matching);
    expect(report.signatures[0].identity).toEqual({ recordName: '陳美玲', matches: true, confirmed: false });
    expect(report.ok).toBe(true);
  }, 60_000);
});
