/**
 * Reads a chosen PDF for the verify and sign pages: verifyPdf against the trust list and register
 * the page was built with, plus what the record is (form title, record number) from the form
 * schemas. Loads the PDF library and the schemas on first use (preloaded once the page is idle).
 */
import type { RecordIdentity, RecordRules, VerifyReport } from '../../lib/pdf/entries/verify.ts';
import type { RegisterRevision } from '../../lib/documents/register.ts';
import { requiredSignatures } from '../../lib/forms/rules.ts';
import type { DateFormat } from './ReportParts.tsx';
import { errorText, fileBytes, loadForms, loadVerifyLib, pageFonts, timed, type FormsLib } from './pdf-runtime.ts';
import { recordRows, type RecordRow } from './record-rows.ts';

export interface Inspection {
  bytes: Uint8Array;
  report: VerifyReport;
  identity: RecordIdentity | null;
  rows: RecordRow[];
  fmt: DateFormat;
  /** Signature roles this record needs (x-form's rules on its data); null if the form is unknown. */
  requiredRoles: string[] | null;
}

/**
 * The definition a record renders with: its own form revision. The current one is bundled; a kept
 * earlier one is loaded on demand (null when its chunk cannot be fetched: the page is then unchecked).
 */
async function formDefinitionFor(forms: FormsLib, id: string, formRevision?: string) {
  const current = forms.recordFormDefinition(id);
  if (!current || !formRevision || current.meta.revision === formRevision) return current;
  try {
    return await (await import('../../lib/forms/validation/validator.ts')).formDefinitionFor(id, formRevision);
  } catch {
    return null;
  }
}

export async function inspectPdf(bytes: Uint8Array, trust: string[], register: RegisterRevision[]): Promise<Inspection> {
  const [lib, forms] = await Promise.all([loadVerifyLib(), loadForms()]);
  if (lib.looksTruncated(bytes)) throw new Error(lib.TRUNCATED_MESSAGE);
  // The form's rules and the page text are checked as the CLI checks them (same options). A
  // validator chunk that cannot be fetched (offline) leaves the rules unchecked, and the report
  // says so, rather than hiding the whole report.
  const rules: RecordRules = async (id, data, formRevision) => {
    try {
      return await (await import('../../lib/forms/validation/validator.ts')).recordRules(id, data, formRevision);
    } catch {
      return null;
    }
  };
  const report = await timed('pdf-verify', () =>
    lib.verifyPdf(bytes, { trust, register, rules, layout: { form: (id, formRevision) => formDefinitionFor(forms, id, formRevision), fonts: pageFonts() } }),
  );
  const fmt: DateFormat = (d) => lib.formatDateTimeZh(d);
  const rec = report.record;
  if (!rec) return { bytes, report, identity: null, rows: [], fmt, requiredRoles: null };
  const form = await formDefinitionFor(forms, rec.form, rec.formRevision);
  const data = (rec.data && typeof rec.data === 'object' ? rec.data : {}) as Record<string, unknown>;
  const identity = lib.recordIdentity(rec, form);
  const requiredRoles = form ? requiredSignatures(form.meta, data).map((s) => s.role) : null;
  return { bytes, report, identity, rows: recordRows(form, data), fmt, requiredRoles };
}

/** A chosen file, read. */
export interface InspectedFile extends Inspection {
  fileName: string;
}

export async function inspectFile(file: File, trust: string[], register: RegisterRevision[]): Promise<InspectedFile> {
  return { ...(await inspectPdf(await fileBytes(file), trust, register)), fileName: file.name };
}

/** Why a chosen file could not be read, in zh-TW. */
export function unreadableText(e: unknown): string {
  return errorText(e, '無法讀取此 PDF 檔，檔案可能已損毀。');
}

let preloading = false;

/**
 * Starts loading the PDF library, the schemas, the validators and the common font once the user
 * reaches for a file (focus, pointer or a drag over the picker): it is ready by the time a file is
 * chosen, and keeps working if the connection drops meanwhile. Before that the page loads none of it.
 */
export function preloadReader(): void {
  if (preloading) return;
  preloading = true;
  loadVerifyLib().catch(() => (preloading = false));
  loadForms().catch(() => undefined);
  import('../../lib/forms/validation/validator.ts').catch(() => undefined);
  // Verifying lays the record out again to compare it with its page: the common TC face's metrics.
  const common = pageFonts().metrics?.tcCommon;
  if (typeof common === 'function') Promise.resolve(common()).catch(() => undefined);
}
