/**
 * Layout shift of the form pages while they load and hydrate, in Chromium against the built site
 * (dist/, served with its precompressed files and header policy): the CLS sum (layout-shift entries
 * without recent input) from navigation until the form is ready plus one second, at a phone width
 * (390 px) and a desktop width (1280 px), on a fresh browser and with a saved draft of the form
 * (the draft list shows after a reload). Median and range of --runs fresh contexts (default 3).
 *
 *   npm run bench:form-cls [-- --runs 3 --forms violation-record,archive-catalogue]
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openBrowser } from '../test/browser/harness.ts';
import { siteCsp, startStaticServer } from '../test/browser/static-server.ts';
import { requireBrowserPackages } from './system-packages.mjs';

requireBrowserPackages();

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    forms: { type: 'string', default: 'violation-record,archive-catalogue,complaint-monthly-stats,qr-gr-036' },
  },
});
if (!existsSync('dist/index.html')) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}
const runs = Number(values.runs);
const forms = values.forms!.split(',');
const WIDTHS = [
  { name: '390 px', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 },
  { name: '1280 px', viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
];

/** Sums layout shifts from the first paint on (buffered), ignoring those right after input. */
const OBSERVE = `
  window.__cls = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
`;

const { url: site, server } = await startStaticServer('dist', { 'Content-Security-Policy': siteCsp('dist') }, { precompressed: true });
const browser = await openBrowser();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  console.log('form | width | fresh CLS (median, range) | with a saved draft');
  for (const form of forms) {
    for (const w of WIDTHS) {
      const fresh: number[] = [];
      const withDraft: number[] = [];
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext({ viewport: w.viewport, isMobile: w.isMobile, hasTouch: w.hasTouch, deviceScaleFactor: w.deviceScaleFactor });
        await context.addInitScript(OBSERVE);
        const page = await context.newPage();
        const load = async () => {
          await page.goto(`${site}/forms/${form}/`);
          await page.locator(`[data-record-form="${form}"][data-ready]`).waitFor();
          await page.waitForTimeout(1000);
          return page.evaluate(() => (window as unknown as { __cls: number }).__cls);
        };
        fresh.push(await load());
        // A draft in this browser, saved the way a user's is (typed, then autosaved).
        await page.locator(`[data-record-form="${form}"] form.rf-form input[type=text]:not([readonly])`).first().fill('草稿');
        await page.locator('[data-save-status]').filter({ hasText: '草稿已自動保存' }).waitFor();
        withDraft.push(await load());
        await context.close();
      }
      const f = (xs: number[]) => `${median(xs).toFixed(4)} (${Math.min(...xs).toFixed(4)}–${Math.max(...xs).toFixed(4)})`;
      console.log(`${form} | ${w.name} | ${f(fresh)} | ${f(withDraft)}`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
