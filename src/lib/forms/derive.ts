/**
 * Values a form can fill in itself, so the UI does not ask for what the procedure already decides.
 * The schemas reject a contradiction with these (e.g. violation-record/level); this module computes
 * the consistent value. Browser-safe.
 */
import type { FormId } from '../procedures.ts';
import type { FormMeta } from './definition/schema.ts';
import { getFormMeta, retentionOf as retentionFor } from './definition/index.ts';
import { deriveRecord, type Derived } from './derive-record.ts';

export * from './derive-record.ts';

/**
 * The retention period to print on a record (「保存期限」): the x-form rule's value for the record's
 * data when the rule applies, else the form's default.
 */
export function retentionOf(formIdOrMeta: FormId | FormMeta, data: Record<string, unknown> = {}): string {
  return retentionFor(typeof formIdOrMeta === 'string' ? getFormMeta(formIdOrMeta) : formIdOrMeta, data);
}

/** Room codes: digit strings numerically ("2" < "10"), others by code point ("A" < "B"). */
function compareRoom(a: string, b: string): number {
  const numeric = (s: string) => s !== '' && String(Number(s)) === s;
  if (numeric(a) && numeric(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface CatalogueRow {
  floor?: number;
  room?: string;
  [key: string]: unknown;
}

/** 4.5: archive rows in floor then room order (the order archive-catalogue/order checks). */
export function sortCatalogueRows<R extends CatalogueRow>(rows: readonly R[]): R[] {
  return [...rows].sort((a, b) => (a.floor ?? 0) - (b.floor ?? 0) || compareRoom(a.room ?? '', b.room ?? ''));
}

/** deriveRecord for a handbook form named by id. */
export function applyDerived(formId: FormId, input: Record<string, unknown>): Derived {
  return deriveRecord(getFormMeta(formId), input);
}
