/**
 * The system tools the PDF tests drive (poppler, qpdf, NSS certutil, openssl), a page renderer
 * with the machine's fonts hidden, and a tiny grayscale PNG codec (node:zlib) for the reference
 * images in test/fixtures/pdf/.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';

const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Runs a project script (scripts/<script>) as `npm run` does, with the Node running the tests (the
 * project's own Node 24, first on npm's PATH) rather than through npx, which costs a second a call.
 */
export function runScript(script: string, args: string[], cwd = PROJECT_ROOT): { status: number | null; stdout: string; stderr: string; out: string } {
  const r = spawnSync(process.execPath, [join(cwd, 'scripts', script), ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, out: `${r.stdout}${r.stderr}` };
}

const TOOLS: [string, string][] = [
  ['pdfsig', 'poppler-utils'],
  ['pdftotext', 'poppler-utils'],
  ['pdffonts', 'poppler-utils'],
  ['pdftoppm', 'poppler-utils'],
  ['pdfdetach', 'poppler-utils'],
  ['qpdf', 'qpdf'],
  ['certutil', 'libnss3-tools'],
  ['openssl', 'openssl'],
];

/** Throws (failing the test, never skipping it) when a tool is missing. */
export function requireTools(): void {
  const missing = TOOLS.filter(([bin]) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status !== 0);
  if (missing.length > 0) {
    throw new Error(
      `Missing system tools for the PDF tests: ${missing.map(([b]) => b).join(', ')}.\n` +
        'Install them: apt-get install poppler-utils qpdf libnss3-tools',
    );
  }
}

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const scratch: string[] = [];
let work: string | null = null;
let emptyFontConfig: string | null = null;

/** Removes the temporary directories (call from afterAll; keep them with KEEP_PDF_TEST_FILES=1). */
export function removeTempDirs(): void {
  if (process.env.KEEP_PDF_TEST_FILES) return;
  for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
  work = null;
  emptyFontConfig = null;
}
process.on('exit', removeTempDirs);

/** A temporary directory removed when the test process exits (keep with KEEP_PDF_TEST_FILES=1). */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(d);
  return d;
}

/** A scratch directory for this test process. */
export function workDir(): string {
  work ??= tempDir('pdf-test-');
  return work;
}

/** A fontconfig with no fonts: poppler cannot substitute a system CJK font for a broken embedded one. */
export function noSystemFonts(): Record<string, string> {
  if (!emptyFontConfig) {
    const dir = tempDir('no-fonts-');
    emptyFontConfig = join(dir, 'fonts.conf');
    writeFileSync(emptyFontConfig, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><cachedir>${dir}/cache</cachedir></fontconfig>\n`);
  }
  return { FONTCONFIG_FILE: emptyFontConfig, FONTCONFIG_PATH: join(emptyFontConfig, '..') };
}

export interface Gray {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Renders one page to 8-bit grayscale with system fonts hidden. */
export function renderPage(pdfPath: string, page = 1, dpi = 50): { image: Gray; stderr: string } {
  const r = spawnSync('pdftoppm', ['-r', String(dpi), '-gray', '-f', String(page), '-l', String(page), '-singlefile', pdfPath], {
    env: { ...process.env, ...noSystemFonts() },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr?.toString()}`);
  return { image: parsePgm(r.stdout as Buffer), stderr: r.stderr?.toString() ?? '' };
}

export function parsePgm(buf: Buffer): Gray {
  // P5 <w> <h> <max>\n<bytes>
  let pos = 0;
  const token = (): string => {
    while (pos < buf.length) {
      const c = buf[pos];
      if (c === 0x23) {
        while (pos < buf.length && buf[pos] !== 0x0a) pos++;
      } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else break;
    }
    const start = pos;
    while (pos < buf.length && ![0x20, 0x0a, 0x0d, 0x09].includes(buf[pos])) pos++;
    return buf.subarray(start, pos).toString('latin1');
  };
  if (token() !== 'P5') throw new Error('not a binary PGM');
  const width = Number(token());
  const height = Number(token());
  const max = Number(token());
  if (max !== 255) throw new Error('only 8-bit PGM');
  pos++; // the single whitespace after maxval
  return { width, height, pixels: new Uint8Array(buf.subarray(pos, pos + width * height)) };
}

// ---- grayscale PNG ---------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export function encodePng(img: Gray): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(img.width, 0);
  ihdr.writeUInt32BE(img.height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const raw = Buffer.alloc((img.width + 1) * img.height);
  for (let y = 0; y < img.height; y++) {
    raw[y * (img.width + 1)] = 0; // filter: none
    raw.set(img.pixels.subarray(y * img.width, (y + 1) * img.width), y * (img.width + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** Decodes an 8-bit grayscale, non-interlaced PNG (any filter). */
export function decodePng(buf: Buffer): Gray {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let pos = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.subarray(pos + 4, pos + 8).toString('latin1');
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 0 || data[12] !== 0) throw new Error('only 8-bit grayscale, non-interlaced PNG');
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (width + 1)];
    for (let x = 0; x < width; x++) {
      const v = raw[y * (width + 1) + 1 + x];
      const a = x > 0 ? pixels[y * width + x - 1] : 0;
      const b = y > 0 ? pixels[(y - 1) * width + x] : 0;
      const c = x > 0 && y > 0 ? pixels[(y - 1) * width + x - 1] : 0;
      let pred = 0;
      if (f === 1) pred = a;
      else if (f === 2) pred = b;
      else if (f === 3) pred = (a + b) >> 1;
      else if (f === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * width + x] = (v + pred) & 0xff;
    }
  }
  return { width, height, pixels };
}

export interface ImageDiff {
  sameSize: boolean;
  /** Mean absolute difference, 0-255. */
  mean: number;
  /** Share of pixels differing by more than 64. */
  changed: number;
  /** Share of pixels that are not white in the actual image (a blank render has ~0). */
  ink: number;
}

export function compareImages(actual: Gray, expected: Gray): ImageDiff {
  const ink = actual.pixels.reduce((n, v) => n + (v < 200 ? 1 : 0), 0) / actual.pixels.length;
  if (actual.width !== expected.width || actual.height !== expected.height) {
    return { sameSize: false, mean: 255, changed: 1, ink };
  }
  let sum = 0;
  let changed = 0;
  for (let i = 0; i < actual.pixels.length; i++) {
    const d = Math.abs(actual.pixels[i] - expected.pixels[i]);
    sum += d;
    if (d > 64) changed++;
  }
  return { sameSize: true, mean: sum / actual.pixels.length, changed: changed / actual.pixels.length, ink };
}

/** A throwaway NSS database trusting `caPem`, for `pdfsig -nssdir`. */
export function nssDbTrusting(caPem: string): string {
  const dir = tempDir('nss-');
  const ca = join(dir, 'ca.pem');
  writeFileSync(ca, caPem);
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  execFileSync('certutil', ['-A', '-d', `sql:${dir}`, '-n', 'test-company-ca', '-t', 'CT,C,C', '-a', '-i', ca]);
  return `sql:${dir}`;
}

/**
 * A pattern that finds `value` in pdftotext output: wrapping may put a line break between any
 * two characters (and replaces a space it breaks at); typed line breaks may come out as several.
 */
export function wrappedPattern(value: string): RegExp {
  const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = Array.from(value.replace(/\r\n?/g, '\n')).map((c) => (c === ' ' ? '[ \\n]' : c === '\n' ? '\\n+' : esc(c)));
  return new RegExp(parts.join('\\n?'), 'u');
}

/** An RGBA PNG (as signature_pad makes): a dark stroke on a transparent background. */
export function signaturePng(width = 300, height = 100): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const curve = height / 2 + Math.sin(x / 18) * (height / 3);
      const on = Math.abs(y - curve) < 3;
      const o = y * (width * 4 + 1) + 1 + x * 4;
      raw[o] = 20;
      raw[o + 1] = 30;
      raw[o + 2] = 90;
      raw[o + 3] = on ? 255 : 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
