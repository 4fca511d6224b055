#!/usr/bin/env node
/**
 * Checks the form schemas (schemas/*.schema.json) and compiles each to a standalone ajv validator
 * (src/generated/validators/<form-id>.cjs and an ES module twin .mjs), so the browser validates
 * without `unsafe-eval`. Exits 1, naming the file, when a schema is invalid against the 2020-12
 * meta-schema, a form id in FORM_IDS has no schema, a schema's x-form is incomplete, an example
 * does not validate, or a procedure's relatedRecords names a form without a schema.
 *
 *   npx node scripts/compile-validators.mjs           check and write
 *   npx node scripts/compile-validators.mjs --check   check only; also fail when the generated files are stale
 *
 * Runs on Node >= 22.18 / 24 (imports TypeScript from src/lib with type stripping).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildValidators } from '../src/lib/forms/build/compile.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const checkOnly = parseArgs({ options: { check: { type: 'boolean', default: false } } }).values.check;

const result = buildValidators({
  schemasDir: join(root, 'schemas'),
  outDir: join(root, 'src/generated/validators'),
  sopsDir: join(root, 'content/sops'),
  rootDir: root,
  checkOnly,
});

for (const w of result.warnings) console.warn(`注意／warning: ${w}`);
if (result.problems.length) {
  console.error(`表單結構檢查失敗（${result.problems.length} 項）／form schema check failed (${result.problems.length}):`);
  for (const p of result.problems) console.error(`  - ${p}`);
  process.exit(1);
}
if (checkOnly) {
  console.log(
    `表單結構檢查通過（另保留 ${result.kept.length} 個表單版本），產生的驗證程式為最新／${result.forms.length} form schemas and ${result.kept.length} kept form revisions OK, generated validators up to date`,
  );
} else {
  console.log(
    `已檢查 ${result.forms.length} 個表單結構及 ${result.kept.length} 個保留的表單版本，寫入 ${result.written.length} 個檔案／checked ${result.forms.length} schemas and ${result.kept.length} kept form revisions, wrote ${result.written.length} files`,
  );
  for (const f of result.written) console.log(`  ${f}`);
}
