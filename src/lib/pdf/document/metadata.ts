/**
 * The document information and XMP of the PDFs this handbook writes: title, subject, keywords in
 * Chinese, /Lang zh-TW, creator and producer, dates (pdf-lib keeps the XMP in step for PDF/A).
 */
import { PDFArray, PDFHexString, PDFString, type PDFDocument } from '@cantoo/pdf-lib';

export const PRODUCER = 'property-sop-handbook（@cantoo/pdf-lib）';
export const CREATOR = '物業服務標準作業規程手冊';

export interface DocumentMetadata {
  title: string;
  subject: string;
  keywords: string[];
  author?: string;
  now: Date;
}

export function setMetadata(
  doc: PDFDocument,
  o: DocumentMetadata,
): void {
  doc.setTitle(o.title, { showInWindowTitleBar: true });
  doc.setSubject(o.subject);
  doc.setKeywords(o.keywords);
  doc.setAuthor(o.author ?? CREATOR);
  doc.setCreator(CREATOR);
  doc.setProducer(PRODUCER);
  doc.setLanguage('zh-TW');
  doc.setCreationDate(o.now);
  doc.setModificationDate(o.now);
}

/**
 * Marks a new revision of a file (a signature added to it, whether by a full save or an
 * incremental update): Info /ModDate, the XMP xmp:ModifyDate and xmp:MetadataDate (pdf-lib
 * rewrites the XMP from the Info dictionary once the document is under PDF/A management, so the
 * two cannot disagree), and a new second string of the trailer /ID, the first kept (ISO 32000-1
 * 14.4: the first identifies the file, the second its version). The new ID is a digest of the
 * previous revision and the time, so the same update gives the same bytes.
 */
export async function markNewRevision(doc: PDFDocument, previous: Uint8Array, time: Date): Promise<void> {
  doc.setModificationDate(time);
  // Already PDF/A-3b: this only turns on pdf-lib's Info-to-XMP sync (no new OutputIntent).
  doc.convertToPDFA({ conformance: '3B' });
  const ctx = doc.context;
  const ids = ctx.lookup(ctx.trailerInfo.ID);
  const first = ids instanceof PDFArray && ids.size() > 0 ? ids.get(0) : undefined;
  const stamp = new TextEncoder().encode(`\n${time.toISOString()}`);
  const both = new Uint8Array(previous.length + stamp.length);
  both.set(previous);
  both.set(stamp, previous.length);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', both)).subarray(0, 16);
  const second = PDFHexString.of(Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''));
  ctx.trailerInfo.ID = ctx.obj([first instanceof PDFHexString || first instanceof PDFString ? first : second, second]);
}
