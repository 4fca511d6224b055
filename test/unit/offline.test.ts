/**
 * The offline layer's logic in Node: which revisions changed between two builds, what the page
 * says, and the worker Workbox writes for a small built site (what it precaches, what it leaves
 * to first use, a build id that follows the content).
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from '../pdf/helpers/tools.ts';
import type { RegisterRevision } from '../../src/lib/documents/register.ts';
import { offlineCopyNote, revisionChangeNote, revisionsInForceChanged } from '../../src/lib/offline/build-info.ts';
import { contentDigest, generateServiceWorkerDirectly, writeBuildInfo, writeServiceWorker } from '../../src/lib/offline/service-worker.ts';

const rev = (docNumber: string, revision: string, status: RegisterRevision['status'], effectiveDate: string | null = null): RegisterRevision => ({
  procedure: docNumber.toLowerCase(),
  docNumber,
  title: `規程 ${docNumber}`,
  revision,
  status,
  effectiveDate,
  path: `/sops/${docNumber.toLowerCase()}/`,
});

describe('revisions in force between two builds', () => {
  const before = [rev('HB-SOP-02', 'A/0', 'effective', '2026-11-27'), rev('HB-SOP-02', 'A/1', 'draft'), rev('TP/QP-09', 'A/1', 'effective')];

  it('none when the same revisions are in force, whatever happened to drafts', () => {
    expect(revisionsInForceChanged(before, before)).toEqual([]);
    expect(revisionsInForceChanged(before, [...before.slice(0, 1), rev('HB-SOP-02', 'A/1', 'in-review'), before[2]])).toEqual([]);
  });

  it('a correction that took effect, and a procedure new to the register', () => {
    const after = [rev('HB-SOP-02', 'A/0', 'superseded'), rev('HB-SOP-02', 'A/1', 'effective', '2026-12-15'), before[2], rev('HB-SOP-06', 'A/0', 'effective')];
    const changes = revisionsInForceChanged(before, after);
    expect(changes.map((c) => [c.docNumber, c.previous, c.revision])).toEqual([
      ['HB-SOP-02', 'A/0', 'A/1'],
      ['HB-SOP-06', null, 'A/0'],
    ]);
    expect(revisionChangeNote(changes[0])).toBe('HB-SOP-02《規程 HB-SOP-02》的生效版本已由 A/0 改為 A/1（2026年12月15日生效）。');
    expect(revisionChangeNote(changes[1])).toBe('HB-SOP-06《規程 HB-SOP-06》的生效版本已改為 A/0。');
  });

  it('the offline note says when the copy was saved, in local time', () => {
    const saved = new Date(2026, 11, 1, 9, 5);
    expect(offlineCopyNote(saved.toISOString())).toBe('離線副本，更新於 2026年12月1日 09:05。此副本可能不是現行版本，連線後會自動核對。');
  });
});

describe('the service worker for a built site', () => {
  function site(): string {
    const dist = tempDir('offline-dist-');
    const files: Record<string, string> = {
      'index.html': '<!doctype html><title>首頁</title>',
      'sops/violations/index.html': '<!doctype html><title>違章</title>',
      'zh-cn/sops/violations/index.html': '<!doctype html><title>违章</title>',
      'pagefind/pagefind-entry.json': '{}',
      'pagefind/wasm.zh.pagefind': 'x',
      '_astro/pdf.abc123.js': 'export {}',
      'fonts/NotoSansTC-Common.ttf': 'common',
      'fonts/NotoSansTC-Regular.ttf': 'full',
      'fonts/NotoSansSC-Regular.ttf': 'sc',
      'manifest.webmanifest': '{}',
      // The hosting headers: hosts read them and never serve them.
      _headers: '/*\n  X-Frame-Options: DENY\n',
    };
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dist, f)), { recursive: true });
      writeFileSync(join(dist, f), text);
    }
    return dist;
  }

  it('precaches pages of both languages, the search index, scripts and the common font; the full faces wait for first use; not the hosting headers', async () => {
    const dist = site();
    const info = writeBuildInfo(dist, [rev('HB-SOP-02', 'A/0', 'effective')]);
    await writeServiceWorker(dist);
    const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
    const precached = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]).sort();
    expect(precached).toEqual([
      '_astro/pdf.abc123.js',
      'build-info.json',
      'fonts/NotoSansTC-Common.ttf',
      'index.html',
      'manifest.webmanifest',
      'pagefind/pagefind-entry.json',
      'pagefind/wasm.zh.pagefind',
      'sops/violations/index.html',
      'zh-cn/sops/violations/index.html',
    ]);
    expect(sw).toContain('handbook-full-fonts');
    expect(JSON.parse(readFileSync(join(dist, 'build-info.json'), 'utf8')).buildId).toBe(info.buildId);
  });

  it('writes the worker Workbox generates (same list, same options), from a bundle kept between builds', async () => {
    // The minifier names variables after what the bundle holds, so the two differ in those names only.
    const list = (sw: string) => /\[\{url:"[^\]]*\}\]/.exec(sw)?.[0];
    const shape = (sw: string) => sw.replace(/\[\{url:"[^\]]*\}\]/, '[LIST]').replace(/[A-Za-z_$][\w$]*/g, 'x');
    const direct = async (dist: string) => {
      await generateServiceWorkerDirectly(dist);
      const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
      rmSync(join(dist, 'sw.js'));
      return sw;
    };
    const dist = site();
    writeBuildInfo(dist, [rev('HB-SOP-02', 'A/0', 'effective')]);
    const first = await direct(dist);
    const cacheDir = tempDir('sw-cache-');
    await writeServiceWorker(dist, cacheDir);
    const ours = readFileSync(join(dist, 'sw.js'), 'utf8');
    expect(list(ours)).toBe(list(first));
    expect(list(ours)).toContain('{url:"sops/violations/index.html",revision:"');
    expect(shape(ours)).toBe(shape(first));
    expect(readdirSync(cacheDir).filter((f) => f.startsWith('sw-template-'))).toHaveLength(1);
    // A second build, with a changed page, reuses the bundle and lists the page's new hash.
    rmSync(join(dist, 'sw.js'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>改</title>');
    const second = await direct(dist);
    await writeServiceWorker(dist, cacheDir);
    const reused = readFileSync(join(dist, 'sw.js'), 'utf8');
    expect(list(reused)).toBe(list(second));
    expect(list(reused)).not.toBe(list(first));
    expect(shape(reused)).toBe(shape(first));
  });

  it('gives the same build id to the same content, and a new one when any file changes', async () => {
    const dist = site();
    const first = contentDigest(dist);
    writeBuildInfo(dist, []);
    await writeServiceWorker(dist);
    expect(contentDigest(dist)).toBe(first);
    writeFileSync(join(dist, 'sops/violations/index.html'), '<!doctype html><title>違章（A/1）</title>');
    expect(contentDigest(dist)).not.toBe(first);
  });
});
