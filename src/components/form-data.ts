/** Build-time list of the record forms for pages that list them (register, form index). */
import { existsSync } from 'node:fs';
import { formDefinitions, retentionSummary, type FormMeta } from '../lib/forms/definition/index.ts';

/** A form as a list shows it: its metadata, retention in words and the blank PDF. */
export interface FormListing extends FormMeta {
  retentionText: string;
  /** Site path of the blank printable PDF, when the build generated one. */
  blankPdf: string | null;
}

export function listForms(): FormListing[] {
  return formDefinitions().map((def) => ({
    ...def.meta,
    retentionText: retentionSummary(def),
    blankPdf: existsSync(`public/blank-forms/${def.id}.pdf`) ? `/blank-forms/${def.id}.pdf` : null,
  }));
}
