/**
 * The record envelope's format and how one is made from a form's metadata (see envelope.ts, which
 * reads, names and builds envelopes for forms named by id). Imports no bundled schema, so a form
 * island builds its record with its own form's definition. Browser-safe.
 */
import type { FormId, ProcedureId } from '../procedures.ts';
import type { FormMeta } from '../forms/definition/schema.ts';

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
  /**
   * Handwritten signatures drawn into the PDF's boxes at export that are not part of the form's
   * data (the PDF panel's own), by role: the embedded record then says everything its page shows.
   */
  drawn?: Record<string, { name: string; date: string; image?: string }>;
}

/** Wraps record data in an envelope for the form whose metadata is given. */
export function envelopeFor<D>(form: FormMeta, data: D, procedureRevision: string, savedAt: Date | string = new Date()): RecordEnvelope<D> {
  return {
    format: RECORD_FORMAT,
    form: form.id,
    formNumber: form.number,
    formRevision: form.revision,
    procedure: form.procedure,
    procedureNumber: form.procedureNumber,
    procedureRevision,
    savedAt: new Date(savedAt).toISOString(),
    data,
  };
}

/**
 * The batch audit's report (src/lib/audit): signed like a record, but made under no procedure, so it
 * names no procedure revision and the verifier does not ask the register for one.
 */
export const AUDIT_REPORT_FORM = 'audit-report';

export function belongsToNoProcedure(record: Pick<RecordEnvelope, 'form'>): boolean {
  return (record.form as string) === AUDIT_REPORT_FORM;
}

/** Whether a parsed JSON value is a record envelope (as the site and the CLI export) rather than bare form data. */
export function isRecordEnvelope(value: unknown): value is RecordEnvelope {
  return !!value && typeof value === 'object' && (value as { format?: unknown }).format === RECORD_FORMAT;
}
