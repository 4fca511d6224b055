import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, openBrowser, openSession } from './harness.ts';
import { readProcedures } from '../../src/lib/procedures-files.ts';

const site = inject('siteUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('procedure flowcharts', () => {
  it.each(readProcedures('content/sops').map((p) => p.id))('%s: the chart is drawn, every node links to a clause on the page, and keyboard activation scrolls to it', async (procedure) => {
    const s = await openSession(browser);
    const { page } = s;
    await page.goto(`${site}/sops/${procedure}/`);
    const svg = page.locator('section.procedure-flow svg');
    await expect(svg.count()).resolves.toBe(1);
    expect(await svg.locator('title').first().textContent()).toMatch(/流程/);
    const hrefs = await svg.locator('a[href^="#clause-"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThan(5);
    for (const href of hrefs) expect(await page.locator(href).count(), href).toBe(1);
    // The steps are also listed as text.
    expect(await page.locator('section.procedure-flow ol li').count()).toBeGreaterThanOrEqual(hrefs.length);

    // Tab to the last node and press Enter: the page jumps to that clause.
    const last = svg.locator('a[href^="#clause-"]').last();
    const target = (await last.getAttribute('href'))!;
    await last.focus();
    expect(await page.evaluate(() => document.activeElement?.closest('svg') !== null)).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForFunction((h) => location.hash === h, target);
    const box = await page.locator(target).boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(page.viewportSize()!.height);
    await s.close();
  });

  it('clicking a node scrolls to its clause', async () => {
    const s = await openSession(browser);
    await s.page.goto(`${site}/sops/violations/`);
    const node = s.page.locator('section.procedure-flow svg a[href="#clause-4-4-3"]').first();
    await node.click();
    await s.page.waitForFunction(() => location.hash === '#clause-4-4-3');
    const box = await s.page.locator('#clause-4-4-3').boundingBox();
    expect(box!.y).toBeLessThan(s.page.viewportSize()!.height);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    await s.close();
  });

  it('a focused node shows a visible focus style', async () => {
    const s = await openSession(browser);
    await s.page.goto(`${site}/sops/complaints/`);
    const node = s.page.locator('section.procedure-flow svg a[href^="#clause-"]').first();
    const before = await node.locator('.node-shape, rect, polygon, path').first().evaluate((e) => getComputedStyle(e).strokeWidth + getComputedStyle(e).stroke + getComputedStyle(e).outlineStyle);
    await node.focus();
    await s.page.keyboard.press('Shift+Tab');
    await s.page.keyboard.press('Tab');
    const after = await s.page.evaluate(() => {
      const a = document.activeElement as Element;
      const shape = a.querySelector('.node-shape, rect, polygon, path')!;
      return getComputedStyle(shape).strokeWidth + getComputedStyle(shape).stroke + getComputedStyle(a).outlineStyle;
    });
    expect(after).not.toBe(before);
    await s.close();
  });

  it('axe finds no violations on a page with a chart, in dark mode', async () => {
    const s = await openSession(browser, { colorScheme: 'dark' });
    await s.page.goto(`${site}/sops/communication/`);
    expect(await axeViolations(s.page)).toEqual([]);
    await s.close();
  });
});
