/**
 * The PDF/A-3b requirements we can check without veraPDF (not available here): fonts embedded,
 * annotations printable with a normal appearance only, an OutputIntent, a file identifier,
 * unfiltered XMP declaring part 3 / B, associated files with relationship, MIME type and dates,
 * no encryption and no JavaScript. A spot check, not a validator.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFObject } from '@cantoo/pdf-lib';

export async function pdfaProblems(bytes: Uint8Array): Promise<string[]> {
  const problems: string[] = [];
  const header = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (!header.startsWith('%PDF-1.7')) problems.push(`header ${header}`);
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const ctx = doc.context;
  const dictOf = (o: PDFObject | undefined) => {
    const d = o instanceof PDFRef ? ctx.lookup(o) : o;
    return d instanceof PDFDict ? d : d instanceof PDFRawStream ? d.dict : undefined;
  };
  const name = (d: PDFDict | undefined, k: string) => {
    const v = d?.get(PDFName.of(k));
    return v instanceof PDFName ? v.decodeText() : undefined;
  };

  if (ctx.trailerInfo.Encrypt) problems.push('encrypted');
  if (!ctx.trailerInfo.ID) problems.push('no trailer /ID');
  const intents = ctx.lookup(doc.catalog.get(PDFName.of('OutputIntents')));
  if (!(intents instanceof PDFArray) || intents.size() === 0) problems.push('no OutputIntents');
  else {
    const oi = dictOf(intents.get(0));
    if (name(oi, 'S') !== 'GTS_PDFA1' || !oi?.get(PDFName.of('DestOutputProfile'))) problems.push('OutputIntent incomplete');
  }
  const meta = ctx.lookup(doc.catalog.get(PDFName.of('Metadata')));
  if (!(meta instanceof PDFRawStream)) problems.push('no XMP metadata stream');
  else {
    if (meta.dict.get(PDFName.of('Filter'))) problems.push('XMP metadata is filtered');
    const xml = new TextDecoder().decode(meta.getContents());
    if (!xml.includes('<pdfaid:part>3</pdfaid:part>') || !xml.includes('<pdfaid:conformance>B</pdfaid:conformance>')) problems.push('XMP lacks pdfaid 3B');
  }
  if (!doc.catalog.get(PDFName.of('Lang'))) problems.push('no /Lang');

  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    const d = dictOf(obj);
    if (!d) continue;
    const type = name(d, 'Type');
    const subtype = name(d, 'Subtype');
    if (d.get(PDFName.of('JS')) || name(d, 'S') === 'JavaScript') problems.push(`JavaScript in ${ref}`);
    if (type === 'Font' && subtype !== 'Type0' && subtype !== 'Type3') {
      const fd = dictOf(d.get(PDFName.of('FontDescriptor')));
      if (!fd || !(fd.get(PDFName.of('FontFile')) || fd.get(PDFName.of('FontFile2')) || fd.get(PDFName.of('FontFile3')))) {
        problems.push(`font not embedded: ${ref}`);
      }
    }
    if (type === 'Annot' || subtype === 'Widget' || subtype === 'Stamp') {
      const f = d.get(PDFName.of('F'));
      const flags = f instanceof PDFNumber ? f.asNumber() : 0;
      if (!(flags & 4) || flags & (1 | 2 | 32)) problems.push(`annotation ${ref} flags ${flags}`);
      const ap = dictOf(d.get(PDFName.of('AP')));
      if (!ap || !ap.get(PDFName.of('N'))) problems.push(`annotation ${ref} without /AP /N`);
      else if (ap.keys().length !== 1) problems.push(`annotation ${ref} /AP has more than /N`);
    }
    if (type === 'Filespec') {
      if (!d.get(PDFName.of('AFRelationship'))) problems.push(`file spec ${ref} without AFRelationship`);
      if (!d.get(PDFName.of('UF')) || !d.get(PDFName.of('F'))) problems.push(`file spec ${ref} without /F and /UF`);
    }
    if (type === 'EmbeddedFile') {
      if (!d.get(PDFName.of('Subtype'))) problems.push(`embedded file ${ref} without MIME type`);
      const params = dictOf(d.get(PDFName.of('Params')));
      if (!params?.get(PDFName.of('ModDate'))) problems.push(`embedded file ${ref} without /Params /ModDate`);
    }
  }
  const hasFiles = ctx.enumerateIndirectObjects().some(([, o]) => name(dictOf(o), 'Type') === 'Filespec');
  const af = ctx.lookup(doc.catalog.get(PDFName.of('AF')));
  if (hasFiles && (!(af instanceof PDFArray) || af.size() === 0)) problems.push('catalog without /AF for its embedded files');
  return problems;
}
