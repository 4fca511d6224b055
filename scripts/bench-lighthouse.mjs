#!/usr/bin/env node
/**
 * Lighthouse (mobile) on the built site's page types and on the bare Starlight anchor's procedure page, both
 * served from this machine; prints a table. Needs `npm run build` first; builds the anchor if it is missing.
 * Usage: npm run bench:lighthouse [-- --chrome /usr/bin/chromium]
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatLighthouseTable, lighthouseTable } from '../src/lib/build/bench-lighthouse.ts';
import { buildBareStarlight } from '../src/lib/build/bench-site.ts';
import { siteCsp, startStaticServer } from '../test/browser/static-server.ts';

const { values } = parseArgs({ options: { chrome: { type: 'string', default: process.env.CHROME_PATH ?? '/usr/bin/chromium' } } });
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'dist/index.html'))) {
  console.error('請先執行 npm run build／build the site first (npm run build)');
  process.exit(2);
}
const anchorDist = buildBareStarlight(root);
const site = await startStaticServer(join(root, 'dist'), { 'content-security-policy': siteCsp(join(root, 'dist')) });
const bare = await startStaticServer(anchorDist);
const pages = [
  ['bare Starlight procedure page', `${bare.url}/sops/violations/`],
  ['home', `${site.url}/`],
  ['procedure /sops/violations/', `${site.url}/sops/violations/`],
  ['form /forms/violation-record/', `${site.url}/forms/violation-record/`],
  ['/sign/', `${site.url}/sign/`],
  ['/verify/', `${site.url}/verify/`],
  ['/register/', `${site.url}/register/`],
  ['/audit/', `${site.url}/audit/`],
]
  .filter(([, url]) => !url.startsWith(site.url) || existsSync(join(root, 'dist', new URL(url).pathname, 'index.html')))
  .map(([name, url]) => ({ name, url }));
console.log(`Lighthouse mobile preset, ${pages.length} pages, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
try {
  const rows = await lighthouseTable(pages, values.chrome, (line) => console.log(line));
  console.log(formatLighthouseTable(rows));
} finally {
  site.server.close();
  bare.server.close();
}
