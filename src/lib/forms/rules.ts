/**
 * The form rules as data. Every rule lives in its form's JSON Schema (an `allOf` entry, or a property
 * subschema, carrying `"x-rule": { id, clause, item?, message }`), is enforced by the compiled validator,
 * and is listed from the schema here — for the UI, the register of rules, and the tests. No rule logic is
 * duplicated outside the schema; `conditionHolds` only reads x-form's declarative signature conditions.
 * Browser-safe (no Node APIs).
 */
import type { FormId, ProcedureId } from '../procedures.ts';
import { clauseText } from '../shared/clause-text.ts';

export interface JsonSchema {
  $ref?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  const?: unknown;
  enum?: unknown[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  contains?: JsonSchema;
  readOnly?: boolean;
  default?: unknown;
  $defs?: Record<string, JsonSchema>;
  'x-rule'?: XRule;
  'x-messages'?: Record<string, string>;
  [keyword: string]: unknown;
}

export interface XRule {
  /** `<form-id>/<name>`, stable: tests and the UI refer to rules by it. */
  id: string;
  /** Clause number in the procedure, e.g. "4.1.6"; "3" is the procedure's 職責 section. */
  clause: string;
  /** Lettered item within the clause, e.g. "c" for 4.2.3 c). */
  item?: string;
  /** zh-TW statement of the rule, shown after 「依 <clause>，」. */
  message: string;
  /** Fields to name when the failure is not on one field (e.g. "one of these two"). */
  fields?: string[];
}

export type SignatureCondition =
  | { field: string; equals?: unknown; present?: boolean; containsAny?: unknown[] }
  | { anyOf: SignatureCondition[] };

export interface XFormSignature {
  role: string;
  label: string;
  /** always | toClose (status = closed) | optional | a condition on the data. */
  required: 'always' | 'toClose' | 'optional' | SignatureCondition;
  clause?: string;
  note?: string;
}

export interface XFormRetention {
  /** The period when no rule applies (or the rule's field is not filled yet). */
  default: string;
  rule: null | { field: string; values: Record<string, string>; derivedField?: string; clause: string };
  /** True when the seed is silent and the handbook chose the period. */
  assumed?: boolean;
  note?: string;
  clause?: string;
}

export interface XForm {
  id: FormId;
  number: string;
  title: string;
  aliases?: string[];
  revision: string;
  procedure: ProcedureId;
  procedureNumber: string;
  clause: string;
  retention: XFormRetention;
  confidentiality: '一般' | '絕密';
  recordNumberField: string;
  /** The field that dates the record (used for monthly statistics and file names). */
  dateField: string;
  /** A `status` field with values open / closed, when the record has a lifecycle. */
  statusField?: string;
  /** Monthly statistics: the form whose records they are computed from. */
  computedFrom?: FormId;
  signatures: XFormSignature[];
}

export interface FormSchema extends JsonSchema {
  $schema: string;
  $id: string;
  title: string;
  'x-form': XForm;
}

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
  required: XFormSignature['required'],
  statusField: string | undefined,
  data: Record<string, unknown>,
): boolean {
  if (required === 'always') return true;
  if (required === 'optional') return false;
  if (required === 'toClose') return statusField ? data[statusField] === 'closed' : false;
  return conditionHolds(required, data);
}

/** The signature roles this record needs now (x-form's declaration, evaluated on the data). */
export function requiredSignatures(xForm: XForm, data: Record<string, unknown>): XFormSignature[] {
  return xForm.signatures.filter((s) => signatureRequiredNow(s.required, xForm.statusField, data));
}
