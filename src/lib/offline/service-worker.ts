/**
 * The offline layer of a built site (Node only): `/build-info.json` (build id and the register
 * in force) and a Workbox service worker that precaches every page, the Pagefind index, the
 * scripts (forms, PDF, signing) and the common font cut. Run after everything else is written.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { generateSW, getManifest, type GenerateSWOptions } from 'workbox-build';
import type { RegisterRevision } from '../documents/register.ts';
import { BUILD_INFO_PATH, type BuildInfo } from './build-info.ts';

export const SERVICE_WORKER_PATH = '/sw.js';

/**
 * Fetched only when a record needs them (a character outside the common cut, or one TC lacks):
 * cached on first use rather than making every install download 15 MB.
 */
const ON_DEMAND = ['fonts/NotoSansTC-Regular.ttf', 'fonts/NotoSansSC-Regular.ttf'];
const OWN_FILES = ['sw.js', 'sw.js.map', 'workbox-*.js', 'workbox-*.js.map'];
// The hosting headers (csp.ts): read by Netlify and Cloudflare, never served, so precaching them would fail the install.
const HOST_FILES = ['_headers'];

function files(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), root) : [relative(root, join(dir, e.name)).split(sep).join('/')],
  );
}

/** A digest of every file the worker will precache, so two builds of the same sources share an id. */
export function contentDigest(dist: string): string {
  const own = new Set([BUILD_INFO_PATH.slice(1), 'sw.js', 'sw.js.map']);
  const hash = createHash('sha256');
  for (const f of files(dist).sort()) {
    if (own.has(f) || f.startsWith('workbox-')) continue;
    hash.update(f).update('\0').update(readFileSync(join(dist, f))).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

export function writeBuildInfo(dist: string, register: RegisterRevision[], builtAt = new Date()): BuildInfo {
  const info: BuildInfo = { buildId: contentDigest(dist), builtAt: builtAt.toISOString(), register };
  writeFileSync(join(dist, BUILD_INFO_PATH.slice(1)), JSON.stringify(info, null, 2));
  return info;
}

/** What the worker does, apart from the files it lists (so the bundled worker does not depend on the site). */
const WORKER_OPTIONS = {
  // The common font cut is 1.9 MB and the PDF library chunk is large too.
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  // /sops/x/ is served from the precached /sops/x/index.html.
  directoryIndex: 'index.html',
  // Pagefind asks for pagefind-entry.json?ts=<now> to dodge HTTP caches; the precached copy
  // is the one that matches the cached index.
  ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^ts$/],
  cleanupOutdatedCaches: true,
  clientsClaim: true,
  // A new build waits until the reader chooses to reload (the page offers it).
  skipWaiting: false,
  inlineWorkboxRuntime: true,
  sourcemap: false,
  mode: 'production',
  runtimeCaching: [
    {
      urlPattern: ({ url }) => ['/fonts/NotoSansTC-Regular.ttf', '/fonts/NotoSansSC-Regular.ttf'].includes(url.pathname),
      handler: 'CacheFirst',
      options: { cacheName: 'handbook-full-fonts' },
    },
  ],
} satisfies Partial<GenerateSWOptions>;

const GLOB = { globPatterns: ['**/*'], globIgnores: [...OWN_FILES, ...HOST_FILES, ...ON_DEMAND], maximumFileSizeToCacheInBytes: WORKER_OPTIONS.maximumFileSizeToCacheInBytes };

/** The one file of the template site: its manifest entry is where the real list goes. */
const PLACEHOLDER = '__handbook_precache_list__';
const PLACEHOLDER_LIST = new RegExp(`\\[\\{url:"${PLACEHOLDER}",revision:"[0-9a-f]+"\\}\\]`, 'g');

/**
 * The bundled worker (Workbox's runtime, minified: about 3 s of CPU) with a placeholder for the precache list.
 * It depends only on WORKER_OPTIONS and workbox-build, so it is kept in `cacheDir` under the hash of this
 * module's code and workbox-build's version, and a build only lists and hashes its files.
 */
async function workerTemplate(cacheDir?: string): Promise<string> {
  const require = createRequire(import.meta.url);
  const version = JSON.parse(readFileSync(require.resolve('workbox-build/package.json'), 'utf8')).version as string;
  const key = createHash('sha256').update(`${version}\0${readFileSync(new URL(import.meta.url), 'utf8')}`).digest('hex').slice(0, 24);
  const cached = cacheDir ? join(cacheDir, `sw-template-${key}.js`) : null;
  if (cached && existsSync(cached)) return readFileSync(cached, 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'sw-template-'));
  try {
    writeFileSync(join(dir, PLACEHOLDER), '');
    await generateSW({ ...WORKER_OPTIONS, globDirectory: dir, globPatterns: ['**/*'], swDest: join(dir, 'sw.js') });
    const template = readFileSync(join(dir, 'sw.js'), 'utf8');
    // Should Workbox ever write the list differently, fail loudly rather than ship a worker without it.
    if ((template.match(PLACEHOLDER_LIST) ?? []).length !== 1) throw new Error('Workbox: precache list not found in the generated worker');
    if (cached) {
      mkdirSync(cacheDir!, { recursive: true });
      writeFileSync(cached, template);
    }
    return template;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writes dist/sw.js: the worker Workbox's generateSW writes (the same code and precache list; a test compares
 * them), from the cached template and the list of dist's files with their hashes.
 */
export async function writeServiceWorker(dist: string, cacheDir?: string): Promise<{ count: number; size: number; warnings: string[] }> {
  const [template, { manifestEntries, count, size, warnings }] = await Promise.all([workerTemplate(cacheDir), getManifest({ globDirectory: dist, ...GLOB })]);
  const list = `[${(manifestEntries ?? []).map((e) => `{url:${JSON.stringify(e.url)},revision:${JSON.stringify(e.revision)}}`).join(',')}]`;
  writeFileSync(join(dist, SERVICE_WORKER_PATH.slice(1)), template.replace(PLACEHOLDER_LIST, () => list));
  return { count, size, warnings };
}

/** Workbox's own generateSW over the whole site: what writeServiceWorker must equal. */
export async function generateServiceWorkerDirectly(dist: string): Promise<void> {
  await generateSW({ ...WORKER_OPTIONS, globDirectory: dist, ...GLOB, swDest: join(dist, SERVICE_WORKER_PATH.slice(1)) });
}
