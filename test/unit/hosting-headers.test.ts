/**
 * The hosting headers come from one source (hostingHeaders in src/lib/csp.ts, with the built site's
 * policy): the build writes them as dist/_headers and hosting/nginx-headers.conf, and each format, read
 * back independently, says exactly those headers.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hostingHeaders } from '../../src/lib/csp.ts';
import { HOSTING_FILES, builtHostingHeaders, headersFile, nginxSnippet, parseHeadersFile } from '../../src/lib/hosting-headers.ts';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('hosting headers', () => {
  it('carry what a <meta> policy cannot: frame-ancestors, X-Frame-Options, nosniff, Referrer-Policy', () => {
    const headers = hostingHeaders("default-src 'self'");
    expect(headers['Content-Security-Policy']).toBe("default-src 'self'; frame-ancestors 'none'");
    expect(headers['X-Frame-Options']).toBe('DENY');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('no-referrer');
  });

  it('_headers applies every header to every path and reads back', () => {
    const headers = hostingHeaders("script-src 'self' 'sha256-YQ=='");
    const text = headersFile(headers);
    const lines = text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    expect(lines[0]).toBe('/*');
    for (const l of lines.slice(1)) expect(l).toMatch(/^ {2}\S/);
    expect(parseHeadersFile(text)).toEqual(headers);
    expect(() => parseHeadersFile('/sign/*\n  X: y\n')).toThrow(/\/\*/);
  });

  it('the build wrote both formats with the same headers', () => {
    const built = builtHostingHeaders(join(root, 'dist'))!;
    expect(Object.keys(built)).toEqual(Object.keys(hostingHeaders('')));
    const nginx = Object.fromEntries(
      read(HOSTING_FILES.nginx)
        .split('\n')
        .filter((l) => l.startsWith('add_header'))
        .map((l) => {
          const m = /^add_header (\S+) "([^"]*)" always;$/.exec(l);
          expect(m, l).not.toBeNull();
          return [m![1], m![2]];
        }),
    );
    expect(nginx).toEqual(built);
    expect(read(join('dist', HOSTING_FILES.headers))).toBe(headersFile(built));
  });

  it('refuses a value nginx could not quote', () => {
    expect(() => nginxSnippet({ 'X-Test': 'a "quoted" value' })).toThrow(/X-Test/);
  });
});
