#!/usr/bin/env node
/**
 * Puts the PDF fonts (SIL OFL 1.1, from npm) into public/fonts/ at build time so the browser can
 * embed them in exported records; they are not committed (18 MB):
 *   - NotoSansTC-Regular.ttf and NotoSansSC-Regular.ttf as published;
 *   - NotoSansTC-Common.ttf, the TC face cut to the characters nearly every record uses, so a
 *     first export downloads about 2 MB instead of 7. The browser falls back to the whole face
 *     when a record has a character outside it (src/lib/pdf/layout/fonts.ts);
 *   - each of the three cut to its widths and character map (*-Metrics.ttf, 2% of the bytes): verifying a
 *     record lays it out again from these, never from the faces (src/lib/pdf/layout/font-metrics.ts).
 * The common set: Big5's symbols and level-1 characters (the 5,401 常用字, read through the
 * platform's Big5 decoder), a few Hong Kong characters, printable ASCII and Latin-1, and every
 * non-ASCII character in the site's own text (src/, schemas/, content/), so labels, headers and
 * footers never need the whole face.
 *
 * Skipped when the common set, the font packages, subset-font and this code are unchanged since the last
 * run and the three files are intact (src/lib/build/step-cache.ts); `--force` cuts anyway.
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import subsetFont from 'subset-font';
import { runCachedStep } from '../src/lib/build/step-cache.ts';
import { metricsOnlyFace } from '../src/lib/pdf/layout/font-metrics.ts';

const FONTS = {
  'NotoSansTC-Regular.ttf': 'node_modules/@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf',
  'NotoSansSC-Regular.ttf': 'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
};
const COMMON_TC = 'NotoSansTC-Common.ttf';
const FACES = [...Object.keys(FONTS), COMMON_TC];
const metricsName = (face) => face.replace(/\.ttf$/, '-Metrics.ttf');
const SITE_TEXT_DIRS = ['src', 'schemas', 'content'];
/** Characters outside Big5 level 1 that Hong Kong addresses and names often use (屋邨, 峯) and a common variant (着). */
const HONG_KONG_COMMON = '邨峯啲嘅冇咗嚟喺噉哋佢嘢嗰睇攞着';
const SITE_TEXT_FILE = /\.(ts|tsx|mjs|astro|json|mdx|md|yaml)$/;

function big5Common() {
  const big5 = new TextDecoder('big5');
  const chars = [];
  // Lead bytes A1–A3 are symbols and punctuation, A4–C6 the level-1 characters; trail bytes 40–7E and A1–FE.
  for (let lead = 0xa1; lead <= 0xc6; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail > 0x7e && trail < 0xa1) continue;
      const ch = big5.decode(new Uint8Array([lead, trail]));
      if (ch && ch !== '\ufffd') chars.push(ch);
    }
  }
  return chars;
}

function siteText(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) siteText(path, out);
    else if (SITE_TEXT_FILE.test(name)) out.push(readFileSync(path, 'utf8'));
  }
  return out;
}

function commonCharacters() {
  const set = new Set(big5Common().join('') + HONG_KONG_COMMON);
  for (let cp = 0x20; cp <= 0xff; cp++) if (cp < 0x7f || cp > 0xa0) set.add(String.fromCodePoint(cp));
  for (const text of SITE_TEXT_DIRS.flatMap((d) => siteText(d))) {
    for (const ch of text) if (ch.codePointAt(0) > 0x7f) set.add(ch);
  }
  return [...set].sort().join('');
}

const { force } = parseArgs({ options: { force: { type: 'boolean', default: false } } }).values;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const chars = commonCharacters();
const { ran } = await runCachedStep({
  root,
  step: 'fonts',
  // The site's text counts only through the characters it adds to the set, so an edit in ASCII does not recut.
  inputs: {
    code: ['scripts/prepare-fonts.mjs', 'src/lib/pdf/layout/font-metrics.ts'],
    packages: ['@expo-google-fonts/noto-sans-tc', '@expo-google-fonts/noto-sans-sc'],
    values: { characters: createHash('sha256').update(chars).digest('hex') },
  },
  outputs: [...FACES, ...FACES.map(metricsName)].map((name) => `public/fonts/${name}`),
  force,
  run: async () => {
    mkdirSync('public/fonts', { recursive: true });
    for (const [name, from] of Object.entries(FONTS)) copyFileSync(from, `public/fonts/${name}`);
    const common = await subsetFont(readFileSync(FONTS['NotoSansTC-Regular.ttf']), chars, { targetFormat: 'truetype' });
    writeFileSync(`public/fonts/${COMMON_TC}`, common);
    for (const face of FACES) writeFileSync(`public/fonts/${metricsName(face)}`, metricsOnlyFace(new Uint8Array(readFileSync(`public/fonts/${face}`))));
    console.log(
      `fonts in public/fonts/: ${Object.keys(FONTS).join(', ')}, and ${COMMON_TC} (${[...chars].length} characters, ${(common.length / 1024 / 1024).toFixed(2)} MB)`,
    );
  },
});
if (!ran) console.log(`fonts in public/fonts/ up to date (${[...chars].length} characters, inputs unchanged), skipped`);
