/** Record files: export to a RecordEnvelope, import back with zh-TW errors. */
import { describe, expect, test } from 'vitest';
import { RECORD_FORMAT, buildRecordEnvelope, exportRecordText, isRecordEnvelope, parseRecordFile, recordFileName } from '../../src/lib/record/envelope.ts';
import { getExample } from '../../src/lib/forms/definition/index.ts';
import { getRecordValidator, validateRecord } from '../../src/lib/forms/validation/validate.ts';

const env = () => buildRecordEnvelope('qr-gr-036', getExample('qr-gr-036'), { procedureRevision: 'A/1', savedAt: '2026-03-14T02:00:00Z' });
const v036 = getRecordValidator('qr-gr-036');

describe('export', () => {
  test('buildRecordEnvelope fills the envelope from x-form', () => {
    expect(env()).toEqual({
      format: RECORD_FORMAT,
      form: 'qr-gr-036',
      formNumber: 'QR/GR-036',
      formRevision: 'A/0',
      procedure: 'communication',
      procedureNumber: 'TP/QP-09',
      procedureRevision: 'A/1',
      savedAt: '2026-03-14T02:00:00.000Z',
      data: getExample('qr-gr-036'),
    });
    const now = buildRecordEnvelope('archive-access', getExample('archive-access'), { procedureRevision: 'A/0' });
    expect(Math.abs(Date.parse(now.savedAt) - Date.now())).toBeLessThan(5000);
  });

  test('the data is copied, and the file name uses form and record numbers', () => {
    const data = getExample('complaint-intake');
    const e = buildRecordEnvelope('complaint-intake', data, { procedureRevision: 'A/0' });
    data.intakeNo = 'changed';
    expect(e.data.intakeNo).toBe('TS-2026-0042');
    expect(recordFileName(e)).toBe('HB-R-01-01_TS-2026-0042.json');
    expect(recordFileName(env())).toBe('QR-GR-036_KS-2026-0007.json');
  });
});

describe('isRecordEnvelope (what the CLI and an import take as a record rather than bare form data)', () => {
  test('tells an envelope from form data', () => {
    expect(isRecordEnvelope(env())).toBe(true);
    expect(isRecordEnvelope(JSON.parse(exportRecordText(env())))).toBe(true);
    expect(isRecordEnvelope(getExample('qr-gr-036'))).toBe(false);
    expect(isRecordEnvelope({ ...env(), format: 'other/record@1' })).toBe(false);
    expect(isRecordEnvelope(null)).toBe(false);
  });
});

describe('import', () => {
  test('round trip', () => {
    const r = parseRecordFile(exportRecordText(env()), 'qr-gr-036', v036);
    expect(r).toEqual({ ok: true, record: env(), warnings: [] });
  });

  test('a record filled under another procedure revision than the one in force is accepted with a warning', () => {
    expect(parseRecordFile(exportRecordText(env()), 'qr-gr-036', v036, 'A/1')).toEqual({ ok: true, record: env(), warnings: [] });
    expect(parseRecordFile(exportRecordText(env()), 'qr-gr-036', v036, 'A/2')).toEqual({
      ok: true,
      record: env(),
      warnings: ['此記錄依 TP/QP-09 版本/改次 A/1 填寫；現行生效版本為 A/2。'],
    });
  });

  test('a byte-order mark is tolerated; a plain validate function works too', () => {
    const r = parseRecordFile(`\uFEFF${exportRecordText(env())}`, 'qr-gr-036', (d) => validateRecord('qr-gr-036', d));
    expect(r.ok).toBe(true);
  });

  test('not JSON', () => {
    expect(parseRecordFile('業戶意見受理表', 'qr-gr-036', v036)).toEqual({ ok: false, error: '檔案不是有效的 JSON', errors: [] });
  });

  test('JSON that is not a record of this handbook', () => {
    for (const text of ['[]', '42', JSON.stringify(getExample('qr-gr-036')), JSON.stringify({ ...env(), format: 'other/record@1' })]) {
      expect(parseRecordFile(text, 'qr-gr-036', v036)).toEqual({ ok: false, error: '檔案不是本手冊匯出的記錄', errors: [] });
    }
  });

  test("another form's record", () => {
    const r = parseRecordFile(exportRecordText(env()), 'complaint-intake', getRecordValidator('complaint-intake'));
    expect(r).toEqual({ ok: false, error: '此檔案是「顧客投訴處理記錄表」的記錄，不是「業戶意見受理表」', errors: [] });
    const unknown = parseRecordFile(JSON.stringify({ ...env(), form: 'gate-pass' }), 'qr-gr-036', v036);
    expect(unknown).toMatchObject({ ok: false, error: '此檔案是「未知表單 gate-pass」的記錄，不是「顧客投訴處理記錄表」' });
  });

  test('a record that fails the rules lists the errors', () => {
    const e = env();
    e.data.validity = 'invalid';
    delete e.data.severity;
    const r = parseRecordFile(exportRecordText(e), 'qr-gr-036', v036);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toBe('記錄不符合「顧客投訴處理記錄表」的規則（2 項）');
    expect(r.errors.map((x) => x.message)).toEqual([
      expect.stringMatching(/^「解釋說明」：依 4\.2\.3 c\)，/),
      expect.stringMatching(/^「依據（法律、法規）」：依 4\.2\.3 c\)，/),
    ]);
  });

  test('an envelope without data', () => {
    const { data: _d, ...rest } = env();
    expect(parseRecordFile(JSON.stringify(rest), 'qr-gr-036', v036)).toMatchObject({ ok: false, error: '檔案缺少記錄內容' });
  });

  test('another form revision is accepted with warnings', () => {
    const r = parseRecordFile(JSON.stringify({ ...env(), formRevision: 'A/1', procedureRevision: undefined }), 'qr-gr-036', v036);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual(['記錄以表單版本 A/1 填寫，現行版本為 A/0', '記錄未註明填寫時依據的程序版本']);
  });
});
