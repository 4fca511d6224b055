/**
 * The offline layer of a built site (Node only): `/build-info.json` (build id and the register
 * in force) and a Workbox service worker that precaches every page, the Pagefind index, the
 * scripts (forms, PDF, signing) and the common font cut. Run after everything else is written.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { generateSW } from 'workbox-build';
import type { RegisterRevision } from '../documents/register.ts';
import { BUILD_INFO_PATH, type BuildInfo } from './build-info.ts';

export const SERVICE_WORKER_PATH = '/sw.js';

/**
 * Fetched only when a record needs them (a character outside the common cut, or one TC lacks):
 * cached on first use rather than making every install download 15 MB.
 */
const ON_DEMAND = ['fonts/NotoSansTC-Regular.ttf', 'fonts/NotoSansSC-Regular.ttf'];
const OWN_FILES = ['sw.js', 'sw.js.map', 'workbox-*.js', 'workbox-*.js.map'];

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

export async function writeServiceWorker(dist: string): Promise<{ count: number; size: number; warnings: string[] }> {
  const { count, size, warnings } = await generateSW({
    globDirectory: dist,
    globPatterns: ['**/*'],
    globIgnores: [...OWN_FILES, ...ON_DEMAND],
    swDest: join(dist, SERVICE_WORKER_PATH.slice(1)),
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
  });
  return { count, size, warnings };
}
