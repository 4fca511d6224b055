/**
 * The handbook's local time: UTC+8 with no daylight saving (Hong Kong, Macau, Taiwan). Records are
 * dated, grouped by month and printed in it, whatever zone the reader's machine is in.
 */

/** Minutes east of UTC. */
export const HANDBOOK_UTC_OFFSET_MINUTES = 480;

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant shifted by the offset, to be read with the getUTC* methods. */
function shifted(date: Date | number, offsetMinutes: number): Date {
  return new Date((typeof date === 'number' ? date : date.getTime()) + offsetMinutes * 60_000);
}

/** 2026-11-27 (a calendar date, held as UTC midnight) -> 2026年11月27日 */
export function formatDateZh(date: Date): string {
  return `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
}

/** 2026-11-27T03:04:00Z -> 2026年11月27日 11:04（UTC+8） in the handbook's time (or the given offset). */
export function formatDateTimeZh(date: Date, offsetMinutes = HANDBOOK_UTC_OFFSET_MINUTES): string {
  const t = shifted(date, offsetMinutes);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const off = Math.abs(offsetMinutes);
  const zone = off % 60 === 0 ? `${off / 60}` : `${Math.floor(off / 60)}:${pad(off % 60)}`;
  return (
    `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ` +
    `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}（UTC${sign}${zone}）`
  );
}

/**
 * A date-time as the user entered it in the form (local time, UTC+8): 2026-03-04T09:15:00+08:00
 * -> 2026-03-04 09:15; seconds only if not zero; a value in another offset is converted to UTC+8.
 * Anything that is not an ISO date-time is shown as it is.
 */
export function displayDateTime(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value);
  if (!m) return value;
  const [, date, hm, sec, zone] = m;
  const local = (d: string, t: string, s?: string) => `${d} ${t}${s && s !== '00' ? `:${s}` : ''}`;
  if (!zone || zone === '+08:00' || zone === '+0800') return local(date, hm, sec);
  const t = Date.parse(`${date}T${hm}:${sec ?? '00'}${zone}`);
  if (Number.isNaN(t)) return value;
  const iso = shifted(t, HANDBOOK_UTC_OFFSET_MINUTES).toISOString();
  return local(iso.slice(0, 10), iso.slice(11, 16), iso.slice(17, 19));
}

/** "2026-03-31T18:00:00Z" -> "2026-04" (UTC+8); "2026-03-13" -> "2026-03"; undefined if not a date. */
export function monthOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value.slice(0, 7);
  const t = Date.parse(value);
  if (Number.isNaN(t)) return undefined;
  return shifted(t, HANDBOOK_UTC_OFFSET_MINUTES).toISOString().slice(0, 7);
}

/** The calendar date (YYYY-MM-DD) of an instant in the handbook's time: "today" for the build and the release CLI. */
export function handbookDate(at: Date | number = Date.now()): string {
  return shifted(at, HANDBOOK_UTC_OFFSET_MINUTES).toISOString().slice(0, 10);
}

/**
 * The calendar date a record value names: "2026-03-13" as is, a date-time converted to UTC+8;
 * undefined when it is not a date.
 */
export function dateOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : handbookDate(t);
}

/** "2026-12-01" -> 2026年12月1日 */
export function formatIsoDateZh(date: string): string {
  return formatDateZh(new Date(`${date}T00:00:00Z`));
}
