/**
 * Every page type on a 390 px phone and a 1280 px laptop, light and dark: the page never scrolls
 * sideways, no table cuts a column or squeezes a cell to a character per line, and axe finds nothing.
 * Tables reflow into labelled cards on the phone; flowcharts keep a legible size in their own
 * scrolling box.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, openBrowser } from './harness.ts';
import { makeTestPki } from '../pdf/helpers/pki.ts';
import { tempDir } from '../pdf/helpers/tools.ts';
import { readProcedures } from '../../src/lib/procedures-files.ts';

const PROCEDURE_IDS = readProcedures('content/sops').map((p) => p.id);

const site = inject('siteUrl');
const root = resolve(import.meta.dirname, '../..');
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 900 };

let browser: Browser;
/**
 * A record signed once (陳美玲 for 接待人 李小明, confirmed: the reports then carry the longest
 * signature row, with 簽署人與記錄所載不符), for the sign and verify pages' reports.
 */
let signedPdf: string;

beforeAll(async () => {
  const pki = makeTestPki();
  signedPdf = join(tempDir('phone-'), 'signed.pdf');
  const r = spawnSync(
    process.execPath,
    [join(root, 'scripts/pdf-cli.ts'), 'qr-gr-036', join(root, 'schemas/qr-gr-036.example.json'), '--sign', pki.staffA, '--password-file', pki.passwordFile, '--role', 'receptionist', '--confirm-signer-mismatch', '-o', signedPdf],
    { cwd: root, encoding: 'utf8' },
  );
  expect(r.status, r.stderr).toBe(0);
  browser = await openBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** Chooses the signed record on the sign or verify page and waits for its report. */
async function loadRecord(page: Page, tool: 'sign' | 'verify') {
  await page.locator(`[data-${tool}-ready="true"]`).waitFor();
  await page.locator('[data-pdf-input]').setInputFiles(signedPdf);
  await page.locator('[data-report]').waitFor({ timeout: 60_000 });
}

/** Each page type, and what to do once loaded so it shows its widest content. */
const PAGES: [string, string, ((page: Page) => Promise<void>)?][] = [
  ['home', '/'],
  ['procedure', '/sops/violations/'],
  ['history', '/sops/complaints/history/'],
  ['diff', '/sops/complaints/diff/a-0/a-1/'],
  ['register', '/register/'],
  ['forms list', '/forms/'],
  [
    'form page (filled with the example)',
    '/forms/violation-record/',
    async (page) => {
      await page.locator('[data-record-form][data-ready]').waitFor();
      await page.getByRole('button', { name: '填入範例' }).click();
    },
  ],
  ['sign (a record loaded)', '/sign/', (page) => loadRecord(page, 'sign')],
  ['verify (a record loaded)', '/verify/', (page) => loadRecord(page, 'verify')],
  ['audit (before a folder is chosen; test/browser/audit.test.ts checks its results at 390 px)', '/audit/'],
  ['approval page', '/approve/'],
  ['training home', '/training/'],
  ['404', '/no-such-page/'],
  ['简体 procedure', '/zh-cn/sops/violations/'],
  ['简体 register', '/zh-cn/register/'],
];

async function open(viewport: { width: number; height: number }, colorScheme: 'light' | 'dark', path: string, ready?: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ viewport, colorScheme, locale: 'zh-TW' });
  const page = await context.newPage();
  await page.goto(`${site}${path}`);
  await ready?.(page);
  return { page, close: () => context.close() };
}

/** Sideways scrolling of the page, tables wider than their box, and cells narrower than four characters. */
function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.scrollingElement!;
    if (doc.scrollWidth > doc.clientWidth) problems.push(`page scrolls sideways by ${doc.scrollWidth - doc.clientWidth} px`);
    for (const table of document.querySelectorAll<HTMLTableElement>('main table')) {
      const name = table.getAttribute('class') ?? table.tagName;
      const box = table.parentElement!;
      if (table.scrollWidth > table.clientWidth + 1 || table.getBoundingClientRect().right > box.getBoundingClientRect().right + 1) {
        problems.push(`table ${name} is wider than its box`);
      }
      for (const cell of table.querySelectorAll<HTMLElement>('tbody td')) {
        const em = parseFloat(getComputedStyle(cell).fontSize);
        if (cell.textContent!.trim().length > 3 && cell.clientWidth < 4 * em) {
          problems.push(`table ${name}: cell 「${cell.textContent!.trim().slice(0, 12)}」 is ${cell.clientWidth} px wide`);
        }
      }
    }
    return problems;
  });
}

describe('no sideways scrolling, every page type', () => {
  for (const [name, path, ready] of PAGES) {
    it(`${name}: 390 px and 1280 px, light and dark; axe-clean`, async () => {
      for (const colorScheme of ['light', 'dark'] as const) {
        // One load per scheme: checked on the phone, then widened to a laptop as a user turning a tablet would.
        const { page, close } = await open(PHONE, colorScheme, path, ready);
        expect(await layoutProblems(page), `390 px ${colorScheme}`).toEqual([]);
        expect(await axeViolations(page), `390 px ${colorScheme}`).toEqual([]);
        await page.setViewportSize(LAPTOP);
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        expect(await layoutProblems(page), `1280 px ${colorScheme}`).toEqual([]);
        await close();
      }
    });
  }
});

describe('tables reflow on a phone', () => {
  it.each([
    ['/register/', 'table[data-register="procedures"]'],
    ['/register/', 'table[data-register="forms"]'],
    ['/forms/', 'table[data-form-list]'],
    ['/sops/complaints/history/', 'table[data-history]'],
  ])('%s %s: each cell is labelled with its column header', async (path, selector) => {
    const { page, close } = await open(PHONE, 'light', path);
    const table = page.locator(selector).first();
    const { headers, rows } = await table.evaluate((t: HTMLTableElement) => ({
      headers: [...t.tHead!.rows[0].cells].map((c) => c.textContent!.trim()),
      rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => getComputedStyle(c, '::before').content)),
    }));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toEqual(headers.map((h) => JSON.stringify(h)));
    // A name reads on one or two lines, not a character per line.
    const nameCell = table.locator('tbody tr').first().locator('td').nth(1);
    const lines = await nameCell.evaluate((c) => Math.round(c.getBoundingClientRect().height / parseFloat(getComputedStyle(c).lineHeight)));
    expect(lines).toBeLessThanOrEqual(2);
    await close();
  });

  it('the verify page’s signature table shows 狀態 whole, each cell labelled like its header', async () => {
    const { page, close } = await open(PHONE, 'dark', '/verify/', (p) => loadRecord(p, 'verify'));
    const table = page.locator('[data-report] table[data-signatures]');
    const { headers, labels, status } = await table.evaluate((t: HTMLTableElement) => {
      const cell = t.tBodies[0].rows[0].cells[4];
      const r = cell.getBoundingClientRect();
      return {
        headers: [...t.tHead!.rows[0].cells].map((c) => c.textContent!.trim()),
        labels: [...t.tBodies[0].rows[0].cells].map((c) => getComputedStyle(c, '::before').content),
        status: { left: r.left, right: r.right, viewport: document.documentElement.clientWidth },
      };
    });
    expect(labels).toEqual(headers.map((h) => JSON.stringify(h)));
    expect(status.left).toBeGreaterThanOrEqual(0);
    expect(status.right).toBeLessThanOrEqual(status.viewport);
    await expect(table.locator('[data-status-label]').first().isVisible()).resolves.toBe(true);
    await close();
  });

  it('on a laptop the tables stay tables', async () => {
    const { page, close } = await open(LAPTOP, 'light', '/register/');
    await expect(page.locator('table[data-register="procedures"]').evaluate((t) => getComputedStyle(t).display)).resolves.toBe('table');
    await expect(page.locator('table[data-register="procedures"] thead th').first().isVisible()).resolves.toBe(true);
    await close();
  });
});

describe('flowcharts on a phone', () => {
  it.each([...PROCEDURE_IDS])('%s: labels stay legible (clause numbers ≥ 10 px) and the chart scrolls in its own box', async (procedure) => {
    const { page, close } = await open(PHONE, 'light', `/sops/${procedure}/`);
    const m = await page.evaluate(() => {
      const svg = document.querySelector<SVGSVGElement>('section.procedure-flow svg.flowchart')!;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const smallest = Math.min(...[...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize)));
      const box = svg.parentElement!;
      return { rendered: smallest * scale, boxScrolls: box.scrollWidth > box.clientWidth, overflow: getComputedStyle(box).overflowX };
    });
    expect(m.rendered).toBeGreaterThanOrEqual(10);
    expect(m.overflow).toBe('auto');
    // The step list is offered right above the chart.
    const hint = page.locator('section.procedure-flow .flowchart-narrow-hint a');
    await expect(hint.isVisible()).resolves.toBe(true);
    await hint.click();
    await page.waitForFunction(() => location.hash.endsWith('-flow-steps-heading'));
    const list = await page.locator(`#${procedure}-flow-steps-heading`).boundingBox();
    expect(list!.y).toBeGreaterThanOrEqual(0);
    expect(list!.y).toBeLessThan(PHONE.height);
    await close();
  });

  it('the widest chart (violations) scrolls sideways inside its box, the page does not', async () => {
    const { page, close } = await open(PHONE, 'dark', '/sops/violations/');
    const box = page.locator('section.procedure-flow .flowchart-scroll');
    await expect(box.evaluate((b) => b.scrollWidth > b.clientWidth)).resolves.toBe(true);
    await expect(page.evaluate(() => document.scrollingElement!.scrollWidth <= document.scrollingElement!.clientWidth)).resolves.toBe(true);
    await close();
  });
});
