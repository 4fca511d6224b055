/**
 * What a user waits for in Chromium, over loopback against the built site (dist/):
 *   - a procedure page and a form page loading (navigation to load event; form ready to type);
 *   - a Chinese search, from typing the query to the first result;
 *   - export + sign of a two-page record (violation-record's example), cold on a fresh page and
 *     warm on the same page, and an unsigned export; the signed PDF's size;
 *   - the JS and font bytes a form page loads before and at export;
 *   - validation of each form's example record with the compiled validators (mean per call).
 * Each timing is the median (and range) of --runs fresh browser contexts (default 5).
 * Usage: npm run bench:browser [-- --runs 5]   (after `npm run build`; needs /usr/bin/chromium)
 * The certificate is a throwaway one made on the spot (test/pdf/helpers/pki.ts).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openBrowser, openSession } from '../test/browser/harness.ts';
import { startStaticServer } from '../test/browser/static-server.ts';
import { completeExample, distSizes, download, kb, measures, pdfPages, resources } from '../test/browser/helpers-pdf/flow.ts';
import { makeTestPki } from '../test/pdf/helpers/pki.ts';
import { requireBrowserPackages } from './system-packages.mjs';

requireBrowserPackages();

const runs = Number(parseArgs({ options: { runs: { type: 'string', default: '5' } } }).values.runs);
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
    // The record names the test certificate's holder as 登記人, so signing is not held for a confirmation.
    await completeExample(page, site, FORM_ID, (p) => p.getByLabel('登記人（片區管家）', { exact: true }).fill('陳美玲'));
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

/**
 * The same validator modules the form pages load, bundled into one script served from the site's
 * own origin (so the page's CSP admits it) and timed inside the page.
 */
async function validationInChromium(): Promise<string[]> {
  const { build } = await import('vite');
  const root = process.cwd();
  const out = mkdtempSync(join(tmpdir(), 'bench-validation-'));
  writeFileSync(
    join(out, 'entry.ts'),
    `import { loadRecordValidator } from ${JSON.stringify(join(root, 'src/lib/forms/validation/validator.ts'))};
import { getExample } from ${JSON.stringify(join(root, 'src/lib/forms/definition/index.ts'))};
import { FORM_IDS } from ${JSON.stringify(join(root, 'src/lib/procedures.ts'))};
(window as any).__bench = async (runs: number) => {
  const result: [string, boolean, number, number][] = [];
  for (const id of FORM_IDS) {
    const v = await loadRecordValidator(id);
    const data = getExample(id);
    // performance.now() is coarsened outside cross-origin isolation: many runs for a steady mean.
    let t = performance.now();
    for (let i = 0; i < runs; i++) v.validate(data);
    const valid = (performance.now() - t) / runs;
    t = performance.now();
    for (let i = 0; i < runs / 10; i++) v.validate({});
    const empty = (performance.now() - t) / (runs / 10);
    result.push([id, v.validate(data).valid, valid, empty]);
  }
  return result;
};
`,
  );
  await build({
    root: out,
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir: join(out, 'dist'),
      target: 'es2022',
      minify: true,
      rollupOptions: { input: join(out, 'entry.ts'), output: { format: 'es', entryFileNames: 'bench.js', codeSplitting: false } },
    },
  });
  const script = readFileSync(join(out, 'dist/bench.js'));
  return fresh(async ({ page }) => {
    await page.route('**/__bench-validation.js', (route) => route.fulfill({ body: script, contentType: 'text/javascript' }));
    await page.goto(`${site}/forms/`);
    await page.addScriptTag({ url: '/__bench-validation.js', type: 'module' });
    await page.waitForFunction(() => typeof (window as unknown as { __bench?: unknown }).__bench === 'function');
    type Row = [string, boolean, number, number];
    const rows = await page.evaluate((n) => (window as unknown as { __bench: (n: number) => Promise<Row[]> }).__bench(n), 10_000);
    const us = (ms: number) => `${(ms * 1000).toFixed(1).padStart(5)} µs`;
    return rows.map(([id, valid, full, empty]) => {
      if (!valid) throw new Error(`${id}: the example record does not validate`);
      return `validate ${id.padEnd(24)} example ${us(full)}   empty record (all errors, zh-TW) ${us(empty)}`;
    });
  });
}
extras.push(...(await validationInChromium()));

await browser.close();
server.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`Chromium over loopback, ${runs} fresh contexts each; median (min–max) in ms`);
for (const [label, xs] of samples) {
  console.log(`  ${label.padEnd(72)} ${String(median(xs)).padStart(5)}  (${Math.min(...xs)}–${Math.max(...xs)})`);
}
for (const line of extras) console.log(`  ${line}`);
console.log('  (the static server does not compress; font transfer sizes are raw bytes)');
