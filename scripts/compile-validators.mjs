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
 *   npx node scripts/compile-validators.mjs --force   check and write even when nothing changed
 *
 * Writing is skipped when the schemas, procedures, this code and ajv are unchanged since the last run and the
 * generated files are intact (src/lib/build/step-cache.ts); --check always checks.
 *
 * Runs on Node >= 22.18 / 24 (imports TypeScript from src/lib with type stripping).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runCachedStep } from '../src/lib/build/step-cache.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { check: checkOnly, force } = parseArgs({
  options: { check: { type: 'boolean', default: false }, force: { type: 'boolean', default: false } },
}).values;

// ajv and the schema checks load only when they run: an up-to-date build skips them.
const compile = async () => (await import('../src/lib/forms/build/compile.ts')).buildValidators({
  schemasDir: join(root, 'schemas'),
  outDir: join(root, 'src/generated/validators'),
  sopsDir: join(root, 'content/sops'),
  rootDir: root,
  checkOnly,
});

let result;
if (checkOnly) result = await compile();
else {
  const { ran } = await runCachedStep({
    root,
    step: 'validators',
    inputs: { files: ['schemas', 'content/sops'], code: ['scripts/compile-validators.mjs'] },
    outputs: ['src/generated/validators'],
    force,
    run: async () => {
      result = await compile();
      // A failed check leaves no stamp, so the next build checks again.
      if (result.problems.length) process.exitCode = 1;
    },
  });
  if (!ran) {
    console.log('表單結構與產生的驗證程式皆未變更，略過／validators up to date (inputs unchanged), skipped');
    process.exit(0);
  }
}

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
