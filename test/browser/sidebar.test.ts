/**
 * The sidebar group 「標準作業規程」 lists the procedures in force, generated from content/sops (it was
 * once an empty list): on a laptop beside the page, and on a phone inside the menu.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openBrowser, openSession } from './harness.ts';
import { readRegister } from '../../src/lib/documents/register-files.ts';

const site = inject('siteUrl');
// Expected from the register (every revision, drafts included), not from the code under test.
const register = readRegister('content/sops');
const inForce = register.filter((r) => r.status === 'effective');
const drafts = register.filter((r) => r.status !== 'effective');

let browser: Browser;
beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser.close();
});

function procedureLinks(page: Page) {
  return page.locator('#starlight__sidebar details', { has: page.locator('summary', { hasText: '標準作業規程' }) }).locator('a');
}

async function linksOf(page: Page): Promise<{ text: string; href: string; current: string | null }[]> {
  return procedureLinks(page).evaluateAll((as) =>
    (as as HTMLAnchorElement[]).map((a) => ({ text: a.textContent!.trim(), href: a.getAttribute('href')!, current: a.getAttribute('aria-current') })),
  );
}

function expectProcedures(links: { text: string; href: string }[]) {
  expect(inForce).toHaveLength(5);
  expect(links.map((l) => l.href).sort()).toEqual(inForce.map((r) => r.path).sort());
  for (const r of inForce) expect(links.find((l) => l.href === r.path)?.text).toBe(r.title);
  // Issue order: complaints first, follow-up last (order 1 and 5 in their frontmatter).
  expect(links[0].href).toBe('/sops/complaints/');
  expect(links.at(-1)!.href).toBe('/sops/follow-up/');
  for (const d of drafts) expect(links.map((l) => l.href)).not.toContain(d.path);
}

describe('sidebar: 標準作業規程', () => {
  it('lists the five procedures in force beside a procedure page on a laptop', async () => {
    const s = await openSession(browser, { viewport: { width: 1280, height: 800 } });
    await s.page.goto(`${site}/sops/communication/`);
    const links = await linksOf(s.page);
    expectProcedures(links);
    expect(links.find((l) => l.href === '/sops/communication/')?.current).toBe('page');
    for (let i = 0; i < links.length; i++) expect(await procedureLinks(s.page).nth(i).isVisible()).toBe(true);
    expect(s.consoleErrors).toEqual([]);
    await s.close();
  });

  it('lists them inside the menu on a 390 px phone', async () => {
    const s = await openSession(browser, { viewport: { width: 390, height: 844 } });
    await s.page.goto(`${site}/sops/archives/`);
    const first = procedureLinks(s.page).first();
    expect(await first.isVisible()).toBe(false);
    await s.page.locator('button[popovertarget="starlight__sidebar"]').click();
    await first.waitFor({ state: 'visible' });
    const links = await linksOf(s.page);
    expectProcedures(links);
    expect(links.find((l) => l.href === '/sops/archives/')?.current).toBe('page');
    await procedureLinks(s.page).filter({ hasText: inForce.find((r) => r.procedure === 'follow-up')!.title }).click();
    await s.page.waitForURL(`${site}/sops/follow-up/`);
    expect(s.consoleErrors).toEqual([]);
    await s.close();
  });
});
