/**
 * What a later revision changed in what a signature signed: anything but what a later signer may
 * do (fill an empty signature field, SigFlags, document information, XMP, new objects).
 */
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';
import { readRecord } from '../document/embedded.ts';
import { signatureFields } from '../sign/acroform.ts';

function serialize(obj: PDFObject | undefined): string {
  if (obj === undefined) return '∅';
  if (obj instanceof PDFRawStream) {
    const c = obj.getContents();
    let h = 0;
    for (let i = 0; i < c.length; i++) h = (h * 31 + c[i]) | 0;
    return `${obj.dict.toString()}stream:${c.length}:${h}`;
  }
  if (obj instanceof PDFStream) return `${obj.dict.toString()}stream`;
  return obj.toString();
}

function dictWithout(dict: PDFDict, keys: string[]): string {
  const entries = dict
    .entries()
    .filter(([k]) => !keys.includes(k.decodeText()))
    .map(([k, v]) => `${k.toString()} ${serialize(v)}`)
    .sort();
  return entries.join('\n');
}

/** Names what each object of the final document is, for the report. */
function describeObjects(doc: PDFDocument): Map<number, string> {
  const ctx = doc.context;
  const out = new Map<number, string>();
  const mark = (obj: PDFObject | undefined, label: string) => {
    if (obj instanceof PDFRef && !out.has(obj.objectNumber)) out.set(obj.objectNumber, label);
  };
  doc.getPages().forEach((page, i) => {
    const n = i + 1;
    mark(page.ref, `第 ${n} 頁`);
    const contents = page.node.get(PDFName.of('Contents'));
    mark(contents, `第 ${n} 頁內容`);
    const arr = ctx.lookup(contents);
    if (arr instanceof PDFArray) for (let k = 0; k < arr.size(); k++) mark(arr.get(k), `第 ${n} 頁內容`);
    const res = page.node.get(PDFName.of('Resources'));
    mark(res, `第 ${n} 頁資源`);
    const resDict = ctx.lookup(res);
    if (resDict instanceof PDFDict) {
      for (const key of ['Font', 'XObject']) {
        const sub = ctx.lookup(resDict.get(PDFName.of(key)));
        if (sub instanceof PDFDict) for (const [, v] of sub.entries()) mark(v, `第 ${n} 頁的字型或圖像`);
      }
    }
    const annots = page.node.get(PDFName.of('Annots'));
    mark(annots, `第 ${n} 頁註解`);
    const annArr = ctx.lookup(annots);
    if (annArr instanceof PDFArray) for (let k = 0; k < annArr.size(); k++) mark(annArr.get(k), `第 ${n} 頁註解`);
  });
  return out;
}

const ALLOWED_CATALOG_CHANGES = ['DSS', 'Extensions', 'Metadata', 'Perms'];
const ALLOWED_ACROFORM_CHANGES = ['SigFlags', 'DR', 'DA', 'NeedAppearances'];

/**
 * Changes from `signed` (the revision a signature covers) to `final` that a later signer may not
 * make: anything but filling an empty signature field (its /V and /AP), SigFlags, the document
 * information and XMP, and new objects. Returns zh-TW descriptions.
 */
export function nonPermittedChanges(signed: PDFDocument, final: PDFDocument): string[] {
  const sctx = signed.context;
  const fctx = final.context;
  const labels = describeObjects(final);
  const sigFieldRefs = new Set(signatureFields(signed).filter((f) => !f.signed).map((f) => f.ref.objectNumber));
  const infoRef = sctx.trailerInfo.Info;
  const catalogRef = sctx.trailerInfo.Root;
  const acroRef = signed.catalog.get(PDFName.of('AcroForm'));
  const acroFieldsRef = (() => {
    const a = sctx.lookup(acroRef);
    return a instanceof PDFDict ? a.get(PDFName.of('Fields')) : undefined;
  })();
  const metadataRef = signed.catalog.get(PDFName.of('Metadata'));
  const problems = new Set<string>();
  let others = 0;
  for (const [ref, before] of sctx.enumerateIndirectObjects()) {
    const after = fctx.lookup(PDFRef.of(ref.objectNumber, ref.generationNumber));
    if (serialize(before) === serialize(after)) continue;
    const n = ref.objectNumber;
    if (infoRef instanceof PDFRef && n === infoRef.objectNumber) continue;
    if (metadataRef instanceof PDFRef && n === metadataRef.objectNumber) continue;
    if (catalogRef instanceof PDFRef && n === catalogRef.objectNumber && before instanceof PDFDict && after instanceof PDFDict) {
      if (dictWithout(before, ALLOWED_CATALOG_CHANGES) === dictWithout(after, ALLOWED_CATALOG_CHANGES)) continue;
      const names = serialize(before.get(PDFName.of('Names'))) !== serialize(after.get(PDFName.of('Names')));
      const af = serialize(before.get(PDFName.of('AF'))) !== serialize(after.get(PDFName.of('AF')));
      problems.add(names || af ? '內嵌的記錄資料' : '文件目錄（Catalog）');
      continue;
    }
    if (acroRef instanceof PDFRef && n === acroRef.objectNumber && before instanceof PDFDict && after instanceof PDFDict) {
      if (dictWithout(before, ALLOWED_ACROFORM_CHANGES) === dictWithout(after, ALLOWED_ACROFORM_CHANGES)) continue;
      problems.add('表單欄位');
      continue;
    }
    if (acroFieldsRef instanceof PDFRef && n === acroFieldsRef.objectNumber) {
      problems.add('表單欄位');
      continue;
    }
    if (sigFieldRefs.has(n) && before instanceof PDFDict && after instanceof PDFDict) {
      if (dictWithout(before, ['V', 'AP']) === dictWithout(after, ['V', 'AP'])) continue;
      problems.add('簽署欄位');
      continue;
    }
    const label = labels.get(n);
    if (label) problems.add(label);
    else others++;
  }
  const signedRecord = readRecord(signed);
  const finalRecord = readRecord(final);
  if (signedRecord.canonical !== finalRecord.canonical) problems.add('內嵌的記錄資料');
  if (signed.getPageCount() !== final.getPageCount()) problems.add('頁數');
  const out = [...problems];
  if (others > 0) out.push(`其他 PDF 物件 ${others} 個`);
  return out;
}
