/**
 * zh-TW wording the PDF pages show around files: a safe file name from a record number, file
 * sizes, local date-times, and any failure as a sentence for an alert. Browser-safe and light
 * (imports nothing), so a page can use it without loading the PDF library.
 */
/** A file name from a record number (characters file systems reject become "-"). */
export function safeFileName(base: string, fallback = '記錄'): string {
  const clean = base.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim();
  return clean || fallback;
}

/**
 * The file name of a record once `roleLabel` has signed it on /sign/. Each signer gets a name of
 * their own, so a later download never replaces (or is confused with) an earlier one.
 */
export function signedFileName(base: string, roleLabel: string): string {
  return `${safeFileName(base)}-${safeFileName(roleLabel, '簽署人')}已簽署.pdf`;
}

/** What went wrong, in zh-TW, for an alert. PdfError messages are already zh-TW. */
export function errorText(e: unknown, fallback: string): string {
  if (e && typeof e === 'object' && (e as { name?: unknown }).name === 'PdfError') return (e as Error).message;
  if (e instanceof Error && /[\u3400-\u9fff]/.test(e.message)) return e.message;
  if (e instanceof Error && /dynamically imported module|Loading chunk|Importing a module script failed/i.test(e.message)) {
    return '無法載入 PDF 功能：請檢查網絡連線後重新載入此頁。';
  }
  return fallback;
}

export function errorCode(e: unknown): string | null {
  return e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-03-04 14:05" in the browser's local time (what a signer writes beside a signature). */
export function localDateTimeText(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "7.1 MB", "512 KB". */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} 位元組`;
}

/** zh-TW: why a certificate may not sign a role without confirmation (sign/binding.ts throws it). */
export function mismatchMessage(label: string, certificateName: string, recordName: string): string {
  return `憑證上的姓名「${certificateName}」與記錄所載的${label}「${recordName}」不符。如確實以此憑證代表記錄所載之 ${recordName} 簽署，須先確認。`;
}

/** The confirmation a signer gives to sign for the person the record names (the pages' checkbox). */
export function confirmationText(label: string, recordName: string, certificateName: string): string {
  return `我確認以此憑證（${certificateName}）代表記錄所載之${label} ${recordName} 簽署`;
}

export interface SignerMismatch {
  label: string;
  recordName: string;
  certificateName: string;
}

/** The names of a SIGNER_MISMATCH refusal, or null for any other error. */
export function signerMismatchOf(e: unknown): SignerMismatch | null {
  if (errorCode(e) !== 'SIGNER_MISMATCH') return null;
  const d = (e as { details?: Partial<SignerMismatch> }).details;
  return d && typeof d.label === 'string' && typeof d.recordName === 'string' && typeof d.certificateName === 'string'
    ? { label: d.label, recordName: d.recordName, certificateName: d.certificateName }
    : null;
}

/** A signature whose certificate names someone other than the record's signer for the role (issue 11). */
export const IDENTITY_MISMATCH = '簽署人與記錄所載不符';
