/**
 * Reading a record file's bytes (src/lib/record/file.ts): size refused with the limit stated, strict
 * UTF-8 (Big5 and damaged bytes refused, never read as U+FFFD), numbers JSON cannot carry refused with
 * where they are.
 */
import { describe, expect, it } from 'vitest';
import { RECORD_FILE_MAX_BYTES, firstNonFiniteNumber, readRecordJson, recordFileTooLarge } from '../../src/lib/record/file.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('readRecordJson', () => {
  it('reads a UTF-8 record, with or without a BOM', () => {
    expect(readRecordJson(utf8('{"data":{"name":"陳大文"}}'))).toEqual({ ok: true, value: { data: { name: '陳大文' } } });
    expect(readRecordJson(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{"a":1}')]))).toEqual({ ok: true, value: { a: 1 } });
  });

  it('refuses Big5 bytes (陳大文 in Big5) instead of reading U+FFFD', () => {
    const big5 = new Uint8Array([...utf8('{"data":{"name":"'), 0xb3, 0xaf, 0xa4, 0x6a, 0xa4, 0xe5, ...utf8('"}}')]);
    const r = readRecordJson(big5);
    expect(r).toEqual({ ok: false, error: '檔案不是 UTF-8 編碼的文字（可能是 Big5 等其他編碼，或檔案已損壞）' });
  });

  it('refuses a truncated UTF-8 sequence', () => {
    const bytes = utf8('{"a":"陳"}');
    expect(readRecordJson(bytes.slice(0, 7)).ok).toBe(false);
  });

  it('refuses 1e999 and -1e999, saying where', () => {
    expect(readRecordJson(utf8('{"data":{"visits":1e999}}'))).toEqual({ ok: false, error: '記錄中「data → visits」的數字超出可處理的範圍（例如 1e999）' });
    expect(readRecordJson(utf8('{"data":{"rows":[{"n":1},{"n":-1e999}]}}'))).toEqual({
      ok: false,
      error: '記錄中「data → rows → 第 2 項 → n」的數字超出可處理的範圍（例如 1e999）',
    });
  });

  it('Infinity and NaN are not JSON', () => {
    expect(readRecordJson(utf8('{"data":{"visits":Infinity}}'))).toEqual({ ok: false, error: '檔案不是有效的 JSON' });
    expect(readRecordJson(utf8('{"data":{"visits":NaN}}'))).toEqual({ ok: false, error: '檔案不是有效的 JSON' });
  });

  it('refuses a file over the limit before decoding it, stating the limit', () => {
    const big = new Uint8Array(RECORD_FILE_MAX_BYTES + 1).fill(0xff);
    expect(readRecordJson(big)).toEqual({ ok: false, error: '檔案有 2.0 MB，超過記錄檔 2 MB 的上限' });
    expect(recordFileTooLarge(50 * 1024 * 1024)).toBe('檔案有 50 MB，超過記錄檔 2 MB 的上限');
    expect(recordFileTooLarge(RECORD_FILE_MAX_BYTES)).toBeNull();
  });

  it('finds no non-finite number in ordinary data', () => {
    expect(firstNonFiniteNumber({ a: [1, 2.5, { b: -3 }], c: 'Infinity' })).toBeNull();
  });
});
