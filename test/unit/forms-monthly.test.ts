/**
 * Monthly statistics from records: counts, other months / forms / duplicates left out and reported,
 * and the result validates against the statistics form.
 */
import { describe, expect, test } from 'vitest';
import { complaintMonthlyStats, followUpMonthlyStats, mergeMonthlyStats, monthOf } from '../../src/lib/record/monthly.ts';
import { buildRecordEnvelope } from '../../src/lib/record/envelope.ts';
import { getExample } from '../../src/lib/forms/definition/index.ts';
import { validateRecord } from '../../src/lib/forms/validation/validate.ts';

const intake = (over: Record<string, unknown>) => ({ ...getExample('complaint-intake'), ...over });
const visit = (over: Record<string, unknown>) => ({ ...getExample('follow-up-visit'), ...over });

describe('monthOf', () => {
  test('dates records in UTC+8', () => {
    expect(monthOf('2026-03-31T15:59:59Z')).toBe('2026-03');
    expect(monthOf('2026-03-31T16:00:00Z')).toBe('2026-04');
    expect(monthOf('2026-04-01T07:30:00+08:00')).toBe('2026-04');
    expect(monthOf('2026-03-13')).toBe('2026-03');
    expect(monthOf('not a date')).toBeUndefined();
    expect(monthOf(undefined)).toBeUndefined();
  });
});

describe('月度投訴統計分析 from 業戶意見受理表', () => {
  const records = [
    buildRecordEnvelope('complaint-intake', intake({ intakeNo: 'TS-2026-0042' }), { procedureRevision: 'A/0' }),
    intake({ intakeNo: 'TS-2026-0043', channel: 'visit', category: 'cleaning', isMajor: true, resolved: false, status: 'open' }),
    intake({ intakeNo: 'TS-2026-0044', channel: 'written', category: 'neighbours', resolved: true }),
    intake({ intakeNo: 'TS-2026-0045', receivedAt: '2026-03-31T16:30:00Z' }),
    intake({ intakeNo: 'TS-2026-0039', receivedAt: '2026-02-27T10:00:00+08:00' }),
    buildRecordEnvelope('follow-up-visit', getExample('follow-up-visit'), { procedureRevision: 'A/0' }),
    intake({ intakeNo: 'TS-2026-0042' }),
    intake({ intakeNo: 'TS-2026-0046', receivedAt: undefined }),
    intake({ intakeNo: 'TS-2026-0047', channel: undefined, category: undefined, isMajor: undefined, resolved: undefined, receivedAt: '2026-03-01T00:05:00+08:00' }),
  ];
  const r = complaintMonthlyStats(records, '2026-03');

  test('counts by 投訴方式, 投訴類別, 重大/一般, 已解決/未解決', () => {
    expect(r.data).toMatchObject({
      month: '2026-03',
      total: 4,
      byChannel: { phone: 1, visit: 1, written: 1, other: 1 },
      bySeverity: { major: 1, general: 3 },
      byOutcome: { resolved: 2, unresolved: 2 },
      sourceRecords: ['TS-2026-0042', 'TS-2026-0043', 'TS-2026-0044', 'TS-2026-0047'],
      status: 'open',
    });
    expect(r.data.byCategory).toMatchObject({ repairs: 1, cleaning: 1, neighbours: 1, other: 1, security: 0 });
    expect(r.included).toEqual(r.data.sourceRecords);
  });

  test('records of other months, other forms, duplicates and undated ones are left out and reported', () => {
    expect(r.ignored.map((i) => i.reason)).toEqual([
      '第 4 筆（TS-2026-0045）：受理日期時間屬 2026-04，不是 2026-03',
      '第 5 筆（TS-2026-0039）：受理日期時間屬 2026-02，不是 2026-03',
      '第 6 筆：不是「業戶意見受理表」的記錄（是「回訪用戶記錄表」）',
      '第 7 筆（TS-2026-0042）：編號重複，已計算一次',
      '第 8 筆（TS-2026-0046）：缺少有效的受理日期時間',
    ]);
    expect(r.notes).toEqual([
      'TS-2026-0047：未填投訴方式，計入「其他」',
      'TS-2026-0047：未填投訴類別，計入「其他」',
      'TS-2026-0047：未填是否重大投訴，計入「一般投訴」',
    ]);
  });

  test('the result validates against 月度投訴統計分析', () => {
    expect(validateRecord('complaint-monthly-stats', r.data)).toEqual({ valid: true, errors: [] });
  });

  test('an empty month is a valid zero report; a bad month is refused', () => {
    const empty = complaintMonthlyStats([], '2026-05');
    expect(empty.data.total).toBe(0);
    expect(validateRecord('complaint-monthly-stats', empty.data).valid).toBe(true);
    expect(() => complaintMonthlyStats([], '2026-5')).toThrow('月份格式應為 YYYY-MM');
  });
});

describe('回訪用戶月統計 from 回訪用戶記錄表', () => {
  const records = [
    visit({ visitNo: 'HF-2026-0021' }),
    visit({ visitNo: 'HF-2026-0022', satisfaction: 'satisfied', shortcomings: undefined }),
    visit({ visitNo: 'HF-2026-0023', satisfaction: 'satisfied', method: 'phone', shortcomings: '  ' }),
    visit({ visitNo: 'HF-2026-0024', satisfaction: 'dissatisfied', unit: '範例花園 1 座 3 樓 A 室', shortcomings: '會所熱水爐維修期間未張貼告示。' }),
    visit({ visitNo: 'HF-2026-0019', visitDate: '2026-02-28' }),
    visit({ visitNo: 'HF-2026-0025', satisfaction: undefined }),
    buildRecordEnvelope('complaint-intake', getExample('complaint-intake'), { procedureRevision: 'A/0' }),
  ];
  const r = followUpMonthlyStats(records, '2026-03');

  test('回訪數, satisfaction counts and rate, 上門/電話, shortcomings', () => {
    expect(r.data).toEqual({
      month: '2026-03',
      total: 4,
      satisfaction: { satisfied: 2, fair: 1, dissatisfied: 1 },
      byMethod: { onSite: 3, phone: 1 },
      satisfactionRate: 75,
      shortcomings: [
        { visitNo: 'HF-2026-0021', unit: '範例花園 3 座 12 樓 B 室', text: '維修前未有書面通知樓上單位，業戶需自行聯絡。' },
        { visitNo: 'HF-2026-0024', unit: '範例花園 1 座 3 樓 A 室', text: '會所熱水爐維修期間未張貼告示。' },
      ],
      sourceRecords: ['HF-2026-0021', 'HF-2026-0022', 'HF-2026-0023', 'HF-2026-0024'],
      status: 'open',
    });
  });

  test('other months, records without 滿意度 and other forms are reported', () => {
    expect(r.ignored.map((i) => i.reason)).toEqual([
      '第 5 筆（HF-2026-0019）：回訪日期屬 2026-02，不是 2026-03',
      '第 6 筆（HF-2026-0025）：缺少滿意度評價，未計入',
      '第 7 筆：不是「回訪用戶記錄表」的記錄（是「業戶意見受理表」）',
    ]);
  });

  test('the result validates against 回訪用戶月統計 (rate rounded to one decimal)', () => {
    expect(validateRecord('follow-up-monthly-stats', r.data)).toEqual({ valid: true, errors: [] });
    const thirds = followUpMonthlyStats([visit({ visitNo: 'A1' }), visit({ visitNo: 'A2', satisfaction: 'dissatisfied' }), visit({ visitNo: 'A3', satisfaction: 'dissatisfied' })], '2026-03');
    expect(thirds.data.satisfactionRate).toBe(33.3);
    expect(validateRecord('follow-up-monthly-stats', thirds.data).valid).toBe(true);
  });
});

describe('mergeMonthlyStats', () => {
  test('computed figures replace entered ones; analysis and an entered status stay', () => {
    const current = { month: '2026-02', total: 9, analysis: '維修類投訴增加', status: 'open' };
    const stats = { month: '2026-03', total: 4, bySeverity: { major: 1, general: 3 }, status: 'closed' };
    expect(mergeMonthlyStats(current, stats)).toEqual({ month: '2026-03', total: 4, bySeverity: { major: 1, general: 3 }, analysis: '維修類投訴增加', status: 'open' });
    expect(mergeMonthlyStats({ analysis: 'x' }, stats).status).toBe('closed');
  });
});
