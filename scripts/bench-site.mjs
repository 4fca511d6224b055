#!/usr/bin/env node
/**
 * Measures the site: its whole build (`npm run build`) beside a bare Starlight build of the same MDX, built
 * alternately in one run (medians of wall and CPU seconds, and their ratio), then the JavaScript a page
 * ships before any interaction (gzip). What the anchor holds: src/lib/build/bench-site.ts.
 * Usage: npm run bench:site [-- --builds 3] [--cold] [--pages page.html …]
 *   --builds 0   measures the existing dist/ only
 *   --cold       also deletes the prebuild outputs and stamps before each site build (a fresh clone)
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchBuilds, median, pageScripts } from '../src/lib/build/bench-site.ts';

// `--pages` is followed by the pages to measure, as positionals.
const args = parseArgs({
  allowPositionals: true,
  options: { builds: { type: 'string', default: '3' }, pages: { type: 'boolean' }, cold: { type: 'boolean', default: false } },
});
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const builds = Number(args.values.builds);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

if (builds > 0) {
  console.log(`${builds} build(s) each, interleaved; ${cpus().length} CPU(s), load average ${load()} at the start`);
  const r = benchBuilds({ root, runs: builds, cold: args.values.cold, log: (line) => console.log(line) });
  console.log(`bare Starlight anchor: ${r.anchorPages.length} pages (${r.anchorPages.join(', ')})`);
  const row = (name, t) => {
    const cpu = t.every((x) => x.cpu !== null) ? `, CPU median ${median(t.map((x) => x.cpu)).toFixed(1)} s` : '';
    return `${name}: wall median ${median(t.map((x) => x.wall)).toFixed(1)} s (${t.map((x) => x.wall.toFixed(1)).join(', ')})${cpu}`;
  };
  console.log(row(`site build${args.values.cold ? ' (cold prebuild)' : ''}`, r.site));
  console.log(row('bare Starlight build', r.bare));
  const ratio = (k) => median(r.site.map((x) => x[k])) / median(r.bare.map((x) => x[k]));
  const cpuRatio = r.site.every((x) => x.cpu !== null) && r.bare.every((x) => x.cpu !== null) ? `, CPU ${ratio('cpu').toFixed(2)}x` : '';
  console.log(`ratio site / bare: wall ${ratio('wall').toFixed(2)}x${cpuRatio} (goal <= 2x); load average ${load()} at the end`);
}

const pages = args.values.pages ? args.positionals : ['index.html', 'sops/complaints/index.html', 'register/index.html'];
for (const page of pages) {
  const p = join(root, 'dist', page);
  if (!existsSync(p)) continue;
  const { files, gzip, deferredIslands } = pageScripts(join(root, 'dist'), p);
  const deferred = deferredIslands ? `; ${deferredIslands} island(s) load only when opened` : '';
  console.log(`${page}: ${(gzip / 1024).toFixed(1)} KB JS (gzip) before interaction, in ${files} file(s) + inline${deferred}`);
}
