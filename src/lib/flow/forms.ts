import type { FormId } from '../procedures.ts';
import { isFormId, getFormMeta } from '../forms/definition/index.ts';

/** Display name of a form (its x-form title, e.g. 業戶意見受理表); the id itself if no form has it. */
export function formTitle(id: FormId): string {
  return isFormId(id) ? getFormMeta(id).title : id;
}

/** URL of a form's page. */
export function formHref(id: FormId): string {
  return `/forms/${id}/`;
}
