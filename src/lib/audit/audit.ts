/**
 * The auditors' batch audit: every file of a folder verified with the one verifier
 * (src/lib/pdf/verify/report.ts verifyPdf, whose verdict is not decided again here), then what an
 * audit adds to it: the signers the form requires that have not signed, the retention end date and
 * whether it has passed, and record numbers that occur twice. Each finding is a problem of a kind
 * (PROBLEM_LABELS) with a zh-TW sentence. Framework-free: the CLI (Node) and the /audit/ page's
 * worker (browser) call auditRecords with the same options.
 */
// The verify entry, not ../pdf/index.ts: the audit worker then bundles no .p12 reader (node-forge) and no signing code.
import { PdfError, verifyPdf, type RecordRules, type SignatureReport, type VerifyReport } from '../pdf/entries/verify.ts';
import type { PdfFontSources } from '../pdf/layout/fonts.ts';
import type { FormDefinition } from '../forms/definition/define.ts';
import { retentionOf } from '../forms/definition/retention.ts';
import { requiredSignatures } from '../forms/rules.ts';
import type { RegisterRevision } from '../documents/register.ts';
import { addMonths, localDate, parsePeriod, recordDateOf } from './period.ts';

/** The envelope `form` of an audit report's own embedded summary (see report-pdf.ts). */
export { AUDIT_REPORT_FORM } from '../record/envelope.ts';
export * from './kinds.ts';
import { NOT_IN_FORCE_ON_RECORD_DATE, PROBLEM_KINDS, type AuditReport, type AuditRow, type AuditSignatureState, type AuditSummary, type ProblemKind } from './kinds.ts';
import { AUDIT_REPORT_FORM } from '../record/envelope.ts';

export interface AuditFile {
  name: string;
  /** The bytes, or a reader (the page passes File.arrayBuffer, so a thousand files are not all held at once). */
  bytes: Uint8Array | (() => Promise<Uint8Array>);
}

export interface AuditOptions {
  /** CA certificates (PEM) the company (and the auditor) trusts. */
  trust: string[];
  register: RegisterRevision[];
  /**
   * A form's definition by id under the form revision the record was filled with (null when unknown):
   * titles, record number, date field, signers, retention, and (with fonts) the page layout.
   */
  form: (formId: string, formRevision?: string) => FormDefinition | null | Promise<FormDefinition | null>;
  /** The form's rules (precompiled validators), re-run on each record's data. */
  rules?: RecordRules;
  /** With fonts the embedded JSON is laid out again and compared with the page (as /verify/ does). */
  fonts?: PdfFontSources;
  /** The day retention is judged on, YYYY-MM-DD; default today in UTC+8. */
  today?: string;
  /** Time certificates are judged at (default now), as verifyPdf. */
  now?: Date;
  /** Called after each file. */
  onProgress?: (done: number, total: number, file: string) => void;
}

type WithIdentity = SignatureReport & { identity?: { recordName: string | null; matches: boolean | null; confirmed?: boolean } };

function signatureState(s: SignatureReport): AuditSignatureState {
  switch (s.status) {
    case 'valid':
      return 'valid';
    case 'altered':
      return 'modified';
    case 'untrusted':
    case 'self-signed':
      return 'untrusted';
    case 'expired':
      return 'expired';
    default:
      return 'invalid';
  }
}

const emptyRow = (file: string): AuditRow => ({
  file,
  formId: null,
  formNumber: null,
  formTitle: null,
  recordNumber: null,
  recordDate: null,
  procedureNumber: null,
  procedureRevision: null,
  revisionLabel: null,
  revisionStanding: null,
  inForceOnRecordDate: null,
  signatures: [],
  missingSigners: [],
  rules: null,
  content: null,
  retention: null,
  verdict: null,
  problems: [],
});

const SIGNATURE_PROBLEM: Record<Exclude<AuditSignatureState, 'valid'>, ProblemKind> = {
  modified: 'modified',
  untrusted: 'untrusted',
  expired: 'expired',
  invalid: 'invalid-signature',
};

/**
 * One file's row from its verification report and the definition of its form revision (duplicates
 * are found across rows later).
 */
export function auditRow(file: string, report: VerifyReport, form: FormDefinition | null, today: string): AuditRow {
  const row = emptyRow(file);
  row.verdict = { kind: report.verdict.kind, title: report.verdict.title };
  const add = (kind: ProblemKind, text: string) => row.problems.push({ kind, text });
  if (report.encrypted || report.truncated) {
    add('unreadable', report.verdict.title);
    return row;
  }
  const rec = report.record;
  if (!report.ours || !rec) {
    add('not-record', report.recordError ?? report.message ?? report.verdict.title);
    return row;
  }
  if ((rec.form as string) === AUDIT_REPORT_FORM) {
    add('not-record', '這是稽核報告，不是記錄');
    return row;
  }
  const data = (rec.data && typeof rec.data === 'object' ? rec.data : {}) as Record<string, unknown>;
  row.formId = rec.form;
  row.formNumber = rec.formNumber;
  row.formTitle = form?.meta.title ?? null;
  if (form) {
    const number = data[form.meta.recordNumberField];
    row.recordNumber = typeof number === 'string' && number ? number : null;
    row.recordDate = recordDateOf(data[form.meta.dateField]);
  }

  // Signatures, each in the audit's four words, and who signed against whom the record names.
  for (const s of report.signatures as WithIdentity[]) {
    const state = signatureState(s);
    row.signatures.push({
      role: s.field,
      roleLabel: s.role,
      signer: s.signerName,
      state,
      statusLabel: s.statusLabel,
      recordName: s.identity?.recordName ?? null,
      identityMatches: s.identity?.matches ?? null,
    });
    if (state !== 'valid') add(SIGNATURE_PROBLEM[state], `「${s.role}」（${s.signerName ?? '不明'}）：${s.statusLabel}`);
    // A mismatch the signer confirmed when signing (a deputy, say) is still one for the auditor to see.
    if (s.identity?.matches === false) {
      const confirmed = s.identity.confirmed ? '（簽署人簽署時已確認）' : '';
      add('identity-mismatch', `「${s.role}」由 ${s.signerName ?? '不明'} 簽署，記錄所載為 ${s.identity.recordName ?? '不明'}${confirmed}`);
    }
  }
  if (report.bytesAfterLastSignature > 0 && !row.problems.some((p) => p.kind === 'modified')) {
    add('modified', `最後一個簽章之後另有 ${report.bytesAfterLastSignature} 位元組未經簽章的修改`);
  }

  if (form) {
    const signed = new Set(report.signatures.map((s) => s.field));
    row.missingSigners = requiredSignatures(form.meta, data)
      .filter((s) => !signed.has(s.role) && !signed.has(s.role.replace(/\./g, '_')))
      .map((s) => ({ role: s.role, label: s.label }));
    if (row.missingSigners.length > 0) add('missing-signer', row.missingSigners.map((s) => s.label).join('、'));
  }

  row.rules = report.rules;
  if (report.rules && !report.rules.valid) add('rules', report.rules.errors.join('；'));
  row.content = report.content;
  if (report.content && !report.content.matches) add('content', report.content.differences.join('；'));

  const revision = report.revision;
  if (revision) {
    row.procedureNumber = revision.procedureNumber;
    row.procedureRevision = revision.procedureRevision;
    row.revisionLabel = revision.label;
    row.revisionStanding = revision.standing;
    row.inForceOnRecordDate = revision.inForceOnRecordDate ?? null;
    const where = `${revision.procedureNumber} 第 ${revision.procedureRevision} 版`;
    if (revision.standing === 'draft' || revision.standing === 'in-review' || revision.standing === 'unknown') {
      add('revision', `${where}：${revision.label}`);
    } else if (revision.inForceOnRecordDate === false) {
      add('revision', `${where}：${NOT_IN_FORCE_ON_RECORD_DATE}（記錄日期 ${row.recordDate ?? '不明'}）`);
    }
  } else {
    add('revision', '記錄未載明所依據的程序版本');
  }

  if (form) {
    const period = retentionOf(form.meta, data);
    const parsed = parsePeriod(period);
    if (parsed?.permanent) row.retention = { period, endDate: null, permanent: true, passed: false };
    else if (parsed && row.recordDate) {
      const endDate = addMonths(row.recordDate, parsed.months);
      row.retention = { period, endDate, permanent: false, passed: today > endDate };
      if (row.retention.passed) add('retention-passed', `保存期限${period}，已於 ${endDate} 屆滿`);
    } else row.retention = { period, endDate: null, permanent: false, passed: false };
  }

  // The verifier's verdict stands: a failure none of the kinds above names is reported as such.
  const verdictKinds: ProblemKind[] = ['modified', 'invalid-signature', 'untrusted', 'expired', 'rules', 'content', 'revision'];
  if (report.verdict.kind === 'bad' && !row.problems.some((p) => verdictKinds.includes(p.kind))) add('other', report.verdict.title);
  return row;
}

/** A row for a file the verifier could not read at all (not a PDF, broken). */
export function unreadableRow(file: string, error: unknown): AuditRow {
  const row = emptyRow(file);
  const text = error instanceof PdfError ? error.message.replace(/。$/, '') : '無法讀取此檔案';
  row.problems.push({ kind: 'unreadable', text });
  return row;
}

/** Marks every row whose form and record number another row also has. */
export function markDuplicates(rows: AuditRow[]): void {
  const groups = new Map<string, AuditRow[]>();
  for (const r of rows) {
    if (!r.formId || !r.recordNumber) continue;
    const key = `${r.formId}\u0000${r.recordNumber}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const r of group) {
      const others = group.filter((o) => o !== r).map((o) => o.file);
      r.problems.push({ kind: 'duplicate', text: `記錄編號 ${r.recordNumber} 亦見於：${others.join('、')}` });
    }
  }
}

export function summarizeAudit(rows: AuditRow[]): AuditSummary {
  const byKind = Object.fromEntries(PROBLEM_KINDS.map((k) => [k, 0])) as Record<ProblemKind, number>;
  for (const r of rows) for (const k of new Set(r.problems.map((p) => p.kind))) byKind[k]++;
  const withProblems = rows.filter((r) => r.problems.length > 0).length;
  return { files: rows.length, withProblems, clean: rows.length - withProblems, byKind };
}

const byName = (a: AuditFile, b: AuditFile) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Audits a folder's files, one at a time (a thousand records are never all in memory): the one
 * entry point of the CLI and the page's worker.
 */
export async function auditRecords(files: AuditFile[], options: AuditOptions): Promise<AuditReport> {
  const today = options.today ?? localDate(options.now);
  const sorted = [...files].sort(byName);
  const rows: AuditRow[] = [];
  for (const [i, f] of sorted.entries()) {
    let row: AuditRow;
    try {
      const bytes = typeof f.bytes === 'function' ? await f.bytes() : f.bytes;
      const report = await verifyPdf(bytes, {
        trust: options.trust,
        register: options.register,
        ...(options.now ? { now: options.now } : {}),
        ...(options.rules ? { rules: options.rules } : {}),
        ...(options.fonts ? { layout: { form: options.form, fonts: options.fonts } } : {}),
      });
      const rec = report.record;
      const form = rec && (rec.form as string) !== AUDIT_REPORT_FORM ? await options.form(rec.form, rec.formRevision) : null;
      row = auditRow(f.name, report, form, today);
    } catch (e) {
      row = unreadableRow(f.name, e);
    }
    rows.push(row);
    options.onProgress?.(i + 1, sorted.length, f.name);
  }
  markDuplicates(rows);
  return { generatedAt: (options.now ?? new Date()).toISOString(), today, trustCount: options.trust.length, rows, summary: summarizeAudit(rows) };
}

/** Whether any record of the audit has a problem (the CLI's exit status). */
export function auditFailed(report: AuditReport): boolean {
  return report.summary.withProblems > 0;
}
