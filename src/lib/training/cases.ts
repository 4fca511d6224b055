/**
 * Practice cases: a scenario the trainee records on a real form, and what the record should then say (the
 * level, who decides, which measure), each expectation citing its clause. `checkCase` compares a record with
 * the expectations and gives zh-TW feedback; the form's own rules are checked separately, as on the form page.
 * Browser-safe (the YAML's schema and references are checked in cases-validate.ts, at build time).
 *
 * ```yaml
 * cases:
 *   - id: fire-lane-repeat
 *     form: violation-record
 *     title: 屢勸不改，堵塞消防通道
 *     scenario: …
 *     expectations:
 *       - { field: level, equals: major, clause: "4.2.7", message: 堵塞消防通道威脅公共安全，屬重大違章 }
 *       - { field: measures, includes: publicCriticism, clause: "4.3.4", message: … }
 *       - { field: penaltyDecider, oneOf: [propertyManager, csManager], clause: "4.4.7", message: … }
 *       - { field: escalation, present: true, clause: "4.4.2 a)", message: … }
 *       - { field: publishedAt, atLeastHoursBefore: { field: startAt, hours: 24 }, clause: "4.3.2", message: … }
 * ```
 */
import type { FormId } from '../procedures.ts';

export type Scalar = string | number | boolean;

export type Check =
  | { kind: 'equals'; value: Scalar }
  | { kind: 'oneOf'; values: Scalar[] }
  | { kind: 'includes'; value: string }
  | { kind: 'excludes'; value: string }
  | { kind: 'present'; value: boolean }
  | { kind: 'atLeastHoursBefore'; other: string; hours: number }
  | { kind: 'atMostHoursAfter'; other: string; hours: number };

export interface Expectation {
  /** Dotted path in the record: "level", "escalation.to". */
  field: string;
  check: Check;
  /** "4.4.2 a)" */
  clauseLabel: string;
  anchor: string;
  message: string;
}

export interface PracticeCase {
  id: string;
  procedure: string;
  form: FormId;
  title: string;
  scenario: string;
  expectations: Expectation[];
}

// Checking a record

export interface FeedbackItem {
  passed: boolean;
  field: string;
  clauseLabel: string;
  anchor: string;
  /** 「依 4.2.7：…」 */
  text: string;
}

export interface CaseFeedback {
  passed: boolean;
  items: FeedbackItem[];
}

function valueAt(record: unknown, path: string): unknown {
  let value = record;
  for (const key of path.split('.')) {
    value = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** YAML gives "12" where a form holds 12: compare a number with its written form. */
function same(actual: unknown, expected: Scalar): boolean {
  return actual === expected || (typeof actual === 'number' && String(actual) === String(expected));
}

/** Hours from `earlier` to `later`; null when either is not a date-time. */
function hoursBetween(earlier: unknown, later: unknown): number | null {
  if (typeof earlier !== 'string' || typeof later !== 'string') return null;
  const a = Date.parse(earlier);
  const b = Date.parse(later);
  return Number.isNaN(a) || Number.isNaN(b) ? null : (b - a) / 3_600_000;
}

export function meetsExpectation(record: unknown, expectation: Expectation): boolean {
  const value = valueAt(record, expectation.field);
  const c = expectation.check;
  switch (c.kind) {
    case 'equals':
      return same(value, c.value);
    case 'oneOf':
      return c.values.some((v) => same(value, v));
    case 'includes':
      return Array.isArray(value) && value.includes(c.value);
    case 'excludes':
      return !Array.isArray(value) || !value.includes(c.value);
    case 'present':
      return isPresent(value) === c.value;
    case 'atLeastHoursBefore': {
      const h = hoursBetween(value, valueAt(record, c.other));
      return h !== null && h >= c.hours;
    }
    case 'atMostHoursAfter': {
      const h = hoursBetween(valueAt(record, c.other), value);
      return h !== null && h >= 0 && h <= c.hours;
    }
  }
}

/** Every expectation of the case, met or not, in the case's order, each citing its clause. */
export function checkCase(practice: PracticeCase, record: unknown): CaseFeedback {
  const items = practice.expectations.map((e): FeedbackItem => {
    const passed = meetsExpectation(record, e);
    return {
      passed,
      field: e.field,
      clauseLabel: e.clauseLabel,
      anchor: e.anchor,
      text: `${passed ? '符合' : '不符'}：依 ${e.clauseLabel}，${e.message}`,
    };
  });
  return { passed: items.every((i) => i.passed), items };
}

