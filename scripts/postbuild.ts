/**
 * Finishes a built site: 简体中文 pages, each page's hashed CSP and the hosting headers, the search
 * index over both languages, the offline layer.
 *
 *   npx node scripts/postbuild.ts [--dist dist]
 *
 * `npm run build` runs it after `astro build`.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { finishSite } from '../src/lib/postbuild.ts';

const { values } = parseArgs({ options: { dist: { type: 'string', default: 'dist' } } });
const started = performance.now();
const r = await finishSite(resolve(values.dist!), resolve(import.meta.dirname, '..'));
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
console.log(
  `简体中文 ${r.zhCnPages} pages; CSP hashes over ${r.csp.pages} pages: ${r.csp.union.scripts.length} scripts, ` +
    `${r.csp.union.styles.length} styles, ${r.csp.union.styleAttributes.length} style attributes; search index over ${r.searchPages} pages; build ${r.buildId}; ` +
    `offline precache ${r.precached.count} files, ${mb(r.precached.size)}; ` +
    `precompressed ${r.precompressed.files} files (${r.precompressed.fromCache} from cache), ${mb(r.precompressed.bytes)} -> br ${mb(r.precompressed.brotliBytes)}, gz ${mb(r.precompressed.gzipBytes)}; ` +
    `${Math.round(performance.now() - started)} ms.`,
);
