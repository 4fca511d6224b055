/**
 * What a user waits for in Chromium, over loopback against the built site (dist/):
 *   - a procedure page and a form page loading (navigation to load event; form ready to type);
 *   - a Chinese search, from typing the query to the first result;
 *   - export + sign of a two-page record (violation-record's example), cold on a fresh page and
 *     warm on the same page, and an unsigned export; the signed PDF's size;
 *   - the JS and font bytes a form page loads before and at export.
 * Each timing is the median (and range) of --runs fresh browser contexts (default 5).
 * Usage: npm run bench:browser [-- --runs 5]   (after `npm run build`; needs /usr/bin/chromium)
 * The certificate is a throwaway one made on the spot (test/pdf/helpers/pki.ts).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBrowser, openSession } from '../test/browser/harness.ts';
import { startStaticServer } from '../test/browser/static-server.ts';
import { completeExample, distSizes, download, kb, measures, pdfPages, resources } from '../test/browser/helpers-pdf/flow.ts';
import { makeTestPki } from '../test/pdf/helpers/pki.ts';

const runs = process.argv.includes('--runs') ? Number(process.argv[process.argv.indexOf('--runs') + 1]) : 5;
if (!existsSync('dist/index.html')) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

const FORM_ID = 'violation-record';
const PROCEDURE_PATH = '/sops/violations/';
const SEARCH_QUERY = '違章停車';

const { url: site, server } = await startStaticServer('dist');
const browser = await openBrowser();
const pki = makeTestPki();
const work = mkdtempSync(join(tmpdir(), 'bench-browser-'));

const samples = new Map<string, number[]>();
const note = (label: string, ms: number) => samples.set(label, [...(samples.get(label) ?? []), ms]);
const extras: string[] = [];

async function fresh<T>(f: (s: Awaited<ReturnType<typeof openSession>>) => Promise<T>): Promise<T> {
  const s = await openSession(browser, { acceptDownloads: true });
  try {
    const result = await f(s);
    if (s.foreignRequests.length) throw new Error(`requests left 127.0.0.1: ${s.foreignRequests.join(', ')}`);
    return result;
  } finally {
    await s.close();
  }
}

const loadTime = (page: Awaited<ReturnType<typeof openSession>>['page']) =>
  page.evaluate(() => {
    const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return Math.round(nav.loadEventEnd - nav.startTime);
  });

for (let i = 0; i < runs; i++) {
  await fresh(async ({ page }) => {
    await page.goto(`${site}${PROCEDURE_PATH}`, { waitUntil: 'load' });
    note(`procedure page ${PROCEDURE_PATH}: navigation to load event`, await loadTime(page));
  });

  await fresh(async ({ page }) => {
    const t0 = Date.now();
    await page.goto(`${site}/forms/${FORM_ID}/`);
    await page.locator(`[data-record-form="${FORM_ID}"][data-ready="true"]`).waitFor();
    note(`form page /forms/${FORM_ID}/: navigation to form ready`, Date.now() - t0);
  });

  await fresh(async ({ page }) => {
    await page.goto(`${site}/`);
    await page.getByRole('button', { name: '搜尋' }).click();
    const input = page.locator('.pagefind-ui__search-input');
    await input.waitFor();
    const t0 = Date.now();
    await input.fill(SEARCH_QUERY);
    await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
    note(`search 「${SEARCH_QUERY}」 (first query of the page): typed to first result`, Date.now() - t0);
  });

  await fresh(async ({ page }) => {
    await completeExample(page, site, FORM_ID);
    const jsBeforeExport = await resources(page, 'js');
    const panel = page.locator('[data-pdf-panel]');
    await panel.locator('[data-p12-input]').setInputFiles(pki.staffA);
    await panel.locator('[data-p12-password]').fill(pki.password);
    const cold = await download(page, work, () => panel.locator('[data-sign-export]').click());
    await panel.locator('[data-p12-password]').fill(pki.password);
    await download(page, work, () => panel.locator('[data-sign-export]').click());
    const [signCold, signWarm] = await measures(page, 'pdf-sign');
    note('export + sign, cold (first on the page; click to file)', signCold);
    note('  of which: load the PDF library', (await measures(page, 'pdf-load-library'))[0]);
    note('  of which: fetch the TC font', (await measures(page, 'pdf-fetch-font'))[0]);
    note('  of which: read the .p12', (await measures(page, 'pdf-read-p12'))[0]);
    note('export + sign, warm (second on the same page)', signWarm);
    await download(page, work, () => panel.locator('[data-export-unsigned]').click());
    note('unsigned export, warm', (await measures(page, 'pdf-export')).at(-1)!);
    if (i === 0) {
      const jsAfter = await resources(page, 'js');
      const fonts = await resources(page, 'font');
      const added = jsAfter.filter((r) => !jsBeforeExport.some((b) => b.url === r.url));
      const gz = (list: typeof jsAfter) => kb(distSizes(list.map((r) => r.url)).gzip);
      extras.push(
        `record: ${FORM_ID}, ${pdfPages(cold.path)} pages; signed PDF ${kb(readFileSync(cold.path).length)}`,
        `JS on the form page before export: ${jsBeforeExport.length} files, ${gz(jsBeforeExport)} gzip`,
        `JS added at the first export: ${added.length} files, ${gz(added)} gzip`,
        `fonts fetched: ${fonts.map((f) => `${f.url} ${kb(f.encodedBodySize)}`).join(', ')}`,
      );
    }
  });

  await fresh(async ({ page }) => {
    await completeExample(page, site, FORM_ID);
    await download(page, work, () => page.locator('[data-export-unsigned]').click());
    note('unsigned export, cold (fresh page)', (await measures(page, 'pdf-export'))[0]);
  });
}

await browser.close();
server.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`Chromium over loopback, ${runs} fresh contexts each; median (min–max) in ms`);
for (const [label, xs] of samples) {
  console.log(`  ${label.padEnd(72)} ${String(median(xs)).padStart(5)}  (${Math.min(...xs)}–${Math.max(...xs)})`);
}
for (const line of extras) console.log(`  ${line}`);
console.log('  (the static server does not compress; font transfer sizes are raw bytes)');
