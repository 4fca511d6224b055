/**
 * Build-time only: the custom ajv keywords the form schemas use for rules JSON Schema cannot express,
 * and the annotation keywords (x-form, x-rule, x-messages) with meta-schemas so a malformed rule fails
 * the build. Every keyword generates its code with ajv's `_` template, so `standaloneCode` writes plain
 * JavaScript into the generated validators: nothing here is needed, or evaluated, at run time.
 *
 *  - timeCompare (on a date / date-time property): `{ op, other, offsetHours? }` — this value `op` the
 *    sibling `other` plus offsetHours. Passes when either side is missing or unparseable (required and
 *    format report those).
 *  - sumOf (on an integer property): `{ groups: [sibling object names] }` — each group's numeric values
 *    must add up to this value.
 *  - ratioOf (on a number property): `{ numerator: [[path]...], denominator: [path], scale, decimals }` —
 *    this value must equal round(sum(numerator) / denominator * scale, decimals); 0 when the denominator is 0.
 *  - orderedBy (on an array of objects): `{ keys: [{ field }], strict }` — rows in ascending order by the
 *    keys (numbers numerically; strings of digits numerically, other strings by code point).
 */
import type Ajv from 'ajv';
import type { KeywordCxt, KeywordDefinition } from 'ajv';
import { _, Name } from 'ajv';
import { operators, type Code } from 'ajv/dist/compile/codegen/index.js';
import { PROCEDURE_ID_PATTERN } from '../../procedures.ts';

export type TimeOp = '<' | '<=' | '>' | '>=';

const OPS: Record<TimeOp, Code> = { '<': operators.LT, '<=': operators.LTE, '>': operators.GT, '>=': operators.GTE };

/** Accessor code for a path below `base`: ['a', 'b'] -> base["a"]["b"]. */
function pathCode(base: Code | Name, path: readonly string[]): Code {
  let code: Code = _`${base}`;
  for (const seg of path) code = _`${code}[${seg}]`;
  return code;
}

/** `typeof base.a == "object" && base.a !== null && typeof base.a.b == "number"`, guarding each step. */
function numberAt(base: Code | Name, path: readonly string[]): Code {
  const guards: Code[] = [];
  for (let i = 0; i < path.length - 1; i++) {
    const p = pathCode(base, path.slice(0, i + 1));
    guards.push(_`typeof ${p} == "object" && ${p} !== null`);
  }
  guards.push(_`typeof ${pathCode(base, path)} == "number"`);
  return guards.reduce((a, b) => _`${a} && ${b}`);
}

function parentOf(cxt: KeywordCxt): Name {
  const parent = cxt.it.parentData;
  if (!parent) throw new Error(`"${cxt.keyword}" must be used on a property subschema (it reads sibling properties)`);
  return parent;
}

const timeCompare: KeywordDefinition = {
  keyword: 'timeCompare',
  type: 'string',
  schemaType: 'object',
  metaSchema: {
    type: 'object',
    properties: {
      op: { enum: ['<', '<=', '>', '>='] },
      other: { type: 'string', minLength: 1 },
      offsetHours: { type: 'number' },
    },
    required: ['op', 'other'],
    additionalProperties: false,
  },
  error: {
    message: ({ schema }) => _`"must be " + ${String(schema.op)} + " " + ${String(schema.other)}`,
    params: ({ schema }) => _`{op: ${String(schema.op)}, other: ${String(schema.other)}, offsetHours: ${Number(schema.offsetHours ?? 0)}}`,
  },
  code(cxt: KeywordCxt) {
    const { gen, data, schema } = cxt;
    const parent = parentOf(cxt);
    const op = OPS[schema.op as TimeOp];
    const offsetMs = Math.round(Number(schema.offsetHours ?? 0) * 3600000);
    const other = _`${parent}[${String(schema.other)}]`;
    const self = gen.const('t', _`Date.parse(${data})`);
    const them = gen.const('o', _`typeof ${other} == "string" ? Date.parse(${other}) : NaN`);
    // NaN !== NaN: an unparseable or missing side is left to `format` / `required`.
    cxt.fail(_`${self} === ${self} && ${them} === ${them} && !(${self} ${op} ${them} + ${offsetMs})`);
  },
};

const sumOf: KeywordDefinition = {
  keyword: 'sumOf',
  type: 'number',
  schemaType: 'object',
  metaSchema: {
    type: 'object',
    properties: { groups: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 } },
    required: ['groups'],
    additionalProperties: false,
  },
  error: {
    message: 'must equal the sum of each group',
    params: ({ params }) => _`{group: ${params.group}, sum: ${params.sum}}`,
  },
  code(cxt: KeywordCxt) {
    const { gen, data, schema } = cxt;
    const parent = parentOf(cxt);
    for (const group of schema.groups as string[]) {
      const obj = _`${parent}[${group}]`;
      const sum = gen.let('sum', 0);
      gen.if(_`typeof ${obj} == "object" && ${obj} !== null && !Array.isArray(${obj})`, () => {
        gen.forIn('k', obj, (k) => {
          gen.if(_`typeof ${obj}[${k}] == "number"`, () => gen.assign(sum, _`${sum} + ${obj}[${k}]`));
        });
        gen.if(_`${sum} !== ${data}`, () => {
          cxt.setParams({ group, sum });
          cxt.error();
          cxt.setParams({});
        });
      });
    }
  },
};

const ratioOf: KeywordDefinition = {
  keyword: 'ratioOf',
  type: 'number',
  schemaType: 'object',
  metaSchema: {
    type: 'object',
    properties: {
      numerator: { type: 'array', items: { type: 'array', items: { type: 'string' }, minItems: 1 }, minItems: 1 },
      denominator: { type: 'array', items: { type: 'string' }, minItems: 1 },
      scale: { type: 'number' },
      decimals: { type: 'integer', minimum: 0, maximum: 6 },
    },
    required: ['numerator', 'denominator'],
    additionalProperties: false,
  },
  error: {
    message: 'must equal the computed ratio',
    params: ({ params }) => _`{expected: ${params.expected}}`,
  },
  code(cxt: KeywordCxt) {
    const { gen, data, schema } = cxt;
    const parent = parentOf(cxt);
    const parts = (schema.numerator as string[][]).map((p) => ({ ok: numberAt(parent, p), value: pathCode(parent, p) }));
    const den = { ok: numberAt(parent, schema.denominator), value: pathCode(parent, schema.denominator) };
    const factor = 10 ** Number(schema.decimals ?? 0);
    const scale = Number(schema.scale ?? 1);
    const allOk = [...parts.map((p) => p.ok), den.ok].reduce((a, b) => _`${a} && ${b}`);
    const num = parts.map((p) => p.value).reduce((a, b) => _`${a} + ${b}`);
    gen.if(allOk, () => {
      const expected = gen.const(
        'expected',
        _`${den.value} > 0 ? Math.round((${num}) / ${den.value} * ${scale} * ${factor}) / ${factor} : 0`,
      );
      gen.if(_`Math.abs(${data} - ${expected}) > 1e-9`, () => {
        cxt.setParams({ expected });
        cxt.error();
        cxt.setParams({});
      });
    });
  },
};

const orderedBy: KeywordDefinition = {
  keyword: 'orderedBy',
  type: 'array',
  schemaType: 'object',
  metaSchema: {
    type: 'object',
    properties: {
      keys: {
        type: 'array',
        items: { type: 'object', properties: { field: { type: 'string' } }, required: ['field'], additionalProperties: false },
        minItems: 1,
      },
      strict: { type: 'boolean' },
    },
    required: ['keys'],
    additionalProperties: false,
  },
  error: {
    message: 'rows must be in ascending order',
    params: ({ params }) => _`{index: ${params.index}}`,
  },
  code(cxt: KeywordCxt) {
    const { gen, data, schema } = cxt;
    const strict = schema.strict === true;
    gen.forRange('i', 1, _`${data}.length`, (i) => {
      const a = gen.const('a', _`${data}[${i} - 1]`);
      const b = gen.const('b', _`${data}[${i}]`);
      gen.if(_`typeof ${a} == "object" && ${a} !== null && typeof ${b} == "object" && ${b} !== null`, () => {
        const c = gen.let('c', 0);
        const complete = gen.let('complete', true);
        for (const { field } of schema.keys as { field: string }[]) {
          const x = _`${a}[${field}]`;
          const y = _`${b}[${field}]`;
          gen.if(_`${c} === 0`, () => {
            gen.if(
              _`typeof ${x} == "number" && typeof ${y} == "number"`,
              () => gen.assign(c, _`${x} - ${y}`),
              () =>
                gen.if(
                  _`typeof ${x} == "string" && typeof ${y} == "string"`,
                  () =>
                    gen.assign(
                      c,
                      _`(${x} !== "" && ${y} !== "" && String(Number(${x})) === ${x} && String(Number(${y})) === ${y}) ? Number(${x}) - Number(${y}) : (${x} < ${y} ? -1 : ${x} > ${y} ? 1 : 0)`,
                    ),
                  () => gen.assign(complete, false),
                ),
            );
          });
        }
        const bad = strict ? _`${c} > 0 || (${c} === 0 && ${complete})` : _`${c} > 0`;
        gen.if(bad, () => {
          // ajv escapes a string error path segment (~ and /), so the row index goes in as a string.
          const row = gen.const('row', _`String(${i})`);
          cxt.setParams({ index: i });
          cxt.error(false, undefined, { instancePath: row });
          cxt.setParams({});
        });
      });
    });
  },
};

/** An x-form signature condition: one test on a field, or anyOf such tests (one level). */
const simpleCondition = {
  type: 'object',
  properties: {
    field: { type: 'string', minLength: 1 },
    equals: {},
    present: { type: 'boolean' },
    containsAny: { type: 'array', items: { type: 'string' }, minItems: 1 },
  },
  required: ['field'],
  additionalProperties: false,
  minProperties: 2,
};
const conditionSchema = {
  anyOf: [
    simpleCondition,
    {
      type: 'object',
      properties: { anyOf: { type: 'array', items: simpleCondition, minItems: 1 } },
      required: ['anyOf'],
      additionalProperties: false,
    },
  ],
};

export const X_FORM_META_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9-]+$' },
    number: { type: 'string', pattern: '^(QR/GR-\\d{3}|HB-R-\\d{2}-\\d{2})$' },
    title: { type: 'string', minLength: 1 },
    aliases: { type: 'array', items: { type: 'string', minLength: 1 } },
    revision: { type: 'string', pattern: '^[A-Z]/\\d+$' },
    // Any procedure id: which procedures exist is content (checked against content/sops by build.ts).
    procedure: { type: 'string', pattern: PROCEDURE_ID_PATTERN },
    procedureNumber: { type: 'string', pattern: '^(TP/QP-\\d{2}|HB-SOP-\\d{2})$' },
    procedureRevisions: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: '^[A-Z]/\\d+$' } },
    clause: { type: 'string', minLength: 1 },
    retention: {
      type: 'object',
      properties: {
        default: { type: 'string', minLength: 1 },
        rule: {
          anyOf: [
            { type: 'null' },
            {
              type: 'object',
              properties: {
                field: { type: 'string', minLength: 1 },
                values: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, minProperties: 1 },
                derivedField: { type: 'string', minLength: 1 },
                clause: { type: 'string', minLength: 1 },
              },
              required: ['field', 'values', 'clause'],
              additionalProperties: false,
            },
          ],
        },
        assumed: { type: 'boolean' },
        note: { type: 'string', minLength: 1 },
        clause: { type: 'string', minLength: 1 },
      },
      required: ['default', 'rule'],
      additionalProperties: false,
      if: { properties: { assumed: { const: true } }, required: ['assumed'] },
      then: { required: ['note'] },
    },
    confidentiality: { enum: ['一般', '絕密'] },
    recordNumberField: { type: 'string', minLength: 1 },
    dateField: { type: 'string', minLength: 1 },
    statusField: { type: 'string', minLength: 1 },
    computedFrom: { type: 'string', minLength: 1 },
    signatures: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          role: { type: 'string', pattern: '^[a-zA-Z]+$' },
          label: { type: 'string', minLength: 1 },
          required: {
            anyOf: [{ enum: ['always', 'toClose', 'optional'] }, conditionSchema],
          },
          clause: { type: 'string', minLength: 1 },
          note: { type: 'string', minLength: 1 },
        },
        required: ['role', 'label', 'required'],
        additionalProperties: false,
      },
    },
  },
  required: [
    'id', 'number', 'title', 'revision', 'procedure', 'procedureNumber', 'procedureRevisions', 'clause', 'retention',
    'confidentiality', 'recordNumberField', 'dateField', 'signatures',
  ],
  additionalProperties: false,
};

export const X_RULE_META_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9-]+/[a-z0-9-]+$' },
    clause: { type: 'string', pattern: '^\\d+(\\.\\d+)*$' },
    item: { type: 'string', pattern: '^[a-z]$' },
    message: { type: 'string', minLength: 1 },
    fields: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
  },
  required: ['id', 'clause', 'message'],
  additionalProperties: false,
};

const X_MESSAGES_META_SCHEMA = {
  type: 'object',
  additionalProperties: { type: 'string', minLength: 1 },
};

export const CUSTOM_KEYWORDS: KeywordDefinition[] = [timeCompare, sumOf, ratioOf, orderedBy];

/**
 * Adds the custom and annotation keywords to an ajv instance (RJSF's `extenderFn` at compile time).
 * With `checkAnnotations`, x-form / x-rule / x-messages are validated against their meta-schemas
 * (the build-time strict check); the instance that generates code leaves them as plain annotations.
 */
export function addFormKeywords<A extends Ajv>(ajv: A, { checkAnnotations = false } = {}): A {
  const annotation = (keyword: string, metaSchema: object) =>
    ajv.addKeyword(checkAnnotations ? { keyword, schemaType: 'object', metaSchema } : { keyword, schemaType: 'object' });
  annotation('x-form', X_FORM_META_SCHEMA);
  annotation('x-rule', X_RULE_META_SCHEMA);
  annotation('x-messages', X_MESSAGES_META_SCHEMA);
  for (const def of CUSTOM_KEYWORDS) ajv.addKeyword(def);
  return ajv;
}

/**
 * Formats as regular expressions so the standalone code inlines them (ajv-formats' functions would
 * make the generated code `require` a module, and RJSF compiles with one ajv-formats version while
 * the generated code would load another). `time` is the wall-clock time an HTML time input gives.
 */
const DATE =
  '(?:\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))|(?:\\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)';
const TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d{1,3})?)?';
export const FORMATS: Record<string, RegExp> = {
  date: new RegExp(`^${DATE}$`),
  'date-time': new RegExp(`^${DATE}T${TIME}(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)$`),
  time: new RegExp(`^${TIME}$`),
};

/** Options for `compileSchemaValidatorsCode` (and for the strict build-time check). */
export const AJV_OVERRIDES = {
  strict: false,
  $data: false,
  // maxLength counts UTF-16 units (string.length) so the generated code needs no runtime `require`
  // (ajv's code-point counter); for the handbook's Chinese text the two counts agree.
  unicode: false,
} as const;
