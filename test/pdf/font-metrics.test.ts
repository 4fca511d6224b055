/**
 * The metrics reader verifying lays records out with (src/lib/pdf/layout/font-metrics.ts) against
 * fontkit, on the three faces the site serves: for every character fontkit's cmap has, the same
 * answer to "has a glyph", the same glyph and the same width as fontkit's one-character layout
 * with ligatures off (what fonts.ts measures), except the characters that are laid out with
 * fontkit anyway (needsShaping); and nothing the cmap lacks is claimed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@cantoo/fontkit';
import { describe, expect, it } from 'vitest';
import { metricsEngine, metricsOnlyFace, needsShaping } from '../../src/lib/pdf/layout/font-metrics.ts';
import { FONT_FEATURES } from '../../src/lib/pdf/layout/fonts.ts';
import { exportRecordPdf, verifyPdf } from '../../src/lib/pdf/index.ts';
import { fontPaths, nodeFonts, nodeRecordChecks } from '../../src/lib/pdf/node.ts';
import { ROOT, envelopeOf, handbookRegister, testForms } from './helpers/records.ts';

interface FkGlyph {
  id: number;
  advanceWidth: number;
}
interface FkFont {
  characterSet: number[];
  unitsPerEm: number;
  ascent: number;
  descent: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  hasGlyphForCodePoint(cp: number): boolean;
  layout(text: string, features: Record<string, boolean>): { glyphs: FkGlyph[] };
}

const common = join(ROOT, 'public', 'fonts', 'NotoSansTC-Common.ttf');
const faces = { 'Noto Sans TC（常用字）': common, 'Noto Sans TC': fontPaths().tc, 'Noto Sans SC': fontPaths().sc };

describe.each(Object.entries(faces))('%s', (_name, path) => {
  it('agrees with fontkit on every character it does not leave to fontkit', () => {
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first (npm test does).`);
    const bytes = new Uint8Array(readFileSync(path));
    const fk = fontkit.create(bytes as never) as unknown as FkFont;
    const m = metricsEngine.create(bytes);
    const box = fk.bbox;
    expect([m.unitsPerEm, m.ascent, m.descent, m.bbox]).toEqual([fk.unitsPerEm, fk.ascent, fk.descent, { minX: box.minX, minY: box.minY, maxX: box.maxX, maxY: box.maxY }]);
    const differ: string[] = [];
    let compared = 0;
    const has = new Set(fk.characterSet);
    for (const cp of fk.characterSet) {
      const ch = String.fromCodePoint(cp);
      if (needsShaping(ch)) continue;
      compared++;
      const run = fk.layout(ch, { ...FONT_FEATURES }).glyphs;
      const g = m.layout(ch).glyphs;
      const same =
        m.hasGlyphForCodePoint(cp) === fk.hasGlyphForCodePoint(cp) &&
        run.length === g.length &&
        run.every((r, i) => r.id === g[i].id && r.advanceWidth === g[i].advanceWidth);
      if (!same) differ.push(`U+${cp.toString(16).toUpperCase()}`);
    }
    expect(differ).toEqual([]);
    expect(compared).toBeGreaterThan(6000);
    // Code points outside the cmap (every plane-0 and CJK Extension B one fontkit lacks) have no glyph in either.
    const claimed: string[] = [];
    for (let cp = 0; cp < 0x2b000; cp++) {
      if (cp >= 0xd800 && cp < 0xe000) continue;
      if (!has.has(cp) && m.hasGlyphForCodePoint(cp)) claimed.push(`U+${cp.toString(16).toUpperCase()}`);
    }
    expect(claimed).toEqual([]);
  }, 60_000);
});

describe.each(Object.entries(faces))('%s cut to its metrics (what verifying downloads)', (name, path) => {
  it('answers every question the reader asks as the whole face does, at under 5% of the bytes; the build wrote exactly it', () => {
    if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first (npm test does).`);
    const bytes = new Uint8Array(readFileSync(path));
    const cut = metricsOnlyFace(bytes);
    expect(cut.length / bytes.length).toBeLessThan(0.05);
    const whole = metricsEngine.create(bytes);
    const metrics = metricsEngine.create(cut);
    const header = (f: typeof whole) => [f.unitsPerEm, f.ascent, f.descent, f.bbox, f.capHeight, f.xHeight, f.italicAngle, f.post, f['OS/2']];
    expect(header(metrics)).toEqual(header(whole));
    const differ: string[] = [];
    for (let cp = 0; cp < 0x30000; cp++) {
      const a = whole.glyphForCodePoint(cp);
      const b = metrics.glyphForCodePoint(cp);
      if (a.id !== b.id || a.advanceWidth !== b.advanceWidth) differ.push(`U+${cp.toString(16).toUpperCase()}`);
    }
    expect(differ).toEqual([]);
    // No glyph outlines: fontkit reads the cut as a face without a glyf table.
    expect((fontkit.create(cut as never) as unknown as { directory: { tables: Record<string, unknown> } }).directory.tables.glyf).toBeUndefined();
    if (name === 'Noto Sans TC（常用字）') {
      const built = join(ROOT, 'public', 'fonts', 'NotoSansTC-Common-Metrics.ttf');
      expect(Buffer.compare(readFileSync(built), Buffer.from(cut))).toBe(0);
    }
  }, 60_000);
});

it('verifying with the metrics-only faces gives the report the whole faces give, and text fontkit shapes still uses the whole face', async () => {
  const whole = nodeFonts();
  const tc = typeof whole.tc === 'function' ? await whole.tc() : whole.tc;
  const sc = typeof whole.sc === 'function' ? await whole.sc() : whole.sc!;
  const faceless = { tc: new Uint8Array(0), sc: new Uint8Array(0) };
  const metrics = { tc: metricsOnlyFace(new Uint8Array(tc)), sc: metricsOnlyFace(new Uint8Array(sc)) };
  const intake = testForms().find((f) => f.id === 'complaint-intake')!;
  const check = async (data: Record<string, unknown>, fonts: typeof whole) => {
    const bytes = await exportRecordPdf({ form: intake.form, record: envelopeOf(intake, data), fonts: nodeFonts() });
    const { layout, rules } = nodeRecordChecks();
    return (await verifyPdf(bytes, { trust: [], register: handbookRegister(), rules, layout: { form: layout!.form, fonts } })).content;
  };
  const plain = { ...(intake.example as Record<string, unknown>), content: '業戶留言：樓上滲水，𡃁仔（粵）已到場' };
  // Only the metrics are given a usable face here: a report that matches was laid out from them.
  expect(await check(plain, { ...faceless, metrics })).toEqual({ matches: true, differences: [] });
  const shaped = { ...plain, content: '業戶留言：〮 Café（e\u0301）' };
  // And here only the whole faces are usable: text fontkit shapes is laid out from them.
  expect(await check(shaped, { ...whole, metrics: faceless })).toEqual({ matches: true, differences: [] });
  expect(await check(plain, { ...whole, metrics: faceless })).not.toEqual({ matches: true, differences: [] });
}, 60_000);

it('leaves marks, default-ignorable characters and Hangul to fontkit', () => {
  // fontkit draws a dotted circle before a lone tone mark (U+302E), a space for a zero-width joiner.
  for (const t of ['〮', 'e\u0301', 'a\u200db', '한', '\ufe0f']) expect(needsShaping(t), t).toBe(true);
  for (const t of ['投訴處理記錄 No. 12（A/1）', '𡃁', '\t']) expect(needsShaping(t), t).toBe(false);
});

it('a record with text fontkit shapes (a lone tone mark, a combining accent) still matches its page', async () => {
  const intake = testForms().find((f) => f.id === 'complaint-intake')!;
  const data = { ...(intake.example as Record<string, unknown>), content: '業戶留言：〮 Café（e\u0301）' };
  const bytes = await exportRecordPdf({ form: intake.form, record: envelopeOf(intake, data), fonts: nodeFonts() });
  const report = await verifyPdf(bytes, { trust: [], register: handbookRegister(), ...nodeRecordChecks() });
  expect(report.content).toEqual({ matches: true, differences: [] });
}, 60_000);
