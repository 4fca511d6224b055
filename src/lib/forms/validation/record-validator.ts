/**
 * A record validator from a form's precompiled functions (src/generated/validators/<id>.mjs) and its
 * definition, with RJSF's `createPrecompiledValidator`: no ajv compilation, no `eval` / `new Function`
 * at run time, so it works under a CSP without 'unsafe-eval'. Imports no bundled schema, so a form
 * page carries only its own form's. Browser-safe.
 */
import type { ErrorTransformer, Experimental_DefaultFormStateBehavior, RJSFSchema, UiSchema, ValidatorType } from '@rjsf/utils';
import { createPrecompiledValidator, type ValidatorFunctions } from '@rjsf/validator-ajv8';
import type { ErrorObject } from 'ajv';
import type { FormId } from '../../procedures.ts';
import { createZhLocalizer, rjsfTransformErrors, zhErrors, type ZhError } from './messages.ts';
import type { FormSchema } from '../definition/schema.ts';
import type { FormDefinition } from '../definition/define.ts';

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

export function createRecordValidator(formId: FormId, validateFns: ValidatorFunctions, definition: FormDefinition): RecordValidator {
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

