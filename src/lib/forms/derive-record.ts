/**
 * The derived values of a record from its form's metadata alone (see derive.ts, which names forms by
 * id): importing no bundled schema, a form island uses it with its own form's definition. Browser-safe.
 */
import type { FormMeta } from './definition/schema.ts';
import { retentionRule } from './definition/retention.ts';

export type ViolationLevel = 'general' | 'major';

/**
 * 4.2.7: a violation is 一般 only when it neither harmed owners' interests nor threatened public
 * safety; otherwise 重大. Undefined while the answer is still open (one answer missing, none true).
 */
export function deriveViolationLevel(ownerInterestsHarmed: unknown, publicSafetyThreat: unknown): ViolationLevel | undefined {
  if (ownerInterestsHarmed === true || publicSafetyThreat === true) return 'major';
  if (ownerInterestsHarmed === false && publicSafetyThreat === false) return 'general';
  return undefined;
}

/** 4.5: 一般 → 一年, 重大 → 五年. */
export function violationRetention(level: ViolationLevel): '一年' | '五年' {
  return level === 'major' ? '五年' : '一年';
}

/** 4.5 (follow-up): (滿意 + 基本滿意) ÷ 回訪數 × 100, one decimal; 0 when there were no visits. */
export function satisfactionRate(counts: { satisfied?: number; fair?: number; dissatisfied?: number }): number {
  const satisfied = counts.satisfied ?? 0;
  const fair = counts.fair ?? 0;
  const total = satisfied + fair + (counts.dissatisfied ?? 0);
  return total > 0 ? Math.round(((satisfied + fair) / total) * 1000) / 10 : 0;
}

export interface Derived {
  data: Record<string, unknown>;
  /** Fields whose value was filled or corrected. */
  changed: string[];
}

/**
 * Fills the derived fields of a record (a new object; the input is not modified):
 *  - violation-record: 違章等級 from 受損/威脅 (4.2.7), 保存期限 from 等級 (4.5);
 *  - violation-notice: 保存期限 from 等級 (4.5);
 *  - follow-up-monthly-stats: 回訪數 and 滿意率 from the satisfaction counts (4.5);
 *  - complaint-monthly-stats: 投訴總數 from the counts by 重大/一般;
 *  - archive forms: 密級 絕密 (4.8).
 */
export function deriveRecord(x: FormMeta, input: Record<string, unknown>): Derived {
  const formId = x.id;
  const data: Record<string, unknown> = structuredClone(input);
  const changed: string[] = [];
  const set = (field: string, value: unknown) => {
    if (value === undefined || data[field] === value) return;
    data[field] = value;
    changed.push(field);
  };
  if (formId === 'violation-record') set('level', deriveViolationLevel(data.ownerInterestsHarmed, data.publicSafetyThreat));
  const rule = retentionRule(x);
  if (rule?.derivedField) {
    const level = data[rule.field];
    if (typeof level === 'string' && rule.values[level]) set(rule.derivedField, rule.values[level]);
  }
  if (formId === 'follow-up-monthly-stats' && data.satisfaction && typeof data.satisfaction === 'object') {
    const counts = data.satisfaction as { satisfied?: number; fair?: number; dissatisfied?: number };
    set('total', (counts.satisfied ?? 0) + (counts.fair ?? 0) + (counts.dissatisfied ?? 0));
    set('satisfactionRate', satisfactionRate(counts));
  }
  if (formId === 'complaint-monthly-stats' && data.bySeverity && typeof data.bySeverity === 'object') {
    const s = data.bySeverity as { major?: number; general?: number };
    set('total', (s.major ?? 0) + (s.general ?? 0));
  }
  if (x.confidentiality === '絕密') set('confidentiality', '絕密');
  return { data, changed };
}
