/**
 * A TrueType reader that knows only what laying a record out needs: which characters the face has
 * (cmap) and how wide each is (hmtx), plus the few header values pdf-lib writes into the font
 * dictionaries. It stands in for fontkit where the PDF is only read back, never shown: verifying a
 * record lays its embedded JSON out again to compare the text each page shows (verify/content.ts),
 * and that needs widths, not glyph outlines, subsetting or shaping. The font program it embeds is
 * empty.
 *
 * The layout measures one character at a time with ligatures off (fonts.ts charWidth), so a
 * character's width is its cmap glyph's advance, except where fontkit's shaper changes a lone
 * character: marks (it inserts a dotted circle before a mark with no base), default-ignorable
 * characters (drawn as a space) and Hangul (composed and decomposed by its shaper). Text with any
 * of these is laid out with fontkit instead (needsShaping); test/pdf/font-metrics.test.ts checks
 * that for every other character of the site's three faces this reader and fontkit agree.
 * Browser-safe.
 */

/** Characters whose drawn glyphs fontkit's shaper may change: such text is laid out with fontkit. */
const SHAPED = /[\p{M}\p{Default_Ignorable_Code_Point}\p{Script=Hangul}]/u;

export function needsShaping(text: string): boolean {
  return SHAPED.test(text);
}

interface MetricsGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

/** A font face as fonts.ts and pdf-lib's subset embedder use it (a structural subset of fontkit's). */
export type MetricsFont = TrueTypeMetrics;

class TrueTypeMetrics {
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly capHeight: number;
  readonly xHeight: number;
  readonly italicAngle: number;
  readonly bbox: { minX: number; minY: number; maxX: number; maxY: number };
  readonly postscriptName = '';
  readonly cff = false as const;
  readonly post: { isFixedPitch: boolean };
  readonly 'OS/2': { sFamilyClass: number };
  private readonly v: DataView;
  private readonly hmtx: number;
  private readonly hMetrics: number;
  private readonly cmap: { format: 4 | 12; at: number };
  /** One glyph object per id, carrying the code points it was first reached by (as fontkit caches them). */
  private readonly glyphs = new Map<number, MetricsGlyph>();

  constructor(bytes: Uint8Array) {
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.v = v;
    const tables = tableDirectory(bytes);
    const need = (tag: string) => {
      const at = tables.get(tag)?.offset;
      if (at === undefined) throw new Error(`no ${tag} table`);
      return at;
    };
    const head = need('head');
    this.unitsPerEm = v.getUint16(head + 18);
    this.bbox = { minX: v.getInt16(head + 36), minY: v.getInt16(head + 38), maxX: v.getInt16(head + 40), maxY: v.getInt16(head + 42) };
    const hhea = need('hhea');
    this.ascent = v.getInt16(hhea + 4);
    this.descent = v.getInt16(hhea + 6);
    this.hMetrics = v.getUint16(hhea + 34);
    this.hmtx = need('hmtx');
    const os2 = tables.get('OS/2')?.offset;
    const os2Version = os2 === undefined ? -1 : v.getUint16(os2);
    this['OS/2'] = { sFamilyClass: os2 === undefined ? 0 : v.getInt16(os2 + 30) };
    this.capHeight = os2 !== undefined && os2Version >= 2 ? v.getInt16(os2 + 88) : 0;
    this.xHeight = os2 !== undefined && os2Version >= 2 ? v.getInt16(os2 + 86) : 0;
    const post = tables.get('post')?.offset;
    this.italicAngle = post === undefined ? 0 : v.getInt32(post + 4) / 65536;
    this.post = { isFixedPitch: post !== undefined && v.getUint32(post + 12) !== 0 };
    this.cmap = unicodeSubtable(v, need('cmap'));
  }

  private glyphId(cp: number): number {
    const v = this.v;
    const at = this.cmap.at;
    if (this.cmap.format === 12) {
      let lo = 0;
      let hi = v.getUint32(at + 12) - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const g = at + 16 + mid * 12;
        if (cp < v.getUint32(g)) hi = mid - 1;
        else if (cp > v.getUint32(g + 4)) lo = mid + 1;
        else return v.getUint32(g + 8) + cp - v.getUint32(g);
      }
      return 0;
    }
    if (cp > 0xffff) return 0;
    const segX2 = v.getUint16(at + 6);
    const ends = at + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const offsets = deltas + segX2;
    let lo = 0;
    let hi = segX2 / 2 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (cp > v.getUint16(ends + mid * 2)) lo = mid + 1;
      else hi = mid - 1;
    }
    const seg = lo;
    if (seg >= segX2 / 2) return 0;
    const start = v.getUint16(starts + seg * 2);
    if (cp < start) return 0;
    const delta = v.getUint16(deltas + seg * 2);
    const rangeOffset = v.getUint16(offsets + seg * 2);
    if (rangeOffset === 0) return (cp + delta) & 0xffff;
    const g = v.getUint16(offsets + seg * 2 + rangeOffset + (cp - start) * 2);
    return g === 0 ? 0 : (g + delta) & 0xffff;
  }

  private advance(id: number): number {
    return this.v.getUint16(this.hmtx + Math.min(id, this.hMetrics - 1) * 4);
  }

  hasGlyphForCodePoint(cp: number): boolean {
    return this.glyphId(cp) !== 0;
  }

  glyphForCodePoint(cp: number): MetricsGlyph {
    const id = this.glyphId(cp);
    let g = this.glyphs.get(id);
    if (!g) {
      g = { id, advanceWidth: this.advance(id), codePoints: [cp] };
      this.glyphs.set(id, g);
    }
    return g;
  }

  layout(text: string): { glyphs: MetricsGlyph[] } {
    return { glyphs: Array.from(text, (ch) => this.glyphForCodePoint(ch.codePointAt(0)!)) };
  }

  createSubset() {
    const ids = new Map<number, number>();
    return {
      includeGlyph(glyph: MetricsGlyph | number): number {
        const id = typeof glyph === 'number' ? glyph : glyph.id;
        let n = ids.get(id);
        if (n === undefined) {
          n = ids.size + 1;
          ids.set(id, n);
        }
        return n;
      },
      // Never shown: the document is only read back for its text.
      encode: () => new Uint8Array(0),
    };
  }
}

/** The face's tables by tag: where each starts and how long it is. */
function tableDirectory(bytes: Uint8Array): Map<string, { offset: number; length: number }> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0, count = v.getUint16(4); i < count; i++) {
    const rec = 12 + i * 16;
    tables.set(String.fromCharCode(bytes[rec], bytes[rec + 1], bytes[rec + 2], bytes[rec + 3]), { offset: v.getUint32(rec + 8), length: v.getUint32(rec + 12) });
  }
  return tables;
}

/** The cmap subtable fontkit reads (its order of platform and encoding ids); formats 4 and 12 only. */
function unicodeSubtable(v: DataView, cmap: number): { format: 4 | 12; at: number } {
  const n = v.getUint16(cmap + 2);
  for (const [platform, encoding] of [[3, 10], [0, 6], [0, 4], [3, 1], [0, 3], [0, 2], [0, 1], [0, 0]]) {
    for (let i = 0; i < n; i++) {
      const rec = cmap + 4 + i * 8;
      if (v.getUint16(rec) !== platform || v.getUint16(rec + 2) !== encoding) continue;
      const at = cmap + v.getUint32(rec + 4);
      const format = v.getUint16(at);
      if (format !== 4 && format !== 12) throw new Error(`cmap format ${format}`);
      return { format, at };
    }
  }
  throw new Error('no Unicode cmap');
}

/**
 * The tables this reader reads. A face cut to them (metricsOnlyFace) answers every question the
 * reader asks exactly as the whole face does, at a fraction of the bytes: verifying downloads it
 * instead of the face (public/fonts/*-Metrics.ttf, written by scripts/prepare-fonts.mjs).
 */
const METRICS_TABLES = ['OS/2', 'cmap', 'head', 'hhea', 'hmtx', 'post'] as const;
/** 'post' version 3.0 (no glyph names): its first 32 bytes are all the reader and fontkit look at. */
const POST_HEADER_BYTES = 32;

/** A TrueType file with only METRICS_TABLES (glyph outlines, names, layout tables dropped). */
export function metricsOnlyFace(bytes: Uint8Array): Uint8Array {
  const found = new Map<string, Uint8Array>();
  for (const [tag, { offset, length }] of tableDirectory(bytes)) {
    if (!(METRICS_TABLES as readonly string[]).includes(tag)) continue;
    let table = bytes.slice(offset, offset + length);
    if (tag === 'post') {
      table = table.slice(0, POST_HEADER_BYTES);
      new DataView(table.buffer).setUint32(0, 0x00030000);
    }
    found.set(tag, table);
  }
  for (const tag of ['cmap', 'head', 'hhea', 'hmtx']) if (!found.has(tag)) throw new Error(`no ${tag} table`);
  const tags = [...found.keys()].sort();
  const padded = (n: number) => (n + 3) & ~3;
  let size = 12 + tags.length * 16;
  for (const tag of tags) size += padded(found.get(tag)!.length);
  const out = new Uint8Array(size);
  const w = new DataView(out.buffer);
  w.setUint32(0, 0x00010000);
  w.setUint16(4, tags.length);
  const entrySelector = Math.floor(Math.log2(tags.length));
  w.setUint16(6, 16 * 2 ** entrySelector);
  w.setUint16(8, entrySelector);
  w.setUint16(10, tags.length * 16 - 16 * 2 ** entrySelector);
  let at = 12 + tags.length * 16;
  tags.forEach((tag, i) => {
    const table = found.get(tag)!;
    const rec = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[rec + k] = tag.charCodeAt(k);
    out.set(table, at);
    let sum = 0;
    for (let k = 0; k < padded(table.length); k += 4) sum = (sum + w.getUint32(at + k)) >>> 0;
    w.setUint32(rec + 4, sum);
    w.setUint32(rec + 8, at);
    w.setUint32(rec + 12, table.length);
    at += padded(table.length);
  });
  return out;
}

const parsed = new WeakMap<Uint8Array, MetricsFont>();

/** The metrics engine, registered with pdf-lib in place of fontkit (create() is all it calls). */
export const metricsEngine = {
  create(bytes: Uint8Array): MetricsFont {
    let font = parsed.get(bytes);
    if (!font) {
      font = new TrueTypeMetrics(bytes);
      parsed.set(bytes, font);
    }
    return font;
  },
};
