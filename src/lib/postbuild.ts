/**
 * What runs on a built site after `astro build` (Node only), in this order: the 简体中文 pages,
 * each page's hashed Content-Security-Policy and the hosting headers (after the last rewrite of any
 * page), one Pagefind index over both languages (each indexed under its own lang), and last the
 * offline layer, which must see every file it precaches, then the precompressed twins for the host.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as pagefind from 'pagefind';
import { ZH_CN_GLOSSARY, writeZhCnSite } from './i18n/zh-cn-site.ts';
import { readRegister } from './documents/register-files.ts';
import { writeBuildInfo, writeServiceWorker } from './offline/service-worker.ts';
import { precompressSite, type PrecompressResult } from './precompress.ts';
import { applySitePolicy, hostingHeaders, type SitePolicy } from './csp.ts';
import { HOSTING_FILES, headersFile, nginxSnippet } from './hosting-headers.ts';

export interface FinishedSite {
  zhCnPages: number;
  csp: SitePolicy;
  searchPages: number;
  buildId: string;
  precached: { count: number; size: number };
  precompressed: PrecompressResult & { fromCache: number };
}

async function indexSearch(dist: string): Promise<number> {
  const check = <T extends { errors: string[] }>(r: T): T => {
    if (r.errors.length) throw new Error(`Pagefind: ${r.errors.join('; ')}`);
    return r;
  };
  // Starlight indexed the site before the 简体 pages existed; index both languages afresh.
  rmSync(join(dist, 'pagefind'), { recursive: true, force: true });
  try {
    const { index } = check(await pagefind.createIndex());
    const { page_count } = check(await index!.addDirectory({ path: dist }));
    check(await index!.writeFiles({ outputPath: join(dist, 'pagefind') }));
    return page_count;
  } finally {
    await pagefind.close();
  }
}

function writeHostingFiles(dist: string, repoRoot: string, headers: Record<string, string>): void {
  writeFileSync(join(dist, HOSTING_FILES.headers), headersFile(headers));
  const nginx = join(repoRoot, HOSTING_FILES.nginx);
  mkdirSync(dirname(nginx), { recursive: true });
  writeFileSync(nginx, nginxSnippet(headers));
}

export async function finishSite(dist: string, repoRoot: string): Promise<FinishedSite> {
  const zhCn = writeZhCnSite(dist, { glossaryText: readFileSync(join(repoRoot, ZH_CN_GLOSSARY), 'utf8') });
  // Every page's inline code is final here (the twins were re-serialised): hash it, then tell the host.
  const csp = applySitePolicy(dist);
  writeHostingFiles(dist, repoRoot, hostingHeaders(csp.policy));
  const searchPages = await indexSearch(dist);
  const info = writeBuildInfo(dist, readRegister(join(repoRoot, 'content', 'sops')));
  const { count, size, warnings } = await writeServiceWorker(dist, join(repoRoot, 'node_modules', '.cache', 'handbook'));
  if (warnings.length) throw new Error(`Workbox: ${warnings.join('; ')}`);
  // Last: the .br/.gz twins are for the host, not for the service worker's list.
  const precompressed = await precompressSite(dist, join(repoRoot, 'node_modules', '.cache', 'precompress'));
  return { zhCnPages: zhCn.pages, csp, searchPages, buildId: info.buildId, precached: { count, size }, precompressed };
}
