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
  /**
   * Handwritten signatures drawn into the PDF's boxes at export that are not part of the form's
   * data (the PDF panel's own), by role: the embedded record then says everything its page shows.
   */
  drawn?: Record<string, { name: string; date: string; image?: string }>;
}

/** The part of a form's x-form metadata an envelope names. */
export interface EnvelopeForm {
  id: string;
  number: string;
  revision: string;
  procedure: string;
  procedureNumber: string;
}

/** Wraps record data in an envelope for the form whose metadata is given. */
export function envelopeFor<D>(form: EnvelopeForm, data: D, procedureRevision: string, savedAt: Date | string = new Date()): RecordEnvelope<D> {
  return {
    format: RECORD_FORMAT,
    form: form.id as FormId,
    formNumber: form.number,
    formRevision: form.revision,
    procedure: form.procedure as ProcedureId,
    procedureNumber: form.procedureNumber,
    procedureRevision,
    savedAt: new Date(savedAt).toISOString(),
    data,
  };
}

/** Whether a parsed JSON value is a record envelope (as the site exports it) rather than bare form data. */
export function isRecordEnvelope(value: unknown): value is RecordEnvelope {
  return !!value && typeof value === 'object' && (value as { format?: unknown }).format === RECORD_FORMAT;
}
