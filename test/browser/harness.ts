/**
 * Debian's Chromium driven by playwright-core. Every page records requests that leave
 * 127.0.0.1, console errors and CSP violations, so tests can assert none happened. Closing a
 * session fails on any CSP violation its pages reported (every page's <meta> policy is in force on
 * both test servers), so every browser test checks the policy on the pages and actions it drives.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Session {
  context: BrowserContext;
  page: Page;
  foreignRequests: string[];
  consoleErrors: string[];
  /** `directive blocked-uri source:line sample` of each securitypolicyviolation event, in any frame. */
  cspViolations: string[];
  /** Closes the context; throws if a CSP violation was reported (unless opened with allowCspViolations). */
  close(): Promise<void>;
}

export async function openBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** A fresh context (its own storage) with one page. */
export async function openSession(
  browser: Browser,
  options: {
    colorScheme?: 'light' | 'dark';
    acceptDownloads?: boolean;
    viewport?: { width: number; height: number };
    serviceWorkers?: 'allow' | 'block';
    /** For a test that provokes violations on purpose (and checks them itself). */
    allowCspViolations?: boolean;
    /** The browser's language (navigator.languages); zh-TW unless a test needs another. */
    locale?: string;
  } = {},
): Promise<Session> {
  const context = await browser.newContext({
    locale: options.locale ?? 'zh-TW',
    ...(options.viewport ? { viewport: options.viewport } : {}),
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: options.acceptDownloads ?? true,
    // The offline tests (offline.test.ts) allow the service worker; elsewhere each fresh context
    // would precache the whole site (9 MB) in the background while the test runs.
    serviceWorkers: options.serviceWorkers ?? 'block',
  });
  const cspViolations: string[] = [];
  await context.exposeFunction('__reportCspViolation', (v: string) => cspViolations.push(v));
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __reportCspViolation(v: string): void }).__reportCspViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`.trim(),
      ),
    ),
  );
  const page = await context.newPage();
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) {
      foreignRequests.push(req.url());
    }
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(String(err)));
  const close = async () => {
    await context.close();
    if (!options.allowCspViolations && cspViolations.length) {
      throw new Error(`Content-Security-Policy violations:\n${cspViolations.join('\n')}`);
    }
  };
  return { context, page, foreignRequests, consoleErrors, cspViolations, close };
}

/** axe-core violations (WCAG 2.1 AA rules), formatted for an assertion message. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`,
  );
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
