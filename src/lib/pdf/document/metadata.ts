/**
 * The document information and XMP of the PDFs this handbook writes: title, subject, keywords in
 * Chinese, /Lang zh-TW, creator and producer, dates (pdf-lib keeps the XMP in step for PDF/A).
 */
import type { PDFDocument } from '@cantoo/pdf-lib';

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
