/**
 * The forms render in RJSF 6 with the precompiled validators (the way the browser island will use
 * them), and RJSF's own validation path yields the same zh-TW messages.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import Form from '@rjsf/core';
import { getDefaultFormState, type RJSFSchema } from '@rjsf/utils';
import { FORM_IDS } from '../../src/lib/procedures.ts';
import { getExample } from '../../src/lib/forms/definition/index.ts';
import { getRecordValidator } from '../../src/lib/forms/validation/validate.ts';

afterEach(() => vi.restoreAllMocks());

describe.each(FORM_IDS)('%s', (formId) => {
  test('renders with the precompiled validator, example data and an empty form, without warnings', () => {
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    const v = getRecordValidator(formId);
    for (const formData of [getExample(formId), {}]) {
      const html = renderToString(createElement(Form, { ...v.formProps, formData }));
      expect(html).toContain(v.schema.title);
      for (const [key, prop] of Object.entries(v.schema.properties ?? {})) {
        if (prop.title && (v.uiSchema[key] as Record<string, unknown> | undefined)?.['ui:widget'] !== 'hidden') {
          expect(html, `${key} rendered`).toContain(prop.title);
        }
      }
    }
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  test('an empty form answers nothing for the user (no pre-selected choice, no filled const, no yes/no)', () => {
    const v = getRecordValidator(formId);
    const schema = v.schema as unknown as RJSFSchema;
    const defaults = getDefaultFormState(v.rjsf, schema, {}, schema, false, v.formProps.experimental_defaultFormStateBehavior) as Record<string, unknown>;
    for (const [key, value] of Object.entries(defaults)) {
      const prop = v.schema.properties?.[key];
      // Only explicit schema defaults (密級 絕密) or empty rows for minItems.
      const emptyRows = Array.isArray(value) && value.every((row) => JSON.stringify(row) === '{}');
      expect(value === prop?.default || emptyRows, `${key}=${JSON.stringify(value)}`).toBe(true);
    }
    // A required yes/no question stays unanswered (RJSF's own default would answer 否).
    for (const key of v.schema.required ?? []) {
      if (v.schema.properties?.[key]?.type === 'boolean') expect(defaults[key], key).toBeUndefined();
    }
  });

  test("RJSF's validateFormData gives zh-TW messages with field titles", () => {
    const v = getRecordValidator(formId);
    const schema = v.schema as unknown as RJSFSchema;
    expect(v.rjsf.validateFormData(getExample(formId), schema, undefined, v.transformErrors).errors).toEqual([]);
    const { errors, errorSchema } = v.rjsf.validateFormData({}, schema, undefined, v.transformErrors);
    expect(errors.length).toBeGreaterThan(0);
    const expected = v.validate({}).errors.map((e) => e.message);
    expect(errors.map((e) => e.stack)).toEqual(expected);
    const first = (v.schema.required ?? [])[0];
    expect((errorSchema as Record<string, { __errors?: string[] }>)[first]?.__errors).toContain('必須填寫');
  });
});

test('a rule error lands under its field in the RJSF error schema', () => {
  const v = getRecordValidator('violation-record');
  const d = getExample('violation-record');
  d.penaltyDecider = 'areaSteward';
  const { errors, errorSchema } = v.rjsf.validateFormData(d, v.schema as unknown as RJSFSchema, undefined, v.transformErrors);
  expect(errors.map((e) => e.stack)).toEqual([
    '「處罰決定人」：依 4.4.7，處罰只可由物業公司經理或客戶服務中心經理決定（其他員工只能勸導、教育，嚴禁越權處罰）',
  ]);
  expect((errorSchema as Record<string, { __errors?: string[] }>).penaltyDecider?.__errors?.[0]).toMatch(/^依 4\.4\.7，/);
});
