/**
 * A large repeating table in Chromium, on the built site (dist/): 業戶檔案目錄 (/forms/archive-catalogue/)
 * with a record of each size imported through 匯入記錄, then keys typed into 業戶姓名 of the middle row
 * (row 250 of 500). Prints, per size, the medians over --runs fresh browser contexts of:
 *   - import: the file input's change event to the first paint with the notice and the first row shown
 *     (the form usable), and to the one with every row (the rows after the first 50 follow in chunks);
 *   - keystroke: each key's keydown to the first paint after it (median of the keys, then of the runs);
 *   - the longest task once typing stops (the debounced draft save), and the longest during typing.
 * A benchmark, not a timed test. Usage: npm run bench:table [-- --runs 3 --rows 5,500 --keys 12 --dist dist]
 * (after `npm run build`; needs /usr/bin/chromium).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openBrowser, openSession } from '../test/browser/harness.ts';
import { startStaticServer } from '../test/browser/static-server.ts';
import { archivesRevision, cellId, importTimed, keystrokesTimed, median, TABLE_FORM, watchLongTasks, writeCatalogueFile } from '../test/browser/big-table.ts';
import { requireBrowserPackages } from './system-packages.mjs';

requireBrowserPackages();

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    rows: { type: 'string', default: '5,500' },
    keys: { type: 'string', default: '12' },
    dist: { type: 'string', default: 'dist' },
  },
});
const runs = Number(values.runs);
const sizes = values.rows.split(',').map(Number);
const keyCount = Number(values.keys);
if (!Number.isInteger(runs) || runs < 1 || sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(keyCount) || keyCount < 1) {
  console.error('--runs、--keys 應為正整數，--rows 應為以逗號分隔的正整數／--runs and --keys must be positive integers, --rows a comma-separated list of them');
  process.exit(2);
}
if (!existsSync(join(values.dist, 'index.html'))) {
  console.error(`${values.dist}/ is missing: run \`npm run build\` first.`);
  process.exit(1);
}

const TEXT = 'abcdefghijklmnopqrstuvwxyz'.repeat(4).slice(0, keyCount);
const work = mkdtempSync(join(tmpdir(), 'bench-table-'));
const { url: site, server } = await startStaticServer(values.dist);
const browser = await openBrowser();

interface Sample {
  importMs: number;
  importAllMs: number;
  keyMedian: number;
  keyMax: number;
  longestTyping: number;
  longestAfter: number;
}

async function once(rows: number, file: string): Promise<Sample> {
  const s = await openSession(browser, { viewport: { width: 1280, height: 900 } });
  try {
    const { page } = s;
    page.setDefaultTimeout(60_000);
    page.on('filechooser', () => undefined);
    await page.goto(`${site}/forms/${TABLE_FORM}/`);
    await page.locator(`[data-record-form="${TABLE_FORM}"][data-ready]`).waitFor();
    const { firstMs: importMs, allMs: importAllMs } = await importTimed(page, file, rows);
    const row = Math.min(rows - 1, Math.floor(rows / 2));
    const longTasks = await watchLongTasks(page);
    const keys = await keystrokesTimed(page, cellId(row, 'ownerName'), TEXT);
    const longestTyping = Math.max(0, ...(await longTasks()));
    await page.waitForTimeout(1_500); // past the autosave's debounce
    const longestAfter = Math.max(0, ...(await longTasks()));
    const typed = await page.locator(`[id="${cellId(row, 'ownerName')}"]`).inputValue();
    if (!typed.endsWith(TEXT)) throw new Error(`row ${row + 1} holds 「${typed}」, not what was typed`);
    if (s.foreignRequests.length) throw new Error(`requests left 127.0.0.1: ${s.foreignRequests.join(', ')}`);
    return { importMs, importAllMs, keyMedian: median(keys), keyMax: Math.max(...keys), longestTyping, longestAfter };
  } finally {
    await s.close();
  }
}

const ms = (v: number) => (v === 0 ? '< 50' : String(Math.round(v)));
const results: [number, Sample[]][] = [];
try {
  for (const rows of sizes) {
    const file = writeCatalogueFile(work, rows, archivesRevision());
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) samples.push(await once(rows, file));
    results.push([rows, samples]);
  }
} finally {
  await browser.close();
  server.close();
}

const col = (samples: Sample[], k: keyof Sample) => median(samples.map((x) => x[k]));
const range = (samples: Sample[], k: keyof Sample) => {
  const v = samples.map((x) => Math.round(x[k]));
  return `${Math.min(...v)}-${Math.max(...v)}`;
};
console.log(`\n業戶檔案目錄 (/forms/${TABLE_FORM}/, ${values.dist}/), ${runs} run(s) per size, ${keyCount} keys into 業戶姓名 of the middle row; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
console.log('| rows | import: first rows shown ms | import: every row shown ms | keystroke to paint ms (median) | slowest key ms | longest task while typing ms | longest task after typing (autosave) ms |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [rows, samples] of results) {
  console.log(
    `| ${rows} | ${Math.round(col(samples, 'importMs'))} (${range(samples, 'importMs')}) | ${Math.round(col(samples, 'importAllMs'))} (${range(samples, 'importAllMs')}) | ${Math.round(col(samples, 'keyMedian'))} (${range(samples, 'keyMedian')}) | ${Math.round(col(samples, 'keyMax'))} | ${ms(col(samples, 'longestTyping'))} | ${ms(col(samples, 'longestAfter'))} |`,
  );
}
