/**
 * The custom ajv keywords (src/lib/forms/build/keywords.ts) on their own, on small schemas written
 * here, both compiled directly and as the standalone code the build writes (no eval at run time).
 */
import { describe, expect, test } from 'vitest';
import Ajv2020Module from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { addFormKeywords, AJV_OVERRIDES, FORMATS } from '../../src/lib/forms/build/keywords.ts';

type Ajv2020Class = typeof import('ajv/dist/2020.js').default;
const Ajv2020 = ((Ajv2020Module as unknown as { default?: Ajv2020Class }).default ?? Ajv2020Module) as Ajv2020Class;
type Standalone = typeof import('ajv/dist/standalone/index.js').default;
const standaloneCode = ((standaloneModule as unknown as { default?: Standalone }).default ?? standaloneModule) as Standalone;

const ajv = (options: { checkAnnotations?: boolean; source?: boolean } = {}) =>
  addFormKeywords(
    new Ajv2020({ ...AJV_OVERRIDES, allErrors: true, formats: { ...FORMATS }, code: { source: options.source ?? false } }),
    { checkAnnotations: options.checkAnnotations },
  );

const object = (properties: Record<string, unknown>) => ({ type: 'object', properties });

describe('timeCompare', () => {
  const validate = ajv().compile(
    object({
      start: { type: 'string', format: 'date-time' },
      end: { type: 'string', format: 'date-time', timeCompare: { op: '>=', other: 'start' } },
      due: { type: 'string', format: 'date-time', timeCompare: { op: '<=', other: 'start', offsetHours: 24 } },
    }),
  );

  test('compares with the sibling, across offsets', () => {
    expect(validate({ start: '2026-03-04T09:00:00+08:00', end: '2026-03-04T09:00:00+08:00' })).toBe(true);
    expect(validate({ start: '2026-03-04T09:00:00+08:00', end: '2026-03-04T01:30:00Z' })).toBe(true);
    expect(validate({ start: '2026-03-04T09:00:00+08:00', end: '2026-03-04T08:59:00+08:00' })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: 'timeCompare', instancePath: '/end', params: { op: '>=', other: 'start', offsetHours: 0 } });
  });

  test('adds offsetHours to the other side', () => {
    expect(validate({ start: '2026-03-04T09:00:00+08:00', due: '2026-03-05T09:00:00+08:00' })).toBe(true);
    expect(validate({ start: '2026-03-04T09:00:00+08:00', due: '2026-03-05T09:01:00+08:00' })).toBe(false);
  });

  test('leaves a missing or unparseable side to required and format', () => {
    expect(validate({ end: '2026-03-04T09:00:00+08:00' })).toBe(true);
    expect(validate({ start: 'not a time', end: '2026-03-04T09:00:00+08:00' })).toBe(false);
    expect(validate.errors?.map((e) => `${e.instancePath} ${e.keyword}`)).toEqual(['/start format']);
  });

  test('refuses a malformed keyword value when the schema is compiled', () => {
    expect(() => ajv().compile(object({ a: { type: 'string', timeCompare: { op: '=', other: 'b' } } }))).toThrow();
    expect(() => ajv().compile(object({ a: { type: 'string', timeCompare: { op: '<' } } }))).toThrow();
  });
});

describe('sumOf', () => {
  const validate = ajv().compile(
    object({
      total: { type: 'integer', sumOf: { groups: ['byKind', 'bySite'] } },
      byKind: object({ a: { type: 'integer' }, b: { type: 'integer' } }),
      bySite: object({ x: { type: 'integer' } }),
    }),
  );

  test('each present group must add up to the value', () => {
    expect(validate({ total: 5, byKind: { a: 2, b: 3 }, bySite: { x: 5 } })).toBe(true);
    expect(validate({ total: 5, byKind: { a: 2, b: 2 }, bySite: { x: 5 } })).toBe(false);
    expect(validate.errors).toHaveLength(1);
    expect(validate.errors?.[0]).toMatchObject({ keyword: 'sumOf', instancePath: '/total', params: { group: 'byKind', sum: 4 } });
  });

  test('reports every group that disagrees, and skips a group that is absent', () => {
    expect(validate({ total: 1, byKind: { a: 2 }, bySite: { x: 3 } })).toBe(false);
    expect(validate.errors?.map((e) => e.params.group)).toEqual(['byKind', 'bySite']);
    expect(validate({ total: 7 })).toBe(true);
  });
});

describe('ratioOf', () => {
  const validate = ajv().compile(
    object({
      counts: object({ good: { type: 'integer' }, fair: { type: 'integer' } }),
      total: { type: 'integer' },
      rate: { type: 'number', ratioOf: { numerator: [['counts', 'good'], ['counts', 'fair']], denominator: ['total'], scale: 100, decimals: 1 } },
    }),
  );

  test('must equal round(sum / denominator × scale, decimals)', () => {
    expect(validate({ counts: { good: 1, fair: 1 }, total: 3, rate: 66.7 })).toBe(true);
    expect(validate({ counts: { good: 1, fair: 1 }, total: 3, rate: 66.6 })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: 'ratioOf', instancePath: '/rate', params: { expected: 66.7 } });
  });

  test('is 0 when the denominator is 0, and unchecked while a part is missing', () => {
    expect(validate({ counts: { good: 0, fair: 0 }, total: 0, rate: 0 })).toBe(true);
    expect(validate({ counts: { good: 0, fair: 0 }, total: 0, rate: 1 })).toBe(false);
    expect(validate({ counts: { good: 1 }, total: 3, rate: 99 })).toBe(true);
  });
});

describe('orderedBy', () => {
  const schema = (strict: boolean) => ({
    type: 'array',
    items: object({ floor: { type: 'integer' }, room: { type: 'string' } }),
    orderedBy: { keys: [{ field: 'floor' }, { field: 'room' }], strict },
  });
  const loose = ajv().compile(schema(false));
  const strict = ajv().compile(schema(true));

  test('numbers and digit strings compare numerically, other strings by code point', () => {
    expect(loose([{ floor: 1, room: '2' }, { floor: 1, room: '10' }, { floor: 2, room: 'A' }, { floor: 2, room: 'B' }])).toBe(true);
    expect(loose([{ floor: 1, room: '10' }, { floor: 1, room: '2' }])).toBe(false);
    expect(loose.errors?.[0]).toMatchObject({ keyword: 'orderedBy', instancePath: '/1', params: { index: 1 } });
    expect(loose([{ floor: 2, room: 'A' }, { floor: 1, room: 'B' }])).toBe(false);
  });

  test('strict also refuses two rows with equal keys', () => {
    const rows = [{ floor: 1, room: '2' }, { floor: 1, room: '2' }];
    expect(loose(rows)).toBe(true);
    expect(strict(rows)).toBe(false);
  });
});

describe('annotations and standalone code', () => {
  test('the strict check validates x-rule against its meta-schema; the code generator does not', () => {
    const bad = object({ a: { type: 'string', 'x-rule': { id: 'f/a', clause: '4.1' } } });
    expect(() => ajv({ checkAnnotations: true }).compile(bad)).toThrow(/x-rule|message/);
    expect(() => ajv().compile(bad)).not.toThrow();
  });

  test('standalone code of a keyword runs without ajv and without runtime evaluation', async () => {
    const a = ajv({ source: true });
    const code = standaloneCode(a, a.compile(object({ total: { type: 'integer', sumOf: { groups: ['parts'] } }, parts: object({}) })));
    expect(code).not.toMatch(/\bnew Function\b|\beval\(|require\(/);
    // ajv writes CommonJS (`module.exports = v; module.exports.default = v;`): load it as an ES module.
    const esm = code.replace(/module\.exports\s*=\s*/, 'export const named = ').replace(/module\.exports\.default\s*=\s*/, 'export default ');
    const validate = (await import(`data:text/javascript,${encodeURIComponent(esm)}`)) as { default: (d: unknown) => boolean };
    expect(validate.default({ total: 3, parts: { a: 1, b: 2 } })).toBe(true);
    expect(validate.default({ total: 4, parts: { a: 1, b: 2 } })).toBe(false);
  });
});
