/**
 * The record-form island's pieces in Node: RJSF strings in zh-TW, the schema RJSF renders from (rules
 * reduced to required marks, `if` parts still precompiled), the validator wrapper, draft helpers, and
 * server rendering of the island and of every form with the handbook's templates (labels tied to
 * controls, no English).
 */
import { describe, expect, test, vi, afterEach } from 'vitest';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import Form from '@rjsf/core';
import { hashForSchema, TranslatableString, type RJSFSchema } from '@rjsf/utils';
import { FORM_IDS } from '../../src/lib/procedures.ts';
import { formDefinition, getExample } from '../../src/lib/forms/definition/index.ts';
import { getRecordValidator, VALIDATOR_FUNCTIONS } from '../../src/lib/forms/validation/validate.ts';
import type { JsonSchema } from '../../src/lib/forms/definition/schema.ts';
import { translateZhTW, ZH_TW_STRINGS } from '../../src/components/forms/translate.ts';
import { draftLabel, hasContent } from '../../src/lib/record/drafts.ts';
import { pruneEmpty, pruningValidator, renderSchema } from '../../src/lib/forms/validation/rjsf.ts';
import { errorFieldId, fieldElementId, templates, widgets } from '../../src/components/forms/templates/index.ts';
import RecordForm from '../../src/components/forms/RecordForm.tsx';

afterEach(() => vi.restoreAllMocks());

test('every RJSF built-in string has Traditional Chinese (no English left)', () => {
  for (const key of Object.values(TranslatableString)) {
    const zh = ZH_TW_STRINGS[key];
    expect(zh, key).toBeTruthy();
    expect(zh.replace(/%\d/g, ''), key).not.toMatch(/[A-Za-z]/);
  }
  expect(translateZhTW(TranslatableString.AddButton)).toBe('新增一列');
  expect(translateZhTW(TranslatableString.UnknownFieldType, ['x'])).toBe('不支援的欄位類型 x');
});

test('field ids from JSON pointers and RJSF errors', () => {
  expect(fieldElementId('rf-a', '/rows/1/room')).toBe('rf-a_rows_1_room');
  expect(fieldElementId('rf-a', '/signatures/approver')).toBe('rf-a_signatures_approver');
  expect(errorFieldId({ stack: '', property: '.rows.0.floor' }, 'rf-a')).toBe('rf-a_rows_0_floor');
  expect(errorFieldId({ stack: '', params: { zh: { path: '/penaltyDecider' } } }, 'rf-a')).toBe('rf-a_penaltyDecider');
});

describe.each(FORM_IDS)('%s', (formId) => {
  const v = getRecordValidator(formId);
  const rendered = renderSchema(v.schema) as unknown as JsonSchema;

  test('the rendered schema keeps required marks only, and its `if` parts have precompiled functions', () => {
    for (const entry of rendered.allOf ?? []) {
      const text = JSON.stringify({ then: entry.then, else: entry.else, ...(entry.if ? {} : entry) });
      expect(text).not.toMatch(/"(enum|const|not|contains|timeCompare|sumOf|ratioOf|orderedBy|x-rule|minItems)"/);
      if (entry.if) expect(VALIDATOR_FUNCTIONS[formId][hashForSchema(entry.if as RJSFSchema)], JSON.stringify(entry.if)).toBeTypeOf('function');
    }
    expect(rendered.properties).toEqual(v.schema.properties);
    expect(rendered.required).toEqual(v.schema.required);
  });

  test('the wrapped validator checks every rule against the real schema', () => {
    const w = pruningValidator(v.rjsf, v.schema);
    const r = renderSchema(v.schema);
    expect(w.validateFormData(getExample(formId), r, undefined, v.transformErrors).errors).toEqual([]);
    const empty = w.validateFormData({}, r, undefined, v.transformErrors).errors.map((e) => e.stack);
    expect(empty).toEqual(v.validate({}).errors.map((e) => e.message));
  });

  test('renders with the handbook templates: zh-TW only, every label tied to a control', () => {
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    for (const formData of [getExample(formId), {}]) {
      const html = renderToString(
        createElement(Form, {
          ...v.formProps,
          schema: renderSchema(v.schema),
          validator: pruningValidator(v.rjsf, v.schema),
          templates,
          widgets,
          translateString: translateZhTW,
          idPrefix: `rf-${formId}`,
          formData,
          uiSchema: { ...v.uiSchema, 'ui:submitButtonOptions': { submitText: '檢查並完成' } },
        }),
      );
      const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
      for (const [, target] of html.matchAll(/<label[^>]*\sfor="([^"]+)"/g)) {
        expect(ids.has(target), `label for ${target}`).toBe(true);
        const el = new RegExp(`<(input|select|textarea|div)[^>]*\\sid="${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`).exec(html)?.[0] ?? '';
        expect(el, target).toMatch(/^<(input|select|textarea)|role="(radiogroup|group)"[^>]*aria-label="[^"]+"/);
      }
      // Visible text has no English words (ids, names and values aside).
      const text = html.replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;/g, ' ');
      expect(text.match(/\b[A-Za-z]{3,}\b/g) ?? [], formId).toEqual([]);
      expect(html).toContain('檢查並完成');
    }
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });
});

test('pruneEmpty drops optional empty sub-objects and undefined values, keeps required ones', () => {
  const { schema } = getRecordValidator('qr-gr-036');
  const data = {
    complainant: 'x',
    cleared: undefined,
    followUp: {},
    signatures: { receptionist: { name: '李' }, responsible: {}, visitor: { name: undefined } },
  };
  expect(pruneEmpty(schema, data)).toEqual({ complainant: 'x', signatures: { receptionist: { name: '李' } } });
  expect(pruneEmpty(schema, { signatures: {} })).toEqual({ signatures: {} });
});

test('hasContent ignores what the form fills itself; draftLabel prefers the record number', () => {
  expect(hasContent({ confidentiality: '絕密' })).toBe(false);
  expect(hasContent({ confidentiality: '絕密', reason: ' ' })).toBe(false);
  expect(hasContent({ confidentiality: '絕密', reason: '維修' })).toBe(true);
  const def = formDefinition('archive-access');
  expect(draftLabel(def, { accessNo: 'CY-1', accessor: '吳' })).toBe('CY-1');
  expect(draftLabel(def, { confidentiality: '絕密', accessor: '吳國華' })).toBe('查閱人：吳國華');
  expect(draftLabel(def, { registrarRole: 'archivist' })).toBe('登記人職位：檔案員');
  expect(draftLabel(def, {})).toBe('（尚未填寫文字內容）');
});

test('the island renders on the server without touching browser storage (a loading line, then hydration)', () => {
  const html = renderToString(createElement(RecordForm, { formId: 'qr-gr-036', procedureRevision: 'A/1' }));
  expect(html).toContain('表單載入中');
  expect(html).toContain('data-record-form="qr-gr-036"');
});
