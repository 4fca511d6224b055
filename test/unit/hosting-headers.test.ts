/**
 * The hosting header files come from one source (HOSTING_HEADERS in src/lib/csp.ts): the committed
 * copies are current, and each format, read back independently, says exactly those headers.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY, HOSTING_HEADERS } from '../../src/lib/csp.ts';
import { hostingFiles, nginxSnippet } from '../../src/lib/hosting-headers.ts';

const root = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('hosting headers', () => {
  it('carry what a <meta> policy cannot: frame-ancestors, X-Frame-Options, nosniff, Referrer-Policy', () => {
    const csp = HOSTING_HEADERS['Content-Security-Policy'];
    expect(csp.startsWith(CONTENT_SECURITY_POLICY)).toBe(true);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(HOSTING_HEADERS['X-Frame-Options']).toBe('DENY');
    expect(HOSTING_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    expect(HOSTING_HEADERS['Referrer-Policy']).toBe('no-referrer');
  });

  it.each(Object.keys(hostingFiles()))('the committed %s is current', (path) => {
    expect(read(path)).toBe(hostingFiles()[path]);
  });

  it('`npm run hosting:headers -- --check` agrees, and names a stale file', () => {
    const check = (dir: string) =>
      spawnSync(join(root, 'node_modules/.bin/node'), [join(root, 'scripts/hosting-headers.ts'), '--check', '--root', dir], { encoding: 'utf8' });
    const ok = check(root);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const copy = mkdtempSync(join(tmpdir(), 'hosting-'));
    for (const [path, text] of Object.entries(hostingFiles())) {
      mkdirSync(dirname(join(copy, path)), { recursive: true });
      writeFileSync(join(copy, path), path === 'public/_headers' ? text.replace('DENY', 'SAMEORIGIN') : text);
    }
    const stale = check(copy);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('public/_headers 與 src/lib/csp.ts 不一致');
    expect(stale.stderr).not.toContain('nginx');
  });

  it('public/_headers applies every header to every path', () => {
    const lines = read('public/_headers').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    expect(lines[0]).toBe('/*');
    const parsed = Object.fromEntries(lines.slice(1).map((l) => {
      expect(l).toMatch(/^ {2}\S/);
      const i = l.indexOf(':');
      return [l.slice(0, i).trim(), l.slice(i + 1).trim()];
    }));
    expect(parsed).toEqual(HOSTING_HEADERS);
  });

  it('the nginx snippet adds every header, also on error responses', () => {
    const parsed = Object.fromEntries(
      read('hosting/nginx-headers.conf')
        .split('\n')
        .filter((l) => l.startsWith('add_header'))
        .map((l) => {
          const m = /^add_header (\S+) "([^"]*)" always;$/.exec(l);
          expect(m, l).not.toBeNull();
          return [m![1], m![2]];
        }),
    );
    expect(parsed).toEqual(HOSTING_HEADERS);
  });

  it('refuses a value nginx could not quote', () => {
    expect(() => nginxSnippet({ 'X-Test': 'a "quoted" value' })).toThrow(/X-Test/);
  });
});
