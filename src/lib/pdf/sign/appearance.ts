/**
 * What a record PDF's signature widgets show, in Chinese: the signed box (drawn signature or the
 * signer's name large, 「數位簽署」 with name and time), and the red 「本文件未經數位簽章」 stamp on
 * every page of an unsigned export, which the first signature removes.
 */
import { PDFArray, PDFDict, PDFName, PDFRef, type PDFDocument, type PDFImage, type PDFPage } from '@cantoo/pdf-lib';
import type { DocFonts } from '../layout/fonts.ts';
import { GREY, Painter, RED, WHITE, XObjectSurface, BLACK } from '../layout/painter.ts';
import { pdfText, annotsOf, decodeText } from './acroform.ts';

export const UNSIGNED_MARK_NAME = 'property-sop-handbook:unsigned';
export const UNSIGNED_MARK_TEXT = '本文件未經數位簽章';

export interface AppearanceInfo {
  name: string;
  label: string;
  time: string;
  /** 「代 吳國華 簽署（憑證：陳美玲）」 when the signer confirmed signing for the person the record names. */
  onBehalf?: string | null;
  image?: PDFImage;
}

/** The caption's first line: the signer and role, or for whom they signed. */
function captionOf(info: Pick<AppearanceInfo, 'name' | 'label' | 'onBehalf'>): string {
  return info.onBehalf ? `${info.label}：${info.onBehalf}` : `${info.name}（${info.label}）`;
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
  const caption = captionOf(info);
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
  return [info.name, captionOf(info), `數位簽章 ${info.time}`];
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

