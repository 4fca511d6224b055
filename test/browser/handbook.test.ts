import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { axeViolations, openBrowser, openSession, tempDir, type Session } from './harness.ts';
import { scanClauses } from '../../src/lib/documents/clauses.ts';
import { readRegister } from '../../src/lib/documents/register-files.ts';

const site = inject('siteUrl');
const cspSite = inject('cspSiteUrl');
const register = readRegister('content/sops');
const effective = register.filter((r) => r.status === 'effective');

let browser: Browser;
let s: Session;
beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function session(): Promise<Session> {
  s = await openSession(browser);
  return s;
}

describe('procedure pages', () => {
  it.each(effective.map((r) => [r.procedure, r] as const))('%s shows its control block and every clause anchor', async (procedure, rev) => {
    const { page, foreignRequests, close } = await session();
    await page.goto(`${site}${rev.path}`);
    await expect(page.locator('h1').first().textContent()).resolves.toContain(rev.title);
    const block = page.locator('section.doc-control');
    await expect(block.locator('[data-doc-number]').textContent()).resolves.toBe(rev.docNumber);
    await expect(block.locator('[data-revision]').textContent()).resolves.toBe(rev.revision);
    await expect(block.locator('[data-status]').textContent()).resolves.toBe('生效');
    expect(await block.textContent()).toContain('未簽署');
    // No draft banner on the effective revision.
    expect(await page.locator('.revision-banner').count()).toBe(0);

    const anchors = scanClauses(readFileSync(`content/sops/${procedure}/index.mdx`, 'utf8')).map((c) => c.anchor);
    expect(anchors.length).toBeGreaterThan(5);
    const ids = await page.evaluate(() => [...document.querySelectorAll('[id^="clause-"]')].map((e) => e.id));
    expect(ids).toEqual(anchors);
    // Every in-page clause link (flowchart nodes, step list) lands on an element.
    const dangling = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLAnchorElement>('a[href^="#clause-"]')]
        .map((a) => a.getAttribute('href')!.slice(1))
        .filter((id) => !document.getElementById(id)),
    );
    expect(dangling).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await close();
  });

  it('a draft revision is bannered as not in force and links to the effective one', async () => {
    const draft = register.find((r) => r.procedure === 'violations' && r.status === 'draft')!;
    const { page, close } = await session();
    await page.goto(`${site}${draft.path}`);
    const banner = page.locator('.revision-banner');
    await expect(banner.textContent()).resolves.toContain('不具效力');
    await expect(banner.locator('a').first().getAttribute('href')).resolves.toBe('/sops/violations/');
    await expect(page.locator('[data-status]').textContent()).resolves.toBe('草案');
    await close();
  });
});

describe('register, history and diff', () => {
  it('the register lists all five procedures with number, revision, status and date', async () => {
    const { page, close } = await session();
    await page.goto(`${site}/register/`);
    const rows = page.locator('table[data-register="procedures"] tbody tr');
    expect(await rows.count()).toBe(5);
    const text = await rows.allTextContents();
    for (const [i, num, rev] of [
      [0, 'HB-SOP-01', 'A/0'],
      [1, 'HB-SOP-02', 'A/0'],
      [2, 'TP/QP-09', 'A/1'],
      [3, 'HB-SOP-04', 'A/0'],
      [4, 'HB-SOP-05', 'A/0'],
    ] as const) {
      expect(text[i]).toContain(num);
      expect(text[i]).toContain(rev);
      expect(text[i]).toContain('生效');
      expect(text[i]).toContain('2026年11月27日');
    }
    const forms = page.locator('table[data-register="forms"] tbody tr');
    expect(await forms.count()).toBe(13);
    const qr036 = await page.locator('tr[data-form="qr-gr-036"]').textContent();
    expect(qr036).toContain('QR/GR-036');
    expect(qr036).toContain('TP/QP-09 第 4.2.3 條');
    expect(await page.locator('tr[data-form="archive-access"]').textContent()).toContain('絕密');
    expect(await page.locator('tr[data-form="violation-record"]').textContent()).toContain('一般違章：一年；重大違章：五年（依 4.5）');
    await close();
  });

  it('the history page lists both revisions and the diff shows a known change', async () => {
    const { page, close } = await session();
    await page.goto(`${site}/sops/complaints/history/`);
    expect(await page.locator('table[data-history] tbody tr').count()).toBe(2);
    // A pair without a page of its own (the newer against the older) is compared in the page, by the same diff.
    const result = page.locator('[data-compare-result]');
    await expect(result.isHidden()).resolves.toBe(true);
    await page.locator('[data-compare-from]').selectOption('a-1');
    await page.locator('[data-compare-to]').selectOption('a-0');
    await page.getByRole('button', { name: '比較' }).click();
    await expect(page.locator('[data-compare-status]').textContent()).resolves.toBe('A/1（草案） → A/0（生效） 的逐字差異如下。');
    expect(await result.locator('[data-diff] del').allTextContents()).toContain('聽');
    expect(await result.locator('[data-diff] ins').allTextContents()).toContain('原');
    await expect(result.locator('[data-diff-summary]').textContent()).resolves.toMatch(/^共 \d+ 處變更：新增 \d+ 字，刪除 \d+ 字。$/);
    await page.locator('[data-compare-to]').selectOption('a-1');
    await page.getByRole('button', { name: '比較' }).click();
    await expect(page.locator('[data-compare-status]').textContent()).resolves.toBe('請選擇兩個不同的版本。');
    await expect(result.isHidden()).resolves.toBe(true);
    // Consecutive revisions keep a page of their own.
    await page.getByRole('link', { name: /A\/0（生效）→ A\/1（草案）/ }).click();
    await page.waitForURL(/\/sops\/complaints\/diff\/a-0\/a-1\/$/);
    // 4.1.1 「應耐心原業戶講完」 is corrected to 「應耐心聽業戶講完」.
    expect(await page.locator('[data-diff] del').allTextContents()).toContain('原');
    expect(await page.locator('[data-diff] ins').allTextContents()).toContain('聽');
    await expect(page.locator('[data-diff-summary]').textContent()).resolves.toMatch(/共 \d+ 處變更/);
    await close();
  });
});

describe('search in Chinese', () => {
  const queries: [string, string][] = [
    ['違章停車', 'violations'],
    ['五清楚', 'complaints'],
    ['消防通道', 'violations'],
    ['絕密', 'archives'],
    ['24小時', 'communication'],
    ['業戶檔案目錄', 'archives'],
    ['回訪', 'follow-up'],
    ['QR/GR-036', 'communication'],
  ];
  it.each(queries)('「%s」 finds the %s procedure', async (query, procedure) => {
    const { page, close } = await session();
    await page.goto(`${site}/`);
    await page.getByRole('button', { name: '搜尋' }).click();
    const input = page.locator('.pagefind-ui__search-input');
    // The search UI speaks Chinese too.
    expect(await input.getAttribute('placeholder')).toMatch(/搜尋/);
    await input.fill(query);
    // One link per page found (the nested links are headings within that page).
    const links = page.locator('.pagefind-ui__result-title .pagefind-ui__result-link');
    // Pagefind ranks first and then renders results progressively: wait for the ranked top three.
    const topThree = async () => [...new Set(await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname)))].slice(0, 3);
    await expect.poll(topThree, { timeout: 15_000 }).toContain(`/sops/${procedure}/`);
    await close();
  });

  it('the search dialog speaks Chinese: result count, load more, clear, its label and no results', async () => {
    const { page, close } = await session();
    await page.goto(`${site}/`);
    await page.getByRole('button', { name: '搜尋' }).click();
    const dialog = page.locator('site-search dialog');
    const input = page.locator('.pagefind-ui__search-input');
    await input.fill('違章');
    const message = page.locator('.pagefind-ui__message');
    await expect.poll(() => message.textContent(), { timeout: 15_000 }).toMatch(/^「違章」共 \d+ 筆結果$/);
    const count = Number(/共 (\d+) 筆/.exec((await message.textContent())!)![1]);
    // Pagefind shows five pages at a time: more than five offer the next ones.
    expect(count).toBeGreaterThan(5);
    await expect(page.locator('.pagefind-ui__button').textContent()).resolves.toBe('載入更多結果');
    await expect(page.locator('.pagefind-ui__search-clear').textContent()).resolves.toBe('清除');
    await expect(page.getByRole('search').getAttribute('aria-label')).resolves.toBe('搜尋本手冊');
    await expect(dialog.getAttribute('aria-label')).resolves.toBe('搜尋');
    await input.fill('qzxv');
    await expect.poll(() => message.textContent(), { timeout: 15_000 }).toBe('找不到「qzxv」的結果');
    // Nothing of Pagefind's English interface is left in the dialog's own words.
    const chrome = await dialog.evaluate((d) =>
      [...d.querySelectorAll('button, .pagefind-ui__message, [aria-label], [placeholder]')].flatMap((e) => [
        e.textContent ?? '',
        e.getAttribute('aria-label') ?? '',
        e.getAttribute('placeholder') ?? '',
      ]),
    );
    expect(chrome.join(' ')).not.toMatch(/results|Clear|Load more|Search this site|Searching/i);
    await close();
  });

  it('a draft is labelled as such in results', async () => {
    const { page, close } = await session();
    await page.goto(`${site}/`);
    await page.getByRole('button', { name: '搜尋' }).click();
    await page.locator('.pagefind-ui__search-input').fill('違章鑿');
    const titles = () => page.locator('.pagefind-ui__result-link').allTextContents();
    await expect.poll(async () => (await titles()).some((t) => t.includes('修訂草案')), { timeout: 15_000 }).toBe(true);
    await close();
  });
});

describe('print', () => {
  it('a procedure prints on A4 with number, revision, page numbers and the uncontrolled-copy note, without navigation', async () => {
    const { page, close } = await session();
    await page.goto(`${site}/sops/communication/`);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', displayHeaderFooter: false, preferCSSPageSize: true });
    const dir = tempDir('print-');
    writeFileSync(join(dir, 'p.pdf'), pdf);
    const info = execFileSync('pdfinfo', [join(dir, 'p.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:.*\(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'p.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('TP/QP-09');
    expect(text).toContain('版本/改次 A/1');
    expect(text).toContain(`第 1 頁，共 ${pages} 頁`);
    expect(text).toContain(`第 ${pages} 頁，共 ${pages} 頁`);
    expect(text).toContain('列印文本為非受控文件');
    expect(text).not.toContain('跳到內容');
    expect(text).not.toMatch(/搜尋\s*Ctrl/);
    await close();
  });
});

describe('accessibility', () => {
  it.each([['home', '/'], ['register', '/register/'], ['procedure', '/sops/violations/'], ['history', '/sops/complaints/history/']])(
    'axe finds no violations on the %s page (light and dark)',
    async (_name, path) => {
      for (const colorScheme of ['light', 'dark'] as const) {
        const sess = await openSession(browser, { colorScheme });
        await sess.page.goto(`${site}${path}`);
        expect(await axeViolations(sess.page), colorScheme).toEqual([]);
        await sess.close();
      }
    },
  );
});

describe('content security policy', () => {
  it.each([['/'], ['/sops/complaints/'], ['/forms/qr-gr-036/'], ['/verify/']])('%s ships the policy, and the browser refuses a connection to another origin', async (path) => {
    const { page, close } = await session();
    await page.goto(`${site}${path}`);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toContain("'unsafe-eval'");
    // Another origin on loopback (a different port and address): the policy must stop it before it is sent.
    const outcome = await page.evaluate(async () => {
      const violation = new Promise<string>((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
        setTimeout(() => resolve('no violation reported'), 3000);
      });
      const sent = fetch('http://127.0.0.2:9/', { method: 'POST', body: '業戶姓名' }).then(
        () => 'sent',
        () => 'failed',
      );
      return { directive: await violation, fetch: await sent };
    });
    expect(outcome).toEqual({ directive: 'connect-src', fetch: 'failed' });
    // The only violation on the page is the one provoked here (closing fails on any other).
    expect(s.cspViolations).toEqual([expect.stringMatching(/^connect-src http:\/\/127\.0\.0\.2:9\//)]);
    s.cspViolations.length = 0;
    await close();
  });

  // One of each page type, both languages, under the header the build wrote for hosts and each page's
  // own <meta>: nothing is refused while the page loads and hydrates. (What the pages do, filling and
  // exporting a form, signing, verifying, the audit, training, search, is driven by the other browser
  // tests; the harness fails any session whose pages reported a violation.)
  const PAGE_TYPES = [
    '/', '/sops/violations/', '/sops/violations/a-1/', '/sops/violations/history/', '/sops/violations/diff/a-0/a-1/',
    '/forms/', '/forms/violation-record/', '/sign/', '/verify/', '/register/', '/approve/', '/audit/',
    '/training/', '/training/violations/', '/training/violations/fire-lane-repeat/', '/training/matrix/', '/no-such-page/',
  ];
  it('every page type, in both languages, loads and hydrates without a CSP violation', async () => {
    const { page, consoleErrors, close } = await session();
    for (const path of [...PAGE_TYPES, ...PAGE_TYPES.map((p) => `/zh-cn${p}`)]) {
      await page.goto(`${cspSite}${path}`);
      // Islands that load at once have hydrated (Astro drops `ssr`); client:visible ones wait for a scroll.
      await page.waitForFunction(() => !document.querySelector('astro-island[ssr]:not([client="visible"])'));
      const policy = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
      expect(policy, path).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
      expect(policy, path).not.toContain("'unsafe-inline'");
      expect(s.cspViolations, path).toEqual([]);
    }
    expect(consoleErrors.filter((e) => /Content.Security.Policy|Refused to/i.test(e))).toEqual([]);
    await close();
  });

  it("Starlight's theme script (allowed by its hash) sets the theme before the page is drawn", async () => {
    const sess = await openSession(browser, { colorScheme: 'light' });
    // The server's HTML says data-theme="dark"; what the first <body> sees is what the head script set.
    await sess.context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (!document.body) return;
        (window as unknown as { __themeAtBody: string }).__themeAtBody = document.documentElement.dataset.theme ?? '';
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    const themeAtBody = () => sess.page.evaluate(() => (window as unknown as { __themeAtBody: string }).__themeAtBody);
    await sess.page.goto(`${cspSite}/sops/complaints/`);
    expect(await themeAtBody()).toBe('light');
    await sess.page.evaluate(() => localStorage.setItem('starlight-theme', 'dark'));
    await sess.page.reload();
    expect(await themeAtBody()).toBe('dark');
    await sess.close();
  });
});
