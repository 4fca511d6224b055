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

/** 2026-11-27T03:04:00Z -> 2026年11月27日 11:04（UTC+8） in the region's time (UTC+8, no DST). */
export function formatDateTimeZh(date: Date, offsetMinutes = 480): string {
  const t = new Date(date.getTime() + offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const off = Math.abs(offsetMinutes);
  const zone = off % 60 === 0 ? `${off / 60}` : `${Math.floor(off / 60)}:${pad(off % 60)}`;
  return (
    `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ` +
    `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}（UTC${sign}${zone}）`
  );
}

/** 2026-11-27 -> 2026年11月27日 in the region's time. */
export function formatDateZhLocal(date: Date, offsetMinutes = 480): string {
  const t = new Date(date.getTime() + offsetMinutes * 60_000);
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日`;
}
