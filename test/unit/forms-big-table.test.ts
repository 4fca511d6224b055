/**
 * What keeps a 500-row table responsive, checked in Node: unchanged rows keep their identity
 * through a change (RJSF's rows are memoised on it), RJSF no longer walks every row for defaults,
 * and a new record still opens a required list with its first empty row.
 */
import { describe, expect, it } from 'vitest';
import { getDefaultFormState, type RJSFSchema } from '@rjsf/utils';
import { keepEqual } from '../../src/lib/shared/keep-equal.ts';
import { renderSchema, withMinItems } from '../../src/lib/forms/validation/rjsf.ts';
import { getRecordValidator } from '../../src/lib/forms/validation/validate.ts';
import { formDefinition, getExample } from '../../src/lib/forms/definition/index.ts';
import { applyDerived } from '../../src/lib/forms/derive.ts';

describe('keepEqual', () => {
  const rows = () => [
    { floor: 1, room: 'A', tags: ['x'] },
    { floor: 1, room: 'B', tags: [] },
    { floor: 2, room: 'A' },
  ];

  it('returns the previous value itself when nothing changed, however deep', () => {
    const prev = { rows: rows(), no: 'ML-1' };
    expect(keepEqual(prev, structuredClone(prev))).toBe(prev);
    expect(keepEqual(3, 3)).toBe(3);
    expect(keepEqual(Number.NaN, Number.NaN)).toBeNaN();
  });

  it('keeps each unchanged row and replaces only the changed one and its parents', () => {
    const prev = { rows: rows(), no: 'ML-1' };
    const next = structuredClone(prev);
    next.rows[1].room = 'C';
    const kept = keepEqual(prev, next);
    expect(kept).toEqual(next);
    expect(kept).not.toBe(prev);
    expect(kept.rows).not.toBe(prev.rows);
    expect(kept.rows[0]).toBe(prev.rows[0]);
    expect(kept.rows[2]).toBe(prev.rows[2]);
    expect(kept.rows[1]).not.toBe(prev.rows[1]);
    expect(kept.rows[1].tags).toBe(prev.rows[1].tags);
    // Neither input is modified.
    expect(prev.rows[1].room).toBe('B');
    expect(next.rows[1].room).toBe('C');
  });

  it('sees added, removed and undefined keys, longer and shorter lists, and type changes', () => {
    const prev: Record<string, unknown> = { a: 1, b: [1, 2] };
    expect(keepEqual(prev, { a: 1, b: [1, 2], c: undefined })).toEqual({ a: 1, b: [1, 2], c: undefined });
    expect(keepEqual(prev, { a: 1, b: [1, 2], c: undefined })).not.toBe(prev);
    expect(keepEqual({ a: 1, c: undefined }, { a: 1, b: undefined })).toEqual({ a: 1, b: undefined });
    expect(keepEqual(prev, { a: 1 })).toEqual({ a: 1 });
    expect(keepEqual(prev, { a: 1, b: [1, 2, 3] }).b).toEqual([1, 2, 3]);
    expect(keepEqual(prev, { a: 1, b: [1] }).b).toEqual([1]);
    expect(keepEqual(prev, { a: '1', b: prev.b })).toEqual({ a: '1', b: [1, 2] });
    expect(keepEqual([1], { 0: 1 })).toEqual({ 0: 1 });
    expect(keepEqual({ 0: 1 }, [1])).toEqual([1]);
    expect(keepEqual(undefined, rows())).toEqual(rows());
    const date = new Date(0);
    expect(keepEqual(new Date(0), date)).toBe(date);
  });
});

describe('RJSF defaults on a long list', () => {
  const v = getRecordValidator('archive-catalogue');
  const schema = renderSchema(v.schema) as RJSFSchema;
  const behaviour = v.formProps.experimental_defaultFormStateBehavior;

  it('leave a 500-row record as it is (no row is walked for defaults: there are none to give)', () => {
    const example = getExample('archive-catalogue');
    const row = (example.rows as Record<string, unknown>[])[0];
    const data = { ...example, rows: Array.from({ length: 500 }, (_, i) => ({ ...row, room: `R${i}` })) };
    expect(getDefaultFormState(v.rjsf, schema, data, schema, false, behaviour)).toEqual(data);
  });

  it('do not fill the rows of a new record; the island does, as before', () => {
    const defaults = getDefaultFormState(v.rjsf, schema, {}, schema, false, behaviour) as Record<string, unknown>;
    expect(defaults.rows).toBeUndefined();
    const blank = applyDerived('archive-catalogue', withMinItems(formDefinition('archive-catalogue').schema, {})).data;
    expect(blank).toEqual({ confidentiality: '絕密', rows: [{}] });
  });
});

describe('withMinItems', () => {
  const schema = formDefinition('archive-catalogue').schema;

  it('fills only a required list that is missing', () => {
    expect(withMinItems(schema, {})).toEqual({ rows: [{}] });
    const removed = { rows: [] };
    expect(withMinItems(schema, removed)).toBe(removed);
    const some = { rows: [{ floor: 1 }] };
    expect(withMinItems(schema, some)).toBe(some);
  });

  it('leaves forms whose lists are optional alone', () => {
    for (const id of ['outage-notice', 'violation-record', 'follow-up-monthly-stats'] as const) {
      const empty = {};
      expect(withMinItems(formDefinition(id).schema, empty)).toBe(empty);
    }
  });
});
