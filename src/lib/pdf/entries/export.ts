/**
 * The browser's entry for an unsigned export from a form page: layout and fonts (pdf-lib, fontkit),
 * no CMS or .p12 code (pkijs, asn1js, node-forge). Node callers use ../index.ts.
 */
import { loadFontkit } from '../layout/fonts.ts';

// fontkit is its own chunk: fetched beside this one, not after it.
loadFontkit().catch(() => undefined);

export { exportRecordPdf, type DrawnSignatureInput, type RecordPdfInput } from '../document/export.ts';
