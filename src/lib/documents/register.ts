/**
 * The controlled-document register as plain data: which revision of which procedure is in force.
 * Browser-safe; `register-files.ts` reads it from the procedure sources in Node.
 */
import type { DocStatus } from './doc-control.ts';
import type { ProcedureId } from '../procedures.ts';

export interface RegisterRevision {
  procedure: ProcedureId;
  docNumber: string;
  title: string;
  revision: string;
  status: DocStatus;
  effectiveDate: string | null;
  /** Site path of this revision's page. */
  path: string;
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

export const STANDING_LABELS: Record<RevisionStanding, string> = {
  effective: '現行生效版本',
  superseded: '已作廢版本',
  draft: '草案（未生效）',
  'in-review': '審核中（未生效）',
  unknown: '本手冊無此版本',
};
