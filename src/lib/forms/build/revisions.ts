/**
 * Node only: the form revisions kept beside the current ones. Layout:
 *
 *   schemas/<form>.schema.json (+ .uischema.json, .example.json)
 *       the form as the procedure's effective revision uses it (the form page fills new records with it)
 *   schemas/revisions/<form>@<form-rev>.schema.json (+ .uischema.json, .example.json), e.g. violation-record@a-1
 *       every other form revision: older ones (records filled under them still validate, render and
 *       verify with them) and ones written for a draft (used once the draft takes effect)
 *
 * Each schema's x-form says which procedure revisions it implements (`procedureRevisions`). A release
 * (`npm run doc:release`) moves the files: the current form goes to revisions/, and the kept one that
 * implements the released revision takes its place; a form the revision does not change stays and
 * gains the revision in its list.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keptFormBase } from '../definition/revisions.ts';
import type { FormSchema } from '../definition/schema.ts';

export const KEPT_DIR = 'revisions';
const KINDS = ['schema', 'uischema', 'example'] as const;
const SCHEMA_ID_BASE = 'https://property-sop-handbook.invalid/schemas/';

/** $id of a kept form revision's schema. */
export function keptSchemaId(formId: string, formRevision: string): string {
  return `${SCHEMA_ID_BASE}${KEPT_DIR}/${keptFormBase(formId, formRevision)}.schema.json`;
}

export interface KeptFormRevision {
  formId: string;
  formRevision: string;
  procedure: string;
  procedureRevisions: string[];
  /** File base name in schemas/revisions/ (violation-record@a-1). */
  base: string;
}

const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));
const writeJson = (p: string, v: unknown) => writeFileSync(p, `${JSON.stringify(v, null, 2)}\n`);

/** The kept form revisions in schemas/revisions/, sorted by file name. */
export function listKeptRevisions(schemasDir: string): KeptFormRevision[] {
  const dir = join(schemasDir, KEPT_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((f) => {
      const x = (readJson(join(dir, f)) as FormSchema)['x-form'];
      return {
        formId: x.id,
        formRevision: x.revision,
        procedure: x.procedure,
        procedureRevisions: x.procedureRevisions ?? [],
        base: f.replace(/\.schema\.json$/, ''),
      };
    });
}

export interface FormPromotion {
  formId: string;
  /** The form revision moved to revisions/ (null: the form stayed, implementing the released revision too). */
  from: string | null;
  to: string;
}

/** Moves the forms of `procedure` to the ones implementing `released` (see the module comment). */
export function promoteFormRevisions(schemasDir: string, procedure: string, released: string, _superseded: string): FormPromotion[] {
  const out: FormPromotion[] = [];
  const kept = listKeptRevisions(schemasDir);
  const currentIds = readdirSync(schemasDir)
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => f.replace(/\.schema\.json$/, ''));
  for (const id of currentIds) {
    const path = join(schemasDir, `${id}.schema.json`);
    const schema = readJson(path) as FormSchema;
    const x = schema['x-form'];
    if (x.procedure !== procedure) continue;
    const list = x.procedureRevisions ?? [];
    if (list.includes(released)) continue;
    const next = kept.find((k) => k.formId === id && k.procedureRevisions.includes(released));
    if (!next) {
      x.procedureRevisions = [...list, released];
      writeJson(path, schema);
      out.push({ formId: id, from: null, to: x.revision });
      continue;
    }
    mkdirSync(join(schemasDir, KEPT_DIR), { recursive: true });
    const oldBase = keptFormBase(id, x.revision);
    for (const kind of KINDS) {
      const cur = join(schemasDir, `${id}.${kind}.json`);
      if (existsSync(cur)) renameSync(cur, join(schemasDir, KEPT_DIR, `${oldBase}.${kind}.json`));
      const src = join(schemasDir, KEPT_DIR, `${next.base}.${kind}.json`);
      if (existsSync(src)) renameSync(src, cur);
    }
    // The $id names the file's place.
    const moved = join(schemasDir, KEPT_DIR, `${oldBase}.schema.json`);
    const old = readJson(moved) as FormSchema;
    old.$id = keptSchemaId(id, x.revision);
    writeJson(moved, old);
    const promoted = readJson(path) as FormSchema;
    promoted.$id = `${SCHEMA_ID_BASE}${id}.schema.json`;
    writeJson(path, promoted);
    out.push({ formId: id, from: x.revision, to: next.formRevision });
  }
  return out;
}
