/**
 * The record envelope: what a filled form is when it is saved, exported, imported or embedded
 * in a PDF. It carries the procedure revision it was filled under, so an auditor can tell
 * whether that revision is the effective one.
 */
import type { FormId, ProcedureId } from './procedures.ts';

export const RECORD_FORMAT = 'property-sop-handbook/record@1';

export interface RecordEnvelope<D = Record<string, unknown>> {
  format: typeof RECORD_FORMAT;
  form: FormId;
  formNumber: string;
  formRevision: string;
  procedure: ProcedureId;
  procedureNumber: string;
  procedureRevision: string;
  /** ISO 8601 time the record was exported. */
  savedAt: string;
  data: D;
}
