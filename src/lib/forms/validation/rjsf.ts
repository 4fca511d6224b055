/**
 * What RJSF renders and validates with, derived from the form's schema: the schema with each rule
 * reduced to the fields it makes required, and a validator that checks the real schema on the record
 * as it will be saved. Browser-safe.
 */
import type { RJSFSchema, ValidatorType } from '@rjsf/utils';
import type { FormSchema, JsonSchema } from '../definition/schema.ts';

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

/**
 * The record with each required list that is missing filled to its minItems with empty rows (業戶檔案目錄
 * opens with its first row to fill in), as RJSF did before it was told not to walk the rows on every
 * change (DEFAULT_FORM_STATE_BEHAVIOR). Only missing lists: rows the user removed stay removed.
 */
export function withMinItems(schema: JsonSchema, data: Record<string, unknown>): Record<string, unknown> {
  let out = data;
  for (const key of schema.required ?? []) {
    const sub = schema.properties?.[key];
    if (sub?.type !== 'array' || !sub.minItems || key in data || sub.items?.type !== 'object') continue;
    out = { ...out, [key]: Array.from({ length: sub.minItems }, () => ({})) };
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
