/**
 * One form's validator, built from its precompiled functions (src/generated/validators/<id>.mjs) with
 * RJSF's `createPrecompiledValidator` — no ajv compilation, no `eval` / `new Function` at run time, so
 * it works under a CSP without 'unsafe-eval'. Browser-safe.
 *
 * In a form island:
 *   const v = await loadRecordValidator('complaint-intake');
 *   <Form {...v.formProps} formData={data} onChange={(e) => setData(applyDerived(v.formId, e.formData).data)} … />
 */
import type { ErrorTransformer, Experimental_DefaultFormStateBehavior, RJSFSchema, UiSchema, ValidatorType } from '@rjsf/utils';
import { createPrecompiledValidator, type ValidatorFunctions } from '@rjsf/validator-ajv8';
import type { ErrorObject } from 'ajv';
import type { FormId } from '../../procedures.ts';
import { keptFormLoaders, validatorLoaders } from '../../../generated/validators/index.mjs';
import { createZhLocalizer, rjsfTransformErrors, zhErrors, type ZhError } from './messages.ts';
import type { FormSchema } from '../definition/schema.ts';
import { defineForm, formDefinition, isFormId, recordFormDefinition, type FormDefinition } from '../definition/index.ts';
import { formRevisionKey } from '../definition/revisions.ts';

/**
 * RJSF 6's default (`constAsDefaults: 'always'`) pre-selects the first option of every oneOf-of-const
 * choice (e.g. 是否重大投訴 → 重大投訴, 已向顧客道歉 → 是) and fills conditional consts such as 保存期限
 * before the user has answered; it also answers every required yes/no question with 否
 * (`requiredBooleanDefault: 'populateFalse'`). The handbook's forms must not answer for the user.
 * With those settings no row of a repeating list has a default to receive, yet RJSF would walk every
 * row of the record on each change to look (46 ms a keystroke at 500 rows); `populate: 'never'` skips
 * that walk. It also stops RJSF filling a required list up to its minItems with empty rows, which
 * `withMinItems` (rjsf.ts) does for a new record instead.
 */
export const DEFAULT_FORM_STATE_BEHAVIOR: Experimental_DefaultFormStateBehavior = {
  constAsDefaults: 'never',
  emptyObjectFields: 'skipEmptyDefaults',
  requiredBooleanDefault: 'skip',
  arrayMinItems: { populate: 'never' },
};

export interface ValidationResult {
  valid: boolean;
  errors: ZhError[];
}

export interface RecordValidator {
  formId: FormId;
  schema: FormSchema;
  uiSchema: UiSchema;
  /** For RJSF's `validator` prop: precompiled, with zh-TW messages (see messages.ts). */
  rjsf: ValidatorType;
  /** For RJSF's `transformErrors` prop: the error list reads 「標題」：訊息. */
  transformErrors: ErrorTransformer;
  /** Validates record data; errors in zh-TW, naming field titles and clauses. */
  validate(data: unknown): ValidationResult;
  /** Spread onto RJSF's <Form>: schema, uiSchema, validator, transformErrors, default-state behaviour. */
  formProps: {
    schema: RJSFSchema;
    uiSchema: UiSchema;
    validator: ValidatorType;
    transformErrors: ErrorTransformer;
    experimental_defaultFormStateBehavior: Experimental_DefaultFormStateBehavior;
  };
}

export function createRecordValidator(formId: FormId, validateFns: ValidatorFunctions, definition: FormDefinition = formDefinition(formId)): RecordValidator {
  const { schema, uiSchema } = definition;
  const root = schema as unknown as RJSFSchema;
  const raw = createPrecompiledValidator(validateFns, root);
  const rjsf = createPrecompiledValidator(validateFns, root, createZhLocalizer(schema));
  const transformErrors = rjsfTransformErrors as ErrorTransformer;
  return {
    formId,
    schema,
    uiSchema,
    rjsf,
    transformErrors,
    formProps: { schema: root, uiSchema, validator: rjsf, transformErrors, experimental_defaultFormStateBehavior: DEFAULT_FORM_STATE_BEHAVIOR },
    validate(data: unknown): ValidationResult {
      const { errors } = raw.rawValidation<ErrorObject>(root, data);
      const list = zhErrors(schema, errors);
      return { valid: !errors || errors.length === 0, errors: list };
    },
  };
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
