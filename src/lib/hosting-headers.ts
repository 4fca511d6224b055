/**
 * The hosting headers (hostingHeaders in csp.ts, with the built site's policy) in the formats static
 * hosts read: `_headers` (Netlify, Cloudflare Pages) and an nginx snippet. The build writes them
 * (their policy holds the hashes of the built pages' inline code, so a committed copy would go stale);
 * `astro preview` and the test server read `dist/_headers` back, so every server sends the same.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the build writes each format: `_headers` inside dist/, the nginx snippet beside the sources. */
export const HOSTING_FILES = { headers: '_headers', nginx: 'hosting/nginx-headers.conf' } as const;

const NOTICE = 'Written by `npm run build` (src/lib/csp.ts) for this build. Do not edit by hand.';

/** Netlify / Cloudflare Pages `_headers`: one block for every path. */
export function headersFile(headers: Readonly<Record<string, string>>): string {
  return [`# ${NOTICE}`, '/*', ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`), ''].join('\n');
}

/** The headers a `_headers` file (as headersFile writes it) sends for every path. */
export function parseHeadersFile(text: string): Record<string, string> {
  const lines = text.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  if (lines[0] !== '/*') throw new Error('_headers: expected one block for /*');
  return Object.fromEntries(
    lines.slice(1).map((l) => {
      const i = l.indexOf(':');
      if (!/^ {2}\S/.test(l) || i < 0) throw new Error(`_headers: cannot read ${JSON.stringify(l)}`);
      return [l.slice(0, i).trim(), l.slice(i + 1).trim()];
    }),
  );
}

/** The headers of a built site (dist/_headers), or undefined before the first build. */
export function builtHostingHeaders(dist: string): Record<string, string> | undefined {
  const file = join(dist, HOSTING_FILES.headers);
  return existsSync(file) ? parseHeadersFile(readFileSync(file, 'utf8')) : undefined;
}

/**
 * nginx `add_header` lines for the `server { }` block that serves dist/. `always` also sends them
 * with 404 pages. nginx drops inherited add_header lines in any location that sets its own, so
 * such a location must include this file again.
 */
export function nginxSnippet(headers: Readonly<Record<string, string>>): string {
  const lines = Object.entries(headers).map(([name, value]) => {
    if (/["\\\n]/.test(value)) throw new Error(`header ${name} cannot be quoted for nginx: ${value}`);
    return `add_header ${name} "${value}" always;`;
  });
  return [
    `# ${NOTICE}`,
    '# include inside the server { } block that serves dist/, e.g. include /etc/nginx/snippets/handbook-headers.conf;',
    '# A location { } that sets its own add_header must include this file again (nginx does not inherit them).',
    ...lines,
    '',
  ].join('\n');
}

