/**
 * The PDF pages in Chromium: the record form's PDF panel (drawn signature, wrong then right .p12
 * password, signed download checked by pdfsig/pdftotext), the sign page adding a second signer
 * as an incremental update, and the verify page on good, tampered, foreign and damaged files.
 * Test certificates come from test/pdf/helpers/pki.ts (a throwaway CA that is NOT in the
 * company trust list, so signatures read 「憑證不受信任」 while intact). No request may leave
 * 127.0.0.1 in any test.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, openSession, type Session } from './harness.ts';
import { ASCII_PASSWORD, type TestPki } from '../pdf/helpers/pki.ts';
import { runScript } from '../pdf/helpers/tools.ts';
import { readRegister } from '../../src/lib/documents/register-files.ts';
import { exportSignedRecordPdf, readPkcs12, type VerifyReport } from '../../src/lib/pdf/index.ts';
import { nodeFonts } from '../../src/lib/pdf/node.ts';
import { envelopeOf, testForms } from '../pdf/helpers/records.ts';
import {
  RECORD_NUMBER,
  axeWithin,
  completeExample,
  count,
  download,
  downloadConfirmingSigner,
  drawOnCanvas,
  measures,
  pdfImages,
  pdfPages,
  pdfsig,
  recordRequests,
  recordScripts,
  pdftext,
  resources, pdfBrowserSetup } from './helpers-pdf/flow.ts';

const site = inject('siteUrl');
const cspSite = inject('cspSiteUrl');

let browser: Browser;
let pki: TestPki;
let work: string;
/** Signed on the form page by 陳美玲 (接待人). */
let signedOnce: string | null = null;
/** Then 黃志強 (部門負責人) on the sign page. */
let signedTwice: string | null = null;

beforeAll(async () => {
  ({ pki, work, browser } = await pdfBrowserSetup('pdf-browser-'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/**
 * A session whose `problems()` are its console errors and failed responses, leaving out the
 * site-wide missing /favicon.svg (not this feature's; reported separately).
 */
async function session(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Session & { problems(): string[] }> {
  const s = await openSession(browser, { colorScheme: options.colorScheme });
  const failed: string[] = [];
  s.page.on('response', (r) => {
    if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.svg') failed.push(`${r.status()} ${r.url()}`);
  });
  return {
    ...s,
    problems: () => [...s.consoleErrors.filter((e) => !e.startsWith('Failed to load resource')), ...failed],
  };
}

function alertText(page: Page) {
  return page.locator('[role="alert"] [data-pdf-message="error"]').textContent();
}

async function choosePdf(page: Page, file: string | { name: string; buffer: Buffer }) {
  const input = page.locator('[data-pdf-input]');
  if (typeof file === 'string') await input.setInputFiles(file);
  else await input.setInputFiles({ name: file.name, mimeType: 'application/pdf', buffer: file.buffer });
}

describe('record form PDF panel', () => {
  it('draws a signature, rejects a wrong password keeping everything, signs with the right one', async () => {
    const { page, foreignRequests, problems, close } = await session();
    await completeExample(page, site);
    const panel = page.locator('[data-pdf-panel]');
    const requests = recordRequests(page);
    const panelAxe = await axeWithin(page, '[data-pdf-panel]');
    expect(panelAxe, panelAxe.join('\n')).toEqual([]);
    // Which signatures this (closed) record needs.
    await expect(panel.locator('[data-role="receptionist"] [data-required]').getAttribute('data-required')).resolves.toBe('true');
    await expect(panel.locator('[data-role="deptHead"] [data-required]').getAttribute('data-required')).resolves.toBe('true');
    await expect(panel.locator('[data-role="visitor"] [data-required]').getAttribute('data-required')).resolves.toBe('false');

    // Draw 接待人's signature; the name is prefilled from the record and required.
    await panel.locator('[data-draw-role="receptionist"]').click();
    const dialog = page.locator('dialog[open][data-signature-dialog]');
    await dialog.waitFor();
    await expect(dialog.getByRole('img', { name: /簽名方框/ }).count()).resolves.toBe(1);
    await expect(dialog.locator('[data-signer-name]').inputValue()).resolves.toBe('李小明');
    await dialog.locator('[data-signer-name]').fill('');
    await dialog.getByRole('button', { name: '確定', exact: true }).click();
    await expect(dialog.getByRole('alert').textContent()).resolves.toContain('請輸入簽署人姓名');
    await dialog.locator('[data-signer-name]').fill('李小明');
    const dialogAxe = await axeWithin(page, 'dialog[open]');
    expect(dialogAxe, dialogAxe.join('\n')).toEqual([]);
    await drawOnCanvas(page);
    await dialog.getByRole('button', { name: '清除', exact: true }).click();
    await drawOnCanvas(page);
    await dialog.getByRole('button', { name: '確定', exact: true }).click();
    await page.locator('dialog[open]').waitFor({ state: 'detached' }).catch(() => undefined);
    await expect(page.locator('dialog[open]').count()).resolves.toBe(0);
    // Focus back on the button that opened the dialog.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-draw-role'))).toBe('receptionist');
    await expect(panel.locator('[data-role="receptionist"] img').getAttribute('alt')).resolves.toBe('李小明的手寫簽名');

    // Wrong password: a zh-TW alert, the password kept and focused, the record untouched.
    await panel.locator('[data-sign-role]').selectOption('receptionist');
    await panel.locator('[data-p12-input]').setInputFiles(pki.staffA);
    await panel.locator('[data-p12-password]').fill('wrong-password');
    await panel.locator('[data-sign-export]').click();
    await expect.poll(() => alertText(page), { timeout: 60_000 }).toContain('憑證密碼不正確');
    // Focus moves in the frame after the alert renders.
    await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-p12-password'))).toBe(true);
    await expect(panel.locator('[data-p12-password]').inputValue()).resolves.toBe('wrong-password');
    await expect(panel.locator('[data-p12-password]').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.evaluate(() => [...document.querySelectorAll<HTMLInputElement>('.rf-form input')].some((i) => i.value === '周志強'))).resolves.toBe(true);
    await expect(panel.locator('[data-role="receptionist"] img').count()).resolves.toBe(1);

    // The right password (it has Chinese characters; the file is OpenSSL 3 AES). The record names
    // 李小明 as 接待人, so 陳美玲 confirms signing on his behalf first (issue 11).
    await panel.locator('[data-p12-password]').fill(pki.password);
    const { path, name } = await downloadConfirmingSigner(page, work, panel, '[data-sign-export]');
    expect(name).toBe(`${RECORD_NUMBER}-已簽署.pdf`);
    await expect(panel.locator('[data-pdf-message="success"]').textContent()).resolves.toContain('已以「接待人」身分數位簽署');
    await expect(panel.locator('[data-p12-password]').inputValue()).resolves.toBe('');
    const sig = pdfsig(path);
    expect(count(sig, 'Signature is Valid.'), sig).toBe(1);
    expect(sig).toContain('陳美玲');
    const text = pdftext(path);
    expect(text).toContain(RECORD_NUMBER);
    expect(text).toContain('周志強');
    expect(text).not.toContain('本文件未經數位簽章');
    // The drawn signature is in the PDF: under the box and in the signature's appearance.
    expect(pdfImages(path).length).toBeGreaterThanOrEqual(2);
    // Nothing but this site's JS and fonts was fetched: the .p12, password and record stayed in the page.
    const other = requests.filter((r) => !/^GET (\/_astro\/[^/]+\.js|\/fonts\/NotoSans(TC-Common|TC-Regular|SC-Regular)\.ttf)$/.test(r) && !/^GET (blob|data):$/.test(r));
    expect(other).toEqual([]);
    signedOnce = path;
    expect(foreignRequests).toEqual([]);
    expect(problems()).toEqual([]);
    await close();
  });

  it('exports an unsigned PDF named after the record number, visibly marked (no CMS or .p12 code loaded for it); /sign/ then signs it', async () => {
    const { page, foreignRequests, close } = await session();
    const scripts = recordScripts(page);
    await completeExample(page, site);
    expect(scripts.engines()).toEqual([]);
    const { path, name } = await download(page, work, () => page.getByRole('button', { name: '匯出 PDF（未數位簽章）' }).click());
    expect(name).toBe(`${RECORD_NUMBER}.pdf`);
    // Layout and fonts only: pkijs (CMS) and node-forge (.p12) are not fetched for an unsigned export.
    expect(scripts.engines()).toEqual(['pdf-lib', 'fontkit']);
    const text = pdftext(path);
    expect(text).toContain('本文件未經數位簽章');
    expect(text).toContain(RECORD_NUMBER);
    const sig = pdfsig(path);
    expect(sig).not.toContain('Signature is Valid');
    expect(count(sig, 'is not signed')).toBe(4);

    // The sign page takes an unsigned export too: the first signature, the stamp removed.
    const onSignPage = scripts.count();
    await page.goto(`${site}/sign/`);
    await page.locator('[data-sign-ready="true"]').waitFor();
    expect(scripts.engines(onSignPage)).toEqual([]);
    await choosePdf(page, path);
    const report = page.locator('[data-report]');
    await report.waitFor({ timeout: 60_000 });
    // Reading the file before signing: no font engine, no .p12 reader.
    expect(scripts.engines(onSignPage)).toEqual(['pdf-lib', 'pkijs']);
    await expect(report.locator('[data-no-signatures]').count()).resolves.toBe(1);
    await expect(report.locator('[data-sign-role]').inputValue()).resolves.toBe('receptionist');
    await report.locator('[data-p12-input]').setInputFiles(pki.staffA);
    await report.locator('[data-p12-password]').fill(pki.password);
    const signed = await downloadConfirmingSigner(page, work, report, '[data-sign-add]');
    expect(count(pdfsig(signed.path), 'Signature is Valid.')).toBe(1);
    expect(pdftext(signed.path)).not.toContain('本文件未經數位簽章');
    // An OpenSSL 3 (AES) .p12 is read with WebCrypto: node-forge is not fetched.
    expect(scripts.engines(onSignPage)).toEqual(['pdf-lib', 'fontkit', 'pkijs']);
    expect(foreignRequests).toEqual([]);
    await close();
  });

  it('an expired certificate and a file that is not a .p12: clear messages, focus on the file (dark mode, axe)', async () => {
    const { page, foreignRequests, close } = await session({ colorScheme: 'dark' });
    await completeExample(page, site);
    const panel = page.locator('[data-pdf-panel]');
    await panel.locator('[data-p12-input]').setInputFiles(pki.expired);
    await panel.locator('[data-p12-password]').fill(ASCII_PASSWORD);
    await panel.locator('[data-sign-export]').click();
    await expect.poll(() => alertText(page), { timeout: 60_000 }).toMatch(/憑證已於 \d{4}年.*過期.*請向管理員申請新憑證/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-p12-input'))).toBe(true);
    await expect(panel.locator('[data-p12-password]').inputValue()).resolves.toBe(ASCII_PASSWORD);
    const darkAxe = await axeWithin(page, '[data-pdf-panel]');
    expect(darkAxe, darkAxe.join('\n')).toEqual([]);

    await panel.locator('[data-p12-input]').setInputFiles(pki.notP12);
    await panel.locator('[data-sign-export]').click();
    await expect.poll(() => alertText(page)).toContain('不是 PKCS#12 憑證檔');

    // No file at all.
    await panel.locator('[data-p12-input]').setInputFiles([]);
    await panel.locator('[data-sign-export]').click();
    await expect.poll(() => alertText(page)).toContain('請先選擇你的個人憑證檔');
    expect(foreignRequests).toEqual([]);
    await close();
  });

  it('a legacy-encrypted (3DES/RC2) .p12 signs fine (read by node-forge, fetched for it)', async () => {
    const { page, foreignRequests, close } = await session();
    const scripts = recordScripts(page);
    await completeExample(page, site);
    const panel = page.locator('[data-pdf-panel]');
    await panel.locator('[data-sign-role]').selectOption('responsible');
    await panel.locator('[data-p12-input]').setInputFiles(pki.staffB);
    await panel.locator('[data-p12-password]').fill(ASCII_PASSWORD);
    const { path } = await download(page, work, () => panel.locator('[data-sign-export]').click());
    const sig = pdfsig(path);
    expect(count(sig, 'Signature is Valid.'), sig).toBe(1);
    expect(sig).toContain('黃志強');
    expect(scripts.engines()).toEqual(['pdf-lib', 'fontkit', 'pkijs', 'node-forge']);
    expect(foreignRequests).toEqual([]);
    await close();
  });
});

describe('sign page', () => {
  it('adds 部門負責人 to the record 接待人 signed: two valid signatures', async () => {
    expect(signedOnce, 'the form-page test signs first').not.toBeNull();
    const { page, foreignRequests, problems, close } = await session();
    await page.goto(`${site}/sign/`);
    await expect(page.locator('h1').textContent()).resolves.toContain('簽署記錄 PDF');
    await page.locator('[data-sign-ready="true"]').waitFor();
    await choosePdf(page, signedOnce!);
    const report = page.locator('[data-report]');
    await report.waitFor({ timeout: 60_000 });
    await expect(report.locator('[data-record-number]').textContent()).resolves.toBe(RECORD_NUMBER);
    await expect(report.locator('[data-form]').textContent()).resolves.toContain('顧客投訴處理記錄表');
    const rows = report.locator('[data-signatures] tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().locator('[data-signer]').textContent()).resolves.toBe('陳美玲');
    await expect(rows.first().getAttribute('data-status')).resolves.toBe('untrusted');
    await expect(rows.first().textContent()).resolves.toContain('簽章完整，但憑證不在公司信任清單內');
    // Only unsigned roles can be chosen.
    const options = await report.locator('[data-sign-role] option').allTextContents();
    expect(options.some((o) => o.startsWith('接待人'))).toBe(false);
    expect(options).toContain('部門負責人（本記錄必須簽署）');
    expect(options).toContain('回訪人');
    const signAxe = await axeWithin(page, 'main');
    expect(signAxe, signAxe.join('\n')).toEqual([]);

    await report.locator('[data-sign-role]').selectOption({ label: '部門負責人（本記錄必須簽署）' });
    await report.locator('[data-draw-role]').click();
    await page.locator('dialog[open] [data-signer-name]').fill('黃志強');
    await drawOnCanvas(page);
    await page.locator('dialog[open]').getByRole('button', { name: '確定', exact: true }).click();
    await expect(report.locator('img[alt="黃志強的手寫簽名"]').count()).resolves.toBe(1);

    // A wrong password first, then the legacy file's password.
    await report.locator('[data-p12-input]').setInputFiles(pki.staffB);
    await report.locator('[data-p12-password]').fill('nope');
    await report.locator('[data-sign-add]').click();
    await expect.poll(() => alertText(page), { timeout: 60_000 }).toContain('憑證密碼不正確');
    await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-p12-password'))).toBe(true);
    await report.locator('[data-p12-password]').fill(ASCII_PASSWORD);
    const { path, name } = await download(page, work, () => report.locator('[data-sign-add]').click());
    expect(name).toBe(`${RECORD_NUMBER}-部門負責人已簽署.pdf`);

    // The first revision is byte-identical; pdfsig: both valid.
    const once = readFileSync(signedOnce!);
    const twice = readFileSync(path);
    expect(twice.subarray(0, once.length).equals(once)).toBe(true);
    const sig = pdfsig(path);
    expect(count(sig, 'Signature is Valid.'), sig).toBe(2);
    expect(sig).toContain('黃志強');
    // The page re-reads the new file: two signatures now (verifying lays the record out again to
    // compare it with its page, which takes seconds on a loaded machine).
    await expect.poll(() => report.locator('[data-signatures] tbody tr').count(), { timeout: 60_000 }).toBe(2);
    await expect(page.locator('[data-pdf-message="success"]').textContent()).resolves.toContain('已加上「部門負責人」的數位簽章（黃志強）');
    signedTwice = path;
    expect(foreignRequests).toEqual([]);
    expect(problems()).toEqual([]);
    await close();
  });

  it('refuses a PDF that is not a handbook record', async () => {
    const { page, foreignRequests, close } = await session();
    await page.goto(`${site}/sign/`);
    await page.locator('[data-sign-ready="true"]').waitFor();
    await choosePdf(page, { name: 'other.pdf', buffer: await foreignPdf() });
    await expect(page.locator('[data-sign-blocked]').textContent({ timeout: 60_000 })).resolves.toContain('此 PDF 不是本手冊產生的記錄');
    await expect(page.locator('[data-sign-form]').count()).resolves.toBe(0);
    expect(foreignRequests).toEqual([]);
    await close();
  });
});

async function foreignPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const p = doc.addPage();
  p.drawText('Quarterly invoice 2026', { font: await doc.embedFont(StandardFonts.Helvetica), x: 50, y: 700 });
  return Buffer.from(await doc.save());
}

describe('verify page', () => {
  const register = readRegister('content/sops');

  async function verify(page: Page, file: string | { name: string; buffer: Buffer }) {
    await page.goto(`${site}/verify/`);
    await expect(page.locator('h1').textContent()).resolves.toContain('驗證記錄 PDF');
    await page.locator('[data-verify-ready="true"]').waitFor();
    await choosePdf(page, file);
    await page.locator('[data-report], [data-verify-error]').first().waitFor({ timeout: 60_000 });
  }

  it('lists both signatures, integrity, the record as a table and the revision standing; axe-clean', async () => {
    expect(signedTwice, 'the sign-page test signs second').not.toBeNull();
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, foreignRequests, problems, close } = await session({ colorScheme });
      await verify(page, signedTwice!);
      const report = page.locator('[data-report]');
      const rows = report.locator('[data-signatures] tbody tr');
      await expect(rows.count()).resolves.toBe(2);
      await expect(rows.locator('[data-signer]').allTextContents()).resolves.toEqual(['陳美玲', '黃志強']);
      await expect(rows.nth(0).textContent()).resolves.toContain('接待人');
      await expect(rows.nth(1).textContent()).resolves.toContain('部門負責人');
      for (const r of await rows.all()) {
        await expect(r.getAttribute('data-status')).resolves.toBe('untrusted');
        await expect(r.locator('[data-status-label]').textContent()).resolves.toBe('憑證不受信任');
        await expect(r.textContent()).resolves.toContain('簽章完整，但憑證不在公司信任清單內');
      }
      // Untrusted fails, as in the CLI (it was a warning on the page while the CLI failed).
      await expect(report.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('bad');
      await expect(report.locator('[data-verdict]').textContent()).resolves.toContain('驗證未通過：簽章完整，但憑證不在公司信任清單內');
      // The whole file is covered by the second signature; the first covers its revision only.
      await expect(report.locator('[data-whole-document]').getAttribute('data-whole-document')).resolves.toBe('true');
      await expect(report.locator('[data-bytes-after]').getAttribute('data-bytes-after')).resolves.toBe('0');
      // Revision standing with links to the revision and the register.
      const procedure = register.find((r) => r.docNumber === 'TP/QP-09' && r.status === 'effective')!;
      await expect(report.locator('[data-standing]').textContent()).resolves.toBe('現行生效版本');
      await expect(report.locator('[data-record-identity] a[href="/register/"]').count()).resolves.toBe(1);
      await expect(report.locator(`[data-record-identity] a[href="${procedure.path}"]`).count()).resolves.toBe(1);
      // Record data: field titles and values, and the raw JSON.
      const table = report.locator('[data-record-table]');
      await expect(table.locator('tr', { hasText: '投訴人' }).first().textContent()).resolves.toContain('周志強');
      await expect(table.textContent()).resolves.toContain(RECORD_NUMBER);
      await expect(table.textContent()).resolves.toContain('已結案');
      await report.locator('details', { has: page.locator('[data-raw-json]') }).locator('summary').click();
      await expect(report.locator('[data-raw-json]').textContent()).resolves.toContain(`"complaintNo": "${RECORD_NUMBER}"`);
      await expect(page.locator('[data-trust-empty]').count()).resolves.toBe(1);

      const violations = await axeViolations(page);
      expect(violations, violations.join('\n')).toEqual([]);
      expect(foreignRequests).toEqual([]);
      expect(problems()).toEqual([]);
      await close();
    }
  });

  it('the file control speaks Chinese and opens from the keyboard', async () => {
    const { page, close } = await session();
    // Intercept file choosers from the start: enabling interception only as the key is pressed
    // races with the click the key causes, and the chooser then opens (and closes) natively.
    const chooser = page.waitForEvent('filechooser', { timeout: 60_000 });
    await page.goto(`${site}/verify/`);
    await page.locator('[data-verify-ready="true"]').waitFor();
    // Scoped to the PDF picker: the page also has the auditor's CA-file control.
    await expect(page.locator('[data-drop-zone] [data-file-button]').textContent()).resolves.toBe('選擇 PDF 檔…');
    await expect(page.locator('[data-drop-zone] .file-input-status').textContent()).resolves.toBe('尚未選擇檔案');
    await page.locator('[data-pdf-input]').focus();
    await page.keyboard.press('Space');
    await (await chooser).setFiles(signedTwice!);
    await page.locator('[data-report]').waitFor({ timeout: 60_000 });
    await expect(page.locator('[data-drop-zone] .file-input-status').textContent()).resolves.toMatch(/\.pdf$/);
    await close();
  });

  it('shows the verdict the CLI gives for the same file (an expired certificate fails in both)', async () => {
    const signer = await readPkcs12(readFileSync(pki.expired), ASCII_PASSWORD, { now: new Date(Date.now() - 500 * 86_400_000) });
    const intake = testForms().find((f) => f.id === 'complaint-intake')!;
    const expired = join(work, 'expired-signer.pdf');
    writeFileSync(expired, await exportSignedRecordPdf({ form: intake.form, record: envelopeOf(intake), fonts: nodeFonts() }, { signer, role: 'receiver', fonts: nodeFonts() }));
    const { page, foreignRequests, close } = await session();
    for (const file of [expired, signedTwice!]) {
      // The CLI with its defaults: the trust list and register the site is built with.
      const cli = runScript('verify-cli.ts', [file, '--json']);
      const cliReport = JSON.parse(cli.stdout) as VerifyReport;
      expect(cli.status).toBe(cliReport.verdict.kind === 'bad' ? 1 : 0);
      await verify(page, file);
      const box = page.locator('[data-report] [data-verdict]');
      await expect(box.getAttribute('data-verdict')).resolves.toBe(cliReport.verdict.kind);
      await expect(box.locator('.pdf-verdict-title').textContent()).resolves.toContain(cliReport.verdict.title);
      await expect(box.locator('li').allTextContents()).resolves.toEqual(cliReport.verdict.lines);
    }
    await expect(page.locator('[data-report] [data-verdict]').getAttribute('data-verdict')).resolves.toBe('bad');
    expect(foreignRequests).toEqual([]);
    await close();
  });

  it('one flipped byte inside the signed range: 文件於簽署後被修改', async () => {
    const bytes = Buffer.from(readFileSync(signedTwice!));
    const text = bytes.toString('latin1');
    const at = text.indexOf('stream', text.indexOf('/Filter /FlateDecode')) + 40;
    bytes[at] ^= 0x01;
    const f = join(work, 'flipped.pdf');
    writeFileSync(f, bytes);
    expect(pdfsig(f)).toContain('Digest Mismatch');
    const { page, foreignRequests, close } = await session();
    await verify(page, f);
    const report = page.locator('[data-report]');
    await expect(report.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('bad');
    await expect(report.locator('[data-verdict]').textContent()).resolves.toContain('文件於簽署後被修改');
    const statuses = await report.locator('[data-signatures] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(statuses).toContain('altered');
    await expect(report.locator('[data-signatures]').textContent()).resolves.toContain('文件於簽署後被修改');
    expect(foreignRequests).toEqual([]);
    await close();
  });

  it('a PDF not made by the handbook, and a damaged file', async () => {
    const { page, foreignRequests, close } = await session();
    await verify(page, { name: 'invoice.pdf', buffer: await foreignPdf() });
    await expect(page.locator('[data-verdict]').textContent()).resolves.toContain('此 PDF 不是本手冊產生的記錄');
    await expect(page.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('bad');

    // Half a PDF: the header is there, the body is cut off.
    const half = readFileSync(signedOnce!).subarray(0, 1500);
    await choosePdf(page, { name: 'damaged.pdf', buffer: Buffer.from(half) });
    const err = page.locator('[data-verify-error]');
    await err.waitFor({ timeout: 60_000 });
    const message = (await err.textContent()) ?? '';
    expect(message).toMatch(/damaged\.pdf/);
    expect(message).toContain('此 PDF 檔不完整或已損毀');
    await expect(page.locator('[data-report]').count()).resolves.toBe(0);

    await choosePdf(page, { name: 'notes.pdf', buffer: Buffer.from('這不是 PDF') });
    await expect.poll(() => err.textContent()).toContain('此檔案不是 PDF');
    expect(foreignRequests).toEqual([]);
    await close();
  });

  it('nothing of the PDF engine loads before a file is chosen; verifying a signed record loads no font engine, no node-forge and only the common face’s metrics', async () => {
    const { page, foreignRequests, problems, close } = await session();
    const scripts = recordScripts(page);
    await page.goto(`${site}/verify/`);
    await page.locator('[data-verify-ready="true"]').waitFor();
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((done) => requestIdleCallback(done, { timeout: 3000 })));
    expect(scripts.engines()).toEqual([]);
    await choosePdf(page, signedTwice!);
    await page.locator('[data-report]').waitFor({ timeout: 60_000 });
    // The page was still compared with the embedded record, laid out again without fontkit.
    await expect(page.locator('[data-content]').getAttribute('data-content')).resolves.toBe('match');
    expect(scripts.engines()).toEqual(['pdf-lib', 'pkijs']);
    // Widths and the character map only (about 57 KB, 18 KB brotli), not the 2 MB face.
    const fonts = await resources(page, 'font');
    expect(fonts.map((f) => f.url.replace(/^.*\//, ''))).toEqual(['NotoSansTC-Common-Metrics.ttf']);
    expect(fonts[0].encodedBodySize).toBeLessThan(100_000);
    expect(foreignRequests).toEqual([]);
    expect(problems()).toEqual([]);
    await close();
  });

  it('loads no PDF code before the user reaches for a file, then works offline (the library is fetched while the user picks one)', async () => {
    const { page, context, foreignRequests, problems, close } = await session();
    const requests = recordRequests(page);
    await page.goto(`${site}/verify/`);
    await page.locator('[data-verify-ready="true"]').waitFor();
    await page.waitForLoadState('networkidle');
    // Past the browser's next idle period: nothing is fetched on idle either.
    await page.evaluate(() => new Promise((done) => requestIdleCallback(done, { timeout: 3000 })));
    const before = requests.filter((r) => r.endsWith('.js'));
    expect(await measures(page, 'pdf-load-library')).toHaveLength(0);
    // Keyboard users reach the picker with Tab: its focus starts the load.
    await page.locator('[data-pdf-input]').focus();
    await expect.poll(() => measures(page, 'pdf-load-library').then((m) => m.length), { timeout: 30_000 }).toBe(1);
    const after = requests.filter((r) => r.endsWith('.js') && !before.includes(r));
    expect(after.length).toBeGreaterThan(0);
    const bytes = (await Promise.all(after.map((r) => page.evaluate(async (path) => (await (await fetch(path)).arrayBuffer()).byteLength, r.slice(4))))).reduce((a, b) => a + b, 0);
    // The PDF engine (pdf-lib, pkijs, fontkit…) is several hundred KB of script: all of it came after.
    expect(bytes).toBeGreaterThan(500_000);
    await context.setOffline(true);
    await choosePdf(page, signedTwice!);
    await page.locator('[data-report]').waitFor({ timeout: 60_000 });
    await expect(page.locator('[data-signatures] tbody tr').count()).resolves.toBe(2);
    await context.setOffline(false);
    expect(problems()).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await close();
  });

  /** On /sign/ at `base`, adds 回訪人 to the twice-signed record with `p12`; returns the file, pdfsig saying 3 valid. */
  async function addVisitorSignature(page: Page, base: string, p12: string): Promise<{ path: string; sig: string }> {
    await page.goto(`${base}/sign/`);
    await page.locator('[data-sign-ready="true"]').waitFor();
    await choosePdf(page, signedTwice!);
    const report = page.locator('[data-report]');
    await report.waitFor({ timeout: 60_000 });
    await report.locator('[data-sign-role]').selectOption({ label: '回訪人' });
    await report.locator('[data-p12-input]').setInputFiles(p12);
    await report.locator('[data-p12-password]').fill(ASCII_PASSWORD);
    // The record names 黃志強 as 回訪人: the other certificate holders confirm signing for him.
    const { path } = await downloadConfirmingSigner(page, work, report, '[data-sign-add]');
    const sig = pdfsig(path);
    expect(count(sig, 'Signature is Valid.'), sig).toBe(3);
    return { path, sig };
  }

  it('signs and verifies under a strict Content-Security-Policy (no eval), with a node-forge 3DES .p12', async () => {
    const { page, foreignRequests, problems, close } = await session();
    const { path, sig } = await addVisitorSignature(page, cspSite, pki.staffC);
    expect(sig).toContain('林小芬');

    await page.goto(`${cspSite}/verify/`);
    await page.locator('[data-verify-ready="true"]').waitFor();
    await choosePdf(page, path);
    await page.locator('[data-report]').waitFor({ timeout: 60_000 });
    await expect(page.locator('[data-signatures] [data-signer]').allTextContents()).resolves.toEqual(['陳美玲', '黃志強', '林小芬']);
    expect(problems()).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await close();
  });

  it('an elliptic-curve (P-256) .p12 signs in the browser too (WebCrypto ECDSA)', async () => {
    const { page, foreignRequests, problems, close } = await session();
    const { sig } = await addVisitorSignature(page, site, pki.staffEc);
    expect(sig).toContain('張家豪');
    expect(problems()).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await close();
  });
});

describe('what loads when', () => {
  // The 2-page example record (qr-gr-036's fits on one page). Timings: npm run bench:browser.
  const formId = 'violation-record';

  it('the PDF library and the common-character TC font load only at the first export; the whole TC and SC faces not at all', async () => {
    const { page, foreignRequests, close } = await session();
    const scripts = recordScripts(page);
    await page.goto(`${site}/forms/${formId}/`);
    await page.locator(`[data-record-form="${formId}"][data-ready="true"]`).waitFor();
    await page.getByRole('button', { name: '填入範例', exact: true }).click();
    await page.getByRole('button', { name: '檢查並完成', exact: true }).click();
    const panel = page.locator('[data-pdf-panel]');
    await panel.waitFor();
    expect(scripts.engines()).toEqual([]);
    expect(await resources(page, 'font')).toEqual([]);

    await panel.locator('[data-p12-input]').setInputFiles(pki.staffA);
    await panel.locator('[data-p12-password]').fill(pki.password);
    // The example names 張家輝 as 登記人: 陳美玲 confirms signing for him.
    const signed = await downloadConfirmingSigner(page, work, panel, '[data-sign-export]');
    expect(pdfPages(signed.path)).toBe(2);
    expect(count(pdfsig(signed.path), 'Signature is Valid.')).toBe(1);
    const fonts = await resources(page, 'font');
    // The OpenSSL 3 (AES) .p12 is read with WebCrypto: no node-forge.
    expect(scripts.engines()).toEqual(['pdf-lib', 'fontkit', 'pkijs']);
    expect(fonts.map((f) => f.url.replace(/^.*\//, ''))).toEqual(['NotoSansTC-Common.ttf']);
    expect(foreignRequests).toEqual([]);
    await close();
  }, 180_000);

  it('a name with a character outside the common cut (𡃁) fetches the whole TC face and prints it', async () => {
    const { page, foreignRequests, close } = await session();
    await page.goto(`${site}/forms/qr-gr-036/`);
    await page.locator('[data-record-form="qr-gr-036"][data-ready="true"]').waitFor();
    await page.getByRole('button', { name: '填入範例', exact: true }).click();
    await page.getByLabel('投訴人', { exact: true }).fill('周𡃁強');
    await page.getByRole('button', { name: '檢查並完成', exact: true }).click();
    const panel = page.locator('[data-pdf-panel]');
    await panel.waitFor();
    const pdf = await download(page, work, () => panel.locator('[data-export-unsigned]').click());
    expect(pdftext(pdf.path)).toContain('周𡃁強');
    const fonts = (await resources(page, 'font')).map((f) => f.url.replace(/^.*\//, ''));
    expect(fonts.sort()).toEqual(['NotoSansTC-Common.ttf', 'NotoSansTC-Regular.ttf']);
    expect(foreignRequests).toEqual([]);
    await close();
  }, 180_000);
});
