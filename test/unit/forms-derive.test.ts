/** Derived values: 違章等級 (4.2.7), 保存期限 (4.5), 滿意率, catalogue order (4.5), 密級 (4.8). */
import { describe, expect, test } from 'vitest';
import { applyDerived, deriveViolationLevel, retentionOf, satisfactionRate, sortCatalogueRows, violationRetention } from '../../src/lib/forms/derive.ts';
import { requiredSignatures } from '../../src/lib/forms/rules.ts';
import { blankRetentionText, formDefinition, getExample, getFormMeta, retentionSummary } from '../../src/lib/forms/definition/index.ts';
import { validateRecord } from '../../src/lib/forms/validation/validate.ts';

describe('4.2.7 違章等級', () => {
  test.each([
    [true, true, 'major'],
    [true, false, 'major'],
    [false, true, 'major'],
    [true, undefined, 'major'],
    [false, false, 'general'],
    [false, undefined, undefined],
    [undefined, undefined, undefined],
  ])('受損 %s, 威脅 %s → %s', (harmed, threat, level) => {
    expect(deriveViolationLevel(harmed, threat)).toBe(level);
  });

  test('applyDerived fixes a contradiction the schema rejects, and the record then validates', () => {
    const d = getExample('violation-record');
    d.publicSafetyThreat = false;
    d.ownerInterestsHarmed = true;
    d.level = 'general';
    d.retention = '一年';
    expect(validateRecord('violation-record', d).valid).toBe(false);
    const { data, changed } = applyDerived('violation-record', d);
    expect(changed).toEqual(['level', 'retention']);
    expect(data).toMatchObject({ level: 'major', retention: '五年' });
    expect(validateRecord('violation-record', data).valid).toBe(true);
    expect(d.level).toBe('general');
  });
});

describe('4.5 保存期限', () => {
  test('by form and level', () => {
    expect(violationRetention('general')).toBe('一年');
    expect(violationRetention('major')).toBe('五年');
    expect(retentionOf('violation-record', { level: 'general' })).toBe('一年');
    expect(retentionOf('violation-notice', { level: 'major' })).toBe('五年');
    expect(retentionOf('violation-record', {})).toBe('五年');
    expect(retentionOf('archive-access')).toBe('永久');
    expect(retentionOf(getFormMeta('complaint-intake'))).toBe('三年');
  });
});

describe('statistics', () => {
  test('滿意率', () => {
    expect(satisfactionRate({ satisfied: 2, fair: 1, dissatisfied: 1 })).toBe(75);
    expect(satisfactionRate({ satisfied: 1, fair: 0, dissatisfied: 2 })).toBe(33.3);
    expect(satisfactionRate({})).toBe(0);
  });

  test('applyDerived fills 回訪數 and 滿意率, and 投訴總數', () => {
    const f = getExample('follow-up-monthly-stats');
    f.satisfaction = { satisfied: 3, fair: 0, dissatisfied: 1 };
    const { data } = applyDerived('follow-up-monthly-stats', f);
    expect(data).toMatchObject({ total: 4, satisfactionRate: 75 });
    expect(validateRecord('follow-up-monthly-stats', data).valid).toBe(true);
    const c = getExample('complaint-monthly-stats');
    c.bySeverity = { major: 0, general: 3 };
    expect(applyDerived('complaint-monthly-stats', c).changed).toEqual([]);
  });
});

describe('archives', () => {
  test('rows sorted by 樓層號 then 房號 (digits numerically) pass 4.5', () => {
    const rows = [
      { floor: 12, room: 'B' },
      { floor: 3, room: '10' },
      { floor: 3, room: '2' },
      { floor: -1, room: 'A' },
    ];
    expect(sortCatalogueRows(rows)).toEqual([
      { floor: -1, room: 'A' },
      { floor: 3, room: '2' },
      { floor: 3, room: '10' },
      { floor: 12, room: 'B' },
    ]);
    const d = getExample('archive-catalogue');
    const mixed = [...(d.rows as Record<string, unknown>[])].reverse();
    d.rows = mixed;
    expect(validateRecord('archive-catalogue', d).valid).toBe(false);
    d.rows = sortCatalogueRows(mixed as { floor: number; room: string }[]);
    expect(validateRecord('archive-catalogue', d).valid).toBe(true);
  });

  test('密級 絕密 filled on archive forms', () => {
    const d = getExample('archive-change');
    delete d.confidentiality;
    expect(applyDerived('archive-change', d)).toMatchObject({ data: { confidentiality: '絕密' }, changed: ['confidentiality'] });
    expect(applyDerived('complaint-intake', getExample('complaint-intake')).changed).toEqual([]);
  });
});

describe('signatures needed now', () => {
  test('x-form conditions evaluated on the data', () => {
    const x = getFormMeta('violation-record');
    const roles = (d: Record<string, unknown>) => requiredSignatures(x, d).map((s) => s.role);
    expect(roles({ level: 'general' })).toEqual(['registrar', 'supervisor']);
    expect(roles({ level: 'major' })).toEqual(['registrar', 'superior']);
    expect(roles({ level: 'general', measures: ['publicCriticism'] })).toEqual(['registrar', 'supervisor', 'superior']);
    const ci = getFormMeta('complaint-intake');
    expect(requiredSignatures(ci, { status: 'closed', isMajor: true }).map((s) => s.role)).toEqual(['receiver', 'owner', 'manager']);
    expect(requiredSignatures(ci, { status: 'open', isMajor: false }).map((s) => s.role)).toEqual(['receiver']);
  });
});

describe('retention in words (one wording for the register, the form pages and the PDFs)', () => {
  test('states the 4.5 rule with the level field\'s own labels, the 4.9 rule and the handbook assumption', () => {
    expect(retentionSummary(formDefinition('violation-record'))).toBe('一般違章：一年；重大違章：五年（依 4.5）');
    expect(retentionSummary(formDefinition('archive-access'))).toBe('永久（依 4.9）');
    expect(retentionSummary(formDefinition('qr-gr-036'))).toBe('三年（發行文本未規定，本手冊暫定）');
  });

  test('a blank violation form prints the same rule wording as the register', () => {
    for (const id of ['violation-record', 'violation-notice'] as const) {
      expect(blankRetentionText(formDefinition(id))).toBe(retentionSummary(formDefinition(id)));
    }
    expect(blankRetentionText(formDefinition('qr-gr-036'))).toBe('三年（暫定）');
  });
});
