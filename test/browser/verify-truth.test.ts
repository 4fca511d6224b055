/**
 * The verify page says the truth (issue 14): its verdict names a record filled under a draft
 * revision, a record whose data breaks the form's rules and a record whose embedded JSON differs
 * from its page; a self-signed and a CA-issued certificate get different verdicts with the site's
 * (empty) trust list, and a CA certificate file the auditor chooses on the page, kept in the
 * browser, makes the CA-issued one trusted. Files are made in Node with the library and the test
 * PKI (test/pdf/helpers/pki.ts); each verdict is also the CLI's.
 */

import { pdfBrowserSetup } from './helpers-pdf/flow.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { exportRecordPdf, exportSignedRecordPdf, readPkcs12, type VerifyReport } from '../../src/lib/pdf/index.ts';
import { nodeFonts } from '../../src/lib/pdf/node.ts';
import { axeViolations, openSession } from './harness.ts';
import { ASCII_PASSWORD, type TestPki } from '../pdf/helpers/pki.ts';
import { envelopeOf, namingSigners, testForms } from '../pdf/helpers/records.ts';
import { swapEmbeddedJson, swapOwner } from '../pdf/helpers/tamper.ts';
import { runScript } from '../pdf/helpers/tools.ts';

const site = inject('siteUrl');
const intake = testForms().find((f) => f.id === 'complaint-intake')!;
const access = testForms().find((f) => f.id === 'archive-access')!;

let browser: Browser;
let pki: TestPki;
let work: string;

beforeAll(async () => {
  ({ pki, work, browser } = await pdfBrowserSetup('verify-truth-'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

async function file(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(work, name);
  writeFileSync(path, bytes);
  return path;
}

async function signed(p12: string): Promise<Uint8Array> {
  const signer = await readPkcs12(readFileSync(p12), p12 === pki.staffA ? pki.password : ASCII_PASSWORD);
  // The record names the certificate's holder as 受理人, so only the certificate is in question.
  const record = envelopeOf(intake, namingSigners(intake.form, intake.example, { receiver: signer.name }));
  return exportSignedRecordPdf({ form: intake.form, record, fonts: nodeFonts() }, { signer, role: 'receiver', fonts: nodeFonts() });
}

/** The CLI's verdict for a file, with the site's own trust list and register. */
function cliVerdict(path: string): VerifyReport['verdict'] {
  const r = runScript('verify-cli.ts', [path, '--json']);
  return (JSON.parse(r.stdout) as VerifyReport).verdict;
}

async function verify(page: Page, path: string) {
  await page.locator('[data-verify-ready="true"]').waitFor();
  await page.locator('[data-pdf-input]').setInputFiles(path);
  // The report of this file (a previous file's report stays on the page until it is replaced).
  const name = basename(path);
  await page.locator('#verify-result-title, [data-verify-error]').filter({ hasText: name }).first().waitFor({ timeout: 90_000 });
}

async function verdictOf(page: Page) {
  const box = page.locator('[data-report] [data-verdict]');
  return { kind: await box.getAttribute('data-verdict'), title: (await box.locator('.pdf-verdict-title').textContent()) ?? '', lines: await box.locator('li').allTextContents() };
}

describe('the verify page names what is wrong with a record', () => {
  it('a draft revision, broken rules and a JSON that differs from the page, as the CLI does', async () => {
    const noApprover = structuredClone(access.example) as Record<string, unknown>;
    delete noApprover.approver;
    delete noApprover.approvedAt;
    delete (noApprover.signatures as Record<string, unknown>).approver;
    const cases = [
      // Unsigned, so that the draft revision is the only failure with the site's empty trust list.
      { path: await file('draft.pdf', await exportRecordPdf({ form: intake.form, record: envelopeOf(intake, intake.example, 'A/1'), fonts: nodeFonts() })), title: '記錄依據未生效的程序版本', line: '修訂草案' },
      { path: await file('rules.pdf', await exportRecordPdf({ form: access.form, record: envelopeOf(access, noApprover), fonts: nodeFonts() })), title: '記錄內容違反表單規則', line: '依 4.8' },
      {
        path: await file('swapped.pdf', await swapEmbeddedJson(await exportRecordPdf({ form: intake.form, record: envelopeOf(intake), fonts: nodeFonts() }), swapOwner)),
        title: '內嵌資料與頁面內容不符',
        line: '頁面顯示「陳大文」，內嵌資料為「另一位業戶」',
      },
    ];
    const { page, foreignRequests, close } = await openSession(browser);
    await page.goto(`${site}/verify/`);
    for (const c of cases) {
      await verify(page, c.path);
      const v = await verdictOf(page);
      expect(v.kind, c.title).toBe('bad');
      expect(v.title, c.title).toContain(c.title);
      expect(v.lines.join(''), c.title).toContain(c.line);
      const cli = cliVerdict(c.path);
      expect(cli.kind, c.title).toBe('bad');
      expect(v.title, c.title).toContain(cli.title);
      expect(v.lines, c.title).toEqual(cli.lines);
    }
    // The content checks are listed in the report too.
    await expect(page.locator('[data-content-checks] [data-content]').getAttribute('data-content')).resolves.toBe('mismatch');
    const violations = await axeViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await close();
  }, 600_000);
});

describe('certificates on the verify page', () => {
  it('a self-signed and a CA-issued certificate get different verdicts; a CA file chosen on the page trusts the CA-issued one', async () => {
    const self = await file('self-signed.pdf', await signed(pki.selfSigned));
    const byCa = await file('ca-issued.pdf', await signed(pki.staffA));
    const { page, foreignRequests, close } = await openSession(browser);
    await page.goto(`${site}/verify/`);

    await verify(page, self);
    const selfVerdict = await verdictOf(page);
    expect(selfVerdict.kind).toBe('bad');
    expect(selfVerdict.title).toContain('自簽憑證');
    await expect(page.locator('[data-signatures] [data-status-label]').textContent()).resolves.toBe('自簽憑證，不受信任');
    await expect(page.locator('[data-signatures] [data-chain]').textContent()).resolves.toContain('陳大文（自簽憑證）');
    await expect(page.locator('[data-signatures] [data-fingerprint]').textContent()).resolves.toMatch(/SHA-256 指紋：([0-9A-F]{2}:){31}[0-9A-F]{2}/);

    await verify(page, byCa);
    const caVerdict = await verdictOf(page);
    expect(caVerdict.kind).toBe('bad');
    expect(caVerdict.title).toContain('憑證不在公司信任清單內');
    expect(caVerdict.title).not.toEqual(selfVerdict.title);
    await expect(page.locator('[data-signatures] [data-chain]').textContent()).resolves.toContain('陳美玲 ← 測試物業管理有限公司 根憑證');

    // The auditor chooses the CA's certificate (DER): the shown record is verified again, trusted.
    await page.locator('[data-ca-input]').setInputFiles({ name: 'company-ca.cer', mimeType: 'application/pkix-cert', buffer: Buffer.from(pki.caDer) });
    await expect.poll(async () => (await verdictOf(page).catch(() => ({ kind: null }))).kind, { timeout: 90_000 }).toBe('ok');
    await expect(page.locator('[data-auditor-cas]').textContent()).resolves.toContain('測試物業管理有限公司 根憑證');
    await expect(page.locator('[data-signatures] [data-status-label]').textContent()).resolves.toBe('有效');

    // Kept in this browser: a reload still trusts it; the self-signed one stays untrusted.
    await page.reload();
    await verify(page, byCa);
    expect((await verdictOf(page)).kind).toBe('ok');
    await verify(page, self);
    expect((await verdictOf(page)).title).toContain('自簽憑證');
    // Removing it returns to the company list alone.
    await page.getByRole('button', { name: '移除「測試物業管理有限公司 根憑證」' }).click();
    await verify(page, byCa);
    expect((await verdictOf(page)).kind).toBe('bad');
    const violations = await axeViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await close();
  }, 600_000);
});
