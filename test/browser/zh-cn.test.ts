/**
 * The 简体中文 view in Chromium: a twin of every page, Starlight's Simplified interface and the
 * language switcher, Simplified search over Simplified pages, and a form whose labels, options and
 * errors read in Simplified while the record keeps the official Traditional values and what was typed.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, openBrowser, openSession, tempDir, type Session } from './harness.ts';
import { RECORD_NOTICE, READING_NOTICE } from '../../src/lib/i18n/zh-cn-notices.ts';
import { readRegister } from '../../src/lib/documents/register-files.ts';
import { exportRecordPdf } from '../../src/lib/pdf/index.ts';
import { nodeFonts } from '../../src/lib/pdf/node.ts';
import { envelopeOf, testForms } from '../pdf/helpers/records.ts';
import { writeFileSync } from 'node:fs';

const site = inject('siteUrl');
const cspSite = inject('cspSiteUrl');

let browser: Browser;
beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function session(): Promise<Session> {
  const s = await openSession(browser);
  s.page.setDefaultTimeout(20_000);
  return s;
}

function builtPages(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === 'index.html')
    .map((e) => join(e.parentPath, e.name).slice(dir.length));
}

describe('every page has a 简体 twin', () => {
  it('for each Traditional page (procedures, history, diffs, forms, register, sign, verify) there is one under /zh-cn/', () => {
    const all = builtPages('dist');
    const traditional = all.filter((p) => !p.startsWith('/zh-cn/'));
    for (const p of traditional) expect(all, p).toContain(`/zh-cn${p}`);
    for (const kind of ['/sops/violations/history/', '/forms/violation-record/', '/register/', '/sign/', '/verify/']) {
      expect(traditional.some((p) => p.startsWith(kind))).toBe(true);
    }
    // The Traditional pages stay Traditional.
    const violations = readFileSync('dist/sops/violations/index.html', 'utf8');
    expect(violations).toContain('<html lang="zh-TW"');
    expect(violations).toContain('違章停車');
    expect(violations).not.toContain(READING_NOTICE);
  });
});

describe('a procedure in 简体', () => {
  it('reads in Simplified with Starlight’s Simplified interface, links within the 简体 view, and switches back', async () => {
    const violations = readRegister('content/sops').find((r) => r.procedure === 'violations' && r.status === 'effective')!;
    const { page, consoleErrors, foreignRequests, close } = await session();
    await page.goto(`${site}/zh-cn${violations.path}`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await expect(page.locator('h1').first().textContent()).resolves.toBe('物业公司业户违章处理标准作业规程');
    await expect(page.locator('[data-zh-cn-notice]').first().textContent()).resolves.toBe(READING_NOTICE);
    const main = await page.locator('main').innerText();
    for (const phrase of ['违章停车', '律师函', '业户', '装修', '资料保存', '报警装置']) expect(main).toContain(phrase);
    // The control block too, and the flowchart's labels.
    await expect(page.locator('section.doc-control').innerText()).resolves.toContain('文件编号');
    await expect(page.locator('.procedure-flow').innerText()).resolves.toContain('流程图');
    // Starlight's own zh-CN strings.
    await expect(page.getByRole('button', { name: '搜索' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: '跳转到内容' }).count()).resolves.toBe(1);
    // Links stay in the 简体 view.
    const formLink = page.locator('section.doc-control a[href*="/forms/"]').first();
    await expect(formLink.getAttribute('href')).resolves.toMatch(/^\/zh-cn\/forms\//);
    // The switcher shows 简体中文 and leads back to the same page in Traditional.
    const select = page.locator('starlight-lang-select select').first();
    await expect(select.inputValue()).resolves.toBe(`/zh-cn${violations.path}`);
    await Promise.all([page.waitForURL(`${site}${violations.path}`), select.selectOption(violations.path)]);
    await expect(page.locator('h1').first().textContent()).resolves.toBe('物業公司業戶違章處理標準作業規程');
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await close();
  });

  it('is axe-clean', async () => {
    const { page, close } = await session();
    await page.goto(`${site}/zh-cn/sops/complaints/`);
    const violations = await axeViolations(page);
    expect(violations, violations.join('\n')).toEqual([]);
    await close();
  });
});

describe('简体 search', () => {
  it.each(['违章停车', '律师函'])('「%s」 finds the violations procedure, in Simplified', async (query) => {
    const { page, close } = await session();
    await page.goto(`${site}/zh-cn/`);
    await page.getByRole('button', { name: '搜索' }).click();
    await page.locator('.pagefind-ui__search-input').fill(query);
    const links = page.locator('.pagefind-ui__result-title .pagefind-ui__result-link');
    const found = async () => [...new Set(await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname)))];
    await expect.poll(async () => (await found()).slice(0, 3), { timeout: 15_000 }).toContain('/zh-cn/sops/violations/');
    // Only 简体 pages are in the 简体 index.
    expect((await found()).every((p) => p.startsWith('/zh-cn/'))).toBe(true);
    await close();
  });

  it('a Traditional query on the Traditional site still finds Traditional pages only', async () => {
    const { page, close } = await session();
    await page.goto(`${site}/`);
    await page.getByRole('button', { name: '搜尋' }).click();
    await page.locator('.pagefind-ui__search-input').fill('律師函');
    const links = page.locator('.pagefind-ui__result-title .pagefind-ui__result-link');
    const found = () => links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    await expect.poll(found, { timeout: 15_000 }).toContain('/sops/violations/');
    expect((await found()).some((p) => p.startsWith('/zh-cn/'))).toBe(false);
    await close();
  });
});

describe('a form in 简体', () => {
  async function openForm(page: Page, base = site) {
    await page.goto(`${base}/zh-cn/forms/violation-record/`);
    await page.locator('[data-record-form="violation-record"][data-ready]').waitFor();
  }

  it('shows labels, options and errors in Simplified, says the record stays Traditional, keeps what was typed', async () => {
    const { page, consoleErrors, foreignRequests, close } = await session();
    await openForm(page);
    await expect(page.locator('[data-zh-cn-notice]').allTextContents()).resolves.toContain(RECORD_NOTICE);
    // Labels and option labels converted once React has hydrated the island.
    const name = page.getByLabel('业户姓名', { exact: true });
    await expect.poll(() => name.count()).toBe(1);
    const category = page.getByLabel('违章类别', { exact: true });
    await expect.poll(() => category.locator('option').allTextContents()).toContain('4.2.4 a) 违章停车');
    // Errors.
    await page.getByRole('button', { name: '检查并完成' }).click();
    const errors = page.locator('.rf-error-summary');
    await expect.poll(() => errors.textContent()).toContain('「房号」：必须填写');
    expect(await errors.textContent()).not.toMatch(/[須號選項錄]/);

    // The user's own words stay as typed; a choice keeps its official value, not the label shown.
    await page.getByRole('button', { name: '填入范例' }).click();
    await name.fill('陳國華');
    await page.getByLabel('房号', { exact: true }).fill('三座12樓B室');
    await category.selectOption({ label: '4.2.4 a) 违章停车' });
    await expect(name.inputValue()).resolves.toBe('陳國華');
    const dir = tempDir('zh-cn-form-');
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('group', { name: '记录操作' }).getByRole('button', { name: '导出记录（JSON）' }).click(),
    ]);
    const path = join(dir, dl.suggestedFilename());
    await dl.saveAs(path);
    const record = readFileSync(path, 'utf8');
    expect(record).toContain('"陳國華"');
    expect(record).toContain('"三座12樓B室"');
    expect(record).toContain('"category": "4.2.4a"');
    expect(record).not.toContain('违章停车');
    expect(consoleErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await close();
  });

  it('works under the strict Content-Security-Policy header', async () => {
    const { page, consoleErrors, close } = await session();
    await openForm(page, cspSite);
    await expect.poll(() => page.getByLabel('业户姓名', { exact: true }).count()).toBe(1);
    expect(consoleErrors).toEqual([]);
    await close();
  });
});

describe('the PDF tools in 简体', () => {
  it.each(['sign', 'verify'])('/zh-cn/%s/ reads in Simplified, its island included', async (tool) => {
    const { page, consoleErrors, close } = await session();
    await page.goto(`${site}/zh-cn/${tool}/`);
    await page.locator(`[data-${tool}-ready="true"]`).waitFor();
    await expect(page.locator('h1').first().textContent()).resolves.toBe(tool === 'sign' ? '签署记录 PDF' : '验证记录 PDF');
    await expect.poll(() => page.locator('[data-file-button]', { hasText: '选择 PDF 档…' }).count()).toBe(1);
    const buttons = await page.locator('[data-file-button]').allTextContents();
    for (const text of buttons) expect(text).toMatch(/^选择/);
    expect(consoleErrors).toEqual([]);
    await close();
  });
});

describe('column names a phone shows beside each value', () => {
  it('are Simplified on the 简体 register (its data-label attributes)', () => {
    const labels = (path: string) => [...readFileSync(path, 'utf8').matchAll(/data-label="([^"]*)"/g)].map((m) => m[1]);
    const traditional = labels('dist/register/index.html');
    const simplified = labels('dist/zh-cn/register/index.html');
    expect(traditional).toContain('所屬規程');
    expect(simplified).toHaveLength(traditional.length);
    expect(simplified).toContain('所属规程');
    expect(simplified).not.toContain('所屬規程');
  });
});

describe('a record verified on /zh-cn/verify/', () => {
  it('shows the labels in Simplified and what the record holds as held, in Traditional', async () => {
    const intake = testForms().find((f) => f.id === 'complaint-intake')!;
    const path = join(tempDir('zh-cn-verify-'), 'record.pdf');
    writeFileSync(path, await exportRecordPdf({ form: intake.form, record: envelopeOf(intake), fonts: nodeFonts() }));
    const owner = (intake.example as Record<string, unknown>).ownerName as string;
    expect(owner).toMatch(/[陳劉黃張]/); // a name whose Simplified form differs
    const { page, close } = await session();
    await page.goto(`${site}/zh-cn/verify/`);
    await page.locator('[data-verify-ready="true"]').waitFor();
    await page.locator('[data-pdf-input]').setInputFiles(path);
    await page.locator('[data-report]').waitFor({ timeout: 60_000 });
    const table = page.locator('[data-record-table]');
    await expect.poll(async () => (await table.locator('thead').textContent()) ?? '').toContain('内容');
    const text = (await table.textContent()) ?? '';
    expect(text).toContain(owner);
    expect(text).toContain('业户姓名');
    await close();
  });
});
