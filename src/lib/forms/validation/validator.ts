/**
 * One form's validator, built from its precompiled functions (src/generated/validators/<id>.mjs) with
 * RJSF's `createPrecompiledValidator` (record-validator.ts) and the form's bundled definition; kept form
 * revisions. Browser-safe, but it bundles every form's schema: a form island uses form-loader.ts.
 *
 * In a form island:
 *   const v = await loadRecordValidator('complaint-intake');
 *   <Form {...v.formProps} formData={data} onChange={(e) => setData(applyDerived(v.formId, e.formData).data)} … />
 */
import type { ValidatorFunctions } from '@rjsf/validator-ajv8';
import type { FormId } from '../../procedures.ts';
import { keptFormLoaders, validatorLoaders } from '../../../generated/validators/index.mjs';
import { createRecordValidator as createWith, type RecordValidator, type ValidationResult } from './record-validator.ts';
import { defineForm, formDefinition, isFormId, recordFormDefinition, type FormDefinition } from '../definition/index.ts';
import { formRevisionKey } from '../definition/revisions.ts';

export * from './record-validator.ts';

/** A record validator; the definition defaults to the bundled one of the form. */
export function createRecordValidator(formId: FormId, validateFns: ValidatorFunctions, definition: FormDefinition = formDefinition(formId)): RecordValidator {
  return createWith(formId, validateFns, definition);
}

const loaded = new Map<FormId, Promise<RecordValidator>>();

/** Loads only this form's compiled validator (a separate chunk in the browser bundle). */
export function loadRecordValidator(formId: FormId): Promise<RecordValidator> {
  let p = loaded.get(formId);
  if (!p) {
    p = validatorLoaders[formId]().then((fns) => createRecordValidator(formId, fns));
    loaded.set(formId, p);
  }
  return p;
}

const keptLoaded = new Map<string, Promise<{ definition: FormDefinition; validator: RecordValidator } | null>>();

/**
 * A kept earlier (or not yet current) form revision (schemas/revisions/): its definition and
 * validator, or null when the handbook keeps no such revision of the form.
 */
export function loadKeptFormRevision(formId: FormId, formRevision: string): Promise<{ definition: FormDefinition; validator: RecordValidator } | null> {
  const key = formRevisionKey(formId, formRevision);
  let p = keptLoaded.get(key);
  if (!p) {
    const loader = (keptFormLoaders as Record<string, (() => Promise<{ validateFns: ValidatorFunctions; sources: { schema: unknown; uiSchema?: unknown; example?: unknown } }>) | undefined>)[key];
    p = loader
      ? loader().then(({ validateFns, sources }) => {
          const definition = defineForm(sources);
          return { definition, validator: createRecordValidator(formId, validateFns, definition) };
        })
      : Promise.resolve(null);
    keptLoaded.set(key, p);
  }
  return p;
}

/**
 * The definition a record filled under `formRevision` validates and renders with: the current form
 * when the revisions agree (or none is named), else the kept one; null when the form or that
 * revision is unknown.
 */
export async function formDefinitionFor(formId: string, formRevision?: string): Promise<FormDefinition | null> {
  if (!isFormId(formId)) return recordFormDefinition(formId);
  const current = formDefinition(formId);
  if (!formRevision || formRevision === current.meta.revision) return current;
  return (await loadKeptFormRevision(formId, formRevision))?.definition ?? null;
}

/**
 * The form's rules on a record's data, for verifying and signing a record PDF (the verifier's
 * `rules` option), under the form revision the record was filled under: null for a form (or form
 * revision) this handbook does not know.
 */
export async function recordRules(formId: string, data: unknown, formRevision?: string): Promise<ValidationResult | null> {
  if (!isFormId(formId)) return null;
  if (!formRevision || formRevision === formDefinition(formId).meta.revision) return (await loadRecordValidator(formId)).validate(data);
  return (await loadKeptFormRevision(formId, formRevision))?.validator.validate(data) ?? null;
}
