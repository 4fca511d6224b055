/**
 * Audits every record PDF in a folder and prints a table and a summary in Chinese.
 *
 *   npm run audit -- <folder> [--trust <dir|file>] [--csv <file>] [--pdf <file>] [--today <YYYY-MM-DD>]
 *
 * Exit code 1 when any file has a problem (see src/lib/audit/audit.ts for the kinds), 2 on usage.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError, parseCliArgs, EXIT_FAILED, runCli, writeOutputFile } from '../src/lib/shared/cli.ts';
import { REPO_ROOT, loadTrustList, nodeFonts } from '../src/lib/pdf/node.ts';
import { readRegister } from '../src/lib/documents/register-files.ts';
import { auditFolder } from '../src/lib/audit/node.ts';
import { PROBLEM_LABELS, auditFailed } from '../src/lib/audit/audit.ts';
import { auditCsv, rowText, summaryLines } from '../src/lib/audit/text.ts';
import { auditReportPdf } from '../src/lib/audit/report-pdf.ts';

const USAGE = '用法：npm run audit -- <資料夾> [--trust <信任清單目錄或檔案>] [--csv <輸出.csv>] [--pdf <輸出.pdf>] [--today <YYYY-MM-DD>]';

async function main(): Promise<number> {
  const { values, positionals } = parseCliArgs({
    trust: { type: 'string', default: join(REPO_ROOT, 'trust') },
    sops: { type: 'string', default: join(REPO_ROOT, 'content', 'sops') },
    csv: { type: 'string' },
    pdf: { type: 'string' },
    today: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  }, USAGE);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new CliError(`請指定一個要稽核的資料夾。\n${USAGE}`);
  const folder = resolve(positionals[0]);
  const st = statSync(folder, { throwIfNoEntry: false });
  if (!st) throw new CliError(`找不到資料夾：${positionals[0]}`);
  if (!st.isDirectory()) throw new CliError(`「${positionals[0]}」不是資料夾。\n${USAGE}`);
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new CliError(`--today 須為日期，例如 2027-01-31。`);
  const trustPath = resolve(values.trust);
  if (!existsSync(trustPath)) throw new CliError(`找不到信任清單：${values.trust}`);
  const trust = loadTrustList(trustPath);
  const sops = resolve(values.sops);
  const register = existsSync(sops) ? readRegister(sops) : [];

  const started = performance.now();
  const report = await auditFolder(folder, {
    trust,
    register,
    ...(values.today ? { today: values.today } : {}),
    onProgress: (done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\r正在稽核 ${done} / ${total} 個檔案…`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  if (report.rows.length === 0) throw new CliError(`資料夾「${positionals[0]}」內沒有檔案。`, EXIT_FAILED);

  console.log(`稽核：${folder}`);
  console.log(`信任的憑證機構：${trust.length} 個（${trustPath}）；用時 ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
  console.log('');
  for (const row of report.rows) {
    const t = rowText(row);
    console.log(`${row.problems.length ? '✘' : '✔'} ${t.file}　${t.form}　${t.recordNumber}　${t.recordDate}`);
    console.log(`　簽章：${t.signatures}`);
    for (const p of row.problems) console.log(`　・${PROBLEM_LABELS[p.kind]}：${p.text}`);
  }
  console.log('');
  for (const line of summaryLines(report)) console.log(line);

  if (values.csv) {
    writeOutputFile(values.csv, new TextEncoder().encode(auditCsv(report)), 'CSV 檔');
    console.log(`已寫入 CSV：${values.csv}`);
  }
  if (values.pdf) {
    writeOutputFile(values.pdf, await auditReportPdf(report, nodeFonts()), '稽核報告 PDF');
    console.log(`已寫入稽核報告 PDF：${values.pdf}（可於「簽署記錄 PDF」頁以稽核人身分簽署）`);
  }
  return auditFailed(report) ? EXIT_FAILED : 0;
}

await runCli(main);
