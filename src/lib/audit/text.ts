/**
 * An audit row in words, one wording for the CLI's table, the page, the CSV and the PDF report, and
 * the CSV itself (RFC 4180, CRLF, a byte-order mark so spreadsheet programs read the Chinese as UTF-8).
 * Browser-safe.
 */
import { NOT_IN_FORCE_ON_RECORD_DATE, PROBLEM_KINDS, PROBLEM_LABELS, SIGNATURE_STATE_LABELS, type AuditReport, type AuditRow } from './kinds.ts';

export const NONE = '—';

export interface RowText {
  file: string;
  form: string;
  recordNumber: string;
  recordDate: string;
  revision: string;
  signatures: string;
  missingSigners: string;
  rules: string;
  content: string;
  retention: string;
  problems: string;
}

/** Column headings, in the order of RowText's keys. */
export const COLUMN_LABELS: Record<keyof RowText, string> = {
  file: '檔案',
  form: '表單',
  recordNumber: '記錄編號',
  recordDate: '記錄日期',
  revision: '依據程序版本',
  signatures: '簽章',
  missingSigners: '缺少簽署',
  rules: '表單規則',
  content: '頁面與內嵌資料',
  retention: '保存期限',
  problems: '問題',
};

export function signatureText(row: AuditRow): string {
  if (row.formId === null) return NONE;
  if (row.signatures.length === 0) return '未經數位簽章';
  return row.signatures
    .map((s) => {
      const who = `${s.roleLabel}：${s.signer ?? '不明'}（${SIGNATURE_STATE_LABELS[s.state]}）`;
      return s.identityMatches === false ? `${who}，簽署人與記錄所載（${s.recordName ?? '不明'}）不符` : who;
    })
    .join('；');
}

export function revisionText(row: AuditRow): string {
  if (!row.procedureNumber) return NONE;
  // A superseded revision that was in force when the record was filled is sound: say so beside its standing.
  const onDate = row.inForceOnRecordDate === false ? NOT_IN_FORCE_ON_RECORD_DATE : row.inForceOnRecordDate && row.revisionStanding === 'superseded' ? '填寫時生效' : null;
  const notes = [row.revisionLabel, onDate].filter(Boolean);
  return `${row.procedureNumber} ${row.procedureRevision}${notes.length ? `（${notes.join('；')}）` : ''}`;
}

export function retentionTextOf(row: AuditRow): string {
  const r = row.retention;
  if (!r) return NONE;
  if (r.permanent) return r.period;
  if (!r.endDate) return `${r.period}（無法計算屆滿日）`;
  return `${r.period}，至 ${r.endDate}${r.passed ? '（已屆滿）' : ''}`;
}

export function problemsText(row: AuditRow): string {
  return row.problems.length === 0 ? '無' : row.problems.map((p) => `${PROBLEM_LABELS[p.kind]}：${p.text}`).join('；');
}

export function rowText(row: AuditRow): RowText {
  const known = row.formId !== null;
  return {
    file: row.file,
    form: known ? [row.formNumber, row.formTitle].filter(Boolean).join(' ') : NONE,
    recordNumber: row.recordNumber ?? NONE,
    recordDate: row.recordDate ?? NONE,
    revision: revisionText(row),
    signatures: signatureText(row),
    missingSigners: row.missingSigners.length ? row.missingSigners.map((s) => s.label).join('、') : NONE,
    rules: !known ? NONE : row.rules ? (row.rules.valid ? '符合' : `違反：${row.rules.errors.join('；')}`) : '未檢查',
    content: !known ? NONE : row.content ? (row.content.matches ? '一致' : `不符：${row.content.differences.join('；')}`) : '未比對',
    retention: retentionTextOf(row),
    problems: problemsText(row),
  };
}

/** The summary in one line per fact (the CLI prints it; the PDF and page show the same). */
export function summaryLines(report: AuditReport): string[] {
  const s = report.summary;
  const lines = [`檔案 ${s.files} 個：沒有問題 ${s.clean} 個，有問題 ${s.withProblems} 個（保存期限以 ${report.today} 判斷）。`];
  for (const k of PROBLEM_KINDS) if (s.byKind[k] > 0) lines.push(`${PROBLEM_LABELS[k]}：${s.byKind[k]} 個`);
  return lines;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const KEYS = Object.keys(COLUMN_LABELS) as (keyof RowText)[];

/** The audit as CSV: one row per file, a column per fact, and the problem kinds as their own columns (是/空白) for filtering. */
export function auditCsv(report: AuditReport): string {
  const kinds = PROBLEM_KINDS.filter((k) => report.summary.byKind[k] > 0);
  const lines: string[][] = [[...KEYS.map((k) => COLUMN_LABELS[k]), ...kinds.map((k) => PROBLEM_LABELS[k])]];
  for (const row of report.rows) {
    const t = rowText(row);
    lines.push([...KEYS.map((k) => t[k]), ...kinds.map((k) => (row.problems.some((p) => p.kind === k) ? '是' : ''))]);
  }
  return `\uFEFF${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}
