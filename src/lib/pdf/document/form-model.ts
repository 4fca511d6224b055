/**
 * Reads a form's JSON Schema (+ UI schema) into the model the PDF lays out: the official
 * table's fields in `ui:order`, their titles, how each value is shown (enum labels, 是/否),
 * the repeating rows, and the form metadata in `x-form`.
 */
import { signatureRequiredNow, type XFormSignature } from '../../forms/rules.ts';
import { PdfError } from '../errors.ts';
import { base64ToBytes } from '../../shared/bytes.ts';
import { resolveRef } from '../../shared/json-schema.ts';
import { displayDateTime } from '../../shared/time.ts';

/** x-form's signature declaration; `required` may also be true/false here. */
export interface SignatureSpec extends Omit<XFormSignature, 'required'> {
  required: XFormSignature['required'] | boolean;
}

export interface FormMeta {
  id: string;
  number: string;
  title: string;
  revision: string;
  procedure: string;
  procedureNumber: string;
  clause?: string;
  retention: {
    default: string;
    /** { field, values: { <enum value>: <period> }, clause } or null. */
    rule?: unknown;
    /** The seed is silent; the handbook chose the period. */
    assumed?: boolean;
    note?: string;
  };
  confidentiality: '一般' | '絕密';
  recordNumberField: string;
  /** The field with open / closed, when the record has a lifecycle. */
  statusField?: string;
  signatures: SignatureSpec[];
}

/** The JSON Schema keywords this module reads. */
export interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  type?: string | string[];
  title?: string;
  description?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  dependentSchemas?: Record<string, JsonSchema>;
  dependencies?: Record<string, JsonSchema | string[]>;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  required?: string[];
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  readOnly?: boolean;
  enumNames?: string[];
  'x-enumNames'?: string[];
  'x-enumLabels'?: string[] | Record<string, string>;
  'x-form'?: FormMeta;
  [key: string]: unknown;
}

export type UiSchema = {
  'ui:order'?: string[];
  'ui:widget'?: string;
  'ui:title'?: string;
  'ui:options'?: Record<string, unknown>;
  'ui:enumNames'?: string[];
  items?: UiSchema;
  [key: string]: unknown;
};

export interface FormDefinition {
  schema: JsonSchema;
  uiSchema?: UiSchema;
}

export type ScalarKind = 'text' | 'longtext' | 'date' | 'datetime' | 'time' | 'number' | 'boolean' | 'enum' | 'multi';

export interface ScalarField {
  type: 'scalar';
  key: string;
  path: string[];
  title: string;
  kind: ScalarKind;
  /** Shown across the full width (long text, long option lists) rather than in half a row. */
  wide: boolean;
  /** Lines of handwriting space on the blank form. */
  blankLines: number;
  /** value -> label, for enums and multi-selects. */
  options: { value: unknown; label: string }[];
  /** A value the form fixes (const, or a read-only field's default), printed on the blank form too. */
  preset?: unknown;
}

export interface GroupField {
  type: 'group';
  key: string;
  path: string[];
  title: string;
  children: FieldNode[];
}

export interface TableField {
  type: 'table';
  key: string;
  path: string[];
  title: string;
  columns: ScalarField[];
  /** Empty rows on the blank form. */
  blankRows: number;
}

export type FieldNode = ScalarField | GroupField | TableField;

export interface FormModel {
  meta: FormMeta;
  fields: FieldNode[];
  /** Title of the record-number field, shown in the header. */
  recordNumberTitle: string;
  /**
   * The data property holding typed/drawn signatures by role ({ name, signedOn, image }), shown
   * in the signature boxes rather than as fields; null if the form has none.
   */
  signaturesKey: string | null;
}

/** Reads `x-form` and the field tree. Throws SCHEMA_INVALID (zh-TW) if `x-form` is unusable. */
export function formModel(def: FormDefinition): FormModel {
  const root = def.schema;
  const meta = root['x-form'];
  if (!meta || typeof meta !== 'object') {
    throw new PdfError('SCHEMA_INVALID', '表單結構缺少 x-form 設定，無法產生 PDF。');
  }
  for (const k of ['id', 'number', 'title', 'revision', 'procedureNumber', 'recordNumberField'] as const) {
    if (typeof meta[k] !== 'string' || meta[k] === '') {
      throw new PdfError('SCHEMA_INVALID', `表單結構的 x-form 缺少「${k}」，無法產生 PDF。`);
    }
  }
  if (!Array.isArray(meta.signatures)) {
    throw new PdfError('SCHEMA_INVALID', '表單結構的 x-form 缺少簽署欄位清單（signatures）。');
  }
  const resolver = new RefResolver(root);
  const rootSchema = resolver.deref(root);
  const roles = new Set(meta.signatures.map((s) => s.role));
  const sigProp = resolver.deref(rootSchema.properties?.signatures);
  const signaturesKey =
    sigProp.properties && Object.keys(sigProp.properties).some((k) => roles.has(k)) ? 'signatures' : null;
  const fields = objectFields(resolver, rootSchema, def.uiSchema ?? {}, []).filter(
    (f) => !(signaturesKey && f.path.length === 1 && f.key === signaturesKey),
  );
  const rn = findScalar(fields, meta.recordNumberField);
  return { meta, fields, recordNumberTitle: rn?.title ?? '記錄編號', signaturesKey };
}

/** Whether a role must sign: for a record (data given) as the data stands, else as the form says. */
export function signatureRequirement(meta: FormMeta, sig: SignatureSpec, data?: unknown): '必簽' | '結案時必簽' | '視情況必簽' | '' {
  const req = sig.required;
  if (req === true || req === 'always') return '必簽';
  if (req === false || req === 'optional' || req === undefined || req === null) return '';
  if (data === undefined) return req === 'toClose' ? '結案時必簽' : '視情況必簽';
  // Until the record is closed, a toClose role still reads 結案時必簽; a condition not met, nothing.
  const otherwise = req === 'toClose' ? '結案時必簽' : '';
  if (!data || typeof data !== 'object') return otherwise;
  return signatureRequiredNow(req, meta.statusField, data as Record<string, unknown>) ? '必簽' : otherwise;
}


/** A typed or drawn signature in the record data. */
export interface DataSignature {
  name: string;
  signedOn: string;
  /** data: URL of the drawn signature (PNG or JPEG), if any. */
  image: string | null;
}

export function dataSignature(model: FormModel, data: unknown, role: string): DataSignature | null {
  if (!model.signaturesKey) return null;
  const s = valueAt(data, [model.signaturesKey, role]);
  if (!s || typeof s !== 'object') return null;
  const o = s as Record<string, unknown>;
  const name = typeof o.name === 'string' ? o.name : '';
  const signedOn = typeof o.signedOn === 'string' ? o.signedOn : '';
  const image = typeof o.image === 'string' && o.image.startsWith('data:') ? o.image : null;
  if (!name && !signedOn && !image) return null;
  return { name, signedOn, image };
}

/** Bytes and type of a data: URL image; null if it is not a PNG or JPEG. */
export function decodeDataUrl(url: string): { bytes: Uint8Array; type: 'png' | 'jpg' } | null {
  const m = /^data:(image\/(?:png|jpeg|jpg));base64,([A-Za-z0-9+/=\s]+)$/.exec(url);
  if (!m) return null;
  try {
    const bytes = base64ToBytes(m[2]);
    return { bytes, type: m[1] === 'image/png' ? 'png' : 'jpg' };
  } catch {
    return null;
  }
}

class RefResolver {
  private readonly root: JsonSchema;

  constructor(root: JsonSchema) {
    this.root = root;
  }

  deref(s: JsonSchema | undefined): JsonSchema {
    return resolveRef(this.root, s ?? {});
  }
}

function typeOf(s: JsonSchema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  if (s.type) return s.type;
  if (s.properties) return 'object';
  if (s.items) return 'array';
  if (s.enum || s.oneOf?.every((o) => 'const' in o)) return 'string';
  return undefined;
}

/** Properties of an object schema, including those that only appear in conditional branches. */
function collectProperties(r: RefResolver, s: JsonSchema): Map<string, JsonSchema> {
  const props = new Map<string, JsonSchema>();
  const visit = (node: JsonSchema | undefined, depth: number) => {
    if (!node || depth > 6) return;
    const n = r.deref(node);
    for (const [k, v] of Object.entries(n.properties ?? {})) {
      const prev = props.get(k);
      const resolved = r.deref(v);
      // A branch that only narrows a property (const/enum/minLength) must not replace its definition.
      if (!prev) props.set(k, resolved);
      else if (!prev.title && resolved.title) props.set(k, { ...resolved, ...prev, title: resolved.title });
    }
    for (const sub of [...(n.allOf ?? []), ...(n.oneOf ?? []), ...(n.anyOf ?? [])]) visit(sub, depth + 1);
    visit(n.then, depth + 1);
    visit(n.else, depth + 1);
    for (const d of Object.values(n.dependentSchemas ?? {})) visit(d, depth + 1);
    for (const d of Object.values(n.dependencies ?? {})) if (!Array.isArray(d)) visit(d, depth + 1);
  };
  visit(s, 0);
  return props;
}

function ordered(keys: string[], order: string[] | undefined): string[] {
  if (!order) return keys;
  const rest = keys.filter((k) => !order.includes(k));
  const out: string[] = [];
  for (const k of order) {
    if (k === '*') out.push(...rest);
    else if (keys.includes(k)) out.push(k);
  }
  if (!order.includes('*')) out.push(...rest);
  return out;
}

function objectFields(r: RefResolver, s: JsonSchema, ui: UiSchema, path: string[]): FieldNode[] {
  const props = collectProperties(r, s);
  const out: FieldNode[] = [];
  for (const key of ordered([...props.keys()], ui['ui:order'])) {
    const prop = props.get(key)!;
    const pui = (ui[key] ?? {}) as UiSchema;
    if (pui['ui:widget'] === 'hidden' || (pui['ui:options'] as { hidden?: boolean } | undefined)?.hidden) continue;
    const node = fieldOf(r, key, prop, pui, [...path, key]);
    if (node) out.push(node);
  }
  return out;
}

function titleOf(key: string, s: JsonSchema, ui: UiSchema): string {
  return (typeof ui['ui:title'] === 'string' && ui['ui:title']) || s.title || key;
}

function fieldOf(r: RefResolver, key: string, s: JsonSchema, ui: UiSchema, path: string[]): FieldNode | null {
  const t = typeOf(s);
  const title = titleOf(key, s, ui);
  if (t === 'object') {
    return { type: 'group', key, path, title, children: objectFields(r, s, ui, path) };
  }
  if (t === 'array') {
    const items = r.deref(s.items);
    if (typeOf(items) === 'object') {
      const iui = (ui.items ?? {}) as UiSchema;
      const columns = objectFields(r, items, iui, []).flatMap((c) => (c.type === 'scalar' ? [c] : flattenToScalars(c)));
      const blankRows = Number((ui['ui:options'] as { blankRows?: number } | undefined)?.blankRows) || Math.max(s.minItems ?? 0, 6);
      return { type: 'table', key, path, title, columns, blankRows };
    }
    // An array of enum values: a multi-select; of free values: a list shown as one text.
    const options = enumOptions(items, ui);
    if (options.length === 0) return { ...scalar(key, path, title, 'text', [], s, ui), wide: true };
    return scalar(key, path, title, 'multi', options, s, ui);
  }
  if (t === 'boolean') {
    // The schema's own labels (「已解決／未能解決」) when it has them, else 是／否.
    const labelled = enumOptions(s, ui);
    const label = (v: boolean) => labelled.find((o) => o.value === v)?.label ?? (v ? '是' : '否');
    return scalar(key, path, title, 'boolean', [
      { value: true, label: label(true) },
      { value: false, label: label(false) },
    ], s, ui);
  }
  const options = enumOptions(s, ui);
  if (options.length > 0) return scalar(key, path, title, 'enum', options, s, ui);
  if (t === 'number' || t === 'integer') return scalar(key, path, title, 'number', [], s, ui);
  const kind: ScalarKind =
    s.format === 'date' ? 'date'
    : s.format === 'date-time' || ui['ui:widget'] === 'datetime' ? 'datetime'
    : s.format === 'time' ? 'time'
    : ui['ui:widget'] === 'textarea' || (s.maxLength ?? 0) > 100 ? 'longtext'
    : 'text';
  return scalar(key, path, title, kind, [], s, ui);
}

function flattenToScalars(node: FieldNode): ScalarField[] {
  if (node.type === 'scalar') return [node];
  if (node.type === 'group') {
    return node.children.flatMap(flattenToScalars).map((c) => ({ ...c, title: `${node.title}－${c.title}`, path: [node.key, ...c.path] }));
  }
  return [];
}

function scalar(
  key: string,
  path: string[],
  title: string,
  kind: ScalarKind,
  options: { value: unknown; label: string }[],
  s: JsonSchema,
  ui: UiSchema,
): ScalarField {
  const rows = Number((ui['ui:options'] as { rows?: number } | undefined)?.rows);
  const optionChars = options.reduce((n, o) => n + Array.from(o.label).length + 3, 0);
  const longest = options.reduce((n, o) => Math.max(n, Array.from(o.label).length), 0);
  const wide =
    kind === 'longtext' ||
    ((kind === 'enum' || kind === 'multi') && (optionChars > 24 || longest > 12)) ||
    (kind === 'text' && (s.maxLength ?? 0) > 40);
  const blankLines = kind === 'longtext' ? (rows > 0 ? rows : 4) : 1;
  const preset = 'const' in s ? s.const : s.readOnly && 'default' in s ? s.default : undefined;
  return { type: 'scalar', key, path, title, kind, wide, blankLines, options, ...(preset !== undefined ? { preset } : {}) };
}

function enumOptions(s: JsonSchema, ui: UiSchema): { value: unknown; label: string }[] {
  const alts = s.oneOf ?? s.anyOf;
  if (alts && alts.length > 0 && alts.every((o) => 'const' in o)) {
    return alts.map((o) => ({ value: o.const, label: o.title ?? String(o.const) }));
  }
  if (Array.isArray(s.enum)) {
    const names = ui['ui:enumNames'] ?? s.enumNames ?? s['x-enumNames'];
    const labels = s['x-enumLabels'];
    return s.enum
      .filter((v) => v !== null)
      .map((v, i) => ({
        value: v,
        label:
          (Array.isArray(names) && typeof names[i] === 'string' && names[i]) ||
          (labels && !Array.isArray(labels) && typeof labels[String(v)] === 'string' && labels[String(v)]) ||
          (Array.isArray(labels) && typeof labels[i] === 'string' && labels[i]) ||
          String(v),
      }));
  }
  return [];
}

export function findScalar(fields: FieldNode[], key: string): ScalarField | undefined {
  for (const f of fields) {
    if (f.type === 'scalar' && f.key === key) return f;
    if (f.type === 'group') {
      const hit = findScalar(f.children, key);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** The value at `path` in record data (undefined where the path leaves the data). */
export function valueAt(data: unknown, path: string[]): unknown {
  let cur = data;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/**
 * The text a value is shown as: enum values by their labels, booleans 是/否, date-times with a
 * space instead of "T"; everything else exactly as typed. Empty -> ''.
 */
export function displayValue(field: ScalarField, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  switch (field.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? labelOf(field, value) : String(value);
    case 'enum':
      return labelOf(field, value);
    case 'multi':
      return Array.isArray(value) ? value.map((v) => labelOf(field, v)).join('、') : labelOf(field, value);
    case 'datetime':
      return typeof value === 'string' ? displayDateTime(value) : String(value);
    default:
      if (Array.isArray(value)) return value.map((v) => String(v)).join('、');
      if (typeof value === 'object') return JSON.stringify(value);
      return String(value);
  }
}

function labelOf(field: ScalarField, value: unknown): string {
  const hit = field.options.find((o) => o.value === value);
  return hit ? hit.label : String(value);
}

/** Retention to print: the default, or what the rule gives for this record's data. */
export function retentionText(meta: FormMeta, data: unknown): string {
  return withAssumed(meta, retentionValue(meta, data));
}

function withAssumed(meta: FormMeta, text: string): string {
  return meta.retention?.assumed ? `${text}（暫定）` : text;
}

function retentionValue(meta: FormMeta, data: unknown): string {
  const rule = meta.retention?.rule;
  const fallback = meta.retention?.default ?? '';
  if (data !== undefined && rule && typeof rule === 'object' && !Array.isArray(rule)) {
    const r = rule as { field?: unknown; values?: unknown; cases?: unknown; map?: unknown };
    const table = (r.values ?? r.cases ?? r.map) as Record<string, unknown> | undefined;
    if (typeof r.field === 'string' && table && typeof table === 'object') {
      const v = valueAt(data, r.field.split('.'));
      const hit = table[String(v)];
      if (typeof hit === 'string') return hit;
    }
  }
  return fallback;
}

/**
 * Retention for the blank form, where no data decides it: the rule spelled out with the field's
 * labels (「一般：一年；重大：五年」), else the default.
 */
export function blankRetentionText(model: FormModel): string {
  const meta = model.meta;
  const rule = meta.retention?.rule;
  if (typeof rule === 'string' && rule.trim() !== '') return withAssumed(meta, `${meta.retention.default}（${rule}）`);
  if (rule && typeof rule === 'object' && !Array.isArray(rule)) {
    const r = rule as { field?: unknown; values?: unknown };
    if (typeof r.field === 'string' && r.values && typeof r.values === 'object') {
      const field = findScalar(model.fields, r.field);
      const parts = Object.entries(r.values as Record<string, unknown>).map(([v, period]) => {
        const label = field?.options.find((o) => String(o.value) === v)?.label ?? v;
        return `${label}：${String(period)}`;
      });
      if (parts.length > 0) return withAssumed(meta, `${parts.join('；')}${field ? `（依${field.title}）` : ''}`);
    }
  }
  return withAssumed(meta, meta.retention?.default ?? '');
}
