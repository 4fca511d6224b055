/**
 * The interactive parts of a record PDF, written as raw PDF objects (pdf-lib's form API would
 * bring in Helvetica and rewrite page content): one signature field per role in x-form, whose
 * widget sits on that role's signature box; the signed widget's appearance; and the
 * 「本文件未經數位簽章」 stamp on unsigned exports, which the first signature removes.
 *
 * /Annots arrays are indirect objects set directly on the page (page.node.addAnnot would wrap
 * the page content in new streams, which counts as changing the page after a signature).
 */
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFDocument,
  type PDFImage,
  type PDFPage,
} from '@cantoo/pdf-lib';
import type { DocFonts } from '../layout/fonts.ts';
import type { SignatureBox } from '../layout/form-renderer.ts';
import { GREY, Painter, RED, WHITE, XObjectSurface, BLACK } from '../layout/painter.ts';

export const UNSIGNED_MARK_NAME = 'property-sop-handbook:unsigned';
export const UNSIGNED_MARK_TEXT = '本文件未經數位簽章';

/** A PDF text string: plain for ASCII, UTF-16 for anything else. */
export function pdfText(s: string): PDFString | PDFHexString {
  return /^[\x20-\x7e]*$/.test(s) ? PDFString.of(s.replace(/[\\()]/g, (c) => `\\${c}`)) : PDFHexString.fromText(s);
}

/** Field names cannot contain a period (it separates the hierarchy). */
export function fieldNameOf(role: string): string {
  return role.replace(/\./g, '_');
}

function annotsOf(doc: PDFDocument, page: PDFPage): PDFArray {
  const ctx = doc.context;
  const existing = page.node.get(PDFName.of('Annots'));
  if (existing instanceof PDFRef) {
    const arr = ctx.lookup(existing);
    if (arr instanceof PDFArray) return arr;
  }
  if (existing instanceof PDFArray) {
    const ref = ctx.register(existing);
    page.node.set(PDFName.of('Annots'), ref);
    return existing;
  }
  const arr = ctx.obj([]) as PDFArray;
  page.node.set(PDFName.of('Annots'), ctx.register(arr));
  return arr;
}

function acroFormOf(doc: PDFDocument): PDFDict {
  const ctx = doc.context;
  const existing = doc.catalog.get(PDFName.of('AcroForm'));
  const dict = existing ? ctx.lookup(existing) : undefined;
  if (dict instanceof PDFDict) return dict;
  const created = ctx.obj({ Fields: ctx.register(ctx.obj([])) }) as PDFDict;
  doc.catalog.set(PDFName.of('AcroForm'), ctx.register(created));
  return created;
}

function fieldsArray(doc: PDFDocument, acro: PDFDict): PDFArray {
  const f = acro.get(PDFName.of('Fields'));
  const arr = f ? doc.context.lookup(f) : undefined;
  if (arr instanceof PDFArray) return arr;
  const created = doc.context.obj([]) as PDFArray;
  acro.set(PDFName.of('Fields'), doc.context.register(created));
  return created;
}

/** An empty appearance (PDF/A wants one on every widget). */
function emptyAppearance(doc: PDFDocument, w: number, h: number): PDFRef {
  return new XObjectSurface(doc.context, w, h).register();
}

/** Adds an unsigned signature field per box; returns the field refs by role. */
export function addSignatureFields(doc: PDFDocument, pages: PDFPage[], boxes: SignatureBox[]): Map<string, PDFRef> {
  const ctx = doc.context;
  const acro = acroFormOf(doc);
  acro.set(PDFName.of('SigFlags'), PDFNumber.of(1));
  const fields = fieldsArray(doc, acro);
  const out = new Map<string, PDFRef>();
  for (const box of boxes) {
    const page = pages[box.pageIndex];
    const [x, y, w, h] = box.rect;
    const field = ctx.obj({
      FT: 'Sig',
      T: pdfText(fieldNameOf(box.role)),
      TU: pdfText(box.label),
      Type: 'Annot',
      Subtype: 'Widget',
      Rect: [x, y, x + w, y + h],
      F: 4,
      P: page.ref,
      AP: { N: emptyAppearance(doc, w, h) },
    });
    const ref = ctx.register(field);
    fields.push(ref);
    annotsOf(doc, page).push(ref);
    out.set(box.role, ref);
  }
  return out;
}

export interface SigField {
  ref: PDFRef;
  dict: PDFDict;
  name: string;
  label: string | null;
  signed: boolean;
  rect: [number, number, number, number];
}

function decodeText(obj: unknown): string | null {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText();
  return null;
}

/** The document's signature fields (top level and one level of kids). */
export function signatureFields(doc: PDFDocument): SigField[] {
  const ctx = doc.context;
  const acroRef = doc.catalog.get(PDFName.of('AcroForm'));
  const acro = acroRef ? ctx.lookup(acroRef) : undefined;
  if (!(acro instanceof PDFDict)) return [];
  const fieldsObj = acro.get(PDFName.of('Fields'));
  const fields = fieldsObj ? ctx.lookup(fieldsObj) : undefined;
  if (!(fields instanceof PDFArray)) return [];
  const out: SigField[] = [];
  const visit = (ref: unknown, parentName: string | null, depth: number) => {
    if (!(ref instanceof PDFRef) || depth > 4) return;
    const dict = ctx.lookup(ref);
    if (!(dict instanceof PDFDict)) return;
    const partial = decodeText(dict.get(PDFName.of('T')));
    const name = parentName && partial ? `${parentName}.${partial}` : (partial ?? parentName ?? '');
    const kids = dict.get(PDFName.of('Kids'));
    const kidsArr = kids ? ctx.lookup(kids) : undefined;
    if (kidsArr instanceof PDFArray && !dict.get(PDFName.of('FT'))) {
      for (let i = 0; i < kidsArr.size(); i++) visit(kidsArr.get(i), name, depth + 1);
      return;
    }
    const ft = dict.get(PDFName.of('FT'));
    if (!(ft instanceof PDFName) || ft.asString() !== '/Sig') return;
    const rectObj = ctx.lookup(dict.get(PDFName.of('Rect')));
    const rect: [number, number, number, number] = [0, 0, 0, 0];
    if (rectObj instanceof PDFArray) {
      for (let i = 0; i < 4; i++) {
        const n = ctx.lookup(rectObj.get(i));
        rect[i] = n instanceof PDFNumber ? n.asNumber() : 0;
      }
    }
    out.push({
      ref,
      dict,
      name,
      label: decodeText(dict.get(PDFName.of('TU'))),
      signed: dict.get(PDFName.of('V')) !== undefined,
      rect,
    });
  };
  for (let i = 0; i < fields.size(); i++) visit(fields.get(i), null, 0);
  return out;
}

export interface AppearanceInfo {
  name: string;
  label: string;
  time: string;
  image?: PDFImage;
}

/** The signed widget: an opaque box with the drawn signature (if any), the name, role and time. */
export function signedAppearance(doc: PDFDocument, fonts: DocFonts, w: number, h: number, info: AppearanceInfo): PDFRef {
  const surface = new XObjectSurface(doc.context, w, h);
  const p = new Painter(fonts, surface);
  // Opaque, inset so the box's own border stays visible.
  p.rect(0.8, 0.8, w - 1.6, h - 1.6, { fill: WHITE });
  const pad = 4.5;
  const captionH = 24;
  const areaH = h - captionH;
  if (info.image) {
    const scale = Math.min((w - 2 * pad) / info.image.width, (areaH - 4) / info.image.height);
    const iw = info.image.width * scale;
    const ih = info.image.height * scale;
    p.image(info.image, (w - iw) / 2, captionH + (areaH - ih) / 2, iw, ih);
  } else {
    let size = 15;
    while (size > 8 && p.width(info.name, size) > w - 2 * pad) size -= 1;
    p.textCentered(info.name, w / 2, captionH + (areaH - size) / 2 + 2, { size, color: BLACK });
  }
  const caption = `${info.name}（${info.label}）`;
  let size = 8;
  while (size > 5.5 && p.width(caption, size) > w - 2 * pad) size -= 0.5;
  p.text(caption, pad, 13, { size });
  const line2 = `數位簽章 ${info.time}`;
  let size2 = 7;
  while (size2 > 5 && p.width(line2, size2) > w - 2 * pad) size2 -= 0.5;
  p.text(line2, pad, 4, { size: size2, color: GREY });
  return surface.register();
}

/** Texts the appearances draw (for the glyph check before fonts are embedded). */
export function appearanceTexts(info: Omit<AppearanceInfo, 'image'>): string[] {
  return [info.name, `${info.name}（${info.label}）`, `數位簽章 ${info.time}`];
}

/** Puts the 「本文件未經數位簽章」 stamp on every page, top left. */
export function addUnsignedMark(doc: PDFDocument, fonts: DocFonts, pages: PDFPage[]): void {
  const ctx = doc.context;
  const size = 9.5;
  const w = fonts.width(UNSIGNED_MARK_TEXT, size) + 12;
  const h = 17;
  const surface = new XObjectSurface(ctx, w, h);
  const p = new Painter(fonts, surface);
  p.rect(0.6, 0.6, w - 1.2, h - 1.2, { stroke: RED, lineWidth: 1 });
  p.text(UNSIGNED_MARK_TEXT, 6, 4.6, { size, color: RED });
  const ap = surface.register();
  for (const page of pages) {
    const x = 42;
    const y = page.getHeight() - 11 - h;
    const annot = ctx.obj({
      Type: 'Annot',
      Subtype: 'Stamp',
      Rect: [x, y, x + w, y + h],
      F: 4 | 128, // Print, Locked
      NM: pdfText(UNSIGNED_MARK_NAME),
      Contents: pdfText(UNSIGNED_MARK_TEXT),
      P: page.ref,
      AP: { N: ap },
    });
    annotsOf(doc, page).push(ctx.register(annot));
  }
}

/** Removes the unsigned stamps (before the first signature); returns how many were removed. */
export function removeUnsignedMark(doc: PDFDocument): number {
  const ctx = doc.context;
  let removed = 0;
  const appearances = new Set<PDFRef>();
  for (const page of doc.getPages()) {
    const annotsObj = page.node.get(PDFName.of('Annots'));
    const annots = annotsObj ? ctx.lookup(annotsObj) : undefined;
    if (!(annots instanceof PDFArray)) continue;
    for (let i = annots.size() - 1; i >= 0; i--) {
      const ref = annots.get(i);
      const a = ctx.lookup(ref);
      if (!(a instanceof PDFDict)) continue;
      if (decodeText(a.get(PDFName.of('NM'))) === UNSIGNED_MARK_NAME) {
        const ap = ctx.lookup(a.get(PDFName.of('AP')));
        const n = ap instanceof PDFDict ? ap.get(PDFName.of('N')) : undefined;
        if (n instanceof PDFRef) appearances.add(n);
        annots.remove(i);
        if (ref instanceof PDFRef) ctx.delete(ref);
        removed++;
      }
    }
  }
  for (const ref of appearances) ctx.delete(ref);
  return removed;
}

