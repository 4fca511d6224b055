/**
 * The signer bound to the record on /sign/ (issue 11): the archive-access record names 吳國華 as
 * 查閱人; signing that role with 陳美玲's certificate shows a confirmation and signs nothing until it
 * is ticked; the signed file then says 代 吳國華 簽署, and /verify/ shows 「簽署人與記錄所載不符」 on
 * that signature's row. One session, one record.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { exportRecordPdf } from '../../src/lib/pdf/index.ts';
import { nodeFonts } from '../../src/lib/pdf/node.ts';
import { axeWithin, download, pdfsig, pdftext } from './helpers-pdf/flow.ts';
import { openBrowser, openSession } from './harness.ts';
import { makeTestPki, type TestPki } from '../pdf/helpers/pki.ts';
import { envelopeOf, testForms } from '../pdf/helpers/records.ts';
import { requireTools, tempDir } from '../pdf/helpers/tools.ts';

const site = inject('siteUrl');
let browser: Browser;
let pki: TestPki;
let work: string;
let unsigned: string;

beforeAll(async () => {
  requireTools();
  pki = makeTestPki();
  work = tempDir('signer-identity-');
  const access = testForms().find((f) => f.id === 'archive-access')!;
  unsigned = join(work, 'archive-access.pdf');
  writeFileSync(unsigned, await exportRecordPdf({ form: access.form, record: envelopeOf(access), fonts: nodeFonts() }));
  browser = await openBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('a certificate that is not the record\'s signer', () => {
  it('on /sign/ needs the confirmation before anything is signed; /verify/ then flags 簽署人與記錄所載不符', async () => {
    const { page, foreignRequests, close } = await openSession(browser);
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.goto(`${site}/sign/`);
    await page.locator('[data-sign-ready="true"]').waitFor();
    await page.locator('[data-pdf-input]').setInputFiles(unsigned);
    const report = page.locator('[data-report]');
    await report.waitFor({ timeout: 60_000 });
    await report.locator('[data-sign-role]').selectOption('accessor');
    await report.locator('[data-p12-input]').setInputFiles(pki.staffA);
    await report.locator('[data-p12-password]').fill(pki.password);
    await report.locator('[data-sign-add]').click();

    // Refused, saying why, with the confirmation to give.
    const confirm = report.locator('[data-signer-confirm]');
    await confirm.waitFor({ timeout: 60_000 });
    await expect(page.locator('[role="alert"] [data-pdf-message="error"]').textContent()).resolves.toContain('憑證上的姓名「陳美玲」與記錄所載的查閱人「吳國華」不符');
    await expect(confirm.textContent()).resolves.toContain('我確認以此憑證（陳美玲）代表記錄所載之查閱人 吳國華 簽署');
    const axe = await axeWithin(page, '[data-sign-form]');
    expect(axe, axe.join('\n')).toEqual([]);

    // Still refused while the box is not ticked (the password was kept).
    await expect(report.locator('[data-p12-password]').inputValue()).resolves.toBe(pki.password);
    await report.locator('[data-sign-add]').click();
    await expect.poll(() => page.locator('[role="alert"] [data-pdf-message="error"]').textContent(), { timeout: 60_000 }).toContain('未勾選前不會簽署');
    expect(downloads).toBe(0);

    await confirm.locator('[data-signer-confirm-box]').check();
    const signed = await download(page, work, () => report.locator('[data-sign-add]').click());
    expect(downloads).toBe(1);
    await expect(page.locator('[data-pdf-message="success"]').textContent()).resolves.toContain('（陳美玲，代 吳國華 簽署）');
    expect(pdfsig(signed.path)).toContain('Signature is Valid.');
    expect(pdftext(signed.path).replace(/\s+/g, '')).toContain('代吳國華簽署（憑證：陳美玲）');

    await page.goto(`${site}/verify/`);
    await page.locator('[data-verify-ready="true"]').waitFor();
    await page.locator('[data-pdf-input]').setInputFiles(signed.path);
    const row = page.locator('[data-report] [data-signatures] tbody tr[data-signature="accessor"]');
    await row.waitFor({ timeout: 60_000 });
    await expect(row.locator('[data-identity="mismatch"]').textContent()).resolves.toContain('簽署人與記錄所載不符：記錄所載為「吳國華」，簽署人已確認代其簽署');
    await expect(row.locator('[data-reason]').textContent()).resolves.toBe('以查閱人身分代 吳國華 簽署（憑證：陳美玲）');
    await expect(page.locator('[data-report] [data-verdict]').textContent()).resolves.toContain('簽署人與記錄所載不符');
    expect(foreignRequests).toEqual([]);
    expect(readFileSync(signed.path).length).toBeGreaterThan(readFileSync(unsigned).length);
    await close();
  });
});
