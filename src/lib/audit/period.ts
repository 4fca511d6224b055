/**
 * Dates for the audit: a record's date from its form's date field (in the handbook's UTC+8), a
 * retention period in words (「三年」「十八個月」「永久」) as a span, and the day the retention ends.
 * Browser-safe, no time zone of the machine involved (dates are YYYY-MM-DD strings).
 */
import { HANDBOOK_UTC_OFFSET_MINUTES } from '../shared/time.ts';

/** Today (or the given instant) as YYYY-MM-DD in the handbook's time. */
export function localDate(at: Date = new Date()): string {
  return new Date(at.getTime() + HANDBOOK_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/**
 * A record's date as YYYY-MM-DD: a date as is, a date-time in UTC+8, a month (「2026-03」, the
 * monthly statistics) as its last day, since the month's records are complete only then. Null
 * when the value is not a date.
 */
export function recordDateOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month) {
    const last = new Date(Date.UTC(Number(month[1]), Number(month[2]), 0));
    return last.toISOString().slice(0, 10);
  }
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : localDate(new Date(t));
}

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 (and Arabic digits) as a number, or null. */
function chineseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const m = /^([一二兩三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return null;
  if (!m[2]) return m[1] && !m[3] ? DIGITS[m[1]] : null;
  return (m[1] ? DIGITS[m[1]] : 1) * 10 + (m[3] ? DIGITS[m[3]] : 0);
}

export type Period = { permanent: true } | { permanent: false; months: number };

/** A retention period in words, or null when it names no span this reads (it is then reported as such). */
export function parsePeriod(text: string): Period | null {
  const t = text.replace(/（.*?）/g, '').trim();
  if (/^永久/.test(t)) return { permanent: true };
  const m = /^(\d+|[一二兩三四五六七八九十]+)\s*(年|個月|月)/.exec(t);
  if (!m) return null;
  const n = chineseNumber(m[1]);
  if (n === null) return null;
  return { permanent: false, months: m[2] === '年' ? n * 12 : n };
}

/** start + months, as YYYY-MM-DD; a day the target month lacks falls to its last day (29 Feb -> 28 Feb). */
export function addMonths(start: string, months: number): string {
  const [y, mo, d] = start.split('-').map(Number);
  const target = new Date(Date.UTC(y, mo - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}
