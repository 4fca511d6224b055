/**
 * Small browser helpers for the record form island: local storage for drafts, draft labels, time
 * formatting and the schema/validator RJSF renders with. Nothing here talks to a network.
 */
import { MemoryStorage, type DraftStorage } from '../../lib/record/drafts.ts';
import type { FormSchema, JsonSchema, FormMeta } from '../../lib/forms/definition/schema.ts';
import type { RJSFSchema, UiSchema, ValidatorType } from '@rjsf/utils';

/** localStorage when the browser allows it; else memory (drafts then last only while the page is open). */
export function draftStorage(): { storage: DraftStorage; persistent: boolean } {
  try {
    const s = window.localStorage;
    const probe = 'sop-handbook:probe';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return { storage: s, persistent: true };
  } catch {
    return { storage: new MemoryStorage(), persistent: false };
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "14:05:09" in the browser's local time. */
export function clockTime(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "2026-03-04 14:05:09" in the browser's local time. */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clockTime(d)}`;
}

function meaningful(v: unknown): boolean {
  if (typeof v === 'string') return v.trim() !== '';
  if (typeof v === 'number' || typeof v === 'boolean') return true;
  if (Array.isArray(v)) return v.some(meaningful);
  if (v && typeof v === 'object') return Object.values(v).some(meaningful);
  return false;
}

/** Fields the form fills itself (never a sign that the user wrote something). */
const SELF_FILLED = new Set(['confidentiality', 'level', 'retention', 'total', 'satisfactionRate']);

/** Whether the record holds anything the user entered (derived values do not count). */
export function hasContent(data: Record<string, unknown>): boolean {
  return Object.entries(data).some(([k, v]) => !SELF_FILLED.has(k) && meaningful(v));
}

const clip = (s: string, n = 24) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** The draft list's label: the record number, else the first filled field as 「標題：內容」. */
export function draftLabel(x: FormMeta, schema: FormSchema, uiSchema: UiSchema, data: Record<string, unknown>): string {
  const no = data[x.recordNumberField];
  if (typeof no === 'string' && no.trim()) return no.trim();
  const props = schema.properties ?? {};
  const order = (uiSchema['ui:order'] as string[] | undefined)?.filter((k) => k in props) ?? Object.keys(props);
  for (const key of order) {
    if (SELF_FILLED.has(key)) continue;
    const v = data[key];
    const title = props[key]?.title ?? key;
    if (typeof v === 'string' && v.trim()) {
      const choice = props[key]?.oneOf?.find((o) => o.const === v)?.title;
      return `${title}：${clip(choice ?? v.trim())}`;
    }
    if (typeof v === 'number') return `${title}：${v}`;
  }
  return '（尚未填寫文字內容）';
}

/**
 * Drops what RJSF adds while rendering but the user never filled: undefined values and optional
 * sub-objects left empty (e.g. 「回訪人簽署」 = {} once another signature is typed), which would
 * otherwise fail the sub-object's own required fields. Required objects are kept, so their fields
 * still report 「必須填寫」.
 */
export function pruneEmpty(schema: JsonSchema, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const required = new Set(schema.required ?? []);
  for (const [key, value] of Object.entries(data ?? {})) {
    if (value === undefined) continue;
    const sub = schema.properties?.[key];
    if (value && typeof value === 'object' && !Array.isArray(value) && sub?.type === 'object') {
      const pruned = pruneEmpty(sub, value as Record<string, unknown>);
      if (Object.keys(pruned).length === 0 && !required.has(key)) continue;
      out[key] = pruned;
      continue;
    }
    out[key] = value;
  }
  return out;
}

/** Keeps only what makes a field required (`required`, nested under `properties`). */
function requiredOnly(node: JsonSchema | undefined): JsonSchema | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const out: JsonSchema = {};
  if (Array.isArray(node.required) && node.required.length) out.required = [...node.required];
  if (node.properties) {
    const props: Record<string, JsonSchema> = {};
    for (const [k, sub] of Object.entries(node.properties)) {
      const kept = requiredOnly(sub);
      if (kept) props[k] = kept;
    }
    if (Object.keys(props).length) out.properties = props;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The schema RJSF renders from: the form's schema with each rule (allOf entry) reduced to the fields
 * it makes required, so required marks follow the answers (e.g. 結案 → 處理結果＊) while a rule that
 * narrows a choice (4.4.7: 處罰決定人 ∈ two managers) neither hides options nor makes RJSF drop the
 * user's answer. Every rule is still checked in full by the precompiled validator (pruningValidator),
 * which explains it with its clause. The `if` parts are kept as they are: their precompiled
 * functions are looked up by the subschema's hash.
 */
export function renderSchema(schema: FormSchema): RJSFSchema {
  const copy = structuredClone(schema) as JsonSchema;
  if (Array.isArray(copy.allOf)) {
    copy.allOf = copy.allOf
      .map((entry) => {
        if (entry.if) {
          const then = requiredOnly(entry.then);
          const otherwise = requiredOnly(entry.else);
          if (!then && !otherwise) return undefined;
          return { if: entry.if, ...(then ? { then } : {}), ...(otherwise ? { else: otherwise } : {}) } as JsonSchema;
        }
        return requiredOnly(entry);
      })
      .filter((e): e is JsonSchema => !!e);
    if (copy.allOf.length === 0) delete copy.allOf;
  }
  return copy as unknown as RJSFSchema;
}

/**
 * RJSF's validator for the rendered form: validates against the form's real schema (every rule, the
 * same precompiled functions), and validates the record as it will be saved — RJSF's own state fills
 * each optional sub-object with {} when it re-derives the schema (sanitizeDataForNewSchema), which must
 * not count as a half-filled signature or 回訪安排.
 */
export function pruningValidator(inner: ValidatorType, schema: FormSchema): ValidatorType {
  const root = schema as unknown as RJSFSchema;
  const prune = <T>(data: T): T =>
    data && typeof data === 'object' && !Array.isArray(data) ? (pruneEmpty(schema, data as Record<string, unknown>) as T) : data;
  return {
    validateFormData: (formData, _rendered, customValidate, transformErrors, uiSchema) =>
      inner.validateFormData(prune(formData), root, customValidate, transformErrors, uiSchema),
    isValid: (s, formData) => inner.isValid(s, formData, root),
    rawValidation: (_rendered, formData) => inner.rawValidation(root, formData),
    ...(inner.reset ? { reset: () => inner.reset!() } : {}),
  };
}

/** Removes keys whose value is undefined (RJSF keeps them for cleared fields). */
export function plainData(data: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(data ?? {})) as Record<string, unknown>;
}
