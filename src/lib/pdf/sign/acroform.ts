/**
 * The interactive parts of a record PDF, written as raw PDF objects (pdf-lib's form API would
 * bring in Helvetica and rewrite page content): one signature field per role in x-form, whose
 * widget sits on that role's signature box, and reading those fields back. What the widgets show
 * (the signer's name and time, the unsigned stamp) is in appearance.ts.
 *
 * /Annots arrays are indirect objects set directly on the page (page.node.addAnnot would wrap
 * the page content in new streams, which counts as changing the page after a signature).
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFPage } from '@cantoo/pdf-lib';
import type { SignatureBox } from '../layout/form-renderer.ts';
import { XObjectSurface } from '../layout/painter.ts';

/** A PDF text string: plain for ASCII, UTF-16 for anything else. */
export function pdfText(s: string): PDFString | PDFHexString {
  return /^[\x20-\x7e]*$/.test(s) ? PDFString.of(s.replace(/[\\()]/g, (c) => `\\${c}`)) : PDFHexString.fromText(s);
}

/** Field names cannot contain a period (it separates the hierarchy). */
export function fieldNameOf(role: string): string {
  return role.replace(/\./g, '_');
}

export function annotsOf(doc: PDFDocument, page: PDFPage): PDFArray {
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

export function decodeText(obj: unknown): string | null {
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
