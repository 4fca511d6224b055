/**
 * The JavaScript a built page makes the browser fetch and run before the user's first input, as
 * gzip bytes (level 9, as the build's precompressed `.gz` twins are served): its inline scripts, its
 * `<script src>`, the component and renderer of every island hydrated at load or idle, and all their
 * static imports, transitively. Dynamic `import()`s (a form's validator, the PDF panel) and islands
 * hydrated later (client:visible) are not counted: they load on use. Node only.
 *
 *   pageWeight('dist', '/forms/violation-record/')  // { gzip, inlineGzip, files: [{ path, gzip, bytes }], deferredIslands }
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface PageScript {
  /** Path under dist/, e.g. `/_astro/client.Bx.js`. */
  path: string;
  gzip: number;
  bytes: number;
}

export interface PageWeight {
  /** Everything counted: inline scripts plus every file below. */
  gzip: number;
  inlineGzip: number;
  /** Script files, largest first. */
  files: PageScript[];
  /** Islands that hydrate later (client:visible, client:media): not counted. */
  deferredIslands: number;
}

const gz = (bytes: Uint8Array | string) => gzipSync(bytes, { level: 9 }).length;

/** Relative static imports and re-exports of a built chunk (not `import()`). */
const STATIC_IMPORT = /(?:import|export)\s*(?:[^'"()]*?from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g;

/** `page`: a page path (`/forms/x/`) or an HTML file path. */
export function pageWeight(dist: string, page: string): PageWeight {
  const htmlPath = page.endsWith('.html') ? page : join(dist, page, 'index.html');
  const html = readFileSync(htmlPath, 'utf8');
  const files = new Set<string>();
  let inlineGzip = 0;
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    // JSON data blocks are not code.
    if (/\btype="application\/(?:ld\+)?json"/.test(m[1])) continue;
    const src = /src="([^"]+)"/.exec(m[1])?.[1];
    if (src) files.add(join(dist, src));
    else inlineGzip += gz(m[2]);
    for (const imp of m[2].matchAll(/import\s*(?:[^'"]*from\s*)?["']([^"']+\.js)["']/g)) files.add(join(dist, imp[1]));
  }
  // Islands hydrated at load or idle fetch their component and renderer at once; client:visible
  // ones (forms folded inside a procedure) only when opened.
  let deferredIslands = 0;
  for (const m of html.matchAll(/<astro-island\b([^>]*)>/g)) {
    const directive = /\bclient="(\w+)"/.exec(m[1])?.[1];
    if (directive !== 'load' && directive !== 'idle') {
      deferredIslands++;
      continue;
    }
    for (const u of m[1].matchAll(/(?:component-url|renderer-url)="([^"]+)"/g)) files.add(join(dist, u[1]));
  }
  const queue = [...files];
  while (queue.length) {
    const f = queue.pop()!;
    if (!existsSync(f)) continue;
    for (const imp of readFileSync(f, 'utf8').matchAll(STATIC_IMPORT)) {
      const next = join(dirname(f), imp[1]);
      if (!files.has(next)) {
        files.add(next);
        queue.push(next);
      }
    }
  }
  const list = [...files]
    .filter((f) => existsSync(f))
    .map((f) => {
      const bytes = readFileSync(f);
      return { path: `/${relative(dist, f)}`, gzip: gz(bytes), bytes: bytes.length };
    })
    .sort((a, b) => b.gzip - a.gzip || a.path.localeCompare(b.path));
  return { gzip: inlineGzip + list.reduce((s, f) => s + f.gzip, 0), inlineGzip, files: list, deferredIslands };
}
