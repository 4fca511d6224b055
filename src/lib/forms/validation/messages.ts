/**
 * ajv errors -> zh-TW messages that name the field by its title and cite the clause:
 *   「處罰決定人」：依 4.4.7，處罰只可由物業公司經理或客戶服務中心經理決定（…）
 *   「第 2 列 房號」：必須填寫
 * A rule's errors (anything under a subschema with `x-rule`) use the rule's message; other errors use
 * the field's `x-messages[keyword]`, a few handbook wordings (required, format, type, choices), or
 * ajv-i18n's zh-TW text. Browser-safe; shared by validate.ts (Node and browser) and the RJSF form.
 */
import type { ErrorObject } from 'ajv';
import localizeZhTW from 'ajv-i18n/localize/zh-TW/index.js';
import type { RJSFValidationError } from '@rjsf/utils';
import { decodePointer, resolveRef } from '../../shared/json-schema.ts';
import { citeClause } from '../rules.ts';
import type { FormSchema, JsonSchema, XRule } from '../definition/schema.ts';

export interface ZhError {
  /** JSON pointer of the field the error belongs to ("" for the whole record), e.g. "/rows/1/room". */
  path: string;
  /** The field's title as the user sees it, e.g. 「第 2 列 房號」 → "第 2 列 房號". */
  title: string;
  /** The full message: 「<title>」：<text> */
  message: string;
  /** The message without the title. */
  text: string;
  keyword: string;
  /** Set when a form rule failed. */
  ruleId?: string;
  /** e.g. "4.2.3 c)" */
  clause?: string;
}

const TYPE_ZH: Record<string, string> = {
  string: '文字',
  number: '數字',
  integer: '整數',
  boolean: '「是」或「否」',
  object: '一組資料',
  array: '清單',
  null: '空值',
};
const FORMAT_ZH: Record<string, string> = {
  date: '日期格式不正確（應為 YYYY-MM-DD）',
  'date-time': '日期時間格式不正確（應為日期及時間，並含時區）',
  time: '時間格式不正確（應為 HH:MM）',
  'data-url': '簽名圖像格式不正確',
};
const CONTAINER_TITLES = new Set(['簽署']);

/** The subschema describing the data at `pointer` (properties / items, $ref resolved). */
export function schemaAtPath(root: JsonSchema, pointer: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = root;
  for (const seg of decodePointer(pointer)) {
    node = resolveRef(root, node);
    if (!node) return undefined;
    if (node.properties && seg in node.properties) node = node.properties[seg];
    else if (node.items && /^\d+$/.test(seg)) node = node.items;
    else return undefined;
  }
  return resolveRef(root, node);
}

/**
 * The title of the field at `pointer`: the field's own title, with its parent object's title for a
 * nested field (「回復業戶・回復日期」) and the row for an array element (「第 2 列 房號」). A container's
 * title (「簽署」) is left out of its fields' titles but names the container itself (a missing group).
 */
export function fieldTitle(root: JsonSchema, pointer: string): string {
  const segs = decodePointer(pointer);
  if (segs.length === 0) return root.title ?? '';
  let node: JsonSchema | undefined = resolveRef(root, root);
  const labels: string[] = [];
  let row: { arrayTitle: string; n: number; primitive: boolean } | undefined;
  for (const [i, seg] of segs.entries()) {
    if (!node) break;
    if (node.items && /^\d+$/.test(seg)) {
      const items: JsonSchema = resolveRef(root, node.items);
      row = { arrayTitle: node.title ?? '', n: Number(seg) + 1, primitive: items?.type !== 'object' };
      labels.length = 0;
      node = items;
      continue;
    }
    const child: JsonSchema | undefined = resolveRef(root, node.properties?.[seg]);
    if (!child) {
      labels.push(seg);
      break;
    }
    const last = i === segs.length - 1;
    if (child.title && (last || !CONTAINER_TITLES.has(child.title))) labels.push(child.title);
    node = child;
  }
  const leaf = labels.slice(-2).join('・');
  if (!row) return leaf || root.title || '';
  if (row.primitive || !leaf) return `${row.arrayTitle} 第 ${row.n} ${row.primitive ? '項' : '列'}`.trim();
  return `第 ${row.n} 列 ${leaf}`;
}

/** The deepest x-rule on the way down `schemaPath` (e.g. "#/allOf/3/then/required"). */
export function ruleAt(root: JsonSchema, schemaPath: string): XRule | undefined {
  let node: unknown = root;
  let found: XRule | undefined = root['x-rule'];
  for (const seg of decodePointer(schemaPath)) {
    node = (node as Record<string, unknown> | undefined)?.[seg];
    if (!node || typeof node !== 'object') break;
    const r = (node as JsonSchema)['x-rule'];
    if (r) found = r;
  }
  return found;
}

/** The subschema holding the failing keyword: schemaPath minus its last segment. */
function keywordParent(root: JsonSchema, schemaPath: string): JsonSchema | undefined {
  const segs = decodePointer(schemaPath).slice(0, -1);
  return segs.reduce<unknown>((acc, seg) => (acc as Record<string, unknown> | undefined)?.[seg], root) as JsonSchema | undefined;
}

function isConstChoice(s: JsonSchema | undefined): boolean {
  return !!s?.oneOf && s.oneOf.every((o) => o && typeof o === 'object' && 'const' in o);
}

function i18n(error: ErrorObject): string {
  const copy = { ...error, params: { ...error.params } };
  localizeZhTW([copy]);
  return copy.message ?? error.keyword;
}

function joinPointer(base: string, prop: string): string {
  return `${base}/${prop.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

interface Converted {
  error: ErrorObject;
  zh: ZhError;
}

/** Errors a user should see: drops `if` echoes and the branch errors of a failed oneOf/anyOf. */
function significant(errors: ErrorObject[]): ErrorObject[] {
  const composite = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.schemaPath);
  return errors.filter((e) => {
    if (e.keyword === 'if') return false;
    return !composite.some((c) => c !== e.schemaPath && e.schemaPath.startsWith(`${c}/`));
  });
}

function convert(root: FormSchema, error: ErrorObject): ZhError {
  const rule = ruleAt(root, error.schemaPath);
  const parent = keywordParent(root, error.schemaPath);
  let path = error.instancePath;
  if (error.keyword === 'required' || error.keyword === 'dependentRequired') path = joinPointer(path, String(error.params.missingProperty));
  let title = fieldTitle(root, path);
  if (rule?.fields && (error.keyword === 'anyOf' || error.keyword === 'oneOf')) {
    path = joinPointer(error.instancePath, rule.fields[0]);
    title = rule.fields.map((f) => fieldTitle(root, joinPointer(error.instancePath, f))).join('或');
  }
  let text: string;
  let clause: string | undefined;
  const field = schemaAtPath(root, path);
  if (rule) {
    clause = citeClause(rule.clause, rule.item).replace(/^依\s*/, '');
    text = `${citeClause(rule.clause, rule.item)}，${rule.message}`;
    if (error.keyword === 'sumOf') {
      const group = fieldTitle(root, joinPointer(error.instancePath.replace(/\/[^/]*$/, ''), String(error.params.group)));
      text += `（「${group}」合計 ${error.params.sum}）`;
    } else if (error.keyword === 'ratioOf') {
      text += `（應為 ${error.params.expected}）`;
    } else if (error.keyword === 'required' && path !== error.instancePath) {
      text += '（此欄必須填寫）';
    }
  } else if (parent?.['x-messages']?.[error.keyword]) {
    text = parent['x-messages'][error.keyword];
  } else {
    switch (error.keyword) {
      case 'required':
      case 'dependentRequired':
        text = '必須填寫';
        break;
      case 'format':
        text = FORMAT_ZH[String(error.params.format)] ?? i18n(error);
        break;
      case 'pattern':
        text = error.params.pattern === '\\S' ? '不可只填空白' : i18n(error);
        break;
      case 'type':
        text = `應為${TYPE_ZH[String(error.params.type)] ?? String(error.params.type)}`;
        break;
      case 'oneOf':
        text = isConstChoice(parent) ? '請從選項中選擇' : i18n(error);
        break;
      case 'enum':
        text = '請從選項中選擇';
        break;
      case 'const': {
        const label = field?.oneOf?.find((o) => o.const === error.params.allowedValue)?.title;
        text = `應為「${label ?? String(error.params.allowedValue)}」`;
        break;
      }
      case 'additionalProperties':
        text = `不可有表單以外的欄位「${String(error.params.additionalProperty)}」`;
        break;
      case 'uniqueItems':
        text = '不可重複選擇同一項目';
        break;
      default:
        text = i18n(error);
    }
  }
  return {
    path,
    title,
    text,
    message: `「${title}」：${text}`,
    keyword: error.keyword,
    ...(rule ? { ruleId: rule.id, clause } : {}),
  };
}

function convertAll(root: FormSchema, errors: ErrorObject[] | null | undefined): Converted[] {
  const order = Object.keys(root.properties ?? {});
  const rank = (path: string) => {
    const first = decodePointer(path)[0];
    const i = first === undefined ? -1 : order.indexOf(first);
    return i === -1 ? order.length : i;
  };
  const seen = new Set<string>();
  const out: Converted[] = [];
  for (const error of significant(errors ?? [])) {
    const zh = convert(root, error);
    const key = `${zh.path}\u0000${zh.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ error, zh });
  }
  // A wrong type makes the choice / format checks on the same field noise.
  const wrongType = new Set(out.filter((c) => c.zh.keyword === 'type' && !c.zh.ruleId).map((c) => c.zh.path));
  return out
    .filter((c) => c.zh.ruleId || c.zh.keyword === 'type' || !wrongType.has(c.zh.path))
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c.zh.path) - rank(b.c.zh.path) || a.i - b.i)
    .map(({ c }) => c);
}

/** zh-TW errors for ajv's raw errors against `schema`. */
export function zhErrors(schema: FormSchema, errors: ErrorObject[] | null | undefined): ZhError[] {
  return convertAll(schema, errors).map((c) => c.zh);
}

/**
 * A localizer for `createPrecompiledValidator(fns, schema, localizer)`: rewrites the raw ajv errors in
 * place so RJSF shows zh-TW text under each field (message without the title) and keeps the full
 * ZhError in `params.zh` for the error list (see `rjsfTransformErrors`).
 */
export function createZhLocalizer(schema: FormSchema) {
  return (errors?: null | ErrorObject[]): void => {
    if (!errors) return;
    const converted = convertAll(schema, errors);
    errors.length = 0;
    for (const { error, zh } of converted) {
      error.message = zh.text;
      // RJSF appends missingProperty itself; other errors are moved to the field they name.
      if (error.keyword !== 'required' && error.keyword !== 'dependentRequired') error.instancePath = zh.path;
      error.params = { ...error.params, zh };
      errors.push(error);
    }
  };
}

/** RJSF `transformErrors`: the error list shows 「標題」：訊息 lines. */
export function rjsfTransformErrors(errors: RJSFValidationError[]): RJSFValidationError[] {
  return errors.map((e) => {
    const zh = (e.params as { zh?: ZhError } | undefined)?.zh;
    return zh ? { ...e, stack: zh.message, title: zh.title } : e;
  });
}
