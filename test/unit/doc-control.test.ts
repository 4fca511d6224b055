import { describe, expect, it } from 'vitest';
import { checkRevisionSet, compareRevisions, docControlSchema, revisionSlug, type RevisionEntry } from '../../src/lib/documents/doc-control.ts';
import { readRegister } from '../../src/lib/documents/register-files.ts';
import { revisionStanding } from '../../src/lib/documents/register.ts';

const valid = {
  procedure: 'complaints',
  order: 1,
  docNumber: 'HB-SOP-01',
  numberIssuer: 'handbook',
  issuedTitle: '第一篇:業戶投訴處理標準作業規程',
  revision: 'A/0',
  status: 'effective',
  effectiveDate: '2026-11-27',
  approvals: { preparedBy: null, reviewedBy: null, approvedBy: null },
  relatedRecords: [{ formId: 'complaint-intake', title: '業戶意見受理表', clause: '4.1.5' }],
  retention: '長期',
};

describe('document-control schema', () => {
  it('accepts a complete as-issued revision', () => {
    expect(docControlSchema.safeParse(valid).success).toBe(true);
  });
  it('accepts a procedure the code has never heard of (procedures are content)', () => {
    expect(docControlSchema.safeParse({ ...valid, procedure: 'cleaning', order: 6, docNumber: 'HB-SOP-06', relatedRecords: [] }).success).toBe(true);
  });
  it.each([
    ['a document number outside both schemes', { docNumber: 'QP-1' }, '文件編號格式不符'],
    ['a malformed revision', { revision: 'A1' }, '版本/改次格式不符'],
    ['an unknown status', { status: 'approved' }, ''],
    ['an effective revision without a date', { effectiveDate: null }, '必須有生效日期'],
    ['a revision without its changes', { basedOn: 'A/0', status: 'draft', effectiveDate: null }, '必須列出變更說明'],
    ['a company number claimed by the handbook', { docNumber: 'TP/QP-09' }, 'TP/QP 編號由公司編定'],
    ['a record form that does not exist', { relatedRecords: [{ formId: 'nope', title: 'x', clause: '1' }] }, ''],
    ['a revision without its place in the issue order', { order: undefined }, '發行順序'],
    ['an issue order that is not a positive integer', { order: 0 }, '正整數'],
    ['a procedure id that cannot be a folder name', { procedure: 'Cleaning SOP' }, '規程代號'],
  ])('rejects %s', (_what, patch, message) => {
    const r = docControlSchema.safeParse({ ...valid, ...patch });
    expect(r.success).toBe(false);
    if (message) expect(JSON.stringify(r.error?.issues)).toContain(message);
  });
});

describe('revision set rules', () => {
  const entry = (procedure: string, revision: string, status: string, docNumber = 'HB-SOP-01', order = 1): RevisionEntry => ({
    id: `${procedure}/${revision}`,
    data: { ...docControlSchema.parse({ ...valid, procedure, order, revision, status, docNumber, numberIssuer: docNumber.startsWith('TP') ? 'company' : 'handbook' }), title: 't' },
  });
  it('wants exactly one effective revision per procedure and unique numbers', () => {
    const problems = checkRevisionSet([
      entry('complaints', 'A/0', 'effective'),
      entry('complaints', 'A/1', 'effective'),
      entry('violations', 'A/0', 'effective', 'HB-SOP-01', 2),
      entry('archives', 'A/1', 'draft', 'HB-SOP-04', 4),
    ]);
    expect(problems.join('\n')).toContain('「complaints」應恰有一個生效版本，實有 2 個');
    expect(problems.join('\n')).toContain('文件編號 HB-SOP-01 被兩個程序使用');
    expect(problems.join('\n')).toContain('「archives」應恰有一個生效版本，實有 0 個');
  });
  it('wants one issue order per procedure, used by no other procedure', () => {
    const problems = checkRevisionSet([
      entry('complaints', 'A/0', 'effective', 'HB-SOP-01', 1),
      entry('complaints', 'A/1', 'draft', 'HB-SOP-01', 2),
      entry('violations', 'A/0', 'effective', 'HB-SOP-02', 1),
    ]).join('\n');
    expect(problems).toContain('「complaints」各版本的發行順序不一致：1、2');
    expect(problems).toContain('發行順序 1 被兩個程序使用：complaints、violations');
  });
  it('orders and slugs revisions', () => {
    expect(['B/0', 'A/2', 'A/10', 'A/1'].sort(compareRevisions)).toEqual(['A/1', 'A/2', 'A/10', 'B/0']);
    expect(revisionSlug('A/1')).toBe('a-1');
  });
});

describe('the real register', () => {
  const register = readRegister('content/sops');
  it('has the five procedures, each with one effective and one draft revision', () => {
    expect(register).toHaveLength(10);
    const numbers = new Map(register.map((r) => [r.procedure, r.docNumber]));
    expect(Object.fromEntries(numbers)).toEqual({
      complaints: 'HB-SOP-01',
      violations: 'HB-SOP-02',
      communication: 'TP/QP-09',
      archives: 'HB-SOP-04',
      'follow-up': 'HB-SOP-05',
    });
    expect(checkRevisionSet(register.map((r) => ({ id: r.path, data: r as never })))).toEqual([]);
  });
  it('TP/QP-09 keeps the company revision A/1 as the effective one', () => {
    expect(revisionStanding(register, 'TP/QP-09', 'A/1')).toBe('effective');
    expect(revisionStanding(register, 'TP/QP-09', 'A/2')).toBe('draft');
    expect(revisionStanding(register, 'TP/QP-09', 'Z/9')).toBe('unknown');
  });
});
