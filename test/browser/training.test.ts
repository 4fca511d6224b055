import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, openSession } from './harness.ts';
import { loadQuiz, trainingDirs } from '../../src/lib/training/load.ts';
import type { ProcedureId } from '../../src/lib/procedures.ts';
import { readProcedures } from '../../src/lib/procedures-files.ts';

const PROCEDURE_IDS = readProcedures('content/sops').map((p) => p.id);
import { readRegister } from '../../src/lib/documents/register-files.ts';
import { readTrainingRevisions } from '../../src/lib/training/load.ts';
import type { TestPki } from '../pdf/helpers/pki.ts';
import { run } from '../pdf/helpers/tools.ts';
import { download, downloadConfirmingSigner, drawOnCanvas, pdfsig, pdfBrowserSetup } from './helpers-pdf/flow.ts';

const site = inject('siteUrl');
const dirs = trainingDirs(process.cwd());
const effective = readRegister('content/sops').filter((r) => r.status === 'effective');

let browser: Browser;
let pki: TestPki;
let work: string;
beforeAll(async () => {
  ({ pki, work, browser } = await pdfBrowserSetup('training-browser-'));
}, 120_000);
afterAll(async () => {
  await browser.close();
});

/** The island has hydrated (and read the stored progress, on the pages that have it). */
async function loaded(page: Page) {
  await page.locator('[data-loaded="true"], [data-matrix-ready]').first().waitFor();
}

/**
 * Answers every question shown, by keyboard: each option to tick is focused and toggled with Space. `right`
 * picks the correct options; otherwise one wrong option per question.
 */
async function answerAll(page: Page, procedure: ProcedureId, right: boolean) {
  const quiz = loadQuiz(procedure, dirs);
  const sets = page.locator('fieldset[data-question]');
  const count = await sets.count();
  expect(count).toBe(quiz.questions.length);
  for (let i = 0; i < count; i++) {
    const set = sets.nth(i);
    const id = await set.getAttribute('data-question');
    const question = quiz.questions.find((q) => q.id === id)!;
    const wanted = right ? question.options.filter((o) => o.correct) : [question.options.find((o) => !o.correct)!];
    const labels = set.locator('label');
    for (let j = 0; j < (await labels.count()); j++) {
      const text = (await labels.nth(j).textContent())!.replace(/^\([A-J]\)\s*/, '');
      if (wanted.some((o) => o.text === text)) {
        await labels.nth(j).locator('input').focus();
        await page.keyboard.press('Space');
      }
    }
  }
}

describe('training', () => {
  it('a trainee reads, fails once, passes, signs the acknowledgement (drawing and .p12), and the progress survives a reload', async () => {
    const s = await openSession(browser);
    const { page } = s;
    await page.goto(`${site}/training/complaints/`);
    await loaded(page);
    await expect(page.locator('[data-status]').textContent()).resolves.toBe('未開始');

    await page.locator('[data-mark-read]').click();
    await expect(page.locator('[data-read]').textContent()).resolves.toMatch(/^已於 \d{4}年/);

    // First attempt, started from the keyboard, answered wrongly.
    await page.locator('[data-start]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('training-quiz-heading');
    const firstOrder = await page.locator('fieldset[data-question]').evaluateAll((els) => els.map((e) => e.getAttribute('data-question')));
    await answerAll(page, 'complaints', false);
    await page.locator('[data-submit]').focus();
    await page.keyboard.press('Enter');
    const result = page.locator('[data-result]');
    await expect(result.getAttribute('data-result')).resolves.toBe('failed');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('training-result-heading');
    expect(await result.locator('h3').textContent()).toContain('不合格：0 分');
    // Every wrong answer is reviewed with a link to its clause on the procedure page.
    const quiz = loadQuiz('complaints', dirs);
    const review = await result.locator('[data-review] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(review.sort()).toEqual(quiz.questions.map((q) => `/sops/complaints/#${q.anchor}`).sort());
    // Each question shows its explanation after answering.
    expect(await page.locator('[data-feedback]').count()).toBe(quiz.questions.length);
    expect(await page.locator('[data-feedback]').first().textContent()).toContain('依據：HB-SOP-01 第');

    // The retry reshuffles and passes.
    await page.locator('[data-retry]').click();
    const secondOrder = await page.locator('fieldset[data-question]').evaluateAll((els) => els.map((e) => e.getAttribute('data-question')));
    expect(secondOrder).not.toEqual(firstOrder);
    expect(await page.locator('[data-feedback]').count()).toBe(0);
    await answerAll(page, 'complaints', true);
    await page.locator('[data-submit]').click();
    await expect(result.getAttribute('data-result')).resolves.toBe('passed');
    expect(await result.locator('h3').textContent()).toContain('合格：100 分');
    expect(await page.locator('[data-review]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.reload();
    await loaded(page);
    await expect(page.locator('[data-status]').textContent()).resolves.toBe('已通過');
    await expect(page.locator('[data-attempts]').textContent()).resolves.toBe('2');
    await expect(page.locator('[data-best]').textContent()).resolves.toBe('100 分');
    expect(await page.locator('[data-last-attempt]').textContent()).toContain('100 分（合格）');

    // Sign the acknowledgement: a drawing and a .p12.
    const ack = page.locator('[data-acknowledgement]');
    await ack.locator('[data-ack-make]').click();
    expect(await ack.locator('[role="alert"]').textContent()).toBe('請填寫姓名。');
    await ack.locator('[data-ack-name]').fill('陳小明');
    await ack.locator('[data-ack-staff]').fill('E-0123');
    await ack.locator('[data-ack-make]').click();
    const panel = ack.locator('[data-pdf-panel]');
    await panel.waitFor();
    await panel.locator('[data-draw-role="trainee"]').click();
    const dialog = page.locator('dialog[open][data-signature-dialog]');
    await dialog.waitFor();
    await expect(dialog.locator('[data-signer-name]').inputValue()).resolves.toBe('陳小明');
    await drawOnCanvas(page);
    await dialog.getByRole('button', { name: '確定', exact: true }).click();
    await page.locator('dialog[open]').waitFor({ state: 'detached' }).catch(() => undefined);
    await panel.locator('[data-p12-input]').setInputFiles(pki.staffA);
    await panel.locator('[data-p12-password]').fill(pki.password);
    // The trainee typed 陳小明; the test certificate is 陳美玲's, so she confirms signing for him.
    const { path } = await downloadConfirmingSigner(page, work, panel, '[data-sign-export]');
    const sig = pdfsig(path);
    expect(sig).toContain('Signature is Valid.');
    const json = join(work, 'ack.json');
    run('pdfdetach', ['-save', '1', '-o', json, path]);
    const embedded = JSON.parse(readFileSync(json, 'utf8'));
    const complaints = (await readTrainingRevisions('content/sops')).find((r) => r.procedure === 'complaints')!;
    expect(embedded).toMatchObject({ form: 'training-acknowledgement', procedureNumber: 'HB-SOP-01', procedureRevision: complaints.revisions.at(-1)!.revision });
    expect(embedded.data).toMatchObject({ name: '陳小明', staffNumber: 'E-0123', score: 100, attempts: 2, contentHash: complaints.revisions.at(-1)!.contentHash });
    expect(await axeViolations(page)).toEqual([]);

    // The verify page reads the acknowledgement as the form it is: its own field titles, and its page
    // laid out again from the embedded JSON matches the printed page.
    await page.goto(`${site}/verify/`);
    await page.locator('[data-verify-ready="true"]').waitFor();
    await page.locator('[data-pdf-input]').setInputFiles(path);
    await page.locator('[data-report]').waitFor({ timeout: 60_000 });
    const recordTable = (await page.locator('[data-record-table]').textContent()) ?? '';
    for (const s of ['受訓人姓名', '陳小明', '員工編號', 'E-0123']) expect(recordTable).toContain(s);
    expect(recordTable).not.toMatch(/staffNumber|contentHash/);
    await expect(page.locator('[data-content-checks] [data-content]').getAttribute('data-content')).resolves.toBe('match');

    // The matrix: this file (signed by the test CA, which the company does not trust) and a tampered copy are both refused.
    const tampered = readFileSync(path);
    const latin = tampered.toString('latin1');
    tampered[latin.indexOf('stream', latin.indexOf('/Filter /FlateDecode')) + 40] ^= 0x01;
    const tamperedPath = join(work, 'tampered.pdf');
    writeFileSync(tamperedPath, tampered);
    await page.goto(`${site}/training/matrix/`);
    await page.locator('[data-matrix-ready]').waitFor();
    await page.locator('input[data-matrix-files]').setInputFiles([path, tamperedPath]);
    const rejected = page.locator('[data-rejected] li');
    await expect.poll(() => rejected.count(), { timeout: 60_000 }).toBe(2);
    const reasons = await rejected.allTextContents();
    expect(reasons.find((r) => r.startsWith('tampered.pdf'))).toContain('文件於簽署後被修改');
    expect(reasons.find((r) => !r.startsWith('tampered.pdf'))).toContain('憑證不受信任');
    expect(await page.locator('[data-matrix] tbody tr').count()).toBe(0);
    const csv = await download(page, work, () => page.locator('[data-matrix-csv]').click());
    expect(readFileSync(csv.path, 'utf8')).toContain('未計入的檔案,原因');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${site}/training/`);
    await loaded(page);
    const card = page.locator('[data-procedure="complaints"]');
    await expect(card.locator('[data-status]').textContent()).resolves.toBe('已通過');
    await expect(card.locator('[data-attempts]').textContent()).resolves.toBe('2');
    await expect(page.locator('[data-procedure="violations"] [data-status]').textContent()).resolves.toBe('未開始');
    expect(await page.locator('[data-summary]').textContent()).toContain('已通過 1 / 5');
    expect(s.foreignRequests).toEqual([]);
    expect(s.consoleErrors).toEqual([]);
    await s.close();
  });

  it('an unanswered question keeps the quiz open with a message in Chinese', async () => {
    const s = await openSession(browser);
    await s.page.goto(`${site}/training/archives/`);
    await loaded(s.page);
    await s.page.locator('[data-start]').click();
    await s.page.locator('[data-submit]').click();
    expect(await s.page.locator('[role="alert"]').textContent()).toMatch(/^尚有 \d+ 題未作答/);
    expect(await s.page.locator('[data-result]').count()).toBe(0);
    await s.close();
  });

  it('every procedure page offers 開始培訓 and the sidebar has 培訓', async () => {
    const s = await openSession(browser);
    for (const rev of effective) {
      await s.page.goto(`${site}${rev.path}`);
      expect(await s.page.locator('.training-start a').getAttribute('href')).toBe(`/training/${rev.procedure}/`);
      expect(await s.page.locator('.training-start a').textContent()).toBe('開始培訓');
    }
    expect(await s.page.locator('nav a[href="/training/"]').first().textContent()).toContain('培訓');
    await s.close();
  });

  const axePages = ['/training/', '/training/matrix/', ...PROCEDURE_IDS.map((p) => `/training/${p}/`)];
  it.each(axePages.flatMap((path) => (['light', 'dark'] as const).map((scheme) => [path, scheme] as const)))(
    '%s is axe-clean (%s)',
    async (path, colorScheme) => {
      const s = await openSession(browser, { colorScheme });
      await s.page.goto(`${site}${path}`);
      await loaded(s.page);
      // A procedure's page is checked with its quiz open.
      if (!['/training/', '/training/matrix/'].includes(path)) await s.page.locator('[data-start]').click();
      expect(await axeViolations(s.page), path).toEqual([]);
      await s.close();
    },
  );

  it('a practice case filled wrongly gets clause-citing feedback, filled rightly passes, and its drafts stay apart', async () => {
    const s = await openSession(browser);
    const { page } = s;
    await page.goto(`${site}/training/violations/fire-lane-repeat/`);
    await page.locator('[data-record-form="violation-record"][data-ready]').waitFor();
    expect(await page.locator('[data-scenario]').textContent()).toContain('兩次即時勸導');
    await page.getByRole('button', { name: '填入範例' }).click();
    const f = page.locator('form.rf-form');
    await f.getByLabel('處罰決定人', { exact: true }).selectOption({ label: '片區管家' });
    await page.getByRole('button', { name: '檢查並完成' }).click();
    const result = page.locator('[data-case-result]');
    await expect(result.getAttribute('data-case-result')).resolves.toBe('failed');
    const decider = result.locator('[data-expectation="penaltyDecider"]');
    await expect(decider.getAttribute('data-passed')).resolves.toBe('false');
    expect(await decider.textContent()).toContain('不符：依 4.4.7，處罰只可由物業公司經理或客戶服務中心經理決定');
    await expect(decider.locator('a').getAttribute('href')).resolves.toBe('/sops/violations/#clause-4-4-7');
    // The form's own rule says so too, first.
    expect(await page.locator('.rf-error-summary').textContent()).toContain('依 4.4.7');
    expect(await result.textContent()).toContain('表單規則未通過');

    await f.getByLabel('處罰決定人', { exact: true }).selectOption({ label: '客戶服務中心經理' });
    await page.getByRole('button', { name: '檢查並完成' }).click();
    await expect.poll(() => result.getAttribute('data-case-result')).toBe('passed');
    expect(await result.locator('[data-passed="false"]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Practice drafts are not offered on the real form.
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':draft:')));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.includes('violation-record~case-fire-lane-repeat'))).toBe(true);
    await page.goto(`${site}/forms/violation-record/`);
    await page.locator('[data-record-form="violation-record"][data-ready]').waitFor();
    expect(await page.getByText('已保存的草稿').count()).toBe(0);
    expect(s.consoleErrors).toEqual([]);
    await s.close();
  });

  it('a planned water cut announced 12 hours before fails 4.3.2 on the case and on the form', async () => {
    const s = await openSession(browser);
    const { page } = s;
    await page.goto(`${site}/training/communication/water-cut-12-hours/`);
    await page.locator('[data-record-form="outage-notice"][data-ready]').waitFor();
    await page.getByRole('button', { name: '填入範例' }).click();
    const f = page.locator('form.rf-form');
    await f.getByLabel('開始時間', { exact: true }).fill('2026-03-18T09:00');
    await f.getByLabel('結束時間', { exact: true }).fill('2026-03-18T13:00');
    await f.getByLabel('發布時間', { exact: true }).fill('2026-03-17T21:00');
    await page.getByRole('button', { name: '檢查並完成' }).click();
    const result = page.locator('[data-case-result]');
    await expect(result.getAttribute('data-case-result')).resolves.toBe('failed');
    expect(await result.locator('[data-expectation="publishedAt"]').textContent()).toContain('不符：依 4.3.2，應提前 24 小時通知全體住戶');
    expect(await page.locator('.rf-error-summary').textContent()).toContain('4.3.2');
    await f.getByLabel('發布時間', { exact: true }).fill('2026-03-17T08:00');
    await page.getByRole('button', { name: '檢查並完成' }).click();
    await expect.poll(() => result.getAttribute('data-case-result')).toBe('passed');
    await s.close();
  });

  it('at 390 px wide nothing scrolls sideways', async () => {
    const s = await openSession(browser);
    await s.page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/training/', '/training/matrix/', '/training/violations/', '/training/communication/']) {
      await s.page.goto(`${site}${path}`);
      await loaded(s.page);
      if (!['/training/', '/training/matrix/'].includes(path)) {
        await s.page.locator('[data-start]').click();
        await answerAll(s.page, path.split('/')[2] as ProcedureId, false);
        await s.page.locator('[data-submit]').click();
        await s.page.locator('[data-result]').waitFor();
      }
      const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await s.close();
  });
});
