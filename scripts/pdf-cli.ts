/**
 * Record -> PDF from the command line (run with `npx node scripts/pdf-cli.ts …`).
 *
 *   npx node scripts/pdf-cli.ts <form-id> <record.json> [--sign <p12> --password-file <f> --role <role>] -o <out.pdf>
 *   npx node scripts/pdf-cli.ts --add-signature <in.pdf> --sign <p12> --password-file <f> --role <role> -o <out.pdf>
 *
 * record.json is a record envelope (as the site exports it) or the bare form data; bare data is
 * wrapped with the procedure revision in force (from content/sops). The data is validated with
 * the forms' compiled validators (src/lib/forms/validation/validate.ts) first.
 *
 * Other options: --image <png|jpg> (drawn signature shown in the box), --schemas <dir>,
 * --sops <dir>, --procedure-revision <A/1>, --skip-validation.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RECORD_FORMAT, envelopeFor, type RecordEnvelope } from '../src/lib/record/envelope.ts';
import { readRegister } from '../src/lib/documents/register-files.ts';
import { effectiveRevision } from '../src/lib/documents/register.ts';
import { PdfError } from '../src/lib/pdf/errors.ts';
import { exportRecordPdf, exportSignedRecordPdf } from '../src/lib/pdf/export.ts';
import { REPO_ROOT, loadFormDefinition, nodeFonts } from '../src/lib/pdf/node.ts';
import { addSignature, readPkcs12, type SignRequest } from '../src/lib/pdf/sign.ts';
import type { FormId } from '../src/lib/procedures.ts';

const USAGE = `用法：
  npx node scripts/pdf-cli.ts <表單代號> <記錄.json> [--sign <憑證.p12> --password-file <密碼檔> --role <簽署角色>] -o <輸出.pdf>
  npx node scripts/pdf-cli.ts --add-signature <已匯出.pdf> --sign <憑證.p12> --password-file <密碼檔> --role <簽署角色> -o <輸出.pdf>
其他選項：--image <手寫簽名.png>  --schemas <目錄>  --sops <目錄>  --procedure-revision <版本>  --skip-validation`;

interface Args {
  positional: string[];
  flags: Map<string, string | true>;
}

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const valued = new Set(['--sign', '--password-file', '--role', '-o', '--out', '--image', '--schemas', '--sops', '--procedure-revision', '--add-signature']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (valued.has(a)) {
      const v = argv[++i];
      if (v === undefined) fail(`選項 ${a} 需要一個值。\n${USAGE}`);
      flags.set(a === '--out' ? '-o' : a, v);
    } else if (a.startsWith('--')) {
      flags.set(a, true);
    } else {
      positional.push(a);
    }
  }
  return { positional, flags };
}

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function str(args: Args, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

function readFileOr(path: string, what: string): Buffer {
  if (!existsSync(path)) fail(`找不到${what}：${path}`);
  return readFileSync(path);
}

/** The password is the file's first line (a trailing newline is not part of it). */
function readPassword(path: string): string {
  return readFileOr(path, '密碼檔').toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0];
}

async function signRequest(args: Args): Promise<SignRequest | null> {
  const p12 = str(args, '--sign');
  if (!p12) return null;
  const role = str(args, '--role');
  const pwFile = str(args, '--password-file');
  if (!role) fail(`簽署時必須以 --role 指定簽署角色。\n${USAGE}`);
  if (!pwFile) fail(`簽署時必須以 --password-file 指定憑證密碼檔（密碼不經命令列傳遞）。\n${USAGE}`);
  const signer = await readPkcs12(readFileOr(p12, '憑證檔'), readPassword(pwFile));
  const image = str(args, '--image');
  return { signer, role, fonts: nodeFonts(), image: image ? readFileOr(image, '簽名圖檔') : undefined };
}

async function validate(formId: string, data: unknown): Promise<void> {
  let mod: { validateRecord(formId: FormId, data: unknown): { valid: boolean; errors: { message: string }[] } };
  try {
    mod = await import('../src/lib/forms/validation/validate.ts');
  } catch (e) {
    console.error(`注意：未能載入表單驗證器（src/lib/forms/validation/validate.ts），本次未驗證記錄內容。原因：${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  let result;
  try {
    result = mod.validateRecord(formId as FormId, data);
  } catch (e) {
    console.error(`注意：表單「${formId}」沒有驗證器，本次未驗證記錄內容（${e instanceof Error ? e.message : String(e)}）。`);
    return;
  }
  if (!result.valid) {
    fail(`記錄不符合表單規則（${result.errors.length} 項），未產生 PDF：\n${result.errors.map((e) => `  ・${e.message}`).join('\n')}`, 1);
  }
}

async function exportCommand(args: Args): Promise<void> {
  const [formId, recordPath] = args.positional;
  const out = str(args, '-o');
  if (!formId || !recordPath || !out) fail(USAGE);
  const schemasDir = resolve(str(args, '--schemas') ?? join(REPO_ROOT, 'schemas'));
  const form = loadFormDefinition(formId, schemasDir);
  const x = form.schema['x-form']!;
  let json: unknown;
  try {
    json = JSON.parse(readFileOr(recordPath, '記錄檔').toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    fail(`記錄檔不是有效的 JSON：${recordPath}`);
  }
  let record: RecordEnvelope;
  if (json && typeof json === 'object' && (json as { format?: unknown }).format === RECORD_FORMAT) {
    record = json as RecordEnvelope;
    if (record.form !== formId) fail(`此記錄屬於表單「${record.form}」，不是「${formId}」。`);
  } else if (json && typeof json === 'object' && !Array.isArray(json)) {
    let revision = str(args, '--procedure-revision');
    if (!revision) {
      const sops = resolve(str(args, '--sops') ?? join(REPO_ROOT, 'content', 'sops'));
      const register = existsSync(sops) ? readRegister(sops) : [];
      revision = effectiveRevision(register, x.procedureNumber) ?? undefined;
      if (!revision) fail(`找不到 ${x.procedureNumber} 的現行生效版本；請以 --procedure-revision 指定填寫時依據的版本。`);
    }
    // From the schema this run loaded (--schemas may name another folder), not the bundled ones.
    record = envelopeFor(x, json as Record<string, unknown>, revision);
  } else {
    fail('記錄檔的內容必須是記錄（envelope）或表單資料物件。');
  }
  if (args.flags.has('--skip-validation')) console.error('注意：已略過記錄內容驗證（--skip-validation）。');
  else await validate(formId, record.data);

  const sign = await signRequest(args);
  const input = { form, record, fonts: nodeFonts() };
  const pdf = sign ? await exportSignedRecordPdf(input, sign) : await exportRecordPdf(input);
  writeFileSync(out, pdf);
  console.log(`已產生 ${out}（${pdf.length.toLocaleString('en')} 位元組）${sign ? `，已由 ${sign.signer.name} 以「${sign.role}」身分數位簽署` : '，未經數位簽章'}。`);
}

async function addSignatureCommand(args: Args): Promise<void> {
  const input = str(args, '--add-signature')!;
  const out = str(args, '-o');
  if (!out) fail(USAGE);
  const sign = await signRequest(args);
  if (!sign) fail(`加簽時必須以 --sign 指定憑證檔。\n${USAGE}`);
  const pdf = await addSignature(readFileOr(input, 'PDF 檔'), sign);
  writeFileSync(out, pdf);
  console.log(`已產生 ${out}（${pdf.length.toLocaleString('en')} 位元組），${sign.signer.name} 以「${sign.role}」身分加簽（原有簽章保持不變）。`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.flags.has('--help') || args.flags.has('-h')) {
    console.log(USAGE);
    return;
  }
  try {
    if (args.flags.has('--add-signature')) await addSignatureCommand(args);
    else await exportCommand(args);
  } catch (e) {
    if (e instanceof PdfError) fail(`錯誤：${e.message}`, 1);
    throw e;
  }
}

await main();
