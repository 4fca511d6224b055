/**
 * What the verify and sign pages say about a file, decided in src/lib/pdf (identity.ts,
 * file-text.ts) rather than in the components: the record's identity, a cut-off file, file names,
 * sizes and error sentences.
 */
import { describe, expect, it } from 'vitest';
import { errorCode, errorText, safeFileName, signedFileName, sizeText } from '../../src/lib/pdf/file-text.ts';
import { PdfError, looksTruncated, recordIdentity } from '../../src/lib/pdf/index.ts';
import { formDefinition } from '../../src/lib/forms/definition/index.ts';
import { envelopeOf, testForms } from './helpers/records.ts';

const intake = testForms().find((f) => f.id === 'complaint-intake')!;
// As the page gets it: the bundled definition of the record's form.
const def = formDefinition('complaint-intake');
const x = def.meta;

describe('recordIdentity', () => {
  it('names the form and the record number under the form\'s own title for it', () => {
    const rec = envelopeOf(intake);
    const id = recordIdentity(rec, def);
    const field = x.recordNumberField!;
    expect(id).toEqual({
      formTitle: x.title,
      formNumber: rec.formNumber,
      formRevision: rec.formRevision,
      recordNumberTitle: (intake.form.schema.properties![field] as { title: string }).title,
      recordNumber: intake.example[field],
      savedAt: rec.savedAt,
    });
  });

  it('an unknown form or an empty record number: the generic title, no number', () => {
    const rec = envelopeOf(intake, { ...intake.example, [x.recordNumberField!]: '' });
    expect(recordIdentity(rec, null)).toMatchObject({ formTitle: null, recordNumberTitle: '記錄編號', recordNumber: null });
    expect(recordIdentity(rec, def).recordNumber).toBeNull();
  });
});

describe('looksTruncated', () => {
  const pdf = (s: string) => new TextEncoder().encode(s);
  it('a PDF without %%EOF near its end was cut off; trailing junk after it is fine; a non-PDF is not judged', () => {
    expect(looksTruncated(pdf('%PDF-1.7\n1 0 obj<<>>endobj\n'))).toBe(true);
    expect(looksTruncated(pdf('%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n\0\0'))).toBe(false);
    expect(looksTruncated(pdf('hello'))).toBe(false);
  });
});

describe('file text', () => {
  it('file names, sizes and error sentences in zh-TW', () => {
    expect(safeFileName('TS/2026:001*')).toBe('TS-2026-001-');
    expect(safeFileName('  ', '記錄')).toBe('記錄');
    // Each signer on /sign/ downloads a file of their own name: a second signature never reuses the first's.
    expect(signedFileName('HF-2026-0312', '回訪人')).toBe('HF-2026-0312-回訪人已簽署.pdf');
    expect(signedFileName('HF-2026-0312', '部門負責人')).not.toBe(signedFileName('HF-2026-0312', '回訪人'));
    expect(signedFileName('TS/2026:001', '')).toBe('TS-2026-001-簽署人已簽署.pdf');
    expect(sizeText(7.1 * 1024 * 1024)).toBe('7.1 MB');
    expect(sizeText(2048)).toBe('2 KB');
    expect(sizeText(12)).toBe('12 位元組');
    expect(errorText(new PdfError('BAD_PASSWORD', '憑證密碼不正確，請重新輸入。'), '失敗')).toBe('憑證密碼不正確，請重新輸入。');
    expect(errorText(new Error('Failed to fetch dynamically imported module'), '失敗')).toBe('無法載入 PDF 功能：請檢查網絡連線後重新載入此頁。');
    expect(errorText(new Error('boom'), '失敗')).toBe('失敗');
    expect(errorCode(new PdfError('BAD_PASSWORD', 'x'))).toBe('BAD_PASSWORD');
    expect(errorCode('x')).toBeNull();
  });
});
