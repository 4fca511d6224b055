/**
 * The handbook offline in Chromium: after one visit the service worker has the whole site, so
 * with the network off a procedure never opened, search, a form, its PDF, signing and
 * verification all work without a failed request; the control block says it is an offline copy.
 * A second build published later is detected, offered, and the revision that took effect is flagged.
 * Each test serves its own copy of dist/ (the second build changes it) with the strict CSP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, axeViolations, openSession, tempDir, type Session } from './harness.ts';
import { siteCsp, startStaticServer } from './static-server.ts';
import { RECORD_NUMBER, completeExample, download, downloadConfirmingSigner, drawOnCanvas, pdfsig, pdftext, pdfBrowserSetup } from './helpers-pdf/flow.ts';
import type { TestPki } from '../pdf/helpers/pki.ts';

import { BUILD_INFO_PATH, type BuildInfo } from '../../src/lib/offline/build-info.ts';
import { writeServiceWorker } from '../../src/lib/offline/service-worker.ts';

let browser: Browser;
let pki: TestPki;
const servers: Server[] = [];
beforeAll(async () => {
  ({ pki, browser } = await pdfBrowserSetup('offline-'));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  for (const s of servers) s.close();
});

/** A private copy of the built site, served on its own origin. */
async function serveCopy(): Promise<{ root: string; url: string }> {
  const root = tempDir('offline-site-');
  cpSync('dist', root, { recursive: true });
  const { url, server } = await startStaticServer(root, { 'content-security-policy': siteCsp(root) });
  servers.push(server);
  return { root, url };
}

/** A session that lets the service worker run and records every request that failed. */
async function session(): Promise<Session & { failed: string[] }> {
  const s = await openSession(browser, { serviceWorkers: 'allow' });
  s.page.setDefaultTimeout(30_000);
  const failed: string[] = [];
  // ERR_ABORTED is a request the page itself dropped by navigating on (search fragments still
  // loading), not one the network or the cache failed.
  // The page's probe for a newer build (build-info.json?latest=…, past the precache) is meant to fail
  // with the network off: that failure, not navigator.onLine (which Chromium may still report true), is
  // how the page knows it is offline.
  s.context.on('requestfailed', (r) => {
    const url = new URL(r.url());
    if (url.pathname === BUILD_INFO_PATH && url.searchParams.has('latest')) return;
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${r.failure()?.errorText} ${r.url()}`);
  });
  s.context.on('response', (r) => {
    if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.svg') failed.push(`${r.status()} ${r.url()}`);
  });
  return { ...s, failed };
}

/** Waits until the worker has precached the site and controls the page. */
async function installed(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

describe('after one visit, with the network off', () => {
  it('opens a procedure never visited, searches, fills a form, exports, signs and verifies its PDF', async () => {
    const { url } = await serveCopy();
    const { page, context, failed, foreignRequests, consoleErrors, close } = await session();
    await page.goto(`${url}/`);
    await installed(page);
    // Online: no offline note.
    await expect(page.locator('[data-offline-copy]').count()).resolves.toBe(0);

    await context.setOffline(true);
    await page.goto(`${url}/sops/complaints/`);
    await expect(page.locator('h1').first().textContent()).resolves.toContain('業戶投訴處理標準作業規程');
    // Document control: the copy says it is one, and when it was saved.
    const note = page.locator('section.doc-control [data-offline-copy]');
    await expect(note.textContent()).resolves.toMatch(/^離線副本，更新於 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}。/);
    // The flowchart is part of the page.
    await expect(page.locator('.procedure-flow svg').count()).resolves.toBe(1);

    // Search (the Pagefind index and its WebAssembly come from the cache).
    await page.getByRole('button', { name: '搜尋' }).click();
    await page.locator('.pagefind-ui__search-input').fill('違章停車');
    const found = () => page.locator('.pagefind-ui__result-title .pagefind-ui__result-link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    await expect.poll(found, { timeout: 20_000 }).toContain('/sops/violations/');
    // Let Pagefind finish loading result fragments before leaving the page.
    await page.waitForLoadState('networkidle');

    // 简体 search too.
    await page.goto(`${url}/zh-cn/`);
    await page.getByRole('button', { name: '搜索' }).click();
    await page.locator('.pagefind-ui__search-input').fill('律师函');
    await expect.poll(found, { timeout: 20_000 }).toContain('/zh-cn/sops/violations/');
    await page.waitForLoadState('networkidle');
    // The 简体 control block says it is an offline copy too, converted like the rest of the page.
    await page.goto(`${url}/zh-cn/sops/archives/`);
    await expect.poll(() => page.locator('section.doc-control [data-offline-copy]').textContent(), { timeout: 15_000 }).toMatch(/^离线副本，更新于 \d{4}年/);

    // A form, its PDF with a drawn and a digital signature (the PDF library and font from the cache).
    const work = tempDir('offline-pdf-');
    await completeExample(page, url);
    const unsigned = await download(page, work, () => page.getByRole('button', { name: '匯出 PDF（未數位簽章）' }).click());
    expect(pdftext(unsigned.path)).toContain(RECORD_NUMBER);
    const panel = page.locator('[data-pdf-panel]');
    await panel.locator('[data-draw-role="receptionist"]').click();
    await drawOnCanvas(page);
    await page.locator('dialog[open]').getByRole('button', { name: '確定', exact: true }).click();
    await panel.locator('[data-sign-role]').selectOption('receptionist');
    await panel.locator('[data-p12-input]').setInputFiles(pki.staffA);
    await panel.locator('[data-p12-password]').fill(pki.password);
    // The example names 李小明 as 接待人: 陳美玲 confirms signing for him.
    const signed = await downloadConfirmingSigner(page, work, panel, '[data-sign-export]');
    expect(pdfsig(signed.path)).toContain('Signature is Valid.');

    await page.goto(`${url}/verify/`);
    await page.locator('[data-verify-ready="true"]').waitFor();
    await page.locator('[data-pdf-input]').setInputFiles(signed.path);
    const report = page.locator('[data-report]');
    await report.waitFor({ timeout: 60_000 });
    await expect(report.locator('[data-signatures] tbody tr [data-signer]').allTextContents()).resolves.toEqual(['陳美玲']);
    await expect(report.locator('[data-signatures] tbody tr').first().getAttribute('data-status')).resolves.toBe('untrusted');

    expect(failed).toEqual([]);
    expect(foreignRequests).toEqual([]);
    // Chromium logs each failed request to the console too (without its URL); every one of those is
    // already in `failed`, which allows only the build probe, so the console is checked for the rest.
    expect(consoleErrors.filter((e) => e !== 'Failed to load resource: net::ERR_INTERNET_DISCONNECTED')).toEqual([]);
    await close();
  });
});

describe('a second build', () => {
  it('is detected and offered; the revision that took effect since is flagged; reloading shows the new build', async () => {
    const { root, url } = await serveCopy();
    const { page, failed, close } = await session();
    await page.goto(`${url}/sops/violations/`);
    await installed(page);
    await expect(page.locator('[data-new-build]').count()).resolves.toBe(0);

    // Publish a second build: its own id, and violations' correction A/1 now in force.
    const info = JSON.parse(readFileSync(join(root, 'build-info.json'), 'utf8')) as BuildInfo;
    const first = info.buildId;
    const a1 = info.register.find((r) => r.procedure === 'violations' && r.revision === 'A/1')!;
    const a0 = info.register.find((r) => r.procedure === 'violations' && r.status === 'effective')!;
    a0.status = 'superseded';
    Object.assign(a1, { status: 'effective', effectiveDate: '2026-12-15' });
    const second: BuildInfo = { ...info, buildId: `${first}-2`, builtAt: new Date().toISOString() };
    writeFileSync(join(root, 'build-info.json'), JSON.stringify(second));
    await writeServiceWorker(root);

    // The next online visit: the cached page says a new build exists and what changed.
    await page.reload();
    const offer = page.locator('[data-new-build]');
    await expect(offer.textContent()).resolves.toContain('本手冊已有新版本。');
    const changes = page.locator('[data-revision-changes]');
    await expect(changes.textContent()).resolves.toContain(`${a1.docNumber}《${a1.title}》的生效版本已由 A/0 改為 A/1（2026年12月15日生效）`);
    await expect(changes.locator('a').getAttribute('href')).resolves.toBe(a1.path);
    const axe = await axeViolations(page);
    expect(axe, axe.join('\n')).toEqual([]);

    // Accepting it: the new worker takes over and the page reloads on the new build.
    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), offer.getByRole('button', { name: '重新載入' }).click()]);
    const served = () => page.evaluate((p) => fetch(p).then((r) => r.json()).then((j: BuildInfo) => j.buildId), BUILD_INFO_PATH);
    await expect.poll(served, { timeout: 30_000 }).toBe(second.buildId);
    await expect(page.locator('[data-new-build]').count()).resolves.toBe(0);
    // The change stays flagged until the reader acknowledges it.
    await expect(page.locator('[data-revision-changes]').textContent()).resolves.toContain('改為 A/1');
    await page.locator('[data-revision-changes]').getByRole('button', { name: '知道了' }).click();
    await page.reload();
    await expect(page.locator('[data-revision-changes]').count()).resolves.toBe(0);
    expect(failed).toEqual([]);
    await close();
  });
});

describe('installable', () => {
  it('has a manifest with the Chinese name and icons that Chromium accepts', async () => {
    const { url } = await serveCopy();
    // A profile on disk: Chromium does not offer installation in an incognito context.
    const context = await chromium.launchPersistentContext(tempDir('offline-profile-'), {
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
    });
    const page = await context.newPage();
    await page.goto(`${url}/`);
    await installed(page);
    const cdp = await context.newCDPSession(page);
    const { errors, data } = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; data: string };
    expect(errors).toEqual([]);
    const manifest = JSON.parse(data);
    expect(manifest.name).toBe('物業服務標準作業規程手冊');
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
    await context.close();
  });
});
