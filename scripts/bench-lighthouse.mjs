#!/usr/bin/env node
/**
 * Lighthouse (mobile) on the built site's page types and on the bare Starlight anchor's procedure page, both
 * served from this machine; prints a table. Needs `npm run build` first; builds the anchor if it is missing.
 * Both sites are served as the README tells hosts to: each file's precompressed .br/.gz twin when the browser accepts it
 * (the anchor is precompressed the same way first).
 * Usage: npm run bench:lighthouse [-- --runs 3] [-- --only form] [-- --chrome /usr/bin/chromium]
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatLighthouseTable, lighthouseTable } from '../src/lib/build/bench-lighthouse.ts';
import { buildBareStarlight } from '../src/lib/build/bench-site.ts';
import { precompressSite } from '../src/lib/precompress.ts';
import { siteCsp, startStaticServer } from '../test/browser/static-server.ts';
import { requireBrowserPackages } from './system-packages.mjs';

requireBrowserPackages();

const { values } = parseArgs({
  options: {
    chrome: { type: 'string', default: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
    runs: { type: 'string', default: '3' },
    only: { type: 'string', multiple: true, default: [] },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('--runs 應為正整數／--runs must be a positive integer');
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'dist/index.html'))) {
  console.error('請先執行 npm run build／build the site first (npm run build)');
  process.exit(2);
}
const anchorDist = buildBareStarlight(root);
await precompressSite(anchorDist);
const site = await startStaticServer(join(root, 'dist'), { 'content-security-policy': siteCsp(join(root, 'dist')) }, { precompressed: true });
const bare = await startStaticServer(anchorDist, {}, { precompressed: true });
const pages = [
  ['bare Starlight procedure page', `${bare.url}/sops/violations/`],
  ['home', `${site.url}/`],
  ['procedure /sops/violations/', `${site.url}/sops/violations/`],
  ['form /forms/violation-record/', `${site.url}/forms/violation-record/`],
  ['/sign/', `${site.url}/sign/`],
  ['/verify/', `${site.url}/verify/`],
  ['/register/', `${site.url}/register/`],
  ['/audit/', `${site.url}/audit/`],
  ['/approve/', `${site.url}/approve/`],
  ['/training/violations/', `${site.url}/training/violations/`],
  ['简体 /zh-cn/sops/violations/', `${site.url}/zh-cn/sops/violations/`],
]
  .filter(([, url]) => !url.startsWith(site.url) || existsSync(join(root, 'dist', new URL(url).pathname, 'index.html')))
  .filter(([name]) => !values.only.length || name.startsWith('bare') || values.only.some((o) => name.includes(o)))
  .map(([name, url]) => ({ name, url }));
console.log(`Lighthouse mobile preset, ${pages.length} pages × ${runs} runs (medians), served precompressed, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
try {
  const rows = await lighthouseTable(pages, values.chrome, (line) => console.log(line), runs);
  console.log(`load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(formatLighthouseTable(rows));
} finally {
  site.server.close();
  bare.server.close();
}
