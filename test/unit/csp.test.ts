/**
 * The Content-Security-Policy: no 'unsafe-inline' or 'unsafe-eval' for scripts and styles, and every
 * inline script, style element and style attribute of every built page (both languages) allowed by its
 * hash in that page's <meta> and in the header the build wrote for hosts. The pages' inline code is
 * found here with a plain scan of the HTML, independently of the build's parser.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UNHASHED_POLICY, inlineHashes, policyFor, policyOf, withPolicy } from '../../src/lib/csp.ts';
import { builtHostingHeaders } from '../../src/lib/hosting-headers.ts';

/** Digest with WebCrypto (the build uses node:crypto). */
async function digest(text: string): Promise<string> {
  return Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString('base64');
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

function expectStrict(policy: string) {
  const d = directives(policy);
  for (const name of ['script-src', 'style-src']) {
    expect(d.get(name), name).toBeDefined();
    expect(d.get(name), name).not.toContain("'unsafe-inline'");
    expect(d.get(name), name).not.toContain("'unsafe-eval'");
    expect(d.get(name), name).not.toContain('*');
  }
  expect(d.get('script-src')).toContain("'wasm-unsafe-eval'");
  expect(d.get('script-src')).not.toContain("'unsafe-hashes'");
  expect(d.get('default-src')).toEqual(["'self'"]);
  expect(d.get('connect-src')).toEqual(["'self'"]);
  expect(d.get('object-src')).toEqual(["'none'"]);
}

const decode = (s: string) =>
  s.replace(/&(#x27|#39|quot|lt|gt|amp);/g, (_, e: string) => ({ '#x27': "'", '#39': "'", quot: '"', lt: '<', gt: '>', amp: '&' })[e]!);

/** What a browser would have to allow on a page, found by a plain scan. */
function inlineCode(html: string) {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter(([, attrs]) => !/\ssrc=/.test(attrs) && !/\stype="?application\/(ld\+)?json/.test(attrs))
    .map((m) => m[2]);
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  const styleAttributes = [...html.matchAll(/<[a-zA-Z][^<>]*?\sstyle="([^"]*)"/g)].map((m) => decode(m[1]));
  const handlers = [...html.matchAll(/<[a-zA-Z][^<>]*?\s(on[a-z]+)=/g)].map((m) => m[1]);
  return { scripts, styles, styleAttributes, handlers };
}

describe('the policy', () => {
  it('allows scripts and styles only from the site and by hash, never inline or eval', async () => {
    const policy = policyFor({ scripts: ['c2NyaXB0'], styles: ['c3R5bGU='], styleAttributes: ['YXR0cg=='] });
    expectStrict(policy);
    const d = directives(policy);
    expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", "'sha256-c2NyaXB0'"]);
    // Style attributes need 'unsafe-hashes' (their hashes allow nothing without it); scripts never do.
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-hashes'", "'sha256-YXR0cg=='", "'sha256-c3R5bGU='"]);
    expect(directives(policyFor({ scripts: [], styles: [], styleAttributes: [] })).get('style-src')).toEqual(["'self'"]);
    // Only the dev server's pages (never a built one, see below) carry 'unsafe-inline'.
    expect(directives(UNHASHED_POLICY).get('script-src')).toContain("'unsafe-inline'");
  });

  it('hashes exactly what a browser checks: executable inline scripts, style elements and attributes', async () => {
    const html =
      '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="x">' +
      '<script>a()</script><script type="module">b()</script><script src="/c.js"></script>' +
      '<script type="application/json">{"d":1}</script><style>p{color:red}</style></head>' +
      '<body><p style="--depth: 0;">x</p><svg><style>g{fill:&quot;x&quot;}</style></svg></body></html>';
    expect(inlineHashes(html)).toEqual({
      scripts: [await digest('a()'), await digest('b()')].sort(),
      // Inside SVG the text is parsed: the browser hashes the decoded quotes.
      styles: [await digest('p{color:red}'), await digest('g{fill:"x"}')].sort(),
      styleAttributes: [await digest('--depth: 0;')],
    });
    expect(() => inlineHashes('<button onclick="go()">x</button>')).toThrow(/onClick/);
    const rewritten = withPolicy(html, "script-src 'self'");
    expect(policyOf(rewritten)).toBe("script-src 'self'");
    expect(() => withPolicy('<html></html>', "script-src 'self'")).toThrow(/found 0/);
  });
});

describe('the built site (dist/)', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : [],
    );
  const pages = files('dist');
  const header = builtHostingHeaders('dist')?.['Content-Security-Policy'] ?? '';

  it('has pages in both languages and a header policy', () => {
    expect(pages.length).toBeGreaterThan(100);
    expect(pages.some((p) => p.includes('/zh-cn/'))).toBe(true);
    expectStrict(header);
    expect(directives(header).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('every page: its <meta> policy is strict, comes before any script or style, and lists every inline hash; the header lists them too', async () => {
    const headerSources = new Set([...directives(header).get('script-src')!, ...directives(header).get('style-src')!]);
    const problems: string[] = [];
    for (const file of pages) {
      const html = readFileSync(file, 'utf8');
      const name = relative('dist', file);
      const policy = policyOf(html);
      expectStrict(policy);
      const d = directives(policy);
      const meta = html.search(/<meta http-equiv="Content-Security-Policy"/);
      const firstCode = html.search(/<(script|style)\b/);
      if (firstCode >= 0 && firstCode < meta) problems.push(`${name}: a script or style before the policy`);
      const code = inlineCode(html);
      if (code.handlers.length) problems.push(`${name}: inline handlers ${code.handlers.join(', ')}`);
      const need = [
        ...(await Promise.all(code.scripts.map(digest))).map((h) => ['script-src', h] as const),
        ...(await Promise.all([...code.styles, ...code.styleAttributes].map(digest))).map((h) => ['style-src', h] as const),
      ];
      for (const [directive, hash] of need) {
        if (!d.get(directive)!.includes(`'sha256-${hash}'`)) problems.push(`${name}: ${directive} lacks ${hash}`);
        if (!headerSources.has(`'sha256-${hash}'`)) problems.push(`${name}: the header lacks ${hash}`);
      }
      if (code.styleAttributes.length) expect(d.get('style-src'), name).toContain("'unsafe-hashes'");
      // No hash the page does not need: each page allows only its own code.
      const hashes = [...d.get('script-src')!, ...d.get('style-src')!].filter((s) => s.startsWith("'sha256-"));
      expect(hashes.length, name).toBe(new Set(need.map(([, h]) => `'sha256-${h}'`)).size);
    }
    expect(problems).toEqual([]);
  });
});
