/**
 * zh-TW messages: field titles (nested objects, array rows), generic messages (ajv-i18n where the
 * handbook has no better wording), and rule messages citing the clause.
 */
import { describe, expect, test } from 'vitest';
import { fieldTitle, schemaAtPath, zhErrors } from '../../src/lib/forms/validation/messages.ts';
import { citeClause } from '../../src/lib/forms/rules.ts';
import { getExample, getFormSchema } from '../../src/lib/forms/definition/index.ts';
import { validateRecord } from '../../src/lib/forms/validation/validate.ts';

describe('fieldTitle', () => {
  test('names top-level, nested, array-row and signature fields', () => {
    expect(fieldTitle(getFormSchema('complaint-intake'), '')).toBe('業戶意見受理表');
    expect(fieldTitle(getFormSchema('complaint-intake'), '/intakeNo')).toBe('受理編號');
    expect(fieldTitle(getFormSchema('complaint-intake'), '/reply/date')).toBe('回復業戶・回復日期');
    expect(fieldTitle(getFormSchema('complaint-intake'), '/signatures/owner')).toBe('業戶簽署（加蓋意見）');
    expect(fieldTitle(getFormSchema('complaint-intake'), '/signatures/owner/name')).toBe('業戶簽署（加蓋意見）・簽署人姓名');
    expect(fieldTitle(getFormSchema('archive-catalogue'), '/rows/1/room')).toBe('第 2 列 房號');
    expect(fieldTitle(getFormSchema('archive-catalogue'), '/rows/4')).toBe('業戶檔案 第 5 列');
    expect(fieldTitle(getFormSchema('complaint-monthly-stats'), '/sourceRecords/1')).toBe('統計所據的受理編號 第 2 項');
    expect(fieldTitle(getFormSchema('complaint-monthly-stats'), '/byChannel/phone')).toBe('按投訴方式・來電');
  });

  test('a container (「簽署」) names itself, though not its fields', () => {
    expect(fieldTitle(getFormSchema('archive-catalogue'), '/signatures')).toBe('簽署');
    expect(fieldTitle(getFormSchema('archive-catalogue'), '/signatures/compiler')).not.toContain('簽署・');
    const d = getExample('archive-catalogue');
    delete d.signatures;
    expect(validateRecord('archive-catalogue', d).errors.map((e) => e.message)).toEqual(['「簽署」：必須填寫']);
  });

  test('schemaAtPath follows properties and items', () => {
    expect(schemaAtPath(getFormSchema('archive-catalogue'), '/rows/0/area')?.title).toBe('面積（m²）');
    expect(schemaAtPath(getFormSchema('archive-catalogue'), '/nope')).toBeUndefined();
  });
});

describe('citeClause', () => {
  test('formats clause numbers as the procedures print them', () => {
    expect(citeClause('4.1.6')).toBe('依 4.1.6');
    expect(citeClause('4.2.3', 'c')).toBe('依 4.2.3 c)');
    expect(citeClause('3')).toBe('依第 3 條（職責）');
    expect(citeClause('5')).toBe('依第 5 條（相關表格）');
  });
});

const messages = (formId: Parameters<typeof validateRecord>[0], data: unknown) => validateRecord(formId, data).errors.map((e) => e.message);

describe('generic messages name the field title', () => {
  test('required, in an array row too', () => {
    const d = getExample('archive-catalogue');
    delete (d.rows as Record<string, unknown>[])[1].room;
    delete d.building;
    expect(messages('archive-catalogue', d)).toEqual(['「樓座」：必須填寫', '「第 2 列 房號」：必須填寫']);
  });

  test('formats, patterns and x-messages', () => {
    const d = getExample('complaint-intake');
    Object.assign(d, { receivedAt: '2026-02-29T09:00:00+08:00', archivedOn: '2026/03/09', phone: '電話 5550', ownerName: '   ' });
    expect(messages('complaint-intake', d)).toEqual([
      '「受理日期時間」：日期時間格式不正確（應為日期及時間，並含時區）',
      '「業戶姓名」：不可只填空白',
      '「聯絡電話」：請填寫電話號碼，例如 5550 0123',
      '「存檔日期」：日期格式不正確（應為 YYYY-MM-DD）',
    ]);
  });

  test('leap days are real dates', () => {
    const d = getExample('archive-change');
    d.changedOn = '2028-02-29';
    expect(validateRecord('archive-change', d).valid).toBe(true);
    d.changedOn = '2026-02-29';
    expect(messages('archive-change', d)).toEqual(['「變更日期」：日期格式不正確（應為 YYYY-MM-DD）']);
  });

  test('a value outside the choices, a wrong type, an unknown field', () => {
    const d = getExample('violation-record');
    Object.assign(d, { category: '4.2.9z', ownerInterestsHarmed: 'no', remarks: 'x' });
    expect(messages('violation-record', d)).toEqual([
      '「違章類別」：請從選項中選擇',
      '「是否造成業戶利益受損」：應為「是」或「否」',
      '「業戶違章事件記錄表」：不可有表單以外的欄位「remarks」',
    ]);
  });

  test('other keywords use ajv-i18n zh-TW text', () => {
    const d = getExample('complaint-monthly-stats');
    (d.byChannel as Record<string, number>).written = -1;
    (d.byChannel as Record<string, number>).phone = 3;
    const zh = validateRecord('complaint-monthly-stats', d).errors;
    expect(zh.map((e) => e.message)).toEqual(['「按投訴方式・書面」：應該要 >= 0']);
    expect(zh[0]).toMatchObject({ path: '/byChannel/written', title: '按投訴方式・書面', keyword: 'minimum' });
  });

  test('rule errors carry ruleId and clause; generic ones do not', () => {
    const d = getExample('qr-gr-036');
    d.validity = 'invalid';
    delete d.severity;
    delete d.complainant;
    const errors = validateRecord('qr-gr-036', d).errors;
    expect(errors).toEqual([
      { path: '/complainant', title: '投訴人', text: '必須填寫', message: '「投訴人」：必須填寫', keyword: 'required' },
      expect.objectContaining({ path: '/explanation', title: '解釋說明', ruleId: 'qr-gr-036/invalid-explain', clause: '4.2.3 c)' }),
      expect.objectContaining({ path: '/legalBasis', title: '依據（法律、法規）', ruleId: 'qr-gr-036/invalid-explain', clause: '4.2.3 c)' }),
    ]);
    expect(errors[1].message).toBe(
      '「解釋說明」：依 4.2.3 c)，對於無效投訴應向顧客耐心細致地予以解釋，根據國家、地方、行業有關法律、法規說明不能解決的原因；須填寫解釋說明及依據（此欄必須填寫）',
    );
  });

  test('a non-object record is reported on the form', () => {
    expect(messages('outage-notice', null)).toEqual(['「停水停電通知」：應為一組資料']);
    expect(zhErrors(getFormSchema('outage-notice'), [])).toEqual([]);
  });
});
