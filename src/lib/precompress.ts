/**
 * Precompressed twins of a built site's text files: `<file>.br` and `<file>.gz` beside each, for hosts
 * that serve them as they are (nginx `brotli_static` / `gzip_static`, Caddy `precompressed`), so the
 * fonts and the PDF chunk are not compressed again on every request. Node only; runs last in the
 * build, after the offline layer has listed its files (the twins are never precached).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text and font files worth compressing; images, Pagefind's own gzip files and archives are not. */
export const PRECOMPRESSED_EXTENSIONS = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.xml', '.txt', '.ttf', '.otf', '.webmanifest', '.wasm']);
/** Smaller files gain too little to be worth a second and third copy. */
export const PRECOMPRESS_MIN_BYTES = 1024;

/**
 * Brotli quality by size, measured on this site's files: 9 is within 6 % of 11 at a tenth of the time
 * (11 took 2.7 s per MB of script); the multi-megabyte fonts get 4 (10 MB in 1.3 s; 6 took 5 s for 6 % less).
 */
export function brotliQuality(size: number): number {
  return size > 1024 * 1024 ? 4 : 9;
}

export interface PrecompressResult {
  files: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

function candidates(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...candidates(path));
    else if (PRECOMPRESSED_EXTENSIONS.has(extname(entry.name)) && statSync(path).size >= PRECOMPRESS_MIN_BYTES) out.push(path);
  }
  return out;
}

async function compress(bytes: Buffer): Promise<[Buffer, Buffer]> {
  return Promise.all([
    brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality(bytes.length), [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
    gzipAsync(bytes, { level: 9 }),
  ]);
}

/**
 * `cacheDir` keeps each file's twins under the hash of its bytes, so a rebuild compresses only what
 * changed (the fonts and hashed scripts rarely do).
 */
export async function precompressSite(dist: string, cacheDir?: string): Promise<PrecompressResult & { fromCache: number }> {
  const result = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0, fromCache: 0 };
  if (cacheDir) mkdirSync(cacheDir, { recursive: true });
  const one = async (path: string) => {
    const bytes = readFileSync(path);
    const key = cacheDir ? join(cacheDir, `${createHash('sha256').update(bytes).digest('hex')}-${brotliQuality(bytes.length)}`) : null;
    let br: Buffer, gz: Buffer;
    if (key && existsSync(`${key}.br`) && existsSync(`${key}.gz`)) {
      [br, gz] = [readFileSync(`${key}.br`), readFileSync(`${key}.gz`)];
      result.fromCache += 1;
    } else {
      [br, gz] = await compress(bytes);
      if (key) {
        writeFileSync(`${key}.br`, br);
        writeFileSync(`${key}.gz`, gz);
      }
    }
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gz);
    result.files += 1;
    result.bytes += bytes.length;
    result.brotliBytes += br.length;
    result.gzipBytes += gz.length;
  };
  // zlib's async calls run on libuv's pool (4 threads): keep a few files in flight.
  const queue = candidates(dist);
  await Promise.all(Array.from({ length: 4 }, async () => {
    for (let path = queue.pop(); path; path = queue.pop()) await one(path);
  }));
  return result;
}
