/**
 * The record forms as a user meets them in Chromium: typing into labelled fields, submitting with
 * mistakes, reading the zh-TW messages (field title + clause), fixing them; drafts across reloads;
 * import and export; monthly statistics from exported records; the strict CSP; axe in light and dark.
 * Every test also checks that the page made no request to another host.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { axeViolations, openBrowser, openSession, tempDir, type Session } from './harness.ts';
import { FORM_IDS, type FormId } from '../../src/lib/procedures.ts';
import { getExample, getFormMeta } from '../../src/lib/forms/definition/index.ts';
import { buildRecordEnvelope, exportRecordText } from '../../src/lib/record/envelope.ts';
import { RECORD_FORMAT, type RecordEnvelope } from '../../src/lib/record/envelope.ts';

const site = inject('siteUrl');
const cspSite = inject('cspSiteUrl');
const dir = tempDir('forms-browser-');

/** 版本/改次 of the effective revision, read from the procedure source the site was built from. */
function effectiveRevision(procedure: string): string {
  const src = readFileSync(`content/sops/${procedure}/index.mdx`, 'utf8');
  return /^revision:\s*(\S+)/m.exec(src)![1];
}

let browser: Browser;
const sessions: Session[] = [];
beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** Requests that could carry what the user typed (anything but a plain GET), per session. */
const sent = new WeakMap<Session, string[]>();

async function session(options: Parameters<typeof openSession>[1] = {}): Promise<Session> {
  const s = await openSession(browser, options);
  // Keep file-chooser interception on for the whole page: turning it on only as the import
  // button is clicked can race the click, and the chooser then opens natively and is lost.
  s.page.on('filechooser', () => undefined);
  const list: string[] = [];
  s.page.on('request', (r) => {
    if (r.method() !== 'GET' || r.postData()) list.push(`${r.method()} ${r.url()}`);
  });
  sent.set(s, list);
  sessions.push(s);
  return s;
}

async function openForm(s: Session, formId: FormId, base = site): Promise<Page> {
  s.page.setDefaultTimeout(15_000);
  await s.page.goto(`${base}/forms/${formId}/`);
  await s.page.locator(`[data-record-form="${formId}"][data-ready]`).waitFor();
  return s.page;
}

const form = (page: Page) => page.locator('form.rf-form');
const field = (scope: Page | Locator, label: string) => scope.getByLabel(label, { exact: true });
const choose = (scope: Page | Locator, group: string, option: string) =>
  scope.getByRole('radiogroup', { name: group, exact: true }).getByRole('radio', { name: option, exact: true }).check();
const tick = (scope: Page | Locator, group: string, option: string) =>
  scope.getByRole('group', { name: group, exact: true }).getByRole('checkbox', { name: option }).check();
const group = (scope: Page | Locator, legend: string) => scope.getByRole('group', { name: legend, exact: true });
const summary = (page: Page) => page.locator('.rf-error-summary');
const submit = (page: Page) => page.getByRole('button', { name: '檢查並完成' }).click();
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

async function signature(scope: Page | Locator, legend: string, name: string, date: string) {
  const g = group(scope, legend);
  await field(g, '簽署人姓名').fill(name);
  await field(g, '簽署日期').fill(date);
}

/** No request to another host, and nothing but plain GETs to this one. */
function noLeaks(s: Session) {
  expect(s.foreignRequests).toEqual([]);
  expect(sent.get(s)).toEqual([]);
}

async function expectDone(page: Page, s: Session) {
  await expect(page.locator('[data-complete]').textContent()).resolves.toContain('記錄已通過檢查');
  expect(await summary(page).count()).toBe(0);
  noLeaks(s);
}

async function download(page: Page, trigger: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const path = join(dir, `${Date.now()}-${dl.suggestedFilename()}`);
  await dl.saveAs(path);
  return { name: dl.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

async function importFile(page: Page, path: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '匯入記錄' }).click()]);
  await chooser.setFiles(path);
}

function writeFixture(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const envelopeFile = (formId: FormId, data: Record<string, unknown>, name: string) =>
  writeFixture(name, exportRecordText(buildRecordEnvelope(formId, data, { procedureRevision: effectiveRevision(getFormMeta(formId).procedure) })));

afterAll(async () => {
  for (const s of sessions) await s.close().catch(() => {});
});

describe('filling forms as a user', () => {
  it('QR/GR-036: a 一般有效投訴 completed after more than two days is refused citing 4.2.3 d), then accepted', async () => {
    const s = await session();
    const page = await openForm(s, 'qr-gr-036');
    // The page header: number, procedure, clause link, the revision in force.
    const meta = page.locator('[data-form-meta]');
    await expect(meta.locator('[data-form-number]').textContent()).resolves.toBe('QR/GR-036');
    await expect(meta.locator('[data-procedure-revision]').textContent()).resolves.toBe(effectiveRevision('communication'));
    await expect(meta.locator('[data-clause-link]').getAttribute('href')).resolves.toBe('/sops/communication/#clause-4-2-3');
    await expect(page.locator('h1').first().textContent()).resolves.toContain('《顧客投訴處理記錄表》');

    const f = form(page);
    // Nothing is answered for the user before they start.
    expect(await f.getByRole('radio', { checked: true }).count()).toBe(0);
    await field(f, '投訴編號').fill('KS-2026-0101');
    await field(f, '投訴時間').fill('2026-03-02T09:00');
    await field(f, '投訴人').fill('陳大文');
    await field(f, '聯絡方式').fill('5550 0123');
    await field(f, '地址／房號').fill('範例花園 3 座 12 樓 B 室');
    await field(f, '投訴內容').fill('大堂升降機按鈕失靈。');
    await choose(f, '已向顧客道歉', '是');
    await field(f, '接待人').fill('李小明');
    await choose(f, '是否屬本部門責任', '是');
    await field(f, '責任部門').fill('工程部');
    await choose(f, '有效／無效', '有效投訴');
    await choose(f, '有效投訴程度', '一般性有效投訴');
    await field(f, '完成時間').fill('2026-03-04T10:00'); // 49 hours later
    await field(f, '處理結果').fill('已更換按鈕。');
    const followUp = group(f, '回訪安排（按 TP/QP-20）');
    await field(followUp, '回訪人').fill('黃志強');
    await field(followUp, '回訪日期').fill('2026-03-06');
    await choose(f, '記錄狀態', '已結案');
    await signature(f, '接待人簽署', '李小明', '2026-03-02');
    await signature(f, '責任人簽署', '王大明', '2026-03-04');
    await signature(f, '部門負責人簽字確認', '何志明', '2026-03-04');

    await submit(page);
    const list = summary(page);
    await expect(list.getAttribute('role')).resolves.toBe('alert');
    const items = await list.locator('li').allTextContents();
    expect(items).toEqual(['「完成時間」：依 4.2.3 d)，一般性有效投訴應不超過兩天解決：完成時間不得遲於投訴時間後 48 小時']);
    // Inline under the field too, tied to the input, and focus is on the field.
    const inline = page.locator('#rf-qr-gr-036_completedAt__error');
    await expect(inline.textContent()).resolves.toContain('依 4.2.3 d)');
    await expect(field(f, '完成時間').getAttribute('aria-describedby')).resolves.toContain('rf-qr-gr-036_completedAt__error');
    await expect(field(f, '完成時間').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect.poll(() => focusedId(page)).toBe('rf-qr-gr-036_completedAt');
    // The summary link leads to the field.
    await f.locator('input').first().focus();
    await list.getByRole('link').first().click();
    await expect.poll(() => focusedId(page)).toBe('rf-qr-gr-036_completedAt');

    // Live validation after the first submit: fixing the time clears the error at once.
    await field(f, '完成時間').fill('2026-03-04T08:00');
    await expect.poll(() => summary(page).count()).toBe(0);
    await expect.poll(() => inline.count()).toBe(0);
    await submit(page);
    await expectDone(page, s);
    // (The site has no favicon yet: its 404 is the only resource error.)
    expect(s.consoleErrors.filter((e) => !/^Failed to load resource: .*404/.test(e))).toEqual([]);
  });

  it('業戶違章事件記錄表: the level follows 4.2.7 and a penalty decided by a 物業主任 is refused citing 4.4.7', async () => {
    const s = await session();
    const page = await openForm(s, 'violation-record');
    const f = form(page);
    await field(f, '編號').fill('WZ-2026-0201');
    await field(f, '發現／接報時間').fill('2026-03-10T14:20');
    await field(f, '登記人（片區管家）').fill('張家輝');
    await field(f, '業戶姓名').fill('王小玲');
    await field(f, '房號').fill('5 座 8 樓 C 室');
    await field(f, '地點').fill('5 座 8 樓後樓梯走廊');
    await field(f, '違章類別').selectOption({ label: '4.2.2 a) 堵塞消防通道' });
    await field(f, '違章情況').fill('後樓梯走廊堆放紙箱及單車，阻塞走火通道。');
    await choose(f, '是否造成業戶利益受損', '否');
    // Level and retention are not answered until both questions are.
    expect(await f.getByRole('radiogroup', { name: '違章等級', exact: true }).getByRole('radio', { checked: true }).count()).toBe(0);
    await choose(f, '是否對公共安全構成威脅', '是');
    // 4.2.7 → 重大; 4.5 → 五年.
    await expect
      .poll(() => f.getByRole('radiogroup', { name: '違章等級', exact: true }).getByRole('radio', { name: '重大違章' }).isChecked())
      .toBe(true);
    await expect(field(f, '保存期限').locator('option:checked').textContent()).resolves.toContain('五年');

    const escalation = group(f, '上報上級');
    await field(escalation, '上報對象').fill('物業公司經理 何志明');
    await field(escalation, '上報時間').fill('2026-03-10T15:00');
    await tick(f, '處理措施', '4.3.3 賠償經濟損失');
    await field(f, '上級處理意見').fill('業戶須賠償清理費用。');
    await field(f, '處罰決定人').selectOption({ label: '物業主任' });
    await field(f, '處罰決定人姓名').fill('林主任');
    await choose(f, '是否涉及向業戶收取費用', '是');
    await field(f, '金額（元）').fill('800');
    await choose(f, '記錄狀態', '處理中');
    await signature(f, '登記人簽署', '張家輝', '2026-03-10');
    await signature(f, '物業公司上級簽署', '何志明', '2026-03-10');

    // The rule does not hide the other choices nor drop the answer: it is explained on checking.
    await expect(field(f, '處罰決定人').locator('option:checked').textContent()).resolves.toBe('物業主任');
    await submit(page);
    const items = await summary(page).locator('li').allTextContents();
    expect(items).toEqual(['「處罰決定人」：依 4.4.7，處罰只可由物業公司經理或客戶服務中心經理決定（其他員工只能勸導、教育，嚴禁越權處罰）']);
    await expect(page.locator('#rf-violation-record_penaltyDecider__error').textContent()).resolves.toContain('依 4.4.7');
    await expect.poll(() => focusedId(page)).toBe('rf-violation-record_penaltyDecider');

    await field(f, '處罰決定人').selectOption({ label: '物業公司經理' });
    await field(f, '處罰決定人姓名').fill('何志明');
    await submit(page);
    await expectDone(page, s);
  });

  it('業戶檔案查閱登記: marked 絕密, access without a 部門經理 approval is refused citing 4.8, then accepted', async () => {
    const s = await session();
    const page = await openForm(s, 'archive-access');
    await expect(page.locator('[data-top-secret]').textContent()).resolves.toContain('絕密');
    await expect(page.locator('[data-confidentiality]').textContent()).resolves.toBe('絕密');
    const f = form(page);
    await expect(field(f, '密級').inputValue()).resolves.toBe('絕密');
    await field(f, '登記編號').fill('CY-2026-0101');
    await field(f, '查閱人').fill('吳國華');
    await field(f, '部門').fill('工程部');
    await field(f, '查閱檔案（房號）').fill('範例花園 3 座 12 樓 B 室');
    await field(f, '事由').fill('單位滲水維修，須核對裝修圖則。');
    await field(f, '查閱時間').fill('2026-03-04T14:00');
    await field(f, '登記人').fill('鄭小芳');
    await choose(f, '登記人職位', '檔案員');
    await choose(f, '記錄狀態', '查閱中');
    await signature(f, '查閱人簽署', '吳國華', '2026-03-04');
    await signature(f, '登記人簽署', '鄭小芳', '2026-03-04');

    await submit(page);
    const items = await summary(page).locator('li').allTextContents();
    expect(items.length).toBeGreaterThanOrEqual(2);
    for (const title of ['批准人（部門經理）', '批准時間']) {
      expect(items.find((t) => t.startsWith(`「${title}」`)), title).toMatch(/依 4\.8，.*須報部門經理批准/);
    }
    expect(items.some((t) => t.includes('部門經理（批准）簽署'))).toBe(true);

    await field(f, '批准人（部門經理）').fill('何美玲');
    await field(f, '批准時間').fill('2026-03-04T15:00'); // after the access: still refused
    await signature(f, '部門經理（批准）簽署', '何美玲', '2026-03-04');
    await expect.poll(async () => (await summary(page).locator('li').allTextContents()).join('\n')).toMatch(/查閱時間不得早於批准時間/);
    await field(f, '批准時間').fill('2026-03-04T11:00');
    await submit(page);
    await expectDone(page, s);
  });

  it('「填入範例」 gives a valid record on every form, and asks before overwriting', async () => {
    const s = await session();
    for (const formId of FORM_IDS) {
      const page = await openForm(s, formId);
      await page.getByRole('button', { name: '填入範例' }).click();
      await submit(page);
      await expect(page.locator('[data-complete]').textContent(), formId).resolves.toContain('記錄已通過檢查');
      expect(await summary(page).count(), formId).toBe(0);
      expect(await page.locator('[data-notice]').count(), formId).toBe(1);
    }
    // With something typed, the example is only loaded after confirmation.
    const page = await openForm(s, 'qr-gr-036');
    await field(form(page), '投訴人').fill('我的資料');
    page.once('dialog', (d) => void d.dismiss());
    await page.getByRole('button', { name: '填入範例' }).click();
    await expect(field(form(page), '投訴人').inputValue()).resolves.toBe('我的資料');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: '填入範例' }).click();
    await expect.poll(() => field(form(page), '投訴人').inputValue()).toBe(String(getExample('qr-gr-036').complainant));
    noLeaks(s);
  });
});

describe('drafts', () => {
  it('autosave, reload, the draft is offered (not loaded) and resumed; discarding asks first', async () => {
    const s = await session();
    let page = await openForm(s, 'qr-gr-036');
    await field(form(page), '投訴編號').fill('KS-2026-0301');
    await field(form(page), '投訴人').fill('草稿測試人');
    await expect.poll(() => page.locator('[data-save-status]').textContent()).toMatch(/^草稿已自動保存 \d{2}:\d{2}:\d{2}$/);
    await expect(page.locator('[data-save-status]').getAttribute('aria-live')).resolves.toBe('polite');

    await page.reload();
    page = s.page;
    await page.locator('[data-record-form][data-ready]').waitFor();
    const drafts = page.locator('[data-drafts]');
    await expect(drafts.getByRole('heading').textContent()).resolves.toBe('已保存的草稿');
    expect(await drafts.getAttribute('class')).toContain('rf-drafts--prominent');
    const item = drafts.locator('li', { hasText: 'KS-2026-0301' });
    await expect(item.locator('time').textContent()).resolves.toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    // Not loaded silently: the form is a new, empty record.
    await expect(field(form(page), '投訴人').inputValue()).resolves.toBe('');
    await item.getByRole('button', { name: '繼續填寫' }).click();
    await expect(field(form(page), '投訴人').inputValue()).resolves.toBe('草稿測試人');
    await expect(field(form(page), '投訴編號').inputValue()).resolves.toBe('KS-2026-0301');
    // Continuing the same draft updates it rather than making another.
    await field(form(page), '聯絡方式').fill('5550 9999');
    await expect.poll(() => page.locator('[data-save-status]').textContent()).toMatch(/草稿已自動保存/);

    await page.reload();
    await page.locator('[data-record-form][data-ready]').waitFor();
    const again = page.locator('[data-drafts] li');
    await expect(again.count()).resolves.toBe(1);
    page.once('dialog', (d) => void d.dismiss());
    await again.getByRole('button', { name: '刪除草稿' }).click();
    await expect(page.locator('[data-drafts] li').count()).resolves.toBe(1);
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.message();
      void d.accept();
    });
    await again.getByRole('button', { name: '刪除草稿' }).click();
    await expect.poll(() => page.locator('[data-drafts]').count()).toBe(0);
    expect(asked).toContain('KS-2026-0301');
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('qr-gr-036')));
    expect(stored).toEqual([]);
    await page.reload();
    await page.locator('[data-record-form][data-ready]').waitFor();
    expect(await page.locator('[data-drafts]').count()).toBe(0);
    noLeaks(s);
  });
});

describe('import and export', () => {
  it('rejects a file that is not JSON, another form’s record and one failing the rules, leaving the data untouched', async () => {
    const s = await session();
    const page = await openForm(s, 'qr-gr-036');
    const f = form(page);
    await field(f, '投訴編號').fill('KS-2026-0401');
    await field(f, '投訴人').fill('原有資料');
    const unchanged = async () => {
      await expect(field(f, '投訴編號').inputValue()).resolves.toBe('KS-2026-0401');
      await expect(field(f, '投訴人').inputValue()).resolves.toBe('原有資料');
    };
    const notice = page.locator('[data-notice="error"]');

    await importFile(page, 'test/fixtures/forms/not-json.json');
    await expect.poll(() => notice.textContent()).toContain('檔案不是有效的 JSON');
    await expect(notice.getAttribute('role')).resolves.toBe('alert');
    await unchanged();

    await importFile(page, envelopeFile('violation-record', getExample('violation-record'), 'violation.json'));
    await expect.poll(() => notice.textContent()).toContain('此檔案是「業戶違章事件記錄表」的記錄，不是「顧客投訴處理記錄表」');
    await unchanged();

    const bad = getExample('qr-gr-036');
    bad.completedAt = new Date(Date.parse(String(bad.complaintAt)) + 5 * 86_400_000).toISOString(); // five days later
    await importFile(page, envelopeFile('qr-gr-036', bad, 'bad.json'));
    await expect.poll(() => notice.textContent()).toContain('記錄不符合「顧客投訴處理記錄表」的規則（1 項）');
    await expect(notice.locator('li').allTextContents()).resolves.toEqual([
      '「完成時間」：依 4.2.3 d)，一般性有效投訴應不超過兩天解決：完成時間不得遲於投訴時間後 48 小時',
    ]);
    await unchanged();
    noLeaks(s);
  });

  it('export JSON and import it back: the same record', async () => {
    const s = await session();
    const page = await openForm(s, 'violation-record');
    await page.getByRole('button', { name: '填入範例' }).click();
    await submit(page);
    await expect(page.locator('[data-complete]').count()).resolves.toBe(1);
    const first = await download(page, () => page.locator('[data-complete]').getByRole('button', { name: '匯出記錄（JSON）' }).click());
    const env = JSON.parse(first.text) as RecordEnvelope;
    expect(first.name).toBe('HB-R-02-01_WZ-2026-0015.json');
    expect(env.format).toBe(RECORD_FORMAT);
    expect(env.form).toBe('violation-record');
    expect(env.procedureNumber).toBe('HB-SOP-02');
    expect(env.procedureRevision).toBe(effectiveRevision('violations'));
    expect(env.data).toEqual(getExample('violation-record'));

    await page.getByRole('button', { name: '新記錄' }).click();
    await expect(field(form(page), '編號').inputValue()).resolves.toBe('');
    await importFile(page, writeFixture('roundtrip.json', first.text));
    await expect.poll(() => page.locator('[data-notice="success"]').textContent()).toContain('已匯入');
    await expect(field(form(page), '編號').inputValue()).resolves.toBe('WZ-2026-0015');
    const second = await download(page, () => page.getByRole('group', { name: '記錄操作' }).getByRole('button', { name: '匯出記錄（JSON）' }).click());
    expect((JSON.parse(second.text) as RecordEnvelope).data).toEqual(env.data);
    noLeaks(s);
  });

  it('monthly complaint statistics from two exported records, with the rest reported as ignored', async () => {
    const s = await session();
    // Two records exported from the 業戶意見受理表 page itself.
    let page = await openForm(s, 'complaint-intake');
    await page.getByRole('button', { name: '填入範例' }).click();
    const exportButton = () => page.getByRole('group', { name: '記錄操作' }).getByRole('button', { name: '匯出記錄（JSON）' }).click();
    const a = await download(page, exportButton);
    await field(form(page), '受理編號').fill('TS-2026-0043');
    await choose(form(page), '投訴方式', '來訪');
    const b = await download(page, exportButton);
    const files = [writeFixture(a.name, a.text), writeFixture(b.name, b.text)];
    const april = { ...getExample('complaint-intake'), intakeNo: 'TS-2026-0099', receivedAt: '2026-04-02T10:00:00+08:00' };
    files.push(envelopeFile('complaint-intake', april, 'april.json'));
    files.push(envelopeFile('follow-up-visit', getExample('follow-up-visit'), 'visit.json'));

    page = await openForm(s, 'complaint-monthly-stats');
    const f = form(page);
    await field(f, '分析').fill('維修類投訴集中於滲水。');
    const toggle = page.getByRole('button', { name: '由記錄計算' });
    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.getByLabel('統計月份').fill('2026-03');
    await page.getByLabel('記錄檔（JSON，可多選）').setInputFiles(files);
    await page.getByRole('button', { name: '計算統計' }).click();
    const report = page.locator('[data-monthly-report]');
    await expect(report.textContent()).resolves.toContain('共計入 2 份記錄（TS-2026-0042、TS-2026-0043）');
    const ignored = await report.locator('li').allTextContents();
    expect(ignored.some((t) => t.includes('april.json') && t.includes('2026-04'))).toBe(true);
    expect(ignored.some((t) => t.includes('visit.json') && t.includes('不是「業戶意見受理表」的記錄'))).toBe(true);

    await expect(field(f, '月份').inputValue()).resolves.toBe('2026-03');
    await expect(field(f, '投訴總數').inputValue()).resolves.toBe('2');
    await expect(field(group(f, '按投訴方式'), '來電').inputValue()).resolves.toBe('1');
    await expect(field(group(f, '按投訴方式'), '來訪').inputValue()).resolves.toBe('1');
    await expect(field(group(f, '按投訴類別'), '維修工程').inputValue()).resolves.toBe('2');
    await expect(field(group(f, '按重大／一般'), '一般投訴').inputValue()).resolves.toBe('2');
    // The analysis typed before the calculation is kept and stays editable.
    await expect(field(f, '分析').inputValue()).resolves.toBe('維修類投訴集中於滲水。');
    await submit(page);
    await expectDone(page, s);
  });
});

describe('repeating rows by keyboard', () => {
  it('adds, moves and removes catalogue rows with the keyboard, focus following the row', async () => {
    const s = await session();
    const page = await openForm(s, 'archive-catalogue');
    const rows = page.locator('.rf-array-item');
    const start = await rows.count();
    const add = page.getByRole('button', { name: /^新增一列/ });
    await add.focus();
    await page.keyboard.press('Enter');
    await expect(rows.count()).resolves.toBe(start + 1);
    const last = start; // 0-based index of the new row
    await expect.poll(() => focusedId(page)).toBe(`rf-archive-catalogue_rows_${last}_floor`);
    await page.keyboard.type('3');
    await page.keyboard.press('Tab');
    await page.keyboard.type('B');
    await expect(page.locator(`#rf-archive-catalogue_rows_${last}_room`).inputValue()).resolves.toBe('B');

    // Move the new row up with the keyboard: the row moves and focus stays on it.
    const newRow = group(page, `第 ${last + 1} 列`);
    await newRow.getByRole('button', { name: /^上移/ }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator(`#rf-archive-catalogue_rows_${last - 1}_floor`).inputValue()).toBe('3');
    await expect.poll(() => focusedId(page)).toMatch(new RegExp(`^rf-archive-catalogue_rows_${last - 1}__move(Up|Down)$`));

    // Remove it again by keyboard.
    await group(page, `第 ${last} 列`).getByRole('button', { name: /^刪除/ }).focus();
    await page.keyboard.press('Enter');
    await expect(rows.count()).resolves.toBe(start);
    await expect.poll(() => focusedId(page)).toMatch(/^rf-archive-catalogue_rows_\d+__remove$|__add$/);
    noLeaks(s);
  });
});

describe('embedded in a procedure page', () => {
  it('ships no form code until the <details> is opened, then works like the form page (axe: light and dark)', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const s = await session({ colorScheme });
      const page = s.page;
      page.setDefaultTimeout(15_000);
      const scripts: string[] = [];
      page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
      await page.goto(`${site}/sops/complaints/`);
      await page.waitForLoadState('networkidle');
      expect(scripts.filter((u) => /RecordForm/.test(u))).toEqual([]);
      const embed = page.locator('details[data-record-form-embed="complaint-intake"]');
      await expect(embed.getAttribute('open')).resolves.toBeNull();
      await expect(embed.locator('summary').textContent()).resolves.toBe('在此填寫《業戶意見受理表》');

      await embed.locator('summary').click();
      await expect(embed.getByRole('link', { name: '開啟完整表單頁' }).getAttribute('href')).resolves.toBe('/forms/complaint-intake/');
      await embed.locator('[data-record-form="complaint-intake"][data-ready]').waitFor();
      expect(scripts.some((u) => /RecordForm/.test(u))).toBe(true);
      // The other embedded form on the page stays closed and unhydrated.
      expect(await page.locator('[data-record-form="complaint-monthly-stats"][data-ready]').count()).toBe(0);

      await embed.getByRole('button', { name: '檢查並完成' }).click();
      await expect(embed.locator('.rf-error-summary li').first().textContent()).resolves.toContain('「受理編號」：必須填寫');
      expect(await axeViolations(page), colorScheme).toEqual([]);
      await embed.getByRole('button', { name: '填入範例' }).click();
      await embed.getByRole('button', { name: '檢查並完成' }).click();
      await expect(embed.locator('[data-complete]').textContent()).resolves.toContain('記錄已通過檢查');
      noLeaks(s);
    }
  });
});

describe('security and accessibility', () => {
  it('works under a CSP without unsafe-eval or unsafe-inline: renders, shows validation errors, no CSP violation', async () => {
    const s = await session();
    const page = await openForm(s, 'violation-record', cspSite);
    // The CSP is in force: an inline script added at runtime does not run (no 'unsafe-inline'; the page's
    // own inline scripts run by their hashes) ...
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.head.append(script);
    });
    // Both policies in force refuse it, the header's and the page's <meta>.
    await expect.poll(() => s.cspViolations.filter((v) => /^script-src(-elem)? inline/.test(v)).length).toBe(2);
    expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
    // ... and code evaluation from a string is refused. It runs in a worker made from a blob, which inherits
    // the page's policy (code run by the test driver itself would be exempt from the CSP's eval check).
    const evalResult = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const code = 'try { postMessage(eval("1 + 1")); } catch (e) { postMessage(e.name); }';
          const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
          worker.onmessage = (e) => resolve(e.data);
        }),
    );
    expect(evalResult).toBe('EvalError');
    // From here on, any violation (the harness fails the session on it at close) or CSP error is the form's.
    s.cspViolations.length = 0;
    s.consoleErrors.length = 0;

    await submit(page);
    await expect(summary(page).locator('li').first().textContent()).resolves.toContain('「編號」：必須填寫');
    // A missing signature group says which signature (issue 15: 「「簽署」：必須填寫」 did not).
    const listed = await summary(page).locator('li').allTextContents();
    expect(listed).toContain('「登記人簽署」：必須填寫');
    expect(listed).not.toContain('「簽署」：必須填寫');
    await choose(form(page), '是否造成業戶利益受損', '是');
    await page.getByRole('button', { name: '填入範例' }).click().catch(() => {});
    expect(s.cspViolations).toEqual([]);
    expect(s.consoleErrors.filter((e) => /Content Security Policy|unsafe-eval|EvalError/i.test(e))).toEqual([]);
    noLeaks(s);
  });

  it.each([
    ['qr-gr-036', '投訴人'],
    ['archive-catalogue', '樓座'],
    ['complaint-monthly-stats', '匯報對象'],
  ] as const)(
    'axe finds no violations on %s with errors shown, drafts listed and a notice (light and dark)',
    async (formId, label) => {
      for (const colorScheme of ['light', 'dark'] as const) {
        const s = await session({ colorScheme });
        const page = await openForm(s, formId);
        // A saved draft, so the draft list shows after a reload; then errors and a notice.
        await field(form(page), label).fill('草稿');
        await expect.poll(() => page.locator('[data-save-status]').textContent()).toMatch(/草稿已自動保存/);
        await page.reload();
        await page.locator('[data-record-form][data-ready]').waitFor();
        await importFile(page, 'test/fixtures/forms/not-json.json');
        if (formId === 'complaint-monthly-stats') await page.getByRole('button', { name: '由記錄計算' }).click();
        await submit(page);
        await summary(page).waitFor();
        expect(await page.locator('[data-drafts]').count()).toBe(1);
        expect(await axeViolations(page), `${formId} ${colorScheme}`).toEqual([]);
        noLeaks(s);
      }
    },
  );

  it('the form index groups forms by procedure with clause, confidentiality and blank PDF', async () => {
    const s = await session();
    await s.page.goto(`${site}/forms/`);
    const groups = s.page.locator('section.form-index-group');
    expect(await groups.count()).toBe(5);
    expect(await s.page.locator('tr[data-form]').count()).toBe(FORM_IDS.length);
    const archives = s.page.locator('section[data-procedure="archives"]');
    expect(await archives.locator('tr[data-form]').count()).toBe(3);
    expect(await archives.locator('.top-secret').count()).toBe(3);
    const row = s.page.locator('tr[data-form="qr-gr-036"]');
    await expect(row.textContent()).resolves.toContain('QR/GR-036');
    await expect(row.getByRole('link', { name: /第 4\.2\.3 條/ }).getAttribute('href')).resolves.toBe('/sops/communication/#clause-4-2-3');
    const pdf = row.getByRole('link', { name: /PDF/ });
    if (await pdf.count()) {
      const href = (await pdf.getAttribute('href'))!;
      const res = await s.page.request.get(`${site}${href}`);
      expect(res.status()).toBe(200);
    }
    expect(await axeViolations(s.page)).toEqual([]);
    noLeaks(s);
  });
});

describe('what a page loads', () => {
  /** Paths of the scripts the page loads until `ready` resolves. */
  async function scriptsUntil(s: Session, url: string, ready: (page: Page) => Promise<unknown>): Promise<string[]> {
    const paths: string[] = [];
    s.page.on('response', (r) => {
      if (r.request().resourceType() === 'script') paths.push(new URL(r.url()).pathname);
    });
    await s.page.goto(url);
    await ready(s.page);
    return paths;
  }

  it('a form page loads only its own validator; a procedure page loads no form code until a form is opened', async () => {
    const s = await session();
    const form = await scriptsUntil(s, `${site}/forms/qr-gr-036/`, (p) => p.locator('[data-record-form][data-ready] form.rf-form input').first().waitFor());
    // Only this form's validator is loaded (validator code is lazy per form).
    const validatorChunks = form.filter((u) => FORM_IDS.some((id) => u.startsWith(`/_astro/${id}.`)));
    expect(validatorChunks.map((u) => u.replace(/^\/_astro\/|\.[\w-]+\.js$/g, ''))).toEqual(['qr-gr-036']);

    const s2 = await session();
    const proc = await scriptsUntil(s2, `${site}/sops/complaints/`, (p) => p.waitForLoadState('networkidle'));
    // No embedded form opened: no form code on a procedure page.
    expect(proc.filter((u) => /RecordForm|client\./.test(u))).toEqual([]);
    noLeaks(s);
    noLeaks(s2);
  });
});

/** The one draft of `formId` this page saved, as stored (after autosave). */
async function savedDraftData(page: Page, formId: FormId): Promise<Record<string, unknown>> {
  let data: Record<string, unknown> | undefined;
  await expect
    .poll(async () => {
      const texts = await page.evaluate(
        (id) => Object.keys(localStorage).filter((k) => k.startsWith(`sop-handbook:draft:${id}:`)).map((k) => localStorage.getItem(k)!),
        formId,
      );
      data = texts.length === 1 ? (JSON.parse(texts[0]).data as Record<string, unknown>) : undefined;
      return texts.length;
    })
    .toBe(1);
  return data!;
}

describe('derived values: what the screen shows is what the record holds', () => {
  it('違章等級 follows 4.2.7 read-only, so 一般違章 cannot be shown beside a 重大 record', async () => {
    const s = await session();
    const page = await openForm(s, 'violation-record');
    const f = form(page);
    await page.getByRole('button', { name: '填入範例' }).click();
    const level = f.getByRole('radiogroup', { name: '違章等級', exact: true });
    for (const [harmed, threat, shown, saved, retention] of [
      ['否', '否', '一般違章', 'general', '一年'],
      ['是', '否', '重大違章', 'major', '五年'],
    ] as const) {
      await choose(f, '是否造成業戶利益受損', harmed);
      await choose(f, '是否對公共安全構成威脅', threat);
      await expect.poll(() => level.getByRole('radio', { name: shown, exact: true }).isChecked()).toBe(true);
      // The other level cannot be chosen: the click the issue describes does nothing.
      const other = level.getByRole('radio', { name: shown === '一般違章' ? '重大違章' : '一般違章', exact: true });
      expect(await other.isDisabled()).toBe(true);
      await other.click({ force: true, timeout: 2_000 }).catch(() => undefined);
      expect(await level.getByRole('radio', { name: shown, exact: true }).isChecked()).toBe(true);
      await expect(field(f, '保存期限').locator('option:checked').textContent()).resolves.toContain(retention);
      await expect.poll(async () => (await savedDraftData(page, 'violation-record')).level).toBe(saved);
    }
    await expect(level.locator('..').textContent()).resolves.toContain('依 4.2.7 自動判定');
    noLeaks(s);
  });

  it('回訪數 and 滿意率 are computed from the counts (4.5) and shown as saved', async () => {
    const s = await session();
    const page = await openForm(s, 'follow-up-monthly-stats');
    const f = form(page);
    const counts = group(f, '滿意度');
    await field(counts, '滿意').fill('2');
    await field(counts, '基本滿意').fill('1');
    await field(counts, '不滿意').fill('1');
    const total = field(f, '回訪數');
    const rate = field(f, '滿意率（%）');
    expect(await total.isEditable()).toBe(false);
    expect(await rate.isEditable()).toBe(false);
    await expect.poll(() => total.inputValue()).toBe('4');
    await expect.poll(() => rate.inputValue()).toBe('75');
    const saved = await savedDraftData(page, 'follow-up-monthly-stats');
    expect([saved.total, saved.satisfactionRate]).toEqual([4, 75]);
    noLeaks(s);
  });

  it('a browser whose language writes decimal commas (de-DE) still shows and keeps the decimal point', async () => {
    const s = await session({ locale: 'de-DE' });
    const page = await openForm(s, 'follow-up-monthly-stats');
    expect(await page.evaluate(() => navigator.languages[0])).toBe('de-DE');
    const f = form(page);
    const counts = group(f, '滿意度');
    await field(counts, '滿意').fill('2');
    await field(counts, '不滿意').fill('1');
    await expect.poll(() => field(f, '滿意率（%）').inputValue()).toBe('66.7');
    expect((await savedDraftData(page, 'follow-up-monthly-stats')).satisfactionRate).toBe(66.7);
    noLeaks(s);
  });
});
