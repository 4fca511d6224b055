/**
 * A 500-row 業戶檔案目錄 as a user meets it (not timed; `npm run bench:table` times it): the record
 * imports whole, a cell edited in row 250 reaches the saved draft and survives a reload, the rows
 * are the record's rows in order, and on a 390 px phone the long table does not scroll sideways.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openBrowser, openSession, tempDir, type Session } from './harness.ts';
import { archivesRevision, catalogueRecord, cellId, importTimed, TABLE_FORM, writeCatalogueFile } from './big-table.ts';

const site = inject('siteUrl');
const ROWS = 500;
const dir = tempDir('big-table-');
let file: string;
let browser: Browser;
const sessions: Session[] = [];

beforeAll(async () => {
  file = writeCatalogueFile(dir, ROWS, archivesRevision());
  browser = await openBrowser();
});
afterAll(async () => {
  for (const s of sessions) await s.close().catch(() => {});
  await browser.close();
});

async function openTable(viewport?: { width: number; height: number }): Promise<{ s: Session; page: Page }> {
  const s = await openSession(browser, viewport ? { viewport } : {});
  sessions.push(s);
  s.page.setDefaultTimeout(60_000);
  s.page.on('filechooser', () => undefined);
  await s.page.goto(`${site}/forms/${TABLE_FORM}/`);
  await s.page.locator(`[data-record-form="${TABLE_FORM}"][data-ready]`).waitFor();
  await importTimed(s.page, file, ROWS);
  return { s, page: s.page };
}

/** The one draft of the catalogue kept in this browser. */
async function storedDraft(page: Page): Promise<{ rows: Record<string, unknown>[] } | undefined> {
  const texts = await page.evaluate(
    (id) => Object.keys(localStorage).filter((k) => k.startsWith(`sop-handbook:draft:${id}:`)).map((k) => localStorage.getItem(k)!),
    TABLE_FORM,
  );
  return texts.length === 1 ? (JSON.parse(texts[0]).data as { rows: Record<string, unknown>[] }) : undefined;
}

describe('a 500-row catalogue', () => {
  it('imports whole, and an edit in row 250 is saved, survives a reload and resumes', async () => {
    const { s, page } = await openTable();
    const record = catalogueRecord(ROWS);
    await expect(page.locator('.rf-array-item').count()).resolves.toBe(ROWS);
    expect(await page.locator('.rf-array-more').count()).toBe(0);
    // Spot checks that the rows on screen are the record's rows, in its order.
    const rows = record.rows as Record<string, unknown>[];
    for (const i of [0, 249, 499]) {
      await expect(page.locator(`[id="${cellId(i, 'ownerName')}"]`).inputValue()).resolves.toBe(rows[i].ownerName);
      await expect(page.locator(`[id="${cellId(i, 'room')}"]`).inputValue()).resolves.toBe(rows[i].room);
    }

    const cell = page.locator(`[id="${cellId(249, 'ownerName')}"]`);
    await cell.scrollIntoViewIfNeeded();
    await cell.click();
    await page.keyboard.press('End');
    await page.keyboard.type('（已更正）');
    await expect(cell.inputValue()).resolves.toBe(`${rows[249].ownerName}（已更正）`);
    // The import counts as the user's record: the draft holds all 500 rows with the edit.
    await expect.poll(async () => (await storedDraft(page))?.rows[249]?.ownerName, { timeout: 15_000 }).toBe(`${rows[249].ownerName}（已更正）`);
    const saved = (await storedDraft(page))!;
    expect(saved.rows).toHaveLength(ROWS);
    expect(saved.rows[248]).toEqual(rows[248]);
    expect(saved.rows[250]).toEqual(rows[250]);

    // Typed and reloaded at once (within the autosave's wait): the page's hiding saves it.
    await page.keyboard.type('乙');
    await page.reload();
    await page.locator(`[data-record-form="${TABLE_FORM}"][data-ready]`).waitFor();
    expect((await storedDraft(page))?.rows[249]?.ownerName).toBe(`${rows[249].ownerName}（已更正）乙`);
    const item = page.locator('[data-drafts] li', { hasText: String(record.catalogueNo) });
    await item.getByRole('button', { name: '繼續填寫' }).click();
    await expect(page.locator(`[id="${cellId(499, 'boxNo')}"]`).inputValue()).resolves.toBe(rows[499].boxNo);
    await expect(page.locator(`[id="${cellId(249, 'ownerName')}"]`).inputValue()).resolves.toBe(`${rows[249].ownerName}（已更正）乙`);
    expect(s.foreignRequests).toEqual([]);
  }, 300_000);

  it('on a 390 px phone the 500 rows do not make the page scroll sideways', async () => {
    const { page } = await openTable({ width: 390, height: 844 });
    await expect(page.locator('.rf-array-item').count()).resolves.toBe(ROWS);
    for (const i of [0, 250, 499]) {
      const cell = page.locator(`[id="${cellId(i, 'address')}"]`);
      await cell.scrollIntoViewIfNeeded();
      const sideways = await page.evaluate((id) => {
        const doc = document.documentElement;
        const box = document.getElementById(id)!.getBoundingClientRect();
        return { page: doc.scrollWidth - doc.clientWidth, cellRight: box.right - doc.clientWidth, cellLeft: box.left };
      }, cellId(i, 'address'));
      expect(sideways.page, `row ${i + 1}: page scrolls sideways`).toBeLessThanOrEqual(0);
      expect(sideways.cellRight, `row ${i + 1}: the cell runs past the screen`).toBeLessThanOrEqual(0);
      expect(sideways.cellLeft).toBeGreaterThanOrEqual(0);
    }
  }, 300_000);
});
