/**
 * The /audit/ page's Web Worker: audits the chosen files off the main thread (verifying a record takes
 * tens of milliseconds of parsing and hashing; a thousand of them would freeze the page), posting
 * progress after each file and the report at the end. Nothing leaves the browser: the only requests
 * are the site's own script chunks and /fonts/ (to compare each page with its JSON).
 */
import { auditRecords, type AuditReport } from '../../lib/audit/audit.ts';
import { formDefinitionFor, recordRules } from '../../lib/forms/validation/validator.ts';
import type { RegisterRevision } from '../../lib/documents/register.ts';
import { errorText, pageFonts } from '../pdf/pdf-runtime.ts';

/**
 * What the page posts: the options and the files' names, then each file's bytes when the worker asks
 * for them (transferred, not copied). Cloning File handles costs the page's main thread about 2 ms
 * each, so a thousand of them would block it for seconds; asking one at a time also keeps only the
 * file being checked in memory.
 */
export type AuditRequest =
  | { type: 'start'; names: string[]; trust: string[]; register: RegisterRevision[]; today: string }
  | { type: 'bytes'; index: number; buffer: ArrayBuffer | null }
  // The report as a PDF: seconds of layout and font subsetting for a thousand rows, so not on the page's thread.
  | { type: 'pdf'; report: AuditReport };

export type AuditMessage =
  | { type: 'need'; index: number }
  | { type: 'progress'; done: number; total: number; file: string }
  | { type: 'done'; report: AuditReport }
  | { type: 'pdf'; bytes: Uint8Array }
  | { type: 'error'; message: string };

const post = (m: AuditMessage, transfer: Transferable[] = []) =>
  (self as unknown as { postMessage(m: AuditMessage, transfer: Transferable[]): void }).postMessage(m, transfer);

let lastProgress = 0;
const waiting = new Map<number, (buffer: ArrayBuffer | null) => void>();

/** A file's bytes from the page; one it could not read (moved, no permission) fails and is reported as 無法讀取此檔案. */
function bytesOf(index: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    waiting.set(index, (buffer) => (buffer ? resolve(new Uint8Array(buffer)) : reject(new Error('unreadable'))));
    post({ type: 'need', index });
  });
}

self.addEventListener('message', (e: MessageEvent<AuditRequest>) => {
  const m = e.data;
  if (m.type === 'start') run(m);
  else if (m.type === 'pdf') {
    import('../../lib/audit/report-pdf.ts')
      .then(({ auditReportPdf }) => auditReportPdf(m.report, pageFonts()))
      .then(
        (bytes) => post({ type: 'pdf', bytes }, [bytes.buffer as ArrayBuffer]),
        (err) => post({ type: 'error', message: errorText(err, '未能產生 PDF，請再試一次。') }),
      );
  } else {
    waiting.get(m.index)?.(m.buffer);
    waiting.delete(m.index);
  }
});

function run({ names, trust, register, today }: Extract<AuditRequest, { type: 'start' }>) {
  auditRecords(
    names.map((name, i) => ({ name, bytes: () => bytesOf(i) })),
    {
      trust,
      register,
      today,
      // The record forms (each record's own form revision; kept ones load on demand) and the 培訓確認記錄.
      form: async (id, formRevision) => {
        try {
          return await formDefinitionFor(id, formRevision);
        } catch {
          return null;
        }
      },
      // A validator chunk that cannot be fetched leaves the rules unchecked (shown as 未檢查).
      rules: async (id, data, formRevision) => {
        try {
          return await recordRules(id, data, formRevision);
        } catch {
          return null;
        }
      },
      fonts: pageFonts(),
      // Four updates a second are enough for a progress bar, and leave the page's main thread alone.
      onProgress: (done, total, file) => {
        const now = performance.now();
        if (done < total && now - lastProgress < 250) return;
        lastProgress = now;
        post({ type: 'progress', done, total, file });
      },
    },
  ).then(
    (report) => post({ type: 'done', report }),
    (err) => post({ type: 'error', message: errorText(err, '稽核未能完成，請重新載入此頁後再試。') }),
  );
}
