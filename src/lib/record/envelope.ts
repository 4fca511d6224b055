/**
 * The record envelope: what a filled form is when it is saved, exported, imported or embedded in a
 * PDF. It carries the procedure revision it was filled under, so an auditor can tell whether that
 * revision is the effective one. Building one, telling one from bare form data, reading an imported
 * file back (zh-TW errors) and naming the exported file. Browser-safe; the caller passes the form's
 * validator (from `loadRecordValidator(formId)` in the browser or `getRecordValidator(formId)` in
 * Node) so a page bundles only its own form's validation code.
 */
import type { FormId } from '../procedures.ts';
import type { ZhError } from '../forms/validation/messages.ts';
import { getFormMeta, isFormId } from '../forms/definition/index.ts';
import type { ValidationResult } from '../forms/validation/validator.ts';
import { readRecordJson } from './file.ts';
import { envelopeFor, RECORD_FORMAT, type RecordEnvelope } from './envelope-core.ts';

export * from './envelope-core.ts';

export type ImportResult =
  | { ok: true; record: RecordEnvelope; warnings: string[] }
  | {
      ok: false;
      /** One zh-TW sentence for the user. */
      error: string;
      /** The rule / field errors when the record failed validation (else empty). */
      errors: ZhError[];
    };

type Validate = ((data: unknown) => ValidationResult) | { validate(data: unknown): ValidationResult };

const fail = (error: string, errors: ZhError[] = []): ImportResult => ({ ok: false, error, errors });

/**
 * Parses an imported file (its bytes, or text) as a record of `formId`:
 *  - over the size limit, not UTF-8, or holding a number such as 1e999 → file.ts's refusal
 *  - not JSON → 「檔案不是有效的 JSON」
 *  - not a record file of this handbook → 「檔案不是本手冊匯出的記錄」
 *  - another form's record → 「此檔案是「X」的記錄，不是「Y」」
 *  - fails the form's rules → 「記錄不符合「Y」的規則（n 項）」 with the errors listed
 * A record filled under another form revision or form number, or (when the revision in force is
 * given) under another procedure revision, is accepted with a warning.
 */
export function parseRecordFile(file: Uint8Array | string, formId: FormId, validator: Validate, procedureRevision?: string): ImportResult {
  const expected = getFormMeta(formId);
  const read = readRecordJson(typeof file === 'string' ? new TextEncoder().encode(file) : file);
  if (!read.ok) return fail(read.error);
  const value = read.value;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return fail('檔案不是本手冊匯出的記錄');
  const env = value as Partial<RecordEnvelope> & Record<string, unknown>;
  if (env.format !== RECORD_FORMAT) return fail('檔案不是本手冊匯出的記錄');
  if (env.form !== formId) {
    const other = isFormId(env.form) ? getFormMeta(env.form).title : `未知表單 ${String(env.form)}`;
    return fail(`此檔案是「${other}」的記錄，不是「${expected.title}」`);
  }
  if (!env.data || typeof env.data !== 'object' || Array.isArray(env.data)) return fail('檔案缺少記錄內容');
  const validate = typeof validator === 'function' ? validator : (d: unknown) => validator.validate(d);
  const result = validate(env.data);
  if (!result.valid) return fail(`記錄不符合「${expected.title}」的規則（${result.errors.length} 項）`, result.errors);
  const warnings: string[] = [];
  if (env.formNumber !== expected.number) {
    warnings.push(`記錄的表單編號為 ${String(env.formNumber)}，現行為 ${expected.number}`);
  }
  if (env.formRevision !== expected.revision) {
    warnings.push(`記錄以表單版本 ${String(env.formRevision)} 填寫，現行版本為 ${expected.revision}`);
  }
  if (env.procedure !== expected.procedure || env.procedureNumber !== expected.procedureNumber) {
    warnings.push(`記錄所註明的程序（${String(env.procedureNumber)}）與此表單的程序（${expected.procedureNumber}）不符`);
  }
  if (typeof env.procedureRevision !== 'string') warnings.push('記錄未註明填寫時依據的程序版本');
  if (typeof env.savedAt !== 'string' || Number.isNaN(Date.parse(env.savedAt))) warnings.push('記錄的匯出時間無效');
  if (typeof env.procedureRevision === 'string' && procedureRevision !== undefined && env.procedureRevision !== procedureRevision) {
    warnings.push(`此記錄依 ${expected.procedureNumber} 版本/改次 ${env.procedureRevision} 填寫；現行生效版本為 ${procedureRevision}。`);
  }
  return { ok: true, record: env as RecordEnvelope, warnings };
}

export interface EnvelopeOptions {
  /** 版本/改次 of the procedure the record is filled under (the page knows the effective one). */
  procedureRevision: string;
  /** Defaults to now. */
  savedAt?: Date | string;
}

/** Wraps record data in the envelope exported, imported and embedded in PDFs. */
export function buildRecordEnvelope<D extends Record<string, unknown>>(formId: FormId, data: D, options: EnvelopeOptions): RecordEnvelope<D> {
  return envelopeFor(getFormMeta(formId), structuredClone(data), options.procedureRevision, options.savedAt);
}

/** The exported file's text (pretty JSON, final newline). */
export function exportRecordText(envelope: RecordEnvelope): string {
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

/** A file name for the export: 「<form number>_<record number>.json」, "/" replaced, e.g. QR-GR-036_KS-2026-0007.json. */
export function recordFileName(envelope: RecordEnvelope): string {
  const x = getFormMeta(envelope.form);
  const no = envelope.data[x.recordNumberField];
  const part = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '-');
  return `${part(x.number)}_${part(typeof no === 'string' && no ? no : envelope.savedAt.slice(0, 10))}.json`;
}
