#!/usr/bin/env node
/**
 * Measures the site: clean build time (median of N builds) and the JavaScript a page ships
 * before any interaction (gzip), following static imports of module scripts.
 * Usage: npm run bench:site [-- --builds 3]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

// `--pages` is followed by the pages to measure, as positionals.
const args = parseArgs({ allowPositionals: true, options: { builds: { type: 'string', default: '3' }, pages: { type: 'boolean' } } });
const builds = Number(args.values.builds);
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };

const times = [];
for (let i = 0; i < builds; i++) { // --builds 0 measures the existing dist/ only
  rmSync('dist', { recursive: true, force: true });
  rmSync('.astro', { recursive: true, force: true });
  rmSync('node_modules/.astro', { recursive: true, force: true });
  rmSync('node_modules/.vite', { recursive: true, force: true });
  rmSync('src/generated', { recursive: true, force: true });
  rmSync('public/blank-forms', { recursive: true, force: true });
  const t0 = performance.now();
  // The whole build as `npm start` runs it: validators, fonts, blank PDFs, then Astro and Pagefind.
  execFileSync('npm', ['run', 'build'], { env, stdio: 'ignore' });
  times.push((performance.now() - t0) / 1000);
}
times.sort((a, b) => a - b);
if (builds > 0) console.log(`clean build: median ${times[Math.floor(times.length / 2)].toFixed(1)} s over ${builds} (${times.map((t) => t.toFixed(1)).join(', ')})`);

/** Every JS file a page loads eagerly: <script src>, inline scripts, and their static imports. */
function pageScripts(htmlPath) {
  const html = readFileSync(htmlPath, 'utf8');
  const files = new Set();
  let inline = 0;
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = /src="([^"]+)"/.exec(m[1])?.[1];
    if (src) files.add(join('dist', src));
    else inline += gzipSync(m[2]).length;
    for (const imp of m[2].matchAll(/import\s*(?:[^'"]*from\s*)?["']([^"']+\.js)["']/g)) files.add(join('dist', imp[1]));
  }
  // Islands hydrated at load or idle fetch their component and renderer at once; client:visible
  // ones (forms folded inside a procedure) only when opened, so they are counted apart.
  let deferredIslands = 0;
  for (const m of html.matchAll(/<astro-island\b([^>]*)>/g)) {
    const directive = /\bclient="(\w+)"/.exec(m[1])?.[1];
    if (directive !== 'load' && directive !== 'idle') {
      deferredIslands++;
      continue;
    }
    for (const u of m[1].matchAll(/(?:component-url|renderer-url)="([^"]+)"/g)) files.add(join('dist', u[1]));
  }
  const queue = [...files];
  while (queue.length) {
    const f = queue.pop();
    if (!existsSync(f)) continue;
    const code = readFileSync(f, 'utf8');
    for (const imp of code.matchAll(/(?:import|export)\s*(?:[^'"()]*?from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
      const next = join(dirname(f), imp[1]);
      if (!files.has(next)) {
        files.add(next);
        queue.push(next);
      }
    }
  }
  const external = [...files].filter(existsSync).reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0);
  return { files: files.size, gzip: external + inline, deferredIslands };
}

const pages = args.values.pages ? args.positionals : ['index.html', 'sops/complaints/index.html', 'register/index.html'];
for (const page of pages) {
  const p = join('dist', page);
  if (!existsSync(p)) continue;
  const { files, gzip, deferredIslands } = pageScripts(p);
  const deferred = deferredIslands ? `; ${deferredIslands} island(s) load only when opened` : '';
  console.log(`${page}: ${(gzip / 1024).toFixed(1)} KB JS (gzip) before interaction, in ${files} file(s) + inline${deferred}`);
}
