/**
 * Writes a blank A4 PDF of every form (or of the forms named) for filling in by hand:
 *
 *   npx node scripts/blank-forms.ts <out-dir> [form-id …] [--schemas <dir>] [--sops <dir>]
 *
 * e.g. `npx node scripts/blank-forms.ts public/blank-forms` -> public/blank-forms/<form-id>.pdf.
 * Each carries the procedure revision in force from the register (content/sops).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readRegister } from '../src/lib/documents/register-files.ts';
import { effectiveRevision } from '../src/lib/documents/register.ts';
import { blankFormPdf } from '../src/lib/pdf/index.ts';
import { REPO_ROOT, keptBlankForms, listFormIds, loadFormDefinition, nodeFonts } from '../src/lib/pdf/node.ts';
import { handbookDate } from '../src/lib/shared/time.ts';

const USAGE = '用法：npx node scripts/blank-forms.ts <輸出目錄> [表單代號 …] [--schemas <目錄>] [--sops <目錄>]';
function parse() {
  try {
    return parseArgs({ allowPositionals: true, options: { schemas: { type: 'string' }, sops: { type: 'string' } } });
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
mkdirSync(outDir, { recursive: true });
const started = performance.now();
let failed = 0;
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
let voided = 0;
if (only.length === 0) {
  for (const kept of keptBlankForms(schemasDir, register, handbookDate())) {
    const pdf = await blankFormPdf({ form: kept.form, fonts: nodeFonts(), procedureRevision: kept.procedureRevision, void: true });
    const file = join(outDir, kept.fileName);
    writeFileSync(file, pdf);
    voided++;
    console.log(`${file}	${kept.form.meta.title}（${kept.form.meta.number}）版本 ${kept.form.meta.revision}	已作廢`);
  }
}
console.log(`共 ${ids.length - failed} 份空白表單${voided ? `，另 ${voided} 份已作廢的舊版` : ''}，${Math.round(performance.now() - started)} ms。`);
process.exitCode = failed > 0 ? 1 : 0;
