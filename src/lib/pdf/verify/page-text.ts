/**
 * The text a PDF page shows, read back from its content streams: every text object (BT … ET) as
 * one line of Unicode (through each font's ToUnicode CMap), with where it starts and whether it
 * is visible. Enough for the PDFs this handbook writes (Type0 Identity-H fonts from pdf-lib, one
 * Tm and Tj per run, form XObjects followed); not a general text extractor (the tests check it
 * against poppler's pdftotext). Browser-safe.
 */
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFContext, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';

export interface DrawnText {
  text: string;
  /** Text-space origin of the line (Tm e, f), rounded to 0.1 pt. */
  x: number;
  y: number;
  /** Text rendering mode 3 draws nothing: text a reader cannot see. */
  invisible: boolean;
}

type Token = { kind: 'op'; v: string } | { kind: 'num'; v: number } | { kind: 'str'; v: Uint8Array } | { kind: 'name'; v: string } | { kind: 'arr'; v: Token[] } | { kind: 'other' };

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

/** Tokens of a content stream (operands and operators; dictionaries are skipped as 'other'). */
function tokenize(b: Uint8Array): Token[] {
  let i = 0;
  const out: Token[] = [];
  const stack: Token[][] = [];
  const push = (t: Token) => (stack.length > 0 ? stack[stack.length - 1] : out).push(t);
  const word = () => {
    const s = i;
    while (i < b.length && !WS.has(b[i]) && !DELIM.has(b[i])) i++;
    return String.fromCharCode(...b.subarray(s, i));
  };
  while (i < b.length) {
    const c = b[i];
    if (WS.has(c)) {
      i++;
    } else if (c === 0x25 /* % */) {
      while (i < b.length && b[i] !== 0x0a && b[i] !== 0x0d) i++;
    } else if (c === 0x2f /* / */) {
      i++;
      push({ kind: 'name', v: word() });
    } else if (c === 0x28 /* ( */) {
      const bytes: number[] = [];
      let depth = 1;
      i++;
      while (i < b.length && depth > 0) {
        const ch = b[i++];
        if (ch === 0x5c /* \ */) {
          const n = b[i++];
          const esc: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
          if (n in esc) bytes.push(esc[n]);
          else if (n >= 0x30 && n <= 0x37) {
            let oct = n - 0x30;
            for (let k = 0; k < 2 && b[i] >= 0x30 && b[i] <= 0x37; k++) oct = oct * 8 + (b[i++] - 0x30);
            bytes.push(oct & 0xff);
          } else if (n !== 0x0a && n !== 0x0d) bytes.push(n);
        } else {
          if (ch === 0x28) depth++;
          if (ch === 0x29) depth--;
          if (depth > 0) bytes.push(ch);
        }
      }
      push({ kind: 'str', v: new Uint8Array(bytes) });
    } else if (c === 0x3c /* < */ && b[i + 1] === 0x3c) {
      // A dictionary operand (BDC properties, inline image): skipped.
      let depth = 0;
      while (i < b.length) {
        if (b[i] === 0x3c && b[i + 1] === 0x3c) (depth++, (i += 2));
        else if (b[i] === 0x3e && b[i + 1] === 0x3e) {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else i++;
      }
      push({ kind: 'other' });
    } else if (c === 0x3c) {
      i++;
      let hex = '';
      while (i < b.length && b[i] !== 0x3e) {
        if (!WS.has(b[i])) hex += String.fromCharCode(b[i]);
        i++;
      }
      i++;
      if (hex.length % 2) hex += '0';
      const bytes = new Uint8Array(hex.length / 2);
      for (let k = 0; k < bytes.length; k++) bytes[k] = parseInt(hex.substr(k * 2, 2), 16);
      push({ kind: 'str', v: bytes });
    } else if (c === 0x5b /* [ */) {
      i++;
      stack.push([]);
    } else if (c === 0x5d /* ] */) {
      i++;
      const arr = stack.pop() ?? [];
      push({ kind: 'arr', v: arr });
    } else if (c === 0x7b || c === 0x7d || c === 0x3e || c === 0x29) {
      i++;
    } else {
      const w = word();
      if (w === '') {
        i++;
        continue;
      }
      const n = Number(w);
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w) && Number.isFinite(n)) push({ kind: 'num', v: n });
      else if (w === 'BI') {
        // Inline image: skip to EI.
        while (i < b.length && !(b[i] === 0x45 && b[i + 1] === 0x49 && WS.has(b[i - 1]) && (i + 2 >= b.length || WS.has(b[i + 2])))) i++;
        i += 2;
      } else push({ kind: 'op', v: w });
    }
  }
  return out;
}

/** Glyph code -> Unicode from a ToUnicode CMap (bfchar and bfrange, both forms). */
function parseToUnicode(text: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => {
    let s = '';
    for (let k = 0; k + 4 <= hex.length; k += 4) s += String.fromCharCode(parseInt(hex.substr(k, 4), 16));
    return s;
  };
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) map.set(parseInt(m[1], 16), utf16(m[2]));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/g)) {
      const lo = parseInt(m[1], 16);
      const hi = parseInt(m[2], 16);
      if (hi - lo > 0xffff) continue;
      if (m[3].startsWith('[')) {
        const items = [...m[3].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => utf16(x[1]));
        items.forEach((u, k) => map.set(lo + k, u));
      } else {
        const base = m[3].slice(1, -1);
        const last = parseInt(base.slice(-4), 16);
        for (let code = lo; code <= hi; code++) map.set(code, utf16(base.slice(0, -4)) + String.fromCharCode(last + code - lo));
      }
    }
  }
  return map;
}

interface FontDecoder {
  bytesPerCode: 1 | 2;
  map: Map<number, string>;
}

function streamText(ctx: PDFContext, obj: PDFObject | undefined): Uint8Array | null {
  const s = ctx.lookup(obj);
  if (!(s instanceof PDFRawStream)) return null;
  try {
    return decodePDFRawStream(s).decode();
  } catch {
    return null;
  }
}

function fontDecoder(ctx: PDFContext, font: PDFObject | undefined, cache: Map<PDFObject, FontDecoder>): FontDecoder {
  const dict = ctx.lookup(font);
  if (dict && cache.has(dict)) return cache.get(dict)!;
  let decoder: FontDecoder = { bytesPerCode: 1, map: new Map() };
  if (dict instanceof PDFDict) {
    const subtype = dict.get(PDFName.of('Subtype'));
    const cmap = streamText(ctx, dict.get(PDFName.of('ToUnicode')));
    decoder = {
      bytesPerCode: subtype === PDFName.of('Type0') ? 2 : 1,
      map: cmap ? parseToUnicode(new TextDecoder('latin1').decode(cmap)) : new Map(),
    };
    cache.set(dict, decoder);
  }
  return decoder;
}

function decodeString(bytes: Uint8Array, font: FontDecoder | null): string {
  let s = '';
  if (!font) return s;
  const step = font.bytesPerCode;
  for (let k = 0; k + step <= bytes.length; k += step) {
    const code = step === 2 ? (bytes[k] << 8) | bytes[k + 1] : bytes[k];
    s += font.map.get(code) ?? (step === 1 ? String.fromCharCode(code) : '\uFFFD');
  }
  return s;
}

function contentBytes(ctx: PDFContext, contents: PDFObject | undefined): Uint8Array {
  const obj = ctx.lookup(contents);
  const parts: Uint8Array[] = [];
  if (obj instanceof PDFArray) {
    for (let k = 0; k < obj.size(); k++) {
      const b = streamText(ctx, obj.get(k));
      if (b) parts.push(b);
    }
  } else {
    const b = streamText(ctx, contents instanceof PDFRef ? contents : obj);
    if (b) parts.push(b);
  }
  const total = parts.reduce((n, p) => n + p.length + 1, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    out[at + p.length] = 0x0a;
    at += p.length + 1;
  }
  return out;
}

const round = (n: number) => Math.round(n * 10) / 10;

function walk(ctx: PDFContext, content: Uint8Array, resources: PDFDict | undefined, out: DrawnText[], cache: Map<PDFObject, FontDecoder>, depth: number): void {
  const fonts = resources ? ctx.lookup(resources.get(PDFName.of('Font'))) : undefined;
  const xobjects = resources ? ctx.lookup(resources.get(PDFName.of('XObject'))) : undefined;
  let font: FontDecoder | null = null;
  let mode = 0;
  let line: DrawnText | null = null;
  const operands: Token[] = [];
  const show = (t: Token) => {
    if (!line) return;
    if (t.kind === 'str') line.text += decodeString(t.v, font);
    if (t.kind === 'arr') for (const x of t.v) if (x.kind === 'str') line.text += decodeString(x.v, font);
  };
  for (const t of tokenize(content)) {
    if (t.kind !== 'op') {
      operands.push(t);
      continue;
    }
    const nums = operands.filter((o): o is { kind: 'num'; v: number } => o.kind === 'num').map((o) => o.v);
    switch (t.v) {
      case 'BT':
        line = { text: '', x: 0, y: 0, invisible: mode === 3 };
        break;
      case 'ET':
        if (line && line.text !== '') out.push(line);
        line = null;
        break;
      case 'Tf': {
        const name = operands.find((o) => o.kind === 'name');
        font = name && fonts instanceof PDFDict ? fontDecoder(ctx, fonts.get(PDFName.of((name as { v: string }).v)), cache) : null;
        break;
      }
      case 'Tr':
        mode = nums[0] ?? 0;
        if (line) line.invisible = mode === 3;
        break;
      case 'Tm':
        if (line && nums.length === 6 && line.text === '') {
          line.x = round(nums[4]);
          line.y = round(nums[5]);
        }
        break;
      case 'Tj':
      case "'":
      case 'TJ':
        show(operands[operands.length - 1]);
        break;
      case '"':
        show(operands[operands.length - 1]);
        break;
      case 'Do': {
        const name = operands.find((o) => o.kind === 'name');
        const xo = name && xobjects instanceof PDFDict ? ctx.lookup(xobjects.get(PDFName.of((name as { v: string }).v))) : undefined;
        if (xo instanceof PDFRawStream && xo.dict.get(PDFName.of('Subtype')) === PDFName.of('Form') && depth < 8) {
          const inner = streamText(ctx, xo);
          const res = ctx.lookup(xo.dict.get(PDFName.of('Resources')));
          if (inner) walk(ctx, inner, res instanceof PDFDict ? res : resources, out, cache, depth + 1);
        }
        break;
      }
      default:
        break;
    }
    operands.length = 0;
  }
}

/** The lines of text each page of the document shows, in drawing order. */
export function pageTexts(doc: PDFDocument): DrawnText[][] {
  const ctx = doc.context;
  const cache = new Map<PDFObject, FontDecoder>();
  return doc.getPages().map((page) => {
    const out: DrawnText[] = [];
    const node = page.node;
    const res = node.Resources();
    walk(ctx, contentBytes(ctx, node.get(PDFName.of('Contents'))), res, out, cache, 0);
    return out;
  });
}
