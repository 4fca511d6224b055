/**
 * The built site's precompressed twins: each is the original, compressed (decoded here with node:zlib),
 * the service worker never lists them, and a second run reuses its cache.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { precompressSite } from '../../src/lib/precompress.ts';

describe('precompressed files in the built site', () => {
  it('sit beside the fonts, scripts and pages and decode to the same bytes', () => {
    const scripts = readdirSync('dist/_astro').filter((f) => f.endsWith('.js'));
    const biggest = scripts.map((f) => join('dist/_astro', f)).sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0];
    for (const file of ['dist/fonts/NotoSansTC-Common.ttf', 'dist/index.html', biggest]) {
      const original = readFileSync(file);
      expect(brotliDecompressSync(readFileSync(`${file}.br`)).equals(original), file).toBe(true);
      expect(gunzipSync(readFileSync(`${file}.gz`)).equals(original), file).toBe(true);
      expect(readFileSync(`${file}.br`).length).toBeLessThan(original.length * 0.7);
    }
    // Images are not compressed again; the offline list names no twin.
    expect(existsSync('dist/icons/icon-512.png.br')).toBe(false);
    expect(readFileSync('dist/sw.js', 'utf8')).not.toMatch(/\.(br|gz)"/);
  });

  it('compresses only files worth it and takes unchanged files from its cache', async () => {
    const site = mkdtempSync(join(tmpdir(), 'precompress-'));
    const cache = mkdtempSync(join(tmpdir(), 'precompress-cache-'));
    cpSync('dist/index.html', join(site, 'index.html'));
    writeFileSync(join(site, 'tiny.js'), 'export {};');
    const first = await precompressSite(join(site), cache);
    expect(first).toMatchObject({ files: 1, fromCache: 0 });
    expect(existsSync(join(site, 'tiny.js.br'))).toBe(false);
    const second = await precompressSite(join(site), cache);
    expect(second).toMatchObject({ files: 1, fromCache: 1 });
    expect(brotliDecompressSync(readFileSync(join(site, 'index.html.br'))).equals(readFileSync(join(site, 'index.html')))).toBe(true);
  });
});
