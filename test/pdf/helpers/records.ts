/**
 * The forms under test (every schema in schemas/, plus the fixture form in test/fixtures/pdf/)
 * as envelopes of their example records, and — written independently of src/lib/pdf and of the
 * definition's field tree, deliberately, so they check it — the strings a reader must find in the
 * PDF for each value.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { envelopeFor, type RecordEnvelope } from '../../../src/lib/record/envelope.ts';
import type { FormDefinition, JsonSchema } from '../../../src/lib/pdf/index.ts';
import { listFormIds, loadExample, loadFormDefinition } from '../../../src/lib/pdf/node.ts';
import { readRegister } from '../../../src/lib/documents/register-files.ts';
import { effectiveRevision as effectiveRevisionIn, type RegisterRevision } from '../../../src/lib/documents/register.ts';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const SCHEMAS = join(ROOT, 'schemas');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'pdf');

export interface TestForm {
  id: string;
  /** Read by the product's one loader (not re-implemented here). */
  form: FormDefinition;
  example: Record<string, unknown>;
  dir: string;
}

/** Loaded by the library's own loader (src/lib/pdf/node.ts, over forms/definition/node.ts), as the CLIs load them. */
function loadFrom(dir: string, id: string): TestForm {
  return { id, dir, form: loadFormDefinition(id, dir), example: loadExample(id, dir) as Record<string, unknown> };
}

/** Every form with a schema and an example, and the fixture form. */
export function testForms(): TestForm[] {
  const ids = listFormIds(SCHEMAS).filter((id) => existsSync(join(SCHEMAS, `${id}.example.json`)));
  return [...ids.map((id) => loadFrom(SCHEMAS, id)), loadFrom(FIXTURES, 'fixture-form')];
}

let register: RegisterRevision[] | null = null;
/** The handbook's register (content/sops). */
export function handbookRegister(): RegisterRevision[] {
  register ??= existsSync(join(ROOT, 'content', 'sops')) ? readRegister(join(ROOT, 'content', 'sops')) : [];
  return register;
}

/** The revision in force for a procedure number, from the register. */
export function effectiveRevision(docNumber: string): string | undefined {
  return effectiveRevisionIn(handbookRegister(), docNumber) ?? undefined;
}

export function envelopeOf(t: TestForm, data: Record<string, unknown> = t.example, procedureRevision?: string): RecordEnvelope {
  const x = t.form.meta;
  return envelopeFor(x, data, procedureRevision ?? effectiveRevision(x.procedureNumber) ?? 'A/0', '2026-03-10T02:00:00.000Z');
}

// Written independently of src/lib/pdf, src/lib/shared/json-schema.ts and shared/time.ts on
// purpose: these helpers compute the texts a PDF must show ($ref, allOf branches, option titles,
// UTC+8), so they must not borrow the code under test.

function deref(root: JsonSchema, s: JsonSchema | undefined): JsonSchema {
  if (!s) return {};
  if (s.$ref) {
    const name = s.$ref.split('/').pop()!;
    const target = (root.$defs ?? root.definitions ?? {})[name] ?? {};
    const { $ref: _r, ...rest } = s;
    return { ...target, ...rest };
  }
  return s;
}

function propsOf(root: JsonSchema, s: JsonSchema): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = { ...(s.properties ?? {}) };
  for (const sub of s.allOf ?? []) {
    for (const branch of [sub, sub.then, sub.else]) {
      for (const [k, v] of Object.entries(branch?.properties ?? {})) if (!(k in out)) out[k] = v;
    }
  }
  for (const [k, v] of Object.entries(out)) out[k] = deref(root, v);
  return out;
}

function label(s: JsonSchema, value: unknown): string {
  const alt = (s.oneOf ?? s.anyOf)?.find((o) => 'const' in o && o.const === value);
  if (alt?.title) return alt.title;
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

/** 2026-03-04T09:15:00+08:00 -> 2026-03-04 09:15 (the form's local time, UTC+8). */
export function localDateTime(v: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(v);
  if (!m) return v;
  let date = m[1];
  let hm = m[2];
  let sec = m[3] ?? '00';
  if (m[4] && m[4] !== '+08:00') {
    const t = new Date(new Date(v).getTime() + 8 * 3600_000).toISOString();
    date = t.slice(0, 10);
    hm = t.slice(11, 16);
    sec = t.slice(17, 19);
  }
  return `${date} ${hm}${sec !== '00' ? `:${sec}` : ''}`;
}

/** What the PDF must show for each filled value: [where, text]. */
export function expectedTexts(t: TestForm, data: Record<string, unknown> = t.example): [string, string][] {
  const root = t.form.schema;
  const out: [string, string][] = [];
  const visit = (schema: JsonSchema, value: unknown, where: string) => {
    if (value === undefined || value === null || value === '') return;
    const s = deref(root, schema);
    if (Array.isArray(value)) {
      const items = deref(root, s.items);
      value.forEach((v, i) => visit(items, v, `${where}[${i}]`));
      return;
    }
    if (typeof value === 'object') {
      for (const [k, p] of Object.entries(propsOf(root, s))) {
        if (k === 'image') continue; // a drawn signature is an image, not text
        visit(p, (value as Record<string, unknown>)[k], `${where}.${k}`);
      }
      return;
    }
    if (typeof value === 'string' && s.format === 'date-time') out.push([where, localDateTime(value)]);
    else if (typeof value === 'number') out.push([where, String(value)]);
    else out.push([where, label(s, value)]);
  };
  visit(root, data, 'data');
  return out;
}

/**
 * A copy of `data` whose fields naming each role's signer (x-form nameField) hold the given names,
 * so a record is signed by the people it names (issue 11 refuses anyone else without confirmation).
 * Only a name the record already holds is replaced (an absent field names nobody, and adding one
 * could break the form's rules); roles naming no field are left alone.
 */
export function namingSigners(form: FormDefinition, data: Record<string, unknown>, names: Record<string, string>): Record<string, unknown> {
  const out = structuredClone(data);
  for (const [role, name] of Object.entries(names)) {
    const field = form.meta.signatures.find((s) => s.role === role)?.nameField;
    if (typeof field !== 'string') continue;
    const path = field.split('/').slice(1);
    let node: unknown = out;
    for (const key of path.slice(0, -1)) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    const parent = node && typeof node === 'object' ? (node as Record<string, unknown>) : null;
    if (parent && typeof parent[path.at(-1)!] === 'string') parent[path.at(-1)!] = name;
  }
  return out;
}
