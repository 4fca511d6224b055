/**
 * The controlled-document register as plain data: which revision of which procedure is in force.
 * Browser-safe; `register-files.ts` reads it from the procedure sources in Node.
 */
import type { DocStatus } from './doc-control.ts';
import type { ProcedureId } from '../procedures.ts';

/** How a record's revision stood on the record's own date, beside its standing today. */
export const IN_FORCE_WHEN_FILLED_NOW_SUPERSEDED = '填寫時生效、現已作廢';
export const NOT_IN_FORCE_WHEN_FILLED = '填寫時未生效';

export interface RegisterRevision {
  procedure: ProcedureId;
  docNumber: string;
  title: string;
  revision: string;
  status: DocStatus;
  effectiveDate: string | null;
  /** YYYY-MM-DD: the day a later revision took its place (set by a release); null while none has. */
  supersededDate?: string | null;
  /** Site path of this revision's page. */
  path: string;
  /** The verified sign-offs (編制、審核、批准), when the reader verified them (the register page, doc:register). */
  approvals?: RegisterApproval[];
}

export interface RegisterApproval {
  role: 'preparedBy' | 'reviewedBy' | 'approvedBy';
  /** ApprovalStatus of src/lib/documents/approval.ts: valid, unsigned, altered, … */
  status: string;
  /** zh-TW: 「簽章有效」, 「未簽署」, … */
  label: string;
  signer?: string;
  /** YYYY-MM-DD in UTC+8, the signer's stated signing time. */
  date?: string;
}

export type RevisionStanding = 'effective' | 'superseded' | 'draft' | 'in-review' | 'unknown';

/** How the revision a record names stands in the register. */
export function revisionStanding(register: RegisterRevision[], docNumber: string, revision: string): RevisionStanding {
  const hit = register.find((r) => r.docNumber === docNumber && r.revision === revision);
  return hit ? hit.status : 'unknown';
}

/** 版本/改次 in force for a document number, or null when the register has none. */
export function effectiveRevision(register: RegisterRevision[], docNumber: string): string | null {
  return register.find((r) => r.docNumber === docNumber && r.status === 'effective')?.revision ?? null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(date: string): boolean {
  return DATE.test(date) && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
}

/** Whether a revision was in force on `date` (YYYY-MM-DD): effective from its effective date until the day it was superseded. */
export function inForceOn(r: RegisterRevision, date: string): boolean {
  if (r.status !== 'effective' && r.status !== 'superseded') return false;
  if (!r.effectiveDate || date < r.effectiveDate) return false;
  return !r.supersededDate || date < r.supersededDate;
}

/**
 * The revision of a procedure (its document number, e.g. HB-SOP-02, or its id, e.g. violations) in
 * force on `date` (YYYY-MM-DD), or null when none was (before its first revision took effect).
 */
export function revisionInForceOn(register: RegisterRevision[], procedureNumber: string, date: string): RegisterRevision | null {
  if (!isIsoDate(date)) throw new Error(`日期格式不符：「${date}」（應為 YYYY-MM-DD）`);
  return register.find((r) => (r.docNumber === procedureNumber || r.procedure === procedureNumber) && inForceOn(r, date)) ?? null;
}

/**
 * How a revision stands on `today` (YYYY-MM-DD, the build's date in UTC+8) for the banners: a
 * release may carry a future date, so an `effective` revision can still be pending and a
 * `superseded` one still in force.
 */
export type StandingToday = 'in-force' | 'pending' | 'superseded' | 'superseded-pending' | 'draft' | 'in-review';

export function standingOn(r: Pick<RegisterRevision, 'status' | 'effectiveDate' | 'supersededDate'>, today: string): StandingToday {
  if (r.status === 'effective') return r.effectiveDate && r.effectiveDate > today ? 'pending' : 'in-force';
  if (r.status === 'superseded') return r.supersededDate && r.supersededDate > today ? 'superseded-pending' : 'superseded';
  return r.status;
}

/** Every revision of a procedure, oldest first. */
export function procedureRevisions(register: RegisterRevision[], procedure: string): RegisterRevision[] {
  return register
    .filter((r) => r.procedure === procedure || r.docNumber === procedure)
    .sort((a, b) => {
      const [va, na] = a.revision.split('/');
      const [vb, nb] = b.revision.split('/');
      return va === vb ? Number(na) - Number(nb) : va.localeCompare(vb);
    });
}

export const STANDING_LABELS: Record<RevisionStanding, string> = {
  effective: '現行生效版本',
  superseded: '已作廢版本',
  draft: '草案（未生效）',
  'in-review': '審核中（未生效）',
  unknown: '本手冊無此版本',
};

export interface InForceRow {
  procedure: string;
  docNumber: string;
  /** The title of the procedure's current revision. */
  title: string;
  /** The revision in force on the date, or null when none was yet. */
  inForce: RegisterRevision | null;
  /** Every revision, oldest first, with its dates and sign-offs. */
  revisions: RegisterRevision[];
}

/** 「某日生效的是哪一版」 for every procedure: one row each, in register order. */
export function registerOn(register: RegisterRevision[], date: string): InForceRow[] {
  const ids = [...new Set(register.map((r) => r.procedure))];
  return ids.map((procedure) => {
    const revisions = procedureRevisions(register, procedure);
    const current = revisions.find((r) => r.status === 'effective') ?? revisions.at(-1)!;
    return {
      procedure,
      docNumber: current.docNumber,
      title: current.title,
      inForce: revisionInForceOn(register, procedure, date),
      revisions,
    };
  });
}

const zhDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** One revision's dates and sign-offs in a line of zh-TW (the CLI and the page's list say the same). */
export function revisionFacts(r: RegisterRevision): string {
  const parts = [`${r.revision}（${r.status === 'effective' ? '生效' : r.status === 'superseded' ? '已作廢' : r.status === 'draft' ? '草案' : '審核中'}）`];
  parts.push(r.effectiveDate ? `生效 ${zhDate(r.effectiveDate)}` : '未生效');
  if (r.supersededDate) parts.push(`作廢 ${zhDate(r.supersededDate)}`);
  for (const a of r.approvals ?? []) {
    const role = a.role === 'preparedBy' ? '編制' : a.role === 'reviewedBy' ? '審核' : '批准';
    parts.push(a.status === 'valid' ? `${role} ${a.signer}${a.date ? ` ${zhDate(a.date)}` : ''}` : `${role} ${a.label}`);
  }
  return parts.join('，');
}

/** The register on a date as text lines (npm run doc:register -- --on <date>). */
export function registerOnText(register: RegisterRevision[], date: string): string[] {
  const out = [`${zhDate(date)} 生效的版本：`];
  for (const row of registerOn(register, date)) {
    out.push(`${row.docNumber}　${row.title}：${row.inForce ? `版本/改次 ${row.inForce.revision}` : '當日尚無生效版本'}`);
    for (const r of row.revisions) out.push(`　${revisionFacts(r)}`);
  }
  return out;
}
