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
 * --sops <dir>, --procedure-revision <A/1>, --skip-validation, --confirm-signer-mismatch (sign
 * although the certificate's name is not the one the record gives the role: the signature then
 * says it was signed on that person's behalf; without it such a signature is refused).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError, readInputFile, runCli, writeOutputFile } from '../src/lib/shared/cli.ts';
import { RECORD_FILE_MAX_BYTES, readRecordJson } from '../src/lib/record/file.ts';
import { PdfError, addSignature, exportRecordPdf, exportSignedRecordPdf, readPkcs12, refuseToSign, type SignRequest } from '../src/lib/pdf/index.ts';
import { REPO_ROOT, listFormIds, loadFormDefinition, loadTrustList, nodeFonts, nodeRecordChecks } from '../src/lib/pdf/node.ts';
import { envelopeFor, isRecordEnvelope, type RecordEnvelope } from '../src/lib/record/envelope.ts';
import { readRegister } from '../src/lib/documents/register-files.ts';
import { effectiveRevision } from '../src/lib/documents/register.ts';
import type { FormId } from '../src/lib/procedures.ts';
import { recordFormDefinition } from '../src/lib/forms/definition/index.ts';

const USAGE = `用法：
  npx node scripts/pdf-cli.ts <表單代號> <記錄.json> [--sign <憑證.p12> --password-file <密碼檔> --role <簽署角色>] -o <輸出.pdf>
  npx node scripts/pdf-cli.ts --add-signature <已匯出.pdf> --sign <憑證.p12> --password-file <密碼檔> --role <簽署角色> -o <輸出.pdf>
其他選項：--image <手寫簽名.png>  --schemas <目錄>  --sops <目錄>  --procedure-revision <版本>  --skip-validation  --confirm-signer-mismatch`;

interface Args {
  positional: string[];
  values: {
    sign?: string;
    'password-file'?: string;
    role?: string;
    out?: string;
    image?: string;
    schemas?: string;
    sops?: string;
    'procedure-revision'?: string;
    'add-signature'?: string;
    'skip-validation'?: boolean;
    'confirm-signer-mismatch'?: boolean;
    help?: boolean;
  };
}

function readArgs(argv: string[]): Args {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        sign: { type: 'string' },
        'password-file': { type: 'string' },
        role: { type: 'string' },
        out: { type: 'string', short: 'o' },
        image: { type: 'string' },
        schemas: { type: 'string' },
        sops: { type: 'string' },
        'procedure-revision': { type: 'string' },
        'add-signature': { type: 'string' },
        'skip-validation': { type: 'boolean' },
        'confirm-signer-mismatch': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    return { positional: positionals, values };
  } catch (e) {
    const option = /'(-[^' ]+)/.exec(e instanceof Error ? e.message : '')?.[1];
    const code = (e as { code?: string }).code;
    fail(code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option ? `選項 ${option} 需要一個值。\n${USAGE}` : `無法識別的選項${option ? ` ${option}` : ''}。\n${USAGE}`);
  }
}

/** Ends the run with a zh-TW message (runCli prints it; no stack trace). */
function fail(message: string, code = 2): never {
  throw new CliError(message, code);
}

function readFileOr(path: string, what: string): Buffer {
  return readInputFile(path, what);
}

/** The password is the file's first line (a trailing newline is not part of it). */
function readPassword(path: string): string {
  return readFileOr(path, '密碼檔').toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0];
}

async function signRequest(args: Args): Promise<SignRequest | null> {
  const p12 = args.values.sign;
  if (!p12) return null;
  const role = args.values.role;
  const pwFile = args.values['password-file'];
  if (!role) fail(`簽署時必須以 --role 指定簽署角色。\n${USAGE}`);
  if (!pwFile) fail(`簽署時必須以 --password-file 指定憑證密碼檔（密碼不經命令列傳遞）。\n${USAGE}`);
  const signer = await readPkcs12(readFileOr(p12, '憑證檔'), readPassword(pwFile));
  const image = args.values.image;
  // The certificate is compared with the name the record gives the role (x-form nameField).
  const schemasDir = resolve(args.values.schemas ?? join(REPO_ROOT, 'schemas'));
  const binding = {
    forms: (formId: string) => (listFormIds(schemasDir).includes(formId) ? loadFormDefinition(formId, schemasDir) : recordFormDefinition(formId)),
    confirmMismatch: args.values['confirm-signer-mismatch'] === true,
  };
  return { signer, role, fonts: nodeFonts(), binding, image: image ? readFileOr(image, '簽名圖檔') : undefined };
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
  const out = args.values.out;
  if (!formId || !recordPath || !out) fail(USAGE);
  const schemasDir = resolve(args.values.schemas ?? join(REPO_ROOT, 'schemas'));
  // Only a form id that names a schema in the folder is resolved: 「../」 and paths never reach the file system.
  const known = listFormIds(schemasDir);
  if (!known.includes(formId)) fail(`沒有表單「${formId}」。可用的表單代號：${known.join('、')}`);
  const form = loadFormDefinition(formId, schemasDir);
  const x = form.meta;
  const roles = x.signatures.map((s) => s.role);
  const role = args.values.role;
  if (args.values.sign && role && !roles.includes(role)) {
    fail(`表單「${formId}」沒有「${role}」這個簽署角色。可用的角色：${x.signatures.map((s) => `${s.label}（${s.role}）`).join('、')}`);
  }
  // The same reading as an import on the site: size limit, strict UTF-8, finite numbers.
  const read = readRecordJson(readInputFile(recordPath, '記錄檔', RECORD_FILE_MAX_BYTES));
  if (!read.ok) fail(`記錄檔「${recordPath}」：${read.error}。`);
  const json: unknown = read.value;
  let record: RecordEnvelope;
  if (isRecordEnvelope(json)) {
    record = json;
    if (record.form !== formId) fail(`此記錄屬於表單「${record.form}」，不是「${formId}」。`);
  } else if (json && typeof json === 'object' && !Array.isArray(json)) {
    let revision = args.values['procedure-revision'];
    if (!revision) {
      const sops = resolve(args.values.sops ?? join(REPO_ROOT, 'content', 'sops'));
      const register = existsSync(sops) ? readRegister(sops) : [];
      revision = effectiveRevision(register, x.procedureNumber) ?? undefined;
      if (!revision) fail(`找不到 ${x.procedureNumber} 的現行生效版本；請以 --procedure-revision 指定填寫時依據的版本。`);
    }
    // From the schema this run loaded (--schemas may name another folder), not the bundled ones.
    record = envelopeFor(x, json as Record<string, unknown>, revision);
  } else {
    fail('記錄檔的內容必須是記錄（envelope）或表單資料物件。');
  }
  if (args.values['skip-validation']) console.error('注意：已略過記錄內容驗證（--skip-validation）。');
  else await validate(formId, record.data);

  const sign = await signRequest(args);
  const input = { form, record, fonts: nodeFonts() };
  const pdf = sign ? await exportSignedRecordPdf(input, sign) : await exportRecordPdf(input);
  writeOutputFile(out, pdf);
  console.log(`已產生 ${out}（${pdf.length.toLocaleString('en')} 位元組）${sign ? `，已由 ${sign.signer.name} 以「${sign.role}」身分數位簽署` : '，未經數位簽章'}。`);
}

async function addSignatureCommand(args: Args): Promise<void> {
  const input = args.values['add-signature']!;
  const out = args.values.out;
  if (!out) fail(USAGE);
  const sign = await signRequest(args);
  if (!sign) fail(`加簽時必須以 --sign 指定憑證檔。\n${USAGE}`);
  const bytes = readFileOr(input, 'PDF 檔');
  // The sign page's rule (cannotSignReason): no signature over a tampered, broken, cut-off or
  // mismatched record.
  const sops = resolve(args.values.sops ?? join(REPO_ROOT, 'content', 'sops'));
  const schemasDir = resolve(args.values.schemas ?? join(REPO_ROOT, 'schemas'));
  const refusal = await refuseToSign(bytes, { trust: loadTrustList(), register: existsSync(sops) ? readRegister(sops) : [], ...nodeRecordChecks(schemasDir) });
  if (refusal) fail(`錯誤：${refusal}`, 1);
  const pdf = await addSignature(bytes, sign);
  writeOutputFile(out, pdf);
  console.log(`已產生 ${out}（${pdf.length.toLocaleString('en')} 位元組），${sign.signer.name} 以「${sign.role}」身分加簽（原有簽章保持不變）。`);
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  if (args.values.help) {
    console.log(USAGE);
    return;
  }
  try {
    if (args.values['add-signature'] !== undefined) await addSignatureCommand(args);
    else await exportCommand(args);
  } catch (e) {
    if (e instanceof PdfError && e.code === 'SIGNER_MISMATCH') {
      fail(`錯誤：${e.message}確認後請加上 --confirm-signer-mismatch 再執行；簽章會註明代為簽署。未產生 PDF。`, 1);
    }
    if (e instanceof PdfError) fail(`錯誤：${e.message}`, 1);
    throw e;
  }
}

await runCli(main);
