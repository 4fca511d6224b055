/**
 * What an audit finds, as data and words: the problem kinds and their labels, the row, summary and
 * report shapes, and the filter. No verification code, so the /audit/ page can show results without
 * loading the PDF engine (the worker runs ./audit.ts). Browser-safe.
 */
import type { VerifyReport } from '../pdf/index.ts';
import { NOT_IN_FORCE_WHEN_FILLED } from '../documents/register.ts';

export const PROBLEM_KINDS = [
  'unreadable',
  'not-record',
  'modified',
  'invalid-signature',
  'untrusted',
  'expired',
  'identity-mismatch',
  'missing-signer',
  'rules',
  'content',
  'revision',
  'retention-passed',
  'duplicate',
  'other',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export const PROBLEM_LABELS: Record<ProblemKind, string> = {
  unreadable: '非 PDF 或無法讀取',
  'not-record': '不是本手冊的記錄',
  modified: '簽署後被修改',
  'invalid-signature': '簽章無效',
  untrusted: '憑證不受信任',
  expired: '憑證已過期',
  'identity-mismatch': '簽署人與記錄所載不符',
  'missing-signer': '缺少必要簽署',
  rules: '違反表單規則',
  content: '內嵌資料與頁面內容不符',
  revision: '程序版本未生效',
  'retention-passed': '保存期限已過',
  duplicate: '記錄編號重複',
  other: '驗證未通過',
};

/** The register's words for a revision not in force on the record's date (「填寫時未生效」). */
export const NOT_IN_FORCE_ON_RECORD_DATE = NOT_IN_FORCE_WHEN_FILLED;

export interface AuditProblem {
  kind: ProblemKind;
  text: string;
}

/** A signature as the audit shows it: valid / modified / untrusted / expired (and the rarer states). */
export type AuditSignatureState = 'valid' | 'modified' | 'untrusted' | 'expired' | 'invalid';

export const SIGNATURE_STATE_LABELS: Record<AuditSignatureState, string> = {
  valid: '有效',
  modified: '簽署後被修改',
  untrusted: '憑證不受信任',
  expired: '憑證已過期',
  invalid: '簽章無效',
};

export interface AuditSignature {
  /** The x-form role key (the field name). */
  role: string;
  /** The role as the form names it (部門負責人). */
  roleLabel: string;
  signer: string | null;
  state: AuditSignatureState;
  /** The verifier's own label for its status (e.g. 自簽憑證，不受信任). */
  statusLabel: string;
  /** Identity binding (the shared contract): the name the record gives for this role, and whether it matches. */
  recordName: string | null;
  identityMatches: boolean | null;
}

export interface AuditRow {
  file: string;
  formId: string | null;
  formNumber: string | null;
  formTitle: string | null;
  recordNumber: string | null;
  /** The form's date field as YYYY-MM-DD (UTC+8), or null. */
  recordDate: string | null;
  procedureNumber: string | null;
  procedureRevision: string | null;
  /** The revision's standing in today's register (effective, superseded, draft …) in words. */
  revisionLabel: string | null;
  /** That standing as a key (superseded: in force when filled, if inForceOnRecordDate says so). */
  revisionStanding: NonNullable<VerifyReport['revision']>['standing'] | null;
  /** Whether that revision was in force on the record's date: null until the register can say (lifecycle). */
  inForceOnRecordDate: boolean | null;
  signatures: AuditSignature[];
  /** Roles the form requires for this record's data that nobody signed. */
  missingSigners: { role: string; label: string }[];
  rules: { valid: boolean; errors: string[] } | null;
  content: { matches: boolean; differences: string[] } | null;
  retention: { period: string; endDate: string | null; permanent: boolean; passed: boolean } | null;
  /** The verifier's verdict (not decided again): null for a file it could not read. */
  verdict: { kind: 'ok' | 'warn' | 'bad'; title: string } | null;
  problems: AuditProblem[];
}

export interface AuditSummary {
  files: number;
  withProblems: number;
  clean: number;
  byKind: Record<ProblemKind, number>;
}

export interface AuditReport {
  /** ISO time the audit ran. */
  generatedAt: string;
  /** The day retention was judged on (YYYY-MM-DD). */
  today: string;
  trustCount: number;
  rows: AuditRow[];
  summary: AuditSummary;
}

/** Which rows to show: all, those with any problem, those without, or those with a problem of one kind. */
export type AuditFilter = 'all' | 'problems' | 'clean' | ProblemKind;

export function filterRows(rows: AuditRow[], filter: AuditFilter): AuditRow[] {
  if (filter === 'all') return rows;
  if (filter === 'problems') return rows.filter((r) => r.problems.length > 0);
  if (filter === 'clean') return rows.filter((r) => r.problems.length === 0);
  return rows.filter((r) => r.problems.some((p) => p.kind === filter));
}
