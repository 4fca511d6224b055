/**
 * Browser steps for the PDF tests: open a form page and complete its example record, draw on the
 * signature canvas with the mouse, sign with a .p12, catch downloads; poppler checks of the
 * downloaded files; byte counts of the JS and fonts a page loaded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { makeTestPki, type TestPki } from '../../pdf/helpers/pki.ts';
import { requireTools, run, tempDir } from '../../pdf/helpers/tools.ts';
import { openBrowser } from '../harness.ts';

/** What the PDF browser tests start with (in beforeAll): the PDF tools checked, the test PKI, a work folder and one Chromium. */
export async function pdfBrowserSetup(workPrefix: string): Promise<{ pki: TestPki; work: string; browser: Browser }> {
  requireTools();
  return { pki: makeTestPki(), work: tempDir(workPrefix), browser: await openBrowser() };
}

export const FORM_ID = 'qr-gr-036';
export const RECORD_NUMBER = 'KS-2026-0007';

/** The form page with its example filled in and 「檢查並完成」 pressed: the PDF panel is showing. */
export async function completeExample(page: Page, site: string, formId = FORM_ID, edit?: (page: Page) => Promise<void>): Promise<void> {
  await page.goto(`${site}/forms/${formId}/`);
  await page.locator(`[data-record-form="${formId}"][data-ready="true"]`).waitFor();
  await page.getByRole('button', { name: '填入範例', exact: true }).click();
  // A change to the example before it is checked (e.g. the signer's name).
  if (edit) await edit(page);
  await page.getByRole('button', { name: '檢查並完成', exact: true }).click();
  await page.locator('[data-complete]').waitFor();
  await page.locator('[data-pdf-panel]').waitFor();
}

/** Draws a zigzag on the open signature dialog's canvas with the mouse. */
export async function drawOnCanvas(page: Page): Promise<void> {
  const canvas = page.locator('dialog[open] [data-signature-canvas]');
  const box = (await canvas.boundingBox())!;
  const y0 = box.y + box.height * 0.55;
  await page.mouse.move(box.x + box.width * 0.15, y0);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(box.x + box.width * (0.15 + i * 0.055), y0 + (i % 2 ? -1 : 1) * box.height * 0.22, { steps: 4 });
  }
  await page.mouse.up();
}

/** Clicks and waits for the browser's download; saves it into `dir`. */
export async function download(page: Page, dir: string, click: () => Promise<void>, timeout = 90_000): Promise<{ path: string; name: string; download: Download }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout }), click()]);
  const name = dl.suggestedFilename();
  const path = join(dir, `${Date.now()}-${name}`);
  await dl.saveAs(path);
  return { path, name, download: dl };
}

export function pdfsig(file: string): string {
  const r = run('pdfsig', [file]);
  return r.stdout + r.stderr;
}

export function pdftext(file: string): string {
  return run('pdftotext', ['-layout', file, '-']).stdout;
}

export function pdfPages(file: string): number {
  const m = /Pages:\s+(\d+)/.exec(run('pdfinfo', [file]).stdout);
  return m ? Number(m[1]) : -1;
}

export function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

export interface ResourceBytes {
  url: string;
  transferSize: number;
  encodedBodySize: number;
}

/** Every .js / font the page fetched so far (resource timing). */
export async function resources(page: Page, kind: 'js' | 'font'): Promise<ResourceBytes[]> {
  return page.evaluate((k) => {
    const re = k === 'js' ? /\.m?js(\?|$)/ : /\/fonts\/.+\.(ttf|otf)(\?|$)/;
    return performance
      .getEntriesByType('resource')
      .filter((e) => re.test(new URL(e.name).pathname))
      .map((e) => {
        const r = e as PerformanceResourceTiming;
        return { url: new URL(r.name).pathname, transferSize: r.transferSize, encodedBodySize: r.encodedBodySize };
      });
  }, kind);
}

/** Raw and gzip (level 9, as a server would send) bytes of those site files (in dist/ or a copy). */
export function distSizes(paths: string[], root = 'dist'): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const p of new Set(paths)) {
    const bytes = readFileSync(join(root, p));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

/** Durations (ms) of the performance measures with this name, in order. */
export async function measures(page: Page, name: string): Promise<number[]> {
  return page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((m) => Math.round(m.duration)), name);
}

export const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** axe-core (WCAG 2.1 AA tags, as harness.ts) limited to one part of the page. */
export async function axeWithin(page: Page, selector: string): Promise<string[]> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const result = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`,
  );
}

/** `pdfimages -list` rows (one per image, soft masks included). */
export function pdfImages(file: string): string[] {
  return run('pdfimages', ['-list', file])
    .stdout.split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '');
}

/** Records every request from now on as "METHOD path" (same-origin ones too). */
export function recordRequests(page: Page): string[] {
  const out: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    out.push(`${r.method()} ${u.protocol === 'blob:' || u.protocol === 'data:' ? u.protocol : u.pathname}`);
  });
  return out;
}

/**
 * Signs with a certificate that is not the person the record names for the role: the first click
 * is refused with the confirmation (issue 11), which is ticked before the click that downloads.
 */
export async function downloadConfirmingSigner(page: Page, dir: string, scope: Locator, button: string): Promise<{ path: string; name: string; download: Download }> {
  await scope.locator(button).click();
  const confirm = scope.locator('[data-signer-confirm-box]');
  await confirm.waitFor({ timeout: 90_000 });
  await confirm.check();
  return download(page, dir, () => scope.locator(button).click());
}

/**
 * Clicks a sign button and takes the download; if the page asks first (the certificate is not the
 * person the record names for the role: an example record names other people than the test
 * certificates), ticks the confirmation and clicks again.
 */
export async function downloadSigned(page: Page, dir: string, scope: Locator, button: string): Promise<{ path: string; name: string; download: Download }> {
  const pending = page.waitForEvent('download', { timeout: 90_000 });
  await scope.locator(button).click();
  const confirm = scope.locator('[data-signer-confirm-box]');
  const first = await Promise.race([pending, confirm.waitFor({ timeout: 90_000 }).then(() => null)]);
  let dl: Download;
  if (first) dl = first;
  else {
    await confirm.check();
    await scope.locator(button).click();
    dl = await pending;
  }
  const name = dl.suggestedFilename();
  const path = join(dir, `${Date.now()}-${name}`);
  await dl.saveAs(path);
  return { path, name, download: dl };
}

/**
 * Strings only one library's code contains (error messages and class names minifying keeps), to
 * tell which PDF engines a page has fetched whatever Vite names the chunks.
 */
export const ENGINE_MARKERS = {
  'pdf-lib': 'is encrypted. You can use',
  fontkit: 'Could not find a supported cmap table',
  pkijs: 'CertificateChainValidationEngine',
  'node-forge': 'PKCS#12 MAC could not be verified',
} as const;
export type Engine = keyof typeof ENGINE_MARKERS;

/**
 * Every script the page receives from now on (read back from dist/, which the test server serves),
 * and which PDF engines are among them so far.
 */
export function recordScripts(page: Page): {
  /** The engines among the scripts received since `from` (an index into `count()`). */
  engines(from?: number): Engine[];
  /** Gzip bytes of the scripts received since `from` (an index into `count()`), each counted once. */
  gzipBytes(from?: number): number;
  count(): number;
} {
  const paths: string[] = [];
  page.on('response', (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith('http') && /\.m?js$/.test(u.pathname)) paths.push(u.pathname);
  });
  const texts = (from: number) => [...new Set(paths.slice(from))].map((p) => readFileSync(join('dist', p), 'utf8'));
  return {
    engines: (from = 0) => (Object.keys(ENGINE_MARKERS) as Engine[]).filter((e) => texts(from).some((t) => t.includes(ENGINE_MARKERS[e]))),
    gzipBytes: (from = 0) => distSizes(paths.slice(from)).gzip,
    count: () => paths.length,
  };
}
