/**
 * The batch audit (issue 11 part 3) through its real CLI process: a prepared folder with one planted
 * problem per file is audited; the exit status, the table, the CSV (BOM, zh-TW headers) and the PDF
 * report (pdftotext, qpdf, pdffonts) name exactly the planted problems; the report is signed by the
 * auditor with the code /sign/ uses and pdfsig accepts it. Also the library's pure parts: periods,
 * dates, duplicates and filters.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASCII_PASSWORD, makeTestPki, type TestPki } from './helpers/pki.ts';
import { handbookRegister } from './helpers/records.ts';
import { AUDIT_TODAY, makeAuditFolder, type AuditFolder } from './helpers/audit-folder.ts';
import { nssDbTrusting, removeTempDirs, requireTools, run, runScript, tempDir } from './helpers/tools.ts';
import { PROBLEM_LABELS, auditRow, filterRows, markDuplicates, summarizeAudit, unreadableRow, type AuditRow } from '../../src/lib/audit/audit.ts';
import { addMonths, parsePeriod, recordDateOf } from '../../src/lib/audit/period.ts';
import { AUDITOR_ROLE } from '../../src/lib/audit/report-pdf.ts';
import { refuseToSign, verifyPdf } from '../../src/lib/pdf/index.ts';
import { loadFormDefinition } from '../../src/lib/pdf/node.ts';
import { problemsText, revisionText, signatureText } from '../../src/lib/audit/text.ts';

let pki: TestPki;
let folder: AuditFolder;
let out: string;
let result: { status: number | null; stdout: string; stderr: string };

const audit = (args: string[]) => runScript('audit-cli.ts', args);

/** CSV (RFC 4180) rows, enough for our quoting. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r') continue;
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else field += c;
  }
  return rows;
}

beforeAll(async () => {
  requireTools();
  pki = makeTestPki();
  folder = await makeAuditFolder(pki);
  out = tempDir('audit-out-');
  result = audit([folder.dir, '--trust', folder.trustDir, '--csv', join(out, 'audit.csv'), '--pdf', join(out, 'audit.pdf'), '--today', AUDIT_TODAY]);
}, 300_000);

afterAll(() => removeTempDirs());

describe('npm run audit on a prepared folder', () => {
  it('exits 1 and the CSV names exactly the planted problems, file by file', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    const text = readFileSync(join(out, 'audit.csv'), 'utf8');
    expect(text.startsWith('\uFEFF檔案,表單,記錄編號,記錄日期,依據程序版本,簽章,缺少簽署,表單規則,頁面與內嵌資料,保存期限,問題,')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    const problemCol = header.indexOf('問題');
    const kindCols = Object.entries(PROBLEM_LABELS).map(([kind, label]) => [kind, header.indexOf(label)] as const).filter(([, i]) => i >= 0);
    const found = Object.fromEntries(rows.map((r) => [r[0], kindCols.filter(([, i]) => r[i] === '是').map(([k]) => k).sort()]));
    const expected = Object.fromEntries(Object.entries(folder.expected).map(([f, kinds]) => [f, [...kinds].sort()]));
    expect(found).toEqual(expected);
    const byFile = Object.fromEntries(rows.map((r) => [r[0], r]));
    expect(byFile['good.pdf'][problemCol]).toBe('無');
    expect(byFile['good.pdf'][header.indexOf('簽章')]).toMatch(/^記錄人(（[^）]*）)?：陳美玲（有效）$/);
    expect(byFile['good.pdf'][header.indexOf('記錄編號')]).toBe('BG-2026-0101');
    expect(byFile['good.pdf'][header.indexOf('記錄日期')]).toBe('2026-11-29');
    expect(byFile['good.pdf'][header.indexOf('保存期限')]).toMatch(/^永久/);
    expect(byFile['tampered.pdf'][header.indexOf('簽章')]).toContain('簽署後被修改');
    expect(byFile['untrusted.pdf'][header.indexOf('簽章')]).toMatch(/^記錄人(（[^）]*）)?：李四（憑證不受信任）$/);
    expect(byFile['missing-signer.pdf'][header.indexOf('缺少簽署')]).toMatch(/^記錄人(（[^）]*）)?$/);
    expect(byFile['rules.pdf'][header.indexOf('表單規則')]).toMatch(/^違反：.*絕密/);
    expect(byFile['draft.pdf'][header.indexOf('依據程序版本')]).toMatch(/^HB-SOP-04 A\/1（.*草案/);
    expect(byFile['before-effective.pdf'][header.indexOf('依據程序版本')]).toBe('HB-SOP-04 A/0（現行生效版本；填寫時未生效）');
    expect(byFile['before-effective.pdf'][problemCol]).toContain('填寫時未生效（記錄日期 2026-11-20）');
    expect(byFile['older/retention.pdf'][header.indexOf('保存期限')]).toBe('三年，至 2029-11-29（已屆滿）');
    expect(byFile['duplicate-1.pdf'][problemCol]).toContain('duplicate-2.pdf');
    expect(byFile['notes.txt'][problemCol]).toBe('非 PDF 或無法讀取：此檔案不是 PDF');
    expect(byFile['wrong-signer.pdf'][problemCol]).toContain('簽署人與記錄所載不符');
    // Every compared page matched its JSON (the tamper changed neither).
    for (const r of rows.filter((r) => r[0].endsWith('.pdf'))) expect(r[header.indexOf('頁面與內嵌資料')]).toBe('一致');
  });

  it('prints the table and the summary in Chinese', () => {
    expect(result.stdout).toContain('✔ good.pdf');
    expect(result.stdout).toContain('✘ tampered.pdf');
    expect(result.stdout).toContain('檔案 12 個：沒有問題 1 個，有問題 11 個');
    expect(result.stdout).toContain('記錄編號重複：2 個');
    expect(result.stdout).not.toMatch(/at .*\.ts:\d+/);
  });

  it('the PDF report: A4, zh-TW text with the embedded font, and the auditor can sign it as /sign/ does', async () => {
    const pdf = join(out, 'audit.pdf');
    expect(run('qpdf', ['--check', pdf]).status).toBe(0);
    const text = run('pdftotext', ['-layout', pdf, '-']).stdout;
    expect(text).toContain('記錄稽核報告');
    expect(text).toContain('有問題 11 個');
    expect(text).toContain('tampered.pdf');
    expect(text).toContain('稽核人');
    expect(run('pdffonts', [pdf]).stdout).toMatch(/NotoSansTC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(run('pdfinfo', [pdf]).stdout).toMatch(/Page size:\s+595\.\d+ x 841\.\d+/);
    expect(await refuseToSign(new Uint8Array(readFileSync(pdf)), { trust: [pki.caPem], register: [] })).toBeNull();
    // The auditor signs the report like a record (the CLI's --add-signature; /sign/ runs the same addSignature).
    const password = join(out, 'pw.txt');
    writeFileSync(password, `${ASCII_PASSWORD}\n`);
    const signed = join(out, 'audit-signed.pdf');
    const signing = runScript('pdf-cli.ts', ['--add-signature', pdf, '--sign', pki.staffB, '--password-file', password, '--role', AUDITOR_ROLE, '-o', signed]);
    expect(signing.out).not.toContain('錯誤');
    expect(signing.status).toBe(0);
    const sig = run('pdfsig', ['-nssdir', nssDbTrusting(pki.caPem), signed]).stdout;
    expect(sig).toContain('Signature is Valid.');
    expect(sig).toContain('黃志強');
    // The signed report verifies as a whole: it names no procedure revision and is not asked for one.
    const verified = runScript('verify-cli.ts', [signed, '--trust', folder.trustDir, '--json']);
    expect(verified.status, verified.stderr).toBe(0);
    const json = JSON.parse(verified.stdout) as { verdict: { kind: string; title: string }; revision: unknown };
    expect(json.verdict).toMatchObject({ kind: 'ok', title: '驗證通過：文件完整，所有簽章有效' });
    expect(json.revision).toBeNull();
  });

  it('refuses a missing folder and an unknown option in Chinese, exit 2', () => {
    const missing = audit([join(out, 'nowhere')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('找不到資料夾');
    const bad = audit([folder.dir, '--colour']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('無法識別的選項 --colour');
  });
});

describe('audit library parts', () => {
  it('reads the shared contract: a signer unlike the record names, a revision not in force on the record date', async () => {
    const report = await verifyPdf(readFileSync(join(folder.dir, 'good.pdf')), { trust: [pki.caPem], register: handbookRegister() });
    // The fields identity binding and the register's dates add (set here as those branches will).
    Object.assign(report.signatures[0], { identity: { recordName: '吳國華', matches: false, confirmed: false } });
    Object.assign(report.revision!, { inForceOnRecordDate: false });
    const row = auditRow('good.pdf', report, loadFormDefinition('archive-change'), '2026-12-01');
    expect(row.problems.map((p) => p.kind)).toEqual(['identity-mismatch', 'revision']);
    expect(problemsText(row)).toContain('簽署人與記錄所載不符：「記錄人');
    expect(problemsText(row)).toContain('陳美玲 簽署，記錄所載為 吳國華');
    expect(problemsText(row)).toContain('填寫時未生效（記錄日期 2026-11-29）');
    expect(signatureText(row)).toContain('簽署人與記錄所載（吳國華）不符');
    expect(revisionText(row)).toBe('HB-SOP-04 A/0（現行生效版本；填寫時未生效）');
  });

  it('reads retention periods and adds them to a record date', () => {
    expect(parsePeriod('三年')).toEqual({ permanent: false, months: 36 });
    expect(parsePeriod('十八個月')).toEqual({ permanent: false, months: 18 });
    expect(parsePeriod('五年（暫定）')).toEqual({ permanent: false, months: 60 });
    expect(parsePeriod('永久')).toEqual({ permanent: true });
    expect(parsePeriod('依法規')).toBeNull();
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-11-29', 36)).toBe('2029-11-29');
  });

  it('dates a record in UTC+8, and a month by its last day', () => {
    expect(recordDateOf('2026-03-31T18:00:00Z')).toBe('2026-04-01');
    expect(recordDateOf('2026-03-04T09:15:00+08:00')).toBe('2026-03-04');
    expect(recordDateOf('2026-02')).toBe('2026-02-28');
    expect(recordDateOf('昨日')).toBeNull();
  });

  it('marks duplicates per form and number, counts each file once per kind, and filters', () => {
    const row = (file: string, formId: string | null, recordNumber: string | null): AuditRow => ({ ...unreadableRow(file, null), problems: [], formId, recordNumber });
    const rows = [row('a.pdf', 'f', '1'), row('b.pdf', 'f', '1'), row('c.pdf', 'g', '1'), row('d.pdf', 'f', null), unreadableRow('e.txt', null)];
    markDuplicates(rows);
    expect(rows.map((r) => r.problems.map((p) => p.kind))).toEqual([['duplicate'], ['duplicate'], [], [], ['unreadable']]);
    const s = summarizeAudit(rows);
    expect([s.files, s.withProblems, s.clean, s.byKind.duplicate, s.byKind.unreadable]).toEqual([5, 3, 2, 2, 1]);
    expect(filterRows(rows, 'duplicate').map((r) => r.file)).toEqual(['a.pdf', 'b.pdf']);
    expect(filterRows(rows, 'clean').map((r) => r.file)).toEqual(['c.pdf', 'd.pdf']);
    expect(filterRows(rows, 'problems')).toHaveLength(3);
  });
});
