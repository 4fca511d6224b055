/** Build-time list of the record forms for pages that list them (register, form index). */
import { existsSync } from 'node:fs';
import { FORM_IDS } from '../lib/procedures.ts';
import { getXForm } from '../lib/forms/schemas.ts';
import { retentionSummary } from '../lib/forms/derive.ts';
import type { XForm } from '../lib/forms/rules.ts';

export interface FormMeta extends XForm {
  retentionText: string;
  /** Site path of the blank printable PDF, when the build generated one. */
  blankPdf: string | null;
}

export function listFormMeta(): FormMeta[] {
  return FORM_IDS.map((id) => getXForm(id)).map((x) => ({
    ...x,
    retentionText: retentionSummary(x),
    blankPdf: existsSync(`public/blank-forms/${x.id}.pdf`) ? `/blank-forms/${x.id}.pdf` : null,
  }));
}
