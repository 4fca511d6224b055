/**
 * One form as its island needs it, its definition and validator, from the form's one generated chunk
 * (src/generated/validators/<id>.mjs carries the validator and the schema, UI schema and example), so
 * a form page bundles no other form's schema. Browser-safe.
 *
 *   const form = await loadForm('qr-gr-036');      // { definition, validator }
 *   loadedForm('qr-gr-036')                         // the same, once loaded; else null
 */
import type { FormId } from '../../procedures.ts';
import { formLoaders } from '../../../generated/validators/index.mjs';
import { defineForm, type FormDefinition } from '../definition/define.ts';
import { createRecordValidator, type RecordValidator } from './record-validator.ts';

export interface LoadedForm {
  definition: FormDefinition;
  validator: RecordValidator;
}

const loading = new Map<FormId, Promise<LoadedForm>>();
const loaded = new Map<FormId, LoadedForm>();

export function loadForm(formId: FormId): Promise<LoadedForm> {
  let p = loading.get(formId);
  if (!p) {
    p = formLoaders[formId]().then(({ validateFns, sources }) => {
      const definition = defineForm(sources);
      const form = { definition, validator: createRecordValidator(formId, validateFns, definition) };
      loaded.set(formId, form);
      return form;
    });
    // A failed load may be tried again (the island offers a reload).
    p.catch(() => loading.delete(formId));
    loading.set(formId, p);
  }
  return p;
}

/** The form if loadForm has finished, for a render that cannot wait (server rendering, hydration). */
export function loadedForm(formId: FormId): LoadedForm | null {
  return loaded.get(formId) ?? null;
}
