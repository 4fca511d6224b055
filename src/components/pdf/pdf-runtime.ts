/**
 * Browser runtime shared by the PDF islands (record form panel, sign page, verify page): loads
 * the part of the PDF library a job needs only when the user acts, fetches the fonts from this
 * site once per page, reads chosen files and turns any failure into a zh-TW message. Nothing here
 * sends data anywhere: the only requests are the site's own JS chunks and /fonts/*.ttf. Results
 * are saved with downloadFile (../download.ts).
 *
 * One entry per job (src/lib/pdf/entries/), so each loads only its own code: verifying needs no
 * fontkit and no node-forge, an unsigned export no pkijs, asn1js or node-forge (README, PDF).
 */
import type { FontSource, PdfFontSources } from '../../lib/pdf/index.ts';

export type VerifyLib = typeof import('../../lib/pdf/entries/verify.ts');
export type ExportLib = typeof import('../../lib/pdf/entries/export.ts');
export type SignLib = typeof import('../../lib/pdf/entries/sign.ts');
export type ApproveLib = typeof import('../../lib/pdf/entries/approve.ts');
export type FormsLib = typeof import('../../lib/forms/definition/index.ts');

/** `load`, run once (again after a failure); timed under `mark` when given. */
function onFirstUse<T>(load: () => Promise<T>, mark?: string): () => Promise<T> {
  let promise: Promise<T> | null = null;
  return () => {
    if (!promise) {
      promise = mark ? timed(mark, load) : load();
      promise.catch(() => (promise = null));
    }
    return promise;
  };
}

/** Reading and verifying a record. */
export const loadVerifyLib = onFirstUse<VerifyLib>(() => import('../../lib/pdf/entries/verify.ts'), 'pdf-load-library');
/** An unsigned record export. */
export const loadExportLib = onFirstUse<ExportLib>(() => import('../../lib/pdf/entries/export.ts'), 'pdf-load-library');
/** Signing a record: .p12, CMS and the signed export. */
export const loadSignLib = onFirstUse<SignLib>(() => import('../../lib/pdf/entries/sign.ts'), 'pdf-load-library');
/** Signing a procedure revision's approval. */
export const loadApproveLib = onFirstUse<ApproveLib>(() => import('../../lib/pdf/entries/approve.ts'), 'pdf-load-library');

/** The form schemas (titles for the record table, x-form for record numbers), imported on first use. */
export const loadForms = onFirstUse<FormsLib>(() => import('../../lib/forms/definition/index.ts'));

export const FONT_URLS = {
  tcCommon: '/fonts/NotoSansTC-Common.ttf',
  tc: '/fonts/NotoSansTC-Regular.ttf',
  sc: '/fonts/NotoSansSC-Regular.ttf',
} as const;

/** The faces' widths and character maps only (scripts/prepare-fonts.mjs): all verifying needs. */
export const METRICS_FONT_URLS = {
  tcCommon: '/fonts/NotoSansTC-Common-Metrics.ttf',
  tc: '/fonts/NotoSansTC-Regular-Metrics.ttf',
  sc: '/fonts/NotoSansSC-Regular-Metrics.ttf',
} as const;

function fetchBytes(url: string, onLoaded?: () => void): FontSource {
  let cached: Promise<Uint8Array> | null = null;
  return () => {
    if (!cached) {
      cached = timed('pdf-fetch-font', async () => {
        let res: Response;
        try {
          res = await fetch(url, { credentials: 'same-origin' });
        } catch {
          throw new Error(`無法下載字型檔（${url}）：請檢查網絡連線後再試。`);
        }
        if (!res.ok) throw new Error(`無法下載字型檔（${url}，HTTP ${res.status}）。`);
        const bytes = new Uint8Array(await res.arrayBuffer());
        onLoaded?.();
        return bytes;
      });
      cached.catch(() => (cached = null));
    }
    return cached;
  };
}

let fonts: PdfFontSources | null = null;
let tcFetched = false;

/** What the progress line adds while the first PDF of the page waits for the main font ('' once fetched). */
export function fontWaitNote(action: '匯出' | '簽署'): string {
  return tcFetched ? '' : `（首次${action}需下載中文字型，約 2 MB，請稍候）`;
}

/**
 * The font sources for every PDF made on this page: one object, so the library's per-source
 * cache keeps the parsed faces between exports. The whole TC face is fetched only if a text has
 * a character outside the common cut, SC only if TC lacks one.
 */
export function pageFonts(): PdfFontSources {
  fonts ??= {
    tcCommon: fetchBytes(FONT_URLS.tcCommon, () => (tcFetched = true)),
    tc: fetchBytes(FONT_URLS.tc),
    sc: fetchBytes(FONT_URLS.sc),
    metrics: { tcCommon: fetchBytes(METRICS_FONT_URLS.tcCommon), tc: fetchBytes(METRICS_FONT_URLS.tc), sc: fetchBytes(METRICS_FONT_URLS.sc) },
  };
  return fonts;
}

/** Runs `fn` between performance marks `<name>-start` / `<name>-end` and a measure `<name>`. */
export async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const id = `${name}-${Math.random().toString(36).slice(2, 8)}`;
  performance.mark(`${id}-start`);
  try {
    return await fn();
  } finally {
    performance.mark(`${id}-end`);
    try {
      performance.measure(name, `${id}-start`, `${id}-end`);
    } catch {
      // Measuring is best effort.
    }
    performance.clearMarks(`${id}-start`);
    performance.clearMarks(`${id}-end`);
  }
}

export async function fileBytes(file: Blob): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

export { confirmationText, errorCode, errorText, localDateTimeText, safeFileName, signedFileName, signerMismatchOf, sizeText, type SignerMismatch } from '../../lib/pdf/file-text.ts';
