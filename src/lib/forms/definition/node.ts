/**
 * Node only: form definitions read from a folder of schema files (schemas/ by default, or a folder
 * of other forms such as a test fixture), built by the same defineForm as the bundled ones.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineForm, FormDefinitionError, type FormDefinition } from './define.ts';

export const SCHEMAS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../schemas');

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** <dir>/<id>.schema.json with its .uischema.json and .example.json when present. Throws FormDefinitionError for an unusable x-form. */
export function readFormDefinition(formId: string, schemasDir = SCHEMAS_DIR, base = formId): FormDefinition {
  const schemaPath = join(schemasDir, `${base}.schema.json`);
  if (!existsSync(schemaPath)) throw new Error(`找不到表單「${formId}」的結構檔：${schemaPath}`);
  const uiPath = join(schemasDir, `${base}.uischema.json`);
  const examplePath = join(schemasDir, `${base}.example.json`);
  return defineForm({
    schema: readJson(schemaPath),
    uiSchema: existsSync(uiPath) ? readJson(uiPath) : undefined,
    example: existsSync(examplePath) ? readJson(examplePath) : undefined,
  });
}

/** Ids of the forms that have a schema file in the folder, sorted. */
export function listFormIds(schemasDir = SCHEMAS_DIR): string[] {
  if (!existsSync(schemasDir)) return [];
  return readdirSync(schemasDir)
    .filter((f) => f.endsWith('.schema.json'))
    .map((f) => f.replace(/\.schema\.json$/, ''))
    .sort();
}
