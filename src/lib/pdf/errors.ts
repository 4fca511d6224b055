/**
 * Errors raised by the PDF library. `message` is always zh-TW and meant for the user;
 * `code` is for callers that branch on the kind of failure.
 */
export type PdfErrorCode =
  | 'MISSING_GLYPH'
  | 'FONT_UNREADABLE'
  | 'SCHEMA_INVALID'
  | 'IMAGE_INVALID'
  | 'NOT_PKCS12'
  | 'BAD_PASSWORD'
  | 'NO_PRIVATE_KEY'
  | 'NO_CERTIFICATE'
  | 'UNSUPPORTED_KEY'
  | 'CERT_EXPIRED'
  | 'CERT_NOT_YET_VALID'
  | 'CERT_KEY_USAGE'
  | 'CANNOT_SIGN'
  | 'PDF_UNREADABLE'
  | 'PDF_ENCRYPTED'
  | 'NOT_OUR_PDF'
  | 'ROLE_UNKNOWN'
  | 'ROLE_ALREADY_SIGNED'
  | 'SIGNER_MISMATCH'
  | 'SIGNATURE_TOO_LARGE'
  | 'SIGNING_FAILED';

export class PdfError extends Error {
  readonly code: PdfErrorCode;
  readonly details?: unknown;

  constructor(code: PdfErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'PdfError';
    this.code = code;
    this.details = details;
  }
}

// Where pdf/ and the CLIs have always imported it from; the handbook's time lives in shared/time.ts.
export { formatDateTimeZh } from '../shared/time.ts';
