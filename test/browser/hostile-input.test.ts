/**
 * Hostile record files on a form page (issue 15): too large, not UTF-8, a number JSON cannot carry;
 * and two tabs on one draft. Each ends with a zh-TW message naming the problem, and nothing typed is lost.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openBrowser, openSession, tempDir } from './harness.ts';
import { getExample } from '../../src/lib/forms/definition/index.ts';
import { buildRecordEnvelope, exportRecordText } from '../../src/lib/record/envelope.ts';
import { RECORD_FILE_MAX_BYTES } from '../../src/lib/record/file.ts';

const site = inject('siteUrl');
const dir = tempDir('hostile-');
let browser: Browser;

beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser.close();
});

function envelopeText(data: Record<string, unknown>): string {
  return exportRecordText(buildRecordEnvelope('qr-gr-036', data, { procedureRevision: 'A/1' }));
}

/** The example record with 投訴人 陳大文, written in Big5 (陳大文 = B3AF A46A A4E5). */
function big5File(): string {
  const [before, after] = envelopeText({ ...getExample('qr-gr-036'), complainant: '@@' }).split('@@');
  const path = join(dir, 'big5.json');
  writeFileSync(path, Buffer.concat([Buffer.from(before), Buffer.from([0xb3, 0xaf, 0xa4, 0x6a, 0xa4, 0xe5]), Buffer.from(after)]));
  return path;
}

async function importFile(page: Page, path: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '匯入記錄' }).click()]);
  await chooser.setFiles(path);
}

describe('importing hostile record files', () => {
  it('refuses a file over the limit (stated), a Big5 file, 1e999 and an oversized signature image, keeping what was typed', async () => {
    const s = await openSession(browser);
    const { page } = s;
    await page.goto(`${site}/forms/qr-gr-036/`);
    await page.locator('[data-record-form="qr-gr-036"][data-ready]').waitFor();
    const complainant = page.locator('form.rf-form').getByLabel('投訴人', { exact: true });
    await complainant.fill('原有資料');
    const notice = page.locator('[data-notice="error"]');

    const big = join(dir, 'big.json');
    writeFileSync(big, envelopeText({ ...getExample('qr-gr-036'), content: '漏'.repeat(Math.ceil(RECORD_FILE_MAX_BYTES / 3) + 10) }));
    await importFile(page, big);
    await expect.poll(() => notice.textContent()).toMatch(/^未能匯入「big\.json」：檔案有 2\.0 MB，超過記錄檔 2 MB 的上限。目前表單內容未有改動。/);
    await expect(complainant.inputValue()).resolves.toBe('原有資料');

    await importFile(page, big5File());
    await expect.poll(() => notice.textContent()).toContain('未能匯入「big5.json」：檔案不是 UTF-8 編碼的文字（可能是 Big5 等其他編碼，或檔案已損壞）');
    await expect(complainant.inputValue()).resolves.toBe('原有資料');

    const infinite = join(dir, 'infinite.json');
    writeFileSync(infinite, envelopeText(getExample('qr-gr-036')).replace('"complaintNo"', '"visits": 1e999, "complaintNo"'));
    await importFile(page, infinite);
    await expect.poll(() => notice.textContent()).toContain('未能匯入「infinite.json」：記錄中「data → visits」的數字超出可處理的範圍（例如 1e999）');
    await expect(complainant.inputValue()).resolves.toBe('原有資料');

    const example = getExample('qr-gr-036') as Record<string, any>;
    const png = await sharp({ create: { width: 12000, height: 1200, channels: 3, background: '#ffffff' } }).png().toBuffer();
    example.signatures.receptionist.image = `data:image/png;base64,${png.toString('base64')}`;
    const huge = join(dir, 'huge-signature.json');
    writeFileSync(huge, envelopeText(example));
    await importFile(page, huge);
    await expect.poll(() => notice.textContent()).toContain(
      '未能匯入「huge-signature.json」：記錄中「data → signatures → receptionist → image」的簽名圖檔為 12000 × 1200 像素，超過 2000 × 1000 像素的上限',
    );
    await expect(complainant.inputValue()).resolves.toBe('原有資料');
    expect(s.consoleErrors).toEqual([]);
    await s.close();
  });
});

describe('two tabs on one form', () => {
  it('both tabs’ typing is kept: the later save becomes a new draft, with a message', async () => {
    const context = await browser.newContext({ locale: 'zh-TW' });
    const open = async () => {
      const page = await context.newPage();
      await page.goto(`${site}/forms/qr-gr-036/`);
      await page.locator('[data-record-form="qr-gr-036"][data-ready]').waitFor();
      return page;
    };
    const who = (page: Page) => page.locator('form.rf-form').getByLabel('投訴人', { exact: true });
    const status = (page: Page) => page.locator('[data-save-status]');

    const a = await open();
    await a.locator('form.rf-form').getByLabel('投訴編號', { exact: true }).fill('KS-2026-0777');
    await who(a).fill('甲分頁的內容');
    await expect.poll(() => status(a).textContent()).toMatch(/^草稿已自動保存/);

    // Tab B continues the same draft and types.
    const b = await open();
    await b.locator('[data-drafts] li', { hasText: 'KS-2026-0777' }).getByRole('button', { name: '繼續填寫' }).click();
    await expect(who(b).inputValue()).resolves.toBe('甲分頁的內容');
    await who(b).fill('乙分頁的內容');
    await expect.poll(() => status(b).textContent()).toMatch(/^草稿已自動保存/);

    // Tab A types again: B's text must survive, and so must A's.
    await who(a).fill('甲分頁再修改');
    await expect.poll(() => status(a).textContent(), { timeout: 20_000 }).toMatch(/^此草稿已在另一個分頁修改；本分頁的內容已另存為新草稿 \d{2}:\d{2}:\d{2}，兩份都已保存。$/);
    const saved = await a.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('sop-handbook:draft:qr-gr-036:'))
        .map((k) => (JSON.parse(localStorage.getItem(k)!) as { data: { complainant?: string } }).data.complainant)
        .sort(),
    );
    expect(saved).toEqual(['乙分頁的內容', '甲分頁再修改'].sort());
    // Tab B's list shows A's new draft without a reload.
    await expect.poll(() => b.locator('[data-drafts] li').count()).toBeGreaterThanOrEqual(1);
    await context.close();
  });
});

describe('a date-time with an impossible year', () => {
  it('keeps what was typed and says the date-time is wrong, not 「應為文字」', async () => {
    const s = await openSession(browser);
    const { page } = s;
    await page.goto(`${site}/forms/internal-coordination/`);
    await page.locator('[data-record-form="internal-coordination"][data-ready]').waitFor();
    const issued = page.locator('form.rf-form').getByLabel('發出時間', { exact: true });
    // Chromium's headless date-time input orders its segments month, day, year (up to six digits), hour, minute, AM/PM.
    await issued.focus();
    await page.keyboard.type('0310');
    await page.keyboard.type('20266');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('0220P');
    await expect(issued.inputValue()).resolves.toBe('20266-03-10T14:20');
    await page.getByRole('button', { name: '檢查並完成' }).click();
    const error = page.locator('.rf-error-summary');
    await expect.poll(() => error.textContent()).toContain('「發出時間」：日期時間無效，請檢查年、月、日及時間（年份應為四位數字）');
    await expect(error.textContent()).resolves.not.toContain('應為文字');
    await expect(issued.inputValue()).resolves.toMatch(/^20266-03-10T/);
    await s.close();
  });
});

describe('optional groups', () => {
  it('say their stars apply once filled in (驗證人簽署, 上報上級); required groups do not', async () => {
    const s = await openSession(browser);
    const { page } = s;
    const notedGroups = () =>
      page.locator('fieldset.rf-group').evaluateAll((sets) =>
        sets.filter((f) => f.querySelector(':scope > .rf-optional-note')).map((f) => f.querySelector(':scope > legend, :scope > :first-child')!.textContent!.trim()),
      );
    const note = '此組視情況填寫；填寫時，標有＊的欄位必須填寫。';
    await page.goto(`${site}/forms/internal-coordination/`);
    await page.locator('[data-record-form][data-ready]').waitFor();
    expect(await notedGroups()).toContain('驗證人簽署');
    expect(await notedGroups()).not.toContain('發出人簽署');
    await expect(page.locator('.rf-optional-note').first().textContent()).resolves.toBe(note);
    await page.goto(`${site}/forms/violation-record/`);
    await page.locator('[data-record-form][data-ready]').waitFor();
    expect(await notedGroups()).toContain('上報上級');
    await s.close();
  });
});
