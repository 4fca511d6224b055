/**
 * Who a record says signs each role (x-form signatures' nameField) and how a certificate's name is
 * compared with it (src/lib/forms/definition/signers.ts).
 */
import { describe, expect, it } from 'vitest';
import { FORM_IDS } from '../../src/lib/procedures.ts';
import { formDefinition, getExample, nameFieldSchema, normaliseSignerName, recordSignerName, signerMatches } from '../../src/lib/forms/definition/index.ts';
import { ACKNOWLEDGEMENT_DEFINITION } from '../../src/lib/training/acknowledgement-form.ts';

describe('nameField', () => {
  it('every role of every form and of the training acknowledgement says it, pointing at a text field', () => {
    for (const def of [...FORM_IDS.map(formDefinition), ACKNOWLEDGEMENT_DEFINITION]) {
      for (const s of def.meta.signatures) {
        expect(s, `${def.id} ${s.role}`).toHaveProperty('nameField');
        if (s.nameField !== null) expect(nameFieldSchema(def.schema, s.nameField!)?.type, `${def.id} ${s.role}`).toBe('string');
      }
    }
  });

  it('reads the name from the record, nested fields too; a role naming nobody, or an empty field, gives null', () => {
    const access = formDefinition('archive-access').meta;
    expect(recordSignerName(access, getExample('archive-access'), 'accessor')).toBe('吳國華');
    expect(recordSignerName(access, { ...getExample('archive-access'), approver: '  何美玲 ' }, 'approver')).toBe('何美玲');
    expect(recordSignerName(access, { ...getExample('archive-access'), approver: ' ' }, 'approver')).toBeNull();
    const q36 = formDefinition('qr-gr-036').meta;
    expect(recordSignerName(q36, getExample('qr-gr-036'), 'visitor')).toBe('黃志強');
    expect(recordSignerName(q36, getExample('qr-gr-036'), 'deptHead')).toBeNull();
    expect(recordSignerName(q36, { followUp: '黃志強' }, 'visitor')).toBeNull();
    expect(recordSignerName(ACKNOWLEDGEMENT_DEFINITION.meta, { name: '陳美玲' }, 'trainee')).toBe('陳美玲');
  });
});

describe('comparing names', () => {
  it('folds white space and full-width forms, nothing else', () => {
    expect(normaliseSignerName(' 陳　大文 ')).toBe('陳大文');
    expect(normaliseSignerName('Ｃｈａｎ  Tai\tMan')).toBe('Chan Tai Man');
    expect(signerMatches('陳大文', '陳 大文')).toBe(true);
    expect(signerMatches('CHAN Tai Man', 'Chan Tai Man')).toBe(false);
    expect(signerMatches('陳大文', '吳國華')).toBe(false);
    // One character differs (陳/陈): a different name.
    expect(signerMatches('陈大文', '陳大文')).toBe(false);
    expect(signerMatches('陳大文', null)).toBeNull();
  });
});
