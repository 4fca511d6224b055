/**
 * Every form, as staff would do it in Chromium: fill the example, sign it on the form page, add
 * a second signer on /sign/, and check it on /verify/ — with poppler's pdfsig as the referee.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { openSession } from './harness.ts';
import { ASCII_PASSWORD, type TestPki } from '../pdf/helpers/pki.ts';

import { completeExample, count, downloadSigned, pdfsig, pdfBrowserSetup } from './helpers-pdf/flow.ts';
import { FORM_IDS } from '../../src/lib/procedures.ts';

const site = inject('siteUrl');
let browser: Browser;
let pki: TestPki;
let work: string;

beforeAll(async () => {
  ({ pki, work, browser } = await pdfBrowserSetup('pdf-every-form-'));
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

const rolesOf = (formId: string): string[] =>
  JSON.parse(readFileSync(`schemas/${formId}.schema.json`, 'utf8'))['x-form'].signatures.map((s: { role: string }) => s.role);

describe('every form exports, signs twice and verifies in Chromium', () => {
  it.each([...FORM_IDS])('%s', async (formId) => {
    const [firstRole, secondRole] = rolesOf(formId);
    expect(secondRole, 'each form has a second signer').toBeDefined();
    const { page, foreignRequests, close } = await openSession(browser);

    // 1. The form page: the example, checked, signed by the first role.
    await completeExample(page, site, formId);
    const panel = page.locator('[data-pdf-panel]');
    await panel.locator('[data-sign-role]').selectOption(firstRole);
    await panel.locator('[data-p12-input]').setInputFiles(pki.staffA);
    await panel.locator('[data-p12-password]').fill(pki.password);
    const once = await downloadSigned(page, work, panel, '[data-sign-export]');
    expect(count(pdfsig(once.path), 'Signature is Valid.')).toBe(1);

    // 2. /sign/: a second signer adds theirs as an incremental update.
    await page.goto(`${site}/sign/`);
    await page.locator('[data-sign-ready="true"]').waitFor();
    await page.locator('[data-pdf-input]').setInputFiles(once.path);
    const signReport = page.locator('[data-report]');
    await signReport.waitFor({ timeout: 60_000 });
    await signReport.locator('[data-sign-role]').selectOption(secondRole);
    await signReport.locator('[data-p12-input]').setInputFiles(pki.staffB);
    await signReport.locator('[data-p12-password]').fill(ASCII_PASSWORD);
    const twice = await downloadSigned(page, work, signReport, '[data-sign-add]');
    const firstBytes = readFileSync(once.path);
    expect(readFileSync(twice.path).subarray(0, firstBytes.length).equals(firstBytes)).toBe(true);
    const sig = pdfsig(twice.path);
    expect(count(sig, 'Signature is Valid.'), sig).toBe(2);

    // 3. /verify/: both signatures intact, the whole file covered, the revision in force.
    await page.goto(`${site}/verify/`);
    await page.locator('[data-verify-ready="true"]').waitFor();
    await page.locator('[data-pdf-input]').setInputFiles(twice.path);
    const report = page.locator('[data-report]');
    await report.waitFor({ timeout: 60_000 });
    const rows = report.locator('[data-signatures] tbody tr');
    await expect(rows.locator('[data-signer]').allTextContents()).resolves.toEqual(['陳美玲', '黃志強']);
    // The test CA is not the company's: intact, but not trusted.
    for (const status of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')))) expect(status).toBe('untrusted');
    await expect(report.locator('[data-whole-document]').getAttribute('data-whole-document')).resolves.toBe('true');
    await expect(report.locator('[data-standing]').textContent()).resolves.toBe('現行生效版本');
    expect(foreignRequests).toEqual([]);
    await close();
  });
});
