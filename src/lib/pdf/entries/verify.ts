/**
 * The browser's entry for reading a record (/verify/, /sign/ before signing, the training matrix,
 * the audit worker): signatures, CMS and the trust chain (pdf-lib, pkijs), and the page compared
 * with the embedded JSON through the metrics reader (layout/font-metrics.ts). It loads fontkit only
 * for text fontkit must shape, and never node-forge. Node callers use ../index.ts.
 */
export {
  verifyPdf,
  refuseToSign,
  summarize,
  type RecordRules,
  type SignatureReport,
  type VerifyOptions,
  type VerifyReport,
} from '../verify/report.ts';
export { looksTruncated, recordIdentity, TRUNCATED_MESSAGE, type RecordIdentity } from '../verify/identity.ts';
export { PdfError, formatDateTimeZh } from '../errors.ts';
