/**
 * What `npm start` serves: the site through `astro preview` (the command after the build in the start
 * script) with the hosting headers, and /sign/ refused inside another origin's iframe. A second origin
 * on another loopback port frames it; the same frame of the header-less test server loads, so the test
 * tells a refused frame from a broken one.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openBrowser, openSession } from './harness.ts';
import { builtHostingHeaders } from '../../src/lib/hosting-headers.ts';

const root = resolve(import.meta.dirname, '../..');
const plainSite = inject('siteUrl');

let browser: Browser;
let preview: ChildProcess;
let previewUrl: string;
let framer: Server;
let framerUrl: string;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const url = await listen(probe);
  await new Promise((done) => probe.close(done));
  return Number(new URL(url).port);
}

beforeAll(async () => {
  const start = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start as string;
  const command = start.split('&&').at(-1)!.trim().split(/\s+/);
  expect(command.slice(0, 2)).toEqual(['astro', 'preview']);
  const args = command.slice(2);
  const port = await freePort();
  args[args.indexOf('--port') + 1] = String(port);
  preview = spawn(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'preview', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  previewUrl = `http://127.0.0.1:${port}`;
  await new Promise<void>((ready, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`astro preview did not start:\n${out}`)), 30_000);
    const read = (chunk: Buffer) => {
      out += chunk;
      if (out.includes(previewUrl)) {
        clearTimeout(timer);
        ready();
      }
    };
    preview.stdout!.on('data', read);
    preview.stderr!.on('data', read);
    preview.on('exit', (code) => fail(new Error(`astro preview exited (${code}):\n${out}`)));
  });
  // Another origin: same host, another port.
  framer = createServer((req, res) => {
    const target = new URL(req.url ?? '/', 'http://x').searchParams.get('src') ?? '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="zh-TW"><title>外站</title><h1>外站頁面</h1><iframe id="victim" src="${target}" width="800" height="600"></iframe>`);
  });
  framerUrl = await listen(framer);
  browser = await openBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  framer?.close();
  preview?.kill();
});

describe('npm start serves the hosting headers', () => {
  it.each([['/sign/'], ['/'], ['/verify/'], ['/forms/qr-gr-036/'], ['/pagefind/pagefind.js']])('%s carries every header', async (path) => {
    const res = await fetch(`${previewUrl}${path}`);
    expect(res.status).toBe(200);
    const headers = builtHostingHeaders(join(root, 'dist'))!;
    expect(Object.keys(headers)).toHaveLength(4);
    for (const [name, value] of Object.entries(headers)) expect(res.headers.get(name), name).toBe(value);
  });
});

describe('clickjacking', () => {
  /** What the framed /sign/ shows: its heading, or null if the browser refused to render it. */
  async function framedHeading(page: Page, site: string): Promise<string | null> {
    const refused = new Promise<string>((done) => {
      page.on('console', (m) => {
        if (/frame-ancestors|X-Frame-Options/.test(m.text())) done(m.text());
      });
    });
    await page.goto(`${framerUrl}/?src=${encodeURIComponent(`${site}/sign/`)}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('外站頁面');
    const frame = await (await page.locator('#victim').elementHandle())!.contentFrame();
    expect(frame).not.toBeNull();
    await frame!.waitForLoadState('load');
    const heading = frame!.url().startsWith(site)
      ? await frame!.locator('h1').first().textContent({ timeout: 5_000 }).catch(() => null)
      : null;
    if (heading === null) expect(await Promise.race([refused, new Promise((done) => setTimeout(() => done('no report'), 3_000))])).toMatch(/frame-ancestors/);
    return heading;
  }

  it('another origin cannot frame /sign/ from npm start’s server', async () => {
    const s = await openSession(browser);
    expect(await framedHeading(s.page, previewUrl)).toBeNull();
    await s.close();
  });

  it('control: the same frame of a server without the headers does load /sign/', async () => {
    const s = await openSession(browser);
    expect(await framedHeading(s.page, plainSite)).toContain('簽署記錄 PDF');
    await s.close();
  });
});
