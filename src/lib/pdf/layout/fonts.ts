/**
 * Fonts for Chinese PDFs: Noto Sans TC as the face, Noto Sans SC as a per-character fallback
 * (TC lacks some Simplified characters people paste in). A character in neither raises a zh-TW
 * error naming the field: a missing glyph must never become a box.
 *
 * Framework-free: the caller passes font bytes (or a loader, so the 10 MB SC face is fetched
 * only when a character needs it). See src/lib/pdf/node.ts for the Node helper.
 */
import type { PDFDocument, PDFFont } from '@cantoo/pdf-lib';
import { PdfError } from '../errors.ts';

import type { BinaryData } from '../../shared/bytes.ts';

export type { BinaryData };
/** Bytes, or a function that fetches them when first needed. */
export type FontSource = BinaryData | (() => Promise<BinaryData>);

export interface PdfFontSources {
  /** Noto Sans TC Regular, TTF (not WOFF2: it embeds blank). Needed unless `tcCommon` covers the text. */
  tc: FontSource;
  /**
   * Noto Sans TC cut to the common characters (public/fonts/NotoSansTC-Common.ttf, about 2 MB
   * of the 7): used instead of `tc` when it has every character the document draws, so `tc`
   * is then never loaded.
   */
  tcCommon?: FontSource;
  /** Noto Sans SC Regular, TTF. Loaded only if the text has a character TC lacks. */
  sc?: FontSource;
  /**
   * The same faces cut to the tables laying out reads (font-metrics.ts metricsOnlyFace, about 2% of
   * the bytes): a document that is only read back (verifying) uses these when given.
   */
  metrics?: Omit<PdfFontSources, 'metrics'>;
}

/** The subset of a fontkit font this module uses. */
interface FkFont {
  hasGlyphForCodePoint(cp: number): boolean;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  layout(text: string, features?: Record<string, boolean>): { glyphs: { advanceWidth: number }[] };
}

interface LoadedFace {
  bytes: Uint8Array;
  font: FkFont;
}

/**
 * Ligatures off: pdf-lib draws glyphs without positioning, and a ligature glyph (fi) would make
 * widths and copy-paste depend on the font's GSUB. CJK text is unaffected.
 */
export const FONT_FEATURES = { liga: false, clig: false, dlig: false, calt: false } as const;

/**
 * What reads a face: fontkit (shaping, subsetting), or the metrics reader (font-metrics.ts) for a
 * document that is only read back. pdf-lib calls create() again when embedding.
 */
export interface FontEngine {
  create(bytes: Uint8Array): unknown;
}

let fontkitPromise: Promise<FontEngine> | null = null;

/**
 * fontkit, imported on first use: in the browser its own chunk (with its Unicode tables, about a
 * third of the PDF code), which verifying a record does not load.
 */
export function loadFontkit(): Promise<FontEngine> {
  if (!fontkitPromise) {
    fontkitPromise = import('@cantoo/fontkit').then((m) => m.default as unknown as FontEngine);
    fontkitPromise.catch(() => (fontkitPromise = null));
  }
  return fontkitPromise;
}

const faceCaches = new WeakMap<FontEngine, WeakMap<object, Promise<LoadedFace>>>();

/** Bytes and parsed face, cached per engine and source object (warm exports skip the parse). */
function loadFace(source: FontSource, which: string, engine: FontEngine): Promise<LoadedFace> {
  const key = source as object;
  let faceCache = faceCaches.get(engine);
  if (!faceCache) faceCaches.set(engine, (faceCache = new WeakMap()));
  const cache = faceCache;
  let hit = cache.get(key);
  if (!hit) {
    hit = (async () => {
      const raw = typeof source === 'function' ? await source() : source;
      const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
      const sig = String.fromCharCode(...bytes.subarray(0, 4));
      if (sig === 'wOF2' || sig === 'wOFF') {
        throw new PdfError('FONT_UNREADABLE', `字型檔（${which}）是 WOFF 格式，嵌入後會顯示空白；請改用 TTF 或 OTF 字型檔。`);
      }
      try {
        const font = engine.create(bytes) as FkFont;
        if (typeof font.hasGlyphForCodePoint !== 'function') throw new Error('collection');
        return { bytes, font };
      } catch {
        throw new PdfError('FONT_UNREADABLE', `無法讀取字型檔（${which}），請確認為 TrueType（TTF）或 OpenType（OTF）字型。`);
      }
    })();
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
  }
  return hit;
}

/** The characters of the texts that the face has no glyph for (line breaks are layout, not drawn). */
function charactersLacking(face: FkFont, texts: LabelledText[]): Set<string> {
  const lacking = new Set<string>();
  for (const t of texts) {
    for (const ch of t.text) {
      if (!LAYOUT_CHARS.has(ch) && !face.hasGlyphForCodePoint(tabless(ch).codePointAt(0)!)) lacking.add(ch);
    }
  }
  return lacking;
}

/** The common-character TC face when it covers every text, else the whole TC face. */
async function traditionalFace(sources: PdfFontSources, texts: LabelledText[], engine: FontEngine): Promise<LoadedFace> {
  if (sources.tcCommon) {
    const common = await loadFace(sources.tcCommon, 'Noto Sans TC（常用字）', engine);
    if (charactersLacking(common.font, texts).size === 0) return common;
  }
  return loadFace(sources.tc, 'Noto Sans TC', engine);
}

export interface TextRun {
  face: 'tc' | 'sc';
  text: string;
}

/** Characters we lay out ourselves rather than draw. */
const LAYOUT_CHARS = new Set(['\n', '\r']);

/** A string a user typed, labelled with where it came from (for the error message). */
export interface LabelledText {
  label: string;
  text: string;
}

/**
 * The fonts of one document: both faces checked per character, embedded (subset) on demand.
 */
export class DocFonts {
  readonly tc: PDFFont;
  readonly sc: PDFFont | null;
  private readonly tcFace: FkFont;
  private readonly scFace: FkFont | null;
  private readonly widthCache = new Map<string, number>();
  /** Bytes of font files read for this document (for the benchmark). */
  readonly bytesLoaded: number;

  private constructor(tc: PDFFont, sc: PDFFont | null, tcFace: FkFont, scFace: FkFont | null, bytesLoaded: number) {
    this.tc = tc;
    this.sc = sc;
    this.tcFace = tcFace;
    this.scFace = scFace;
    this.bytesLoaded = bytesLoaded;
  }

  /**
   * Checks every text against the faces, loads SC only when needed, embeds the faces as
   * subsets. Throws MISSING_GLYPH listing every character neither face has, with its field.
   * `engine`: fontkit unless given (loaded on first use).
   */
  static async create(doc: PDFDocument, sources: PdfFontSources, texts: LabelledText[], engine?: FontEngine): Promise<DocFonts> {
    const eng = engine ?? (await loadFontkit());
    const tc = await traditionalFace(sources, texts, eng);
    doc.registerFontkit(eng as never);
    let bytesLoaded = tc.bytes.byteLength;
    const needSc = charactersLacking(tc.font, texts);
    let sc: LoadedFace | null = null;
    if (needSc.size > 0 && sources.sc) {
      sc = await loadFace(sources.sc, 'Noto Sans SC', eng);
      bytesLoaded += sc.bytes.byteLength;
    }
    const missing: { label: string; ch: string }[] = [];
    const seen = new Set<string>();
    for (const t of texts) {
      for (const ch of t.text) {
        if (!needSc.has(ch)) continue;
        if (sc && sc.font.hasGlyphForCodePoint(ch.codePointAt(0)!)) continue;
        const key = `${t.label}\u0000${ch}`;
        if (seen.has(key)) continue;
        seen.add(key);
        missing.push({ label: t.label, ch });
      }
    }
    if (missing.length > 0) {
      const list = missing
        .map((m) => `「${m.label}」中的「${m.ch}」（U+${m.ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}）`)
        .join('、');
      const hint = !sources.sc && needSc.size > 0 ? '（未提供簡體中文後備字型）' : '';
      throw new PdfError(
        'MISSING_GLYPH',
        `以下字元無法以內嵌字型顯示${hint}：${list}。請改用其他字詞或移除這些字元後再匯出。`,
        missing,
      );
    }
    // A subset's name carries a six-letter tag (ISO 32000 9.6.4), fresh for every embedding.
    const tcFont = await doc.embedFont(tc.bytes, { subset: true, features: { ...FONT_FEATURES }, customName: `${subsetTag()}+NotoSansTC-Regular` });
    const scFont = sc
      ? await doc.embedFont(sc.bytes, { subset: true, features: { ...FONT_FEATURES }, customName: `${subsetTag()}+NotoSansSC-Regular` })
      : null;
    return new DocFonts(tcFont, scFont, tc.font, sc?.font ?? null, bytesLoaded);
  }

  /** Splits a line (no newlines) into runs of one face each. Tabs are drawn as two spaces. */
  runs(line: string): TextRun[] {
    const out: TextRun[] = [];
    for (const raw of line) {
      const ch = tabless(raw);
      const face: 'tc' | 'sc' = this.tcFace.hasGlyphForCodePoint(ch.codePointAt(0)!) || !this.scFace ? 'tc' : 'sc';
      const last = out[out.length - 1];
      if (last && last.face === face) last.text += ch;
      else out.push({ face, text: ch });
    }
    return out;
  }

  pdfFont(face: 'tc' | 'sc'): PDFFont {
    return face === 'sc' && this.sc ? this.sc : this.tc;
  }

  /** Advance width of one character at `size`. */
  charWidth(ch: string, size: number): number {
    let w = this.widthCache.get(ch);
    if (w === undefined) {
      const c = tabless(ch);
      const face = this.tcFace.hasGlyphForCodePoint(c.codePointAt(0)!) || !this.scFace ? this.tcFace : this.scFace;
      const glyphs = face.layout(c, { ...FONT_FEATURES }).glyphs;
      w = glyphs.reduce((s, g) => s + g.advanceWidth, 0) / face.unitsPerEm;
      this.widthCache.set(ch, w);
    }
    return w * size;
  }

  width(text: string, size: number): number {
    let w = 0;
    for (const ch of text) w += this.charWidth(ch, size);
    return w;
  }

  /** Distance from the baseline to the top of CJK glyphs, as a fraction of the size. */
  get ascentRatio(): number {
    return 0.88;
  }
}

function subsetTag(): string {
  const r = globalThis.crypto.getRandomValues(new Uint8Array(6));
  return Array.from(r, (b) => String.fromCharCode(65 + (b % 26))).join('');
}

function tabless(ch: string): string {
  return ch === '\t' ? '  ' : ch;
}
