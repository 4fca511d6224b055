/**
 * Reading a record file's bytes, before anything else looks at them: the same checks for an import on
 * a form page, the monthly statistics' record files and the CLI. A file over the size limit is refused
 * before it is read, text that is not valid UTF-8 (a Big5 file, a damaged one) is refused rather than
 * read with U+FFFD in the fields, and a number JSON cannot carry (1e999 reads as Infinity) is refused
 * with where it is, as is a drawn-signature image too large to place (./signature-image.ts). Browser-safe; errors are zh-TW sentences without a final 「。」.
 */
import { sizeText } from '../shared/size.ts';
import { firstJsonFinding } from '../shared/json-walk.ts';
import { signatureImageProblem } from './signature-image.ts';

/** The largest record file read. A filled record with four drawn signatures is well under 300 KB. */
export const RECORD_FILE_MAX_BYTES = 2 * 1024 * 1024;

export type RecordJson = { ok: true; value: unknown } | { ok: false; error: string };

/** The refusal for a file of `size` bytes, or null if it is within the limit. Call before reading the file. */
export function recordFileTooLarge(size: number, max = RECORD_FILE_MAX_BYTES): string | null {
  return size > max ? `檔案有 ${sizeText(size)}，超過記錄檔 ${sizeText(max)} 的上限` : null;
}

/** Where the first number that is not finite sits ("data → amount"), or null. */
export function firstNonFiniteNumber(value: unknown): string | null {
  return firstJsonFinding(value, (v) => (typeof v === 'number' && !Number.isFinite(v) ? true : null))?.where ?? null;
}

/** Size, strict UTF-8 (a leading BOM is dropped), JSON, finite numbers: the parsed value or one zh-TW error. */
export function readRecordJson(bytes: Uint8Array, max = RECORD_FILE_MAX_BYTES): RecordJson {
  const tooLarge = recordFileTooLarge(bytes.byteLength, max);
  if (tooLarge) return { ok: false, error: tooLarge };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: '檔案不是 UTF-8 編碼的文字（可能是 Big5 等其他編碼，或檔案已損壞）' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: '檔案不是有效的 JSON' };
  }
  const where = firstNonFiniteNumber(value);
  if (where) return { ok: false, error: `記錄中「${where}」的數字超出可處理的範圍（例如 1e999）` };
  const image = firstJsonFinding(value, (v) => (typeof v === 'string' && v.startsWith('data:image/') ? signatureImageProblem(v) : null));
  if (image) return { ok: false, error: `記錄中「${image.where}」的${image.finding}` };
  return { ok: true, value };
}
