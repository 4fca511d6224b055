/**
 * The /audit/ page's Web Worker: audits the chosen files off the main thread (verifying a record takes
 * tens of milliseconds of parsing and hashing; a thousand of them would freeze the page), posting
 * progress after each file and the report at the end. Nothing leaves the browser: the only requests
 * are the site's own script chunks and /fonts/ (to compare each page with its JSON).
 */
import { auditRecords, type AuditReport } from '../../lib/audit/audit.ts';
import { formDefinition, isFormId } from '../../lib/forms/definition/index.ts';
import { recordRules } from '../../lib/forms/validation/validator.ts';
import type { RegisterRevision } from '../../lib/documents/register.ts';
import { errorText, pageFonts } from '../pdf/pdf-runtime.ts';

export interface AuditRequest {
  files: File[];
  trust: string[];
  register: RegisterRevision[];
  today: string;
}

export type AuditMessage =
  | { type: 'progress'; done: number; total: number; file: string }
  | { type: 'done'; report: AuditReport }
  | { type: 'error'; message: string };

const post = (m: AuditMessage) => (self as unknown as { postMessage(m: AuditMessage): void }).postMessage(m);

self.addEventListener('message', (e: MessageEvent<AuditRequest>) => {
  const { files, trust, register, today } = e.data;
  // The file's path inside a chosen folder, else its name.
  const name = (f: File) => f.webkitRelativePath || f.name;
  auditRecords(
    files.map((f) => ({ name: name(f), bytes: async () => new Uint8Array(await f.arrayBuffer()) })),
    {
      trust,
      register,
      today,
      form: (id) => (isFormId(id) ? formDefinition(id) : null),
      // A validator chunk that cannot be fetched leaves the rules unchecked (shown as 未檢查).
      rules: async (id, data) => {
        try {
          return await recordRules(id, data);
        } catch {
          return null;
        }
      },
      fonts: pageFonts(),
      onProgress: (done, total, file) => post({ type: 'progress', done, total, file }),
    },
  ).then(
    (report) => post({ type: 'done', report }),
    (err) => post({ type: 'error', message: errorText(err, '稽核未能完成，請重新載入此頁後再試。') }),
  );
});
