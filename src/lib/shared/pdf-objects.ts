/** Reading values out of raw pdf-lib objects. */
import { PDFHexString, PDFName, PDFString, type PDFObject } from '@cantoo/pdf-lib';

/** The text of a PDF string or name object; null for anything else. */
export function textOf(obj: PDFObject | undefined): string | null {
  if (obj instanceof PDFString || obj instanceof PDFHexString) return obj.decodeText();
  if (obj instanceof PDFName) return obj.decodeText();
  return null;
}
