/**
 * Forgeries the verification tests make: a record PDF whose embedded form-data.json is replaced
 * while its page stays as drawn.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFRef } from '@cantoo/pdf-lib';
import { readRecord } from '../../../src/lib/pdf/index.ts';

/** Replaces the embedded form-data.json with `edit` applied to it (full save: for unsigned files). */
export async function swapEmbeddedJson(pdf: Uint8Array, edit: (env: Record<string, unknown>) => void): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ctx = doc.context;
  const names = ctx.lookup(ctx.lookup(doc.catalog.get(PDFName.of('Names')), PDFDict).get(PDFName.of('EmbeddedFiles')), PDFDict);
  const spec = ctx.lookup(ctx.lookup(names.get(PDFName.of('Names')), PDFArray).get(1), PDFDict);
  const ef = ctx.lookup(spec.get(PDFName.of('EF')), PDFDict);
  const ref = ef.get(PDFName.of('F')) as PDFRef;
  const env = structuredClone(readRecord(doc).record!) as unknown as Record<string, unknown>;
  edit(env);
  ctx.assign(ref, ctx.flateStream(new TextEncoder().encode(JSON.stringify(env, null, 2)), { Type: 'EmbeddedFile', Subtype: 'application/json' }));
  return doc.save({ useObjectStreams: false });
}

/** The intake example with another owner in its JSON: the page still says 陳大文. */
export const swapOwner = (env: Record<string, unknown>) => ((env.data as Record<string, unknown>).ownerName = '另一位業戶');
