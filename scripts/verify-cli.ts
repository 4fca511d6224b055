/**
 * Verifies a record PDF and prints the report in Chinese (run with `npx node scripts/verify-cli.ts …`).
 *
 *   npx node scripts/verify-cli.ts <file.pdf> [--trust <dir|file>] [--sops <dir>] [--json]
 *
 * Trust list: trust/ by default (trust/company-ca.json and any .pem/.crt there). Exit code 1 when
 * a signature is not valid, a signer is not the one the record names, the file was changed after its last signature, the PDF is not a
 * record of this handbook, or the procedure revision it names is unknown to the register.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, parseCliArgs, EXIT_FAILED, readInputFile, runCli } from '../src/lib/shared/cli.ts';
import { IDENTITY_MISMATCH, PdfError, formatDateTimeZh, verifyPdf } from '../src/lib/pdf/index.ts';
import { REPO_ROOT, loadTrustList, nodeRecordChecks } from '../src/lib/pdf/node.ts';
import { readRegister } from '../src/lib/documents/register-files.ts';

const USAGE = '用法：npx node scripts/verify-cli.ts <檔案.pdf> [--trust <信任清單目錄或檔案>] [--sops <程序目錄>] [--json]';

async function main(): Promise<number> {
  const { values, positionals } = parseCliArgs({
    trust: { type: 'string', default: join(REPO_ROOT, 'trust') },
    sops: { type: 'string', default: join(REPO_ROOT, 'content', 'sops') },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const file = positionals.at(-1);
  const trustPath = resolve(values.trust);
  const sops = resolve(values.sops);
  const json = values.json;
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  const bytes = readInputFile(file, 'PDF 檔');
  if (!existsSync(trustPath)) {
    console.error(`找不到信任清單：${trustPath}`);
    return 2;
  }
  const trust = loadTrustList(trustPath);
  const register = existsSync(sops) ? readRegister(sops) : [];
  let report;
  try {
    report = await verifyPdf(bytes, { trust, register, ...nodeRecordChecks() });
  } catch (e) {
    if (e instanceof PdfError) throw new CliError(`錯誤：${e.message}`, EXIT_FAILED);
    // A file pdf-lib cannot parse (broken objects appended, say) does not verify: say so, no stack.
    throw new CliError(`無法驗證「${file}」：PDF 檔結構損壞，無法讀取。`, EXIT_FAILED);
  }
  if (json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    console.log(`驗證：${file}`);
    console.log(`信任的憑證機構：${trust.length} 個（${trustPath}）`);
    if (trust.length === 0) console.log('　注意：信任清單是空的，所有簽章都會顯示「憑證不受信任」。請依 trust/README.md 加入公司的憑證機構。');
    console.log('');
    console.log(`結論：${report.verdict.title}`);
    for (const line of report.verdict.lines) console.log(`　${line}`);
    console.log('');
    for (const line of report.summary) console.log(line);
    if (report.signatures.length > 0) {
      console.log('');
      console.log('簽章明細：');
      report.signatures.forEach((s, i) => {
        console.log(`　${i + 1}. 欄位 ${s.field}（${s.role}）`);
        console.log(`　　簽署人：${s.signerName ?? '（不明）'}`);
        if (s.certificate) {
          console.log(`　　憑證簽發者：${s.certificate.issuer}；有效期間 ${formatDateTimeZh(s.certificate.notBefore)} 至 ${formatDateTimeZh(s.certificate.notAfter)}`);
        }
        if (s.certificate) {
          console.log(`　　憑證 SHA-256 指紋：${s.certificate.sha256}`);
          console.log(`　　憑證鏈：${s.certificate.chain.map((c) => `${c.subject}${c.selfSigned ? '（自簽憑證）' : ''}`).join(' ← ')}`);
        }
        console.log(`　　簽署時間：${s.signingTime ? formatDateTimeZh(s.signingTime) : '（未註明）'}（簽署人聲明，未經時間戳記證明）`);
        console.log(`　　簽署範圍：${s.byteRange ? `[${s.byteRange.join(' ')}]` : '（無）'}${s.coversWholeDocument ? '，涵蓋整份文件' : ''}`);
        console.log(`　　簽署意義：${s.reason ?? '（未註明）'}`);
        if (s.identity.recordName !== null) {
          console.log(`　　記錄所載簽署人：${s.identity.recordName}${s.identity.matches === false ? `　—— ${IDENTITY_MISMATCH}${s.identity.confirmed ? '（簽署時已確認代為簽署）' : '（簽署時未經確認）'}` : '（相符）'}`);
        }
        console.log(`　　狀態：${s.statusLabel}`);
      });
    }
  }
  // The report's verdict decides, as on the verify page (a signer other than the record's fails too).
  return report.ok ? 0 : 1;
}

await runCli(main);
