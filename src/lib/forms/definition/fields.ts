/**
 * The field tree of a form: its fields in `ui:order` with their titles, kinds and options (enum
 * labels, 是/否), groups and repeating rows, as the PDF, the verify page and any other reader walk
 * them; and how a value is shown. The one walk over a schema's fields. Browser-safe.
 */
import { resolveRef } from '../../shared/json-schema.ts';
import { displayDateTime } from '../../shared/time.ts';
import type { JsonSchema, UiSchema } from './schema.ts';

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

export class RefResolver {
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

export function objectFields(r: RefResolver, s: JsonSchema, ui: UiSchema, path: string[]): FieldNode[] {
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
    // maxLength is an input limit (200 a line, 2,000 a text area), not a layout hint: width comes from the widget.
    : ui['ui:widget'] === 'textarea' ? 'longtext'
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
    ((kind === 'enum' || kind === 'multi') && (optionChars > 24 || longest > 12));
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

/**
 * The field tree of a root schema, without the signatures property when it holds the x-form
 * signature roles (those are shown as signature boxes, not as fields).
 */
export function fieldTree(
  root: JsonSchema,
  uiSchema: UiSchema,
  signatureRoles: readonly string[],
): { fields: FieldNode[]; signaturesKey: string | null } {
  const resolver = new RefResolver(root);
  const rootSchema = resolver.deref(root);
  const roles = new Set(signatureRoles);
  const sigProp = resolver.deref(rootSchema.properties?.signatures);
  const signaturesKey =
    sigProp.properties && Object.keys(sigProp.properties).some((k) => roles.has(k)) ? 'signatures' : null;
  const fields = objectFields(resolver, rootSchema, uiSchema, []).filter(
    (f) => !(signaturesKey && f.path.length === 1 && f.key === signaturesKey),
  );
  return { fields, signaturesKey };
}

/** What walkRecord reports, in field order. */
export type RecordVisit =
  | { type: 'scalar'; field: ScalarField; value: unknown; depth: number; row?: { table: TableField; index: number } }
  | { type: 'group'; field: GroupField; depth: number }
  | { type: 'table'; field: TableField; rows: unknown[]; depth: number }
  | { type: 'row'; field: TableField; index: number; item: unknown; depth: number };

/**
 * Walks a record's data along the field tree: each scalar with its value, each group before its
 * children (one level deeper), each table with its rows, each row before its columns (two deeper).
 */
export function walkRecord(fields: FieldNode[], data: unknown, visit: (v: RecordVisit) => void, depth = 0): void {
  for (const n of fields) {
    if (n.type === 'scalar') {
      visit({ type: 'scalar', field: n, value: valueAt(data, n.path), depth });
    } else if (n.type === 'group') {
      visit({ type: 'group', field: n, depth });
      walkRecord(n.children, data, visit, depth + 1);
    } else {
      const items = valueAt(data, n.path);
      const rows = Array.isArray(items) ? items : [];
      visit({ type: 'table', field: n, rows, depth });
      rows.forEach((item, index) => {
        visit({ type: 'row', field: n, index, item, depth: depth + 1 });
        for (const c of n.columns) visit({ type: 'scalar', field: c, value: valueAt(item, c.path), depth: depth + 2, row: { table: n, index } });
      });
    }
  }
}
