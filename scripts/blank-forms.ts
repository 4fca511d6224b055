/**
 * Writes a blank A4 PDF of every form (or of the forms named) for filling in by hand:
 *
 *   npx node scripts/blank-forms.ts <out-dir> [form-id …] [--schemas <dir>] [--sops <dir>]
 *
 * e.g. `npx node scripts/blank-forms.ts public/blank-forms` -> public/blank-forms/<form-id>.pdf.
 * Each carries the procedure revision in force from the register (content/sops).
 * Skipped when the schemas, the procedures, the PDF code and packages, the fonts and the date are unchanged
 * since the last run into the same folder and its files are intact (src/lib/build/step-cache.ts); `--force` writes anyway.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readRegister } from '../src/lib/documents/register-files.ts';
import { effectiveRevision } from '../src/lib/documents/register.ts';
import { listFormIds } from '../src/lib/forms/definition/node.ts';
import { handbookDate } from '../src/lib/shared/time.ts';
import { runCachedStep } from '../src/lib/build/step-cache.ts';

const REPO_ROOT = resolve(import.meta.dirname, '..');
const USAGE = '用法：npx node scripts/blank-forms.ts <輸出目錄> [表單代號 …] [--schemas <目錄>] [--sops <目錄>]';
function parse() {
  try {
    return parseArgs({ allowPositionals: true, options: { schemas: { type: 'string' }, sops: { type: 'string' }, force: { type: 'boolean' } } });
  } catch {
    console.error(`參數有誤。\n${USAGE}`);
    process.exit(2);
  }
}
const args = parse();
const schemasDir = args.values.schemas ? resolve(args.values.schemas) : join(REPO_ROOT, 'schemas');
const sops = args.values.sops ? resolve(args.values.sops) : join(REPO_ROOT, 'content', 'sops');
const [outDir, ...only] = args.positionals;
if (!outDir) {
  console.error(USAGE);
  process.exit(2);
}
const ids = only.length > 0 ? only : listFormIds(schemasDir);
if (ids.length === 0) {
  console.error(`${schemasDir} 中沒有表單結構檔（*.schema.json）。`);
  process.exit(1);
}
const register = existsSync(sops) ? readRegister(sops) : [];
const started = performance.now();
let failed = 0;
let voided = 0;
const today = handbookDate();
const write = async () => {
  // The PDF engine loads only when the blanks are written: an up-to-date run skips it (about 2 s).
  const { blankFormPdf } = await import('../src/lib/pdf/index.ts');
  const { keptBlankForms, loadFormDefinition, nodeFonts } = await import('../src/lib/pdf/node.ts');
  mkdirSync(outDir, { recursive: true });
  for (const id of ids) {
    try {
      const form = loadFormDefinition(id, schemasDir);
      const x = form.meta;
      const revision = effectiveRevision(register, x.procedureNumber) ?? undefined;
      const pdf = await blankFormPdf({ form, fonts: nodeFonts(), procedureRevision: revision });
      const file = join(outDir, `${id}.pdf`);
      writeFileSync(file, pdf);
      console.log(`${file}\t${x.title}（${x.number}）\t${(pdf.length / 1024).toFixed(1)} KB${revision ? '' : '\t（register 無生效版本，版本留空）'}`);
    } catch (e) {
      failed++;
      console.error(`${id}：${e instanceof Error ? e.message : String(e)}`);
    }
  }
  // Kept form revisions of superseded procedure revisions: their blanks, stamped 「已作廢，不得使用」.
  if (only.length === 0) {
    for (const kept of keptBlankForms(schemasDir, register, today)) {
      const pdf = await blankFormPdf({ form: kept.form, fonts: nodeFonts(), procedureRevision: kept.procedureRevision, void: true });
      const file = join(outDir, kept.fileName);
      writeFileSync(file, pdf);
      voided++;
      console.log(`${file}	${kept.form.meta.title}（${kept.form.meta.number}）版本 ${kept.form.meta.revision}	已作廢`);
    }
  }
  process.exitCode = failed > 0 ? 1 : 0;
};
const target = resolve(outDir);
const { ran } = await runCachedStep({
  root: REPO_ROOT,
  // One stamp per output folder, so a run into a scratch folder does not void the build's.
  step: `blank-forms-${createHash('sha256').update(target).digest('hex').slice(0, 12)}`,
  inputs: {
    files: [schemasDir, sops],
    code: ['scripts/blank-forms.ts'],
    packages: ['@expo-google-fonts/noto-sans-tc', '@expo-google-fonts/noto-sans-sc'],
    values: { today, forms: ids.join(',') },
  },
  outputs: [target],
  force: args.values.force,
  run: write,
});
if (!ran) console.log(`${outDir} 的空白表單皆為最新（輸入未變更），略過。`);
else console.log(`共 ${ids.length - failed} 份空白表單${voided ? `，另 ${voided} 份已作廢的舊版` : ''}，${Math.round(performance.now() - started)} ms。`);
