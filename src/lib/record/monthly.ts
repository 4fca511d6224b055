/**
 * Monthly statistics computed from the month's exported records (so they live with the record
 * envelope, and lib/forms never imports lib/record):
 *  - 月度投訴統計分析 (complaint-monthly-stats) from 業戶意見受理表 (complaint-intake) records;
 *  - 回訪用戶月統計 (follow-up-monthly-stats) from 回訪用戶記錄表 (follow-up-visit) records.
 * Input: exported record envelopes (./envelope.ts) or bare record data. Records of another form,
 * of another month, without a date, or repeating a record number are left out and reported.
 * The output validates against the statistics form's schema (status 編製中: the 物業主任 / 部門經理
 * adds analysis, improvements and signatures). Browser-safe.
 */
import type { FormId } from '../procedures.ts';
import { RECORD_FORMAT } from './envelope.ts';
import { satisfactionRate } from '../forms/derive.ts';
import { getFormSchema, getFormMeta } from '../forms/definition/index.ts';
import { monthOf } from '../shared/time.ts';

export interface IgnoredRecord {
  /** 0-based position in the input. */
  index: number;
  recordNo?: string;
  /** zh-TW reason, e.g. 「第 3 筆（TS-2026-0050）：受理日期時間屬 2026-04，不是 2026-03」 */
  reason: string;
}

export interface MonthlyResult<D> {
  data: D;
  /** Record numbers counted. */
  included: string[];
  ignored: IgnoredRecord[];
  /** Counted records with a missing value that was counted under a fallback (e.g. 投訴方式 → 其他). */
  notes: string[];
}

export interface ComplaintMonthlyStats {
  month: string;
  total: number;
  byChannel: { phone: number; visit: number; written: number; other: number };
  byCategory: Record<string, number>;
  bySeverity: { major: number; general: number };
  byOutcome: { resolved: number; unresolved: number };
  sourceRecords: string[];
  status: 'open';
}

export interface FollowUpMonthlyStats {
  month: string;
  total: number;
  satisfaction: { satisfied: number; fair: number; dissatisfied: number };
  byMethod: { onSite: number; phone: number };
  satisfactionRate: number;
  shortcomings: { visitNo?: string; unit?: string; text: string }[];
  sourceRecords: string[];
  status: 'open';
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

// Records are grouped by month in the handbook's time (UTC+8); kept here, where callers look for it.
export { monthOf };

interface Unwrapped {
  index: number;
  data?: Record<string, unknown>;
  problem?: string;
}

function unwrap(records: readonly unknown[], formId: FormId): Unwrapped[] {
  const title = getFormMeta(formId).title;
  return records.map((r, index) => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) return { index, problem: '不是記錄' };
    const o = r as Record<string, unknown>;
    if (o.format === RECORD_FORMAT || 'data' in o) {
      if (o.form !== formId) {
        const other = typeof o.form === 'string' ? o.form : '未知表單';
        return { index, problem: `不是「${title}」的記錄（是「${titleOf(other)}」）` };
      }
      if (!o.data || typeof o.data !== 'object') return { index, problem: '記錄缺少內容' };
      return { index, data: o.data as Record<string, unknown> };
    }
    return { index, data: o };
  });
}

function titleOf(formId: string): string {
  try {
    return getFormMeta(formId as FormId).title;
  } catch {
    return formId;
  }
}

/** Shared selection: the month's records of `formId`, each once; the rest reported. */
function select(records: readonly unknown[], formId: FormId, month: string) {
  if (!MONTH.test(month)) throw new RangeError(`月份格式應為 YYYY-MM：${month}`);
  const x = getFormMeta(formId);
  const numberField = x.recordNumberField;
  const dateField = x.dateField;
  const dateTitle = getFormSchema(formId).properties?.[dateField]?.title ?? dateField;
  const numberTitle = getFormSchema(formId).properties?.[numberField]?.title ?? numberField;
  const ignored: IgnoredRecord[] = [];
  const chosen: { index: number; recordNo: string; data: Record<string, unknown> }[] = [];
  const seen = new Set<string>();
  for (const u of unwrap(records, formId)) {
    const recordNo = typeof u.data?.[numberField] === 'string' ? (u.data[numberField] as string) : undefined;
    const label = `第 ${u.index + 1} 筆${recordNo ? `（${recordNo}）` : ''}`;
    const ignore = (reason: string) => ignored.push({ index: u.index, ...(recordNo ? { recordNo } : {}), reason: `${label}：${reason}` });
    if (!u.data) {
      ignore(u.problem ?? '不是記錄');
      continue;
    }
    const m = monthOf(u.data[dateField]);
    if (!m) {
      ignore(`缺少有效的${dateTitle}`);
      continue;
    }
    if (m !== month) {
      ignore(`${dateTitle}屬 ${m}，不是 ${month}`);
      continue;
    }
    if (!recordNo || !recordNo.trim()) {
      ignore(`缺少${numberTitle}`);
      continue;
    }
    const key = recordNo;
    if (seen.has(key)) {
      ignore(`編號重複，已計算一次`);
      continue;
    }
    seen.add(key);
    chosen.push({ index: u.index, recordNo: key, data: u.data });
  }
  return { chosen, ignored };
}

/** 月度投訴統計分析 for `month` ("YYYY-MM") from 業戶意見受理表 records (職責 3). */
export function complaintMonthlyStats(records: readonly unknown[], month: string): MonthlyResult<ComplaintMonthlyStats> {
  const { chosen, ignored } = select(records, 'complaint-intake', month);
  const schema = getFormSchema('complaint-intake');
  const categories = (schema.properties?.category?.oneOf ?? []).map((o) => String(o.const));
  const notes: string[] = [];
  const data: ComplaintMonthlyStats = {
    month,
    total: chosen.length,
    byChannel: { phone: 0, visit: 0, written: 0, other: 0 },
    byCategory: Object.fromEntries(categories.map((c) => [c, 0])),
    bySeverity: { major: 0, general: 0 },
    byOutcome: { resolved: 0, unresolved: 0 },
    sourceRecords: chosen.map((c) => c.recordNo),
    status: 'open',
  };
  for (const { recordNo, data: r } of chosen) {
    const channel = typeof r.channel === 'string' && r.channel in data.byChannel ? (r.channel as keyof typeof data.byChannel) : 'other';
    if (channel === 'other' && r.channel !== 'other') notes.push(`${recordNo}：未填投訴方式，計入「其他」`);
    data.byChannel[channel]++;
    const category = typeof r.category === 'string' && categories.includes(r.category) ? r.category : 'other';
    if (category === 'other' && r.category !== 'other') notes.push(`${recordNo}：未填投訴類別，計入「其他」`);
    data.byCategory[category] = (data.byCategory[category] ?? 0) + 1;
    if (r.isMajor === true) data.bySeverity.major++;
    else {
      if (r.isMajor !== false) notes.push(`${recordNo}：未填是否重大投訴，計入「一般投訴」`);
      data.bySeverity.general++;
    }
    if (r.resolved === true) data.byOutcome.resolved++;
    else data.byOutcome.unresolved++;
  }
  return { data, included: data.sourceRecords, ignored, notes };
}

/** 回訪用戶月統計 for `month` ("YYYY-MM") from 回訪用戶記錄表 records (4.5). */
export function followUpMonthlyStats(records: readonly unknown[], month: string): MonthlyResult<FollowUpMonthlyStats> {
  const { chosen, ignored } = select(records, 'follow-up-visit', month);
  const notes: string[] = [];
  const counted = chosen.filter(({ index, recordNo, data: r }) => {
    const ok = r.satisfaction === 'satisfied' || r.satisfaction === 'fair' || r.satisfaction === 'dissatisfied';
    if (!ok) ignored.push({ index, recordNo, reason: `第 ${index + 1} 筆（${recordNo}）：缺少滿意度評價，未計入` });
    return ok;
  });
  const data: FollowUpMonthlyStats = {
    month,
    total: counted.length,
    satisfaction: { satisfied: 0, fair: 0, dissatisfied: 0 },
    byMethod: { onSite: 0, phone: 0 },
    satisfactionRate: 0,
    shortcomings: [],
    sourceRecords: counted.map((c) => c.recordNo),
    status: 'open',
  };
  for (const { recordNo, data: r } of counted) {
    data.satisfaction[r.satisfaction as keyof FollowUpMonthlyStats['satisfaction']]++;
    if (r.method === 'phone') data.byMethod.phone++;
    else {
      if (r.method !== 'onSite') notes.push(`${recordNo}：未填回訪方式，計入「上門」`);
      data.byMethod.onSite++;
    }
    if (typeof r.shortcomings === 'string' && r.shortcomings.trim()) {
      data.shortcomings.push({
        visitNo: recordNo,
        ...(typeof r.unit === 'string' && r.unit.trim() ? { unit: r.unit } : {}),
        text: r.shortcomings.trim(),
      });
    }
  }
  data.satisfactionRate = satisfactionRate(data.satisfaction);
  return { data, included: data.sourceRecords, ignored: ignored.sort((a, b) => a.index - b.index), notes };
}

/**
 * The statistics form after computing a month's figures: the computed fields replace the entered
 * ones, everything else the user wrote (analysis, measures) stays, and an entered status is kept.
 */
export function mergeMonthlyStats(current: Record<string, unknown>, stats: Record<string, unknown>): Record<string, unknown> {
  return { ...current, ...stats, status: current.status ?? stats.status };
}
