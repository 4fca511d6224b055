/**
 * The record envelope embedded in a record PDF (form-data.json, AFRelationship Data): found
 * through the EmbeddedFiles name tree or the catalog's /AF array.
 */
import { AFRelationship, PDFArray, PDFDict, PDFName, PDFRawStream, decodePDFRawStream, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';
import { isRecordEnvelope, type RecordEnvelope } from '../../record/envelope.ts';
import { textOf } from '../../shared/pdf-objects.ts';

export const FORM_DATA_NAME = 'form-data.json';

/** Embeds the record envelope as form-data.json (AFRelationship Data, as PDF/A-3 wants). */
export async function embedRecord(doc: PDFDocument, env: RecordEnvelope, description: string, now: Date): Promise<void> {
  await doc.attach(new TextEncoder().encode(JSON.stringify(env, null, 2)), FORM_DATA_NAME, {
    mimeType: 'application/json',
    description,
    creationDate: now,
    modificationDate: now,
    afRelationship: AFRelationship.Data,
  });
}

export function embeddedFile(doc: PDFDocument, wanted: string): Uint8Array | null {
  const ctx = doc.context;
  const specs: PDFDict[] = [];
  const namesObj = ctx.lookup(doc.catalog.get(PDFName.of('Names')));
  if (namesObj instanceof PDFDict) {
    const ef = ctx.lookup(namesObj.get(PDFName.of('EmbeddedFiles')));
    const walk = (node: PDFObject | undefined, depth: number) => {
      if (!(node instanceof PDFDict) || depth > 10) return;
      const names = ctx.lookup(node.get(PDFName.of('Names')));
      if (names instanceof PDFArray) {
        for (let i = 0; i + 1 < names.size(); i += 2) {
          const spec = ctx.lookup(names.get(i + 1));
          if (spec instanceof PDFDict) specs.push(spec);
        }
      }
      const kids = ctx.lookup(node.get(PDFName.of('Kids')));
      if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) walk(ctx.lookup(kids.get(i)), depth + 1);
    };
    walk(ef, 0);
  }
  const af = ctx.lookup(doc.catalog.get(PDFName.of('AF')));
  if (af instanceof PDFArray) {
    for (let i = 0; i < af.size(); i++) {
      const spec = ctx.lookup(af.get(i));
      if (spec instanceof PDFDict) specs.push(spec);
    }
  }
  for (const spec of specs) {
    const name = textOf(spec.get(PDFName.of('UF'))) ?? textOf(spec.get(PDFName.of('F')));
    if (name !== wanted) continue;
    const ef = ctx.lookup(spec.get(PDFName.of('EF')));
    if (!(ef instanceof PDFDict)) continue;
    const stream = ctx.lookup(ef.get(PDFName.of('UF')) ?? ef.get(PDFName.of('F')));
    if (stream instanceof PDFRawStream) {
      try {
        return decodePDFRawStream(stream).decode();
      } catch {
        return null;
      }
    }
  }
  return null;
}

export interface RecordRead {
  found: boolean;
  record: RecordEnvelope | null;
  error: string | null;
  canonical: string | null;
}

export function readRecord(doc: PDFDocument): RecordRead {
  const bytes = embeddedFile(doc, FORM_DATA_NAME);
  if (!bytes) return { found: false, record: null, error: null, canonical: null };
  try {
    const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    if (!isRecordEnvelope(parsed)) {
      return { found: true, record: null, error: `內嵌的 ${FORM_DATA_NAME} 不是本手冊的記錄格式`, canonical: null };
    }
    return { found: true, record: parsed, error: null, canonical: canonicalJson(parsed) };
  } catch {
    return { found: true, record: null, error: `內嵌的 ${FORM_DATA_NAME} 無法讀取（JSON 格式錯誤）`, canonical: null };
  }
}

export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

