/**
 * The schema of practice-case files (`content/training/cases/<procedure>.yaml`) and their references: clauses
 * of the effective revision, form ids of the procedure, fields of the form and the values they can hold. Each
 * problem names the file, case, expectation and value in Chinese. See cases.ts for the shape.
 */
import { z } from '../shared/zod.ts';
import { CaseError } from './errors.ts';
import { clauseRefAnchor, clauseRefLabel, parseClauseRef, zodProblems } from '../flow/model.ts';
import { FORM_IDS, type FormId } from '../procedures.ts';
import type { Check, Expectation, PracticeCase } from './cases.ts';

/** The minimum of a JSON Schema this module reads: properties, items and the allowed values. */
export interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  oneOf?: { const?: unknown }[];
  enum?: unknown[];
  'x-form'?: { procedure?: string };
}

const text = z.string().trim().min(1, { error: '不可為空' });
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const hours = z.strictObject({ field: text, hours: z.coerce.number().positive() });
const expectationSchema = z.strictObject({
  field: z.string().regex(/^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*$/, { error: '必須是欄位名稱，例如 level 或 escalation.to' }),
  clause: z.string().regex(/^\d+(?:\.{1,2}\d+)*\s*(?:[a-z]\)?)?$/, { error: '必須是條款編號，例如 4.1.1 或 4.2.3 a)' }),
  message: text,
  equals: scalar.optional(),
  oneOf: z.array(scalar).min(1).optional(),
  includes: z.string().optional(),
  excludes: z.string().optional(),
  present: z.boolean().optional(),
  atLeastHoursBefore: hours.optional(),
  atMostHoursAfter: hours.optional(),
});
const caseSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: '只可用小寫英文字母、數字和「-」，並以字母開頭' }),
  form: text,
  title: text,
  scenario: text,
  expectations: z.array(expectationSchema).min(1, { error: '至少要有一項預期' }),
});
const casesSchema = z.strictObject({ cases: z.array(caseSchema).min(1, { error: '至少要有一個個案' }) });
const zhTW = z.locales.zhTW().localeError;
const CHECK_KINDS = ['equals', 'oneOf', 'includes', 'excludes', 'present', 'atLeastHoursBefore', 'atMostHoursAfter'] as const;

function toCheck(e: z.infer<typeof expectationSchema>): Check | string {
  const given = CHECK_KINDS.filter((k) => e[k] !== undefined);
  if (given.length !== 1) return `須恰有一種檢查（${CHECK_KINDS.join('、')}），實有 ${given.length} 種`;
  const kind = given[0];
  switch (kind) {
    case 'equals':
    case 'includes':
    case 'excludes':
    case 'present':
      return { kind, value: e[kind] } as Check;
    case 'oneOf':
      return { kind, values: e.oneOf! };
    default:
      return { kind, other: e[kind]!.field, hours: e[kind]!.hours };
  }
}

/** The schema of a dotted path, or undefined when the form has no such field. */
export function fieldSchema(schema: SchemaNode, path: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = schema;
  for (const key of path.split('.')) node = node?.properties?.[key];
  return node;
}

function allowedValues(node: SchemaNode | undefined): unknown[] | null {
  if (!node) return null;
  if (node.oneOf?.every((o) => 'const' in o)) return node.oneOf.map((o) => o.const);
  return node.enum ?? null;
}

export interface ValidateCasesOptions {
  anchors: Iterable<string>;
  /** Form id -> its JSON Schema. */
  schemas: Readonly<Record<string, SchemaNode>>;
}

export function validateCases(procedure: string, raw: unknown, options: ValidateCasesOptions): { cases?: PracticeCase[]; problems: string[] } {
  const name = `練習個案「${procedure}」`;
  const parsed = casesSchema.safeParse(raw, { error: zhTW });
  if (!parsed.success) return { problems: zodProblems(name, parsed.error) };
  const anchors = new Set(options.anchors);
  const problems: string[] = [];
  const ids = new Set<string>();
  const cases = parsed.data.cases.map((c): PracticeCase => {
    const caseName = `${name}個案「${c.id}」`;
    if (ids.has(c.id)) problems.push(`${caseName}的 id 重複`);
    ids.add(c.id);
    const schema = (FORM_IDS as readonly string[]).includes(c.form) ? options.schemas[c.form] : undefined;
    if (!schema) problems.push(`${caseName}引用的表單「${c.form}」不存在`);
    else if (schema['x-form']?.procedure !== procedure) problems.push(`${caseName}的表單「${c.form}」不屬於本規程`);
    const expectations = c.expectations.flatMap((e, i): Expectation[] => {
      const where = `${caseName}第 ${i + 1} 項預期（${e.field}）`;
      const clause = parseClauseRef(e.clause);
      const anchor = clauseRefAnchor(clause);
      if (!anchors.has(anchor)) problems.push(`${where}引用的條款 ${clauseRefLabel(clause)} 不存在`);
      const check = toCheck(e);
      if (typeof check === 'string') {
        problems.push(`${where}${check}`);
        return [];
      }
      if (schema) {
        const node = fieldSchema(schema, e.field);
        if (!node) problems.push(`${where}：表單「${c.form}」沒有欄位 ${e.field}`);
        const allowed = allowedValues(check.kind === 'includes' || check.kind === 'excludes' ? node?.items : node);
        const values = check.kind === 'oneOf' ? check.values : 'value' in check && check.kind !== 'present' ? [check.value] : [];
        for (const v of values) {
          if (allowed && !allowed.includes(v)) problems.push(`${where}的值「${String(v)}」不是該欄位的選項（${allowed.join('、')}）`);
        }
        if ((check.kind === 'atLeastHoursBefore' || check.kind === 'atMostHoursAfter') && !fieldSchema(schema, check.other)) {
          problems.push(`${where}：表單「${c.form}」沒有欄位 ${check.other}`);
        }
      }
      return [{ field: e.field, check, clauseLabel: clauseRefLabel(clause), anchor, message: e.message }];
    });
    return { id: c.id, procedure, form: c.form as FormId, title: c.title, scenario: c.scenario, expectations };
  });
  return problems.length ? { problems } : { cases, problems };
}

export function parseCases(procedure: string, raw: unknown, options: ValidateCasesOptions): PracticeCase[] {
  const result = validateCases(procedure, raw, options);
  if (!result.cases) throw new CaseError(procedure, result.problems);
  return result.cases;
}

