/**
 * What a verified record is, for the verify and sign pages: form number and title, the record
 * number under the form's own title for it, and when it was exported; and whether the file was
 * cut off before verifying it. Browser-safe; the caller passes the form's definition.
 */
import type { FormDefinition } from '../../forms/definition/define.ts';
import type { RecordEnvelope } from '../../record/envelope.ts';

export interface RecordIdentity {
  formTitle: string | null;
  formNumber: string;
  formRevision: string;
  recordNumberTitle: string;
  recordNumber: string | null;
  savedAt: string;
}

/** The record's identity; `form` is null when this site does not know the record's form. */
export function recordIdentity(record: RecordEnvelope, form: Pick<FormDefinition, 'meta' | 'schema'> | null): RecordIdentity {
  const data = (record.data && typeof record.data === 'object' ? record.data : {}) as Record<string, unknown>;
  const field = form?.meta.recordNumberField;
  const value = field ? data[field] : undefined;
  // The record-number property's own title (not a ui:title), as the verify page always showed it.
  const title = field ? form.schema.properties?.[field]?.title : undefined;
  return {
    formTitle: form?.meta.title ?? null,
    formNumber: record.formNumber,
    formRevision: record.formRevision,
    recordNumberTitle: title || '記錄編號',
    recordNumber: typeof value === 'string' && value ? value : null,
    savedAt: record.savedAt,
  };
}

export const TRUNCATED_MESSAGE = '此 PDF 檔不完整或已損毀（找不到檔案結尾），可能在下載或複製時中斷。請向提供者重新索取檔案。';

/** A PDF ends with %%EOF (allowing trailing whitespace or a little junk): without it the file was cut off. */
export function looksTruncated(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  if (!head.includes('%PDF-')) return false; // not a PDF at all: verifyPdf says so
  const tail = bytes.subarray(Math.max(0, bytes.length - 4096));
  let text = '';
  for (let i = 0; i < tail.length; i++) text += String.fromCharCode(tail[i]);
  return !text.includes('%%EOF');
}
