/**
 * /audit/ in Chromium on a phone-sized screen, under the site's CSP header: the prepared folder of
 * test/pdf/helpers/audit-folder.ts (the test CA added as the auditor's own, retention judged on
 * AUDIT_TODAY) is audited in the page's Web Worker and the table shows exactly the planted problems,
 * as the CLI does (test/pdf/audit.test.ts). One session: filters, reflow without sideways scrolling,
 * axe, the CSV and the PDF report (which /sign/ offers to sign as 稽核人), and no request to another host.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, openBrowser, openSession } from './harness.ts';
import { download, pdftext } from './helpers-pdf/flow.ts';
import { makeTestPki } from '../pdf/helpers/pki.ts';
import { requireTools, tempDir } from '../pdf/helpers/tools.ts';
import { AUDIT_TODAY, makeAuditFolder, type AuditFolder } from '../pdf/helpers/audit-folder.ts';

const site = inject('cspSiteUrl');
let browser: Browser;
let folder: AuditFolder;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

beforeAll(async () => {
  requireTools();
  folder = await makeAuditFolder(makeTestPki());
  browser = await openBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe('/audit/ (phone, CSP header)', () => {
  it('audits the prepared folder in a worker and shows exactly the planted problems', async () => {
    const s = await openSession(browser, { viewport: { width: 390, height: 844 } });
    const { page } = s;
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.js')) scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${site}/audit/`);
    await page.locator('[data-audit-ready]').waitFor();
    await page.waitForLoadState('networkidle');
    // The page shows and filters results without the PDF engine: that loads in the worker, once files are chosen.
    const pageScripts = await page.evaluate(
      async (paths) => (await Promise.all(paths.map(async (p) => (await (await fetch(p)).arrayBuffer()).byteLength))).reduce((a, b) => a + b, 0),
      scripts,
    );
    expect(pageScripts).toBeLessThan(400_000);
    // Linked from the site navigation like /verify/.
    await expect(page.locator('#starlight__sidebar a[href="/audit/"]').textContent()).resolves.toContain('記錄稽核');
    await page.locator('input[data-audit-today]').fill(AUDIT_TODAY);
    await page.locator('input[data-audit-ca]').setInputFiles(folder.caPath);
    await page.locator('[data-audit-trust-count]', { hasText: '另加 1 個' }).waitFor();
    await page.locator('input[data-audit-files]').setInputFiles(filesUnder(folder.dir));
    await page.locator('[data-audit-result]').waitFor({ timeout: 180_000 });

    // Chosen as files, each row is named by its file name.
    const shown = await page.locator('[data-audit-table] tbody tr').evaluateAll((trs) =>
      Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-file'), (tr.getAttribute('data-problems') ?? '').split(' ').filter(Boolean).sort()])),
    );
    const expected = Object.fromEntries(Object.entries(folder.expected).map(([f, kinds]) => [f.split('/').pop(), [...kinds].sort()]));
    expect(shown).toEqual(expected);
    expect(await page.locator('[data-audit-summary]').textContent()).toContain('檔案 12 個：沒有問題 1 個，有問題 11 個');
    expect(await page.locator('tr[data-file="untrusted.pdf"]').textContent()).toContain('憑證不受信任');

    await page.locator('select[data-audit-filter]').selectOption('duplicate');
    await expect(page.locator('[data-audit-table] tbody tr').count()).resolves.toBe(2);
    await page.locator('select[data-audit-filter]').selectOption('all');

    // A card per file on the phone: nothing scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);

    const dir = tempDir('audit-downloads-');
    const csv = await download(page, dir, () => page.locator('[data-audit-csv]').click());
    const text = readFileSync(csv.path, 'utf8');
    expect(text).toMatch(/^\uFEFF檔案,表單,記錄編號,/);
    expect(text).toContain('notes.txt');
    const pdf = await download(page, dir, () => page.locator('[data-audit-pdf]').click());
    const pdfText = pdftext(pdf.path);
    expect(pdfText).toContain('記錄稽核報告');
    expect(pdfText).toContain('稽核人');
    // /sign/ takes the report: its embedded audit is the handbook's envelope, and it offers the 稽核人 field.
    await page.goto(`${site}/sign/`);
    await page.locator('[data-sign-ready="true"]').waitFor();
    await page.locator('[data-pdf-input]').setInputFiles(pdf.path);
    await page.locator('[data-report]').waitFor({ timeout: 60_000 });
    expect(await page.locator('select[data-sign-role] option').allTextContents()).toEqual([expect.stringContaining('稽核人')]);
    expect(s.foreignRequests).toEqual([]);
    expect(s.consoleErrors).toEqual([]);
    await s.close();
  });
});
