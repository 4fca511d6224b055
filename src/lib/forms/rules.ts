/**
 * The form rules as data. Every rule lives in its form's JSON Schema (an `allOf` entry, or a property
 * subschema, carrying `"x-rule": { id, clause, item?, message }`), is enforced by the compiled validator,
 * and is listed from the schema here — for the UI, the register of rules, and the tests. No rule logic is
 * duplicated outside the schema; `conditionHolds` only reads x-form's declarative signature conditions.
 * Browser-safe (no Node APIs).
 */
import type { FormMeta, FormSchema, FormSignature, JsonSchema, SignatureCondition, XRule } from './definition/schema.ts';
import { clauseText } from '../shared/clause-text.ts';

export interface RuleInfo extends XRule {
  formId: string;
  /** JSON pointer of the subschema carrying the rule, e.g. "#/allOf/3". */
  schemaPath: string;
  /** "依 4.2.3 c)" */
  citation: string;
}

/** "4.1.6" -> "依 4.1.6"; "4.2.3" + "c" -> "依 4.2.3 c)"; "3" -> "依第 3 條（職責）". */
export function citeClause(clause: string, item?: string): string {
  if (/^\d+$/.test(clause)) return `依${clauseText(clause)}`;
  return `依 ${clause}${item ? ` ${item})` : ''}`;
}

/** All rules of a schema, in schema order. */
export function listRules(schema: FormSchema): RuleInfo[] {
  const out: RuleInfo[] = [];
  const formId = schema['x-form']?.id ?? '';
  const visit = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((child, i) => visit(child, `${path}/${i}`));
      return;
    }
    const s = node as JsonSchema;
    if (s['x-rule']) {
      const r = s['x-rule'];
      out.push({ ...r, formId, schemaPath: path, citation: citeClause(r.clause, r.item) });
    }
    for (const [k, v] of Object.entries(s)) {
      if (k === 'x-rule' || k === 'x-form' || k === 'x-messages' || k === 'const' || k === 'enum' || k === 'default') continue;
      visit(v, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  };
  visit(schema, '#');
  return out;
}

/** Which signature roles the schema requires always, and which only under a condition. */
export function signatureRoles(schema: JsonSchema): { always: Set<string>; conditional: Set<string> } {
  const always = new Set<string>();
  const conditional = new Set<string>();
  const sigReq = (s: JsonSchema | undefined) => s?.properties?.signatures?.required ?? [];
  for (const r of sigReq(schema)) always.add(r);
  for (const entry of schema.allOf ?? []) {
    if (entry.if) {
      for (const r of sigReq(entry.then)) conditional.add(r);
      for (const r of sigReq(entry.else)) conditional.add(r);
    } else {
      for (const r of sigReq(entry)) always.add(r);
    }
  }
  return { always, conditional };
}

function isPresent(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
}

/** Evaluates an x-form condition on record data. */
export function conditionHolds(cond: SignatureCondition, data: Record<string, unknown>): boolean {
  if ('anyOf' in cond) return cond.anyOf.some((c) => conditionHolds(c, data));
  const v = data[cond.field];
  if ('equals' in cond) return v === cond.equals;
  if (cond.present !== undefined) return isPresent(v) === cond.present;
  if (cond.containsAny) return Array.isArray(v) && v.some((x) => cond.containsAny!.includes(x));
  return false;
}

/** Whether a role must sign this record as its data stands (x-form's `required`, evaluated). */
export function signatureRequiredNow(
  required: FormSignature['required'],
  statusField: string | undefined,
  data: Record<string, unknown>,
): boolean {
  if (required === true || required === 'always') return true;
  if (required === false || required === 'optional') return false;
  if (required === 'toClose') return statusField ? data[statusField] === 'closed' : false;
  return conditionHolds(required, data);
}

/** The signature roles this record needs now (x-form's declaration, evaluated on the data). */
export function requiredSignatures(meta: FormMeta, data: Record<string, unknown>): FormSignature[] {
  return meta.signatures.filter((s) => signatureRequiredNow(s.required, meta.statusField, data));
}

/** How a signature box is marked: for a record (data given) as the data stands, else as the form says. */
export function signatureRequirement(meta: FormMeta, sig: FormSignature, data?: unknown): '必簽' | '結案時必簽' | '視情況必簽' | '' {
  const req = sig.required;
  if (req === true || req === 'always') return '必簽';
  if (req === false || req === 'optional' || req === undefined || req === null) return '';
  if (data === undefined) return req === 'toClose' ? '結案時必簽' : '視情況必簽';
  // Until the record is closed, a toClose role still reads 結案時必簽; a condition not met, nothing.
  const otherwise = req === 'toClose' ? '結案時必簽' : '';
  if (!data || typeof data !== 'object') return otherwise;
  return signatureRequiredNow(req, meta.statusField, data as Record<string, unknown>) ? '必簽' : otherwise;
}
