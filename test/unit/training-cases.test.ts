import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { formDefinitions, getExample } from '../../src/lib/forms/definition/index.ts';
import { validateRecord } from '../../src/lib/forms/validation/validate.ts';
import { checkCase, type PracticeCase } from '../../src/lib/training/cases.ts';
import { validateCases, type SchemaNode } from '../../src/lib/training/cases-validate.ts';
import { loadCases, trainingDirs } from '../../src/lib/training/load.ts';
import { scanClauses } from '../../src/lib/documents/clauses.ts';
import type { FormId } from '../../src/lib/procedures.ts';
import { readProcedures } from '../../src/lib/procedures-files.ts';

const PROCEDURE_IDS = readProcedures('content/sops').map((p) => p.id);

const dirs = trainingDirs(process.cwd());
const all = Object.fromEntries(PROCEDURE_IDS.map((p) => [p, loadCases(p, dirs)]));
const byId = (id: string): PracticeCase => Object.values(all).flat().find((c) => c.id === id)!;
const example = (form: FormId) => getExample(form);
const failed = (c: PracticeCase, record: unknown) => checkCase(c, record).items.filter((i) => !i.passed).map((i) => i.text);
const schemas = Object.fromEntries(formDefinitions().map((f) => [f.id, f.schema as SchemaNode]));
const anchors = (p: string) => scanClauses(readFileSync(`content/sops/${p}/index.mdx`, 'utf8')).map((r) => r.anchor);

describe('practice case data', () => {
  it('every procedure with forms has at least two cases, each on one of its own forms', () => {
    for (const p of PROCEDURE_IDS) {
      const forms = formDefinitions().filter((f) => f.meta.procedure === p);
      if (forms.length === 0) continue;
      expect(all[p].length, p).toBeGreaterThanOrEqual(2);
      for (const c of all[p]) expect(forms.map((f) => f.id)).toContain(c.form);
    }
  });

  it('refuses a dangling clause, an unknown field, a value the field cannot hold and a form of another procedure', () => {
    const raw = {
      cases: [
        {
          id: 'bad',
          form: 'violation-record',
          title: '題',
          scenario: '情境',
          expectations: [
            { field: 'level', equals: 'major', clause: '4.2.9', message: '訊息' },
            { field: 'levle', equals: 'major', clause: '4.2.7', message: '訊息' },
            { field: 'level', equals: 'huge', clause: '4.2.7', message: '訊息' },
            { field: 'level', equals: 'major', present: true, clause: '4.2.7', message: '訊息' },
          ],
        },
        { id: 'other', form: 'outage-notice', title: '題', scenario: '情境', expectations: [{ field: 'kind', equals: 'planned', clause: '4.2.7', message: '訊息' }] },
      ],
    };
    const r = validateCases('violations', raw, { anchors: anchors('violations'), schemas });
    expect(r.cases).toBeUndefined();
    expect(r.problems).toEqual([
      '練習個案「violations」個案「bad」第 1 項預期（level）引用的條款 4.2.9 不存在',
      '練習個案「violations」個案「bad」第 2 項預期（levle）：表單「violation-record」沒有欄位 levle',
      '練習個案「violations」個案「bad」第 3 項預期（level）的值「huge」不是該欄位的選項（general、major）',
      '練習個案「violations」個案「bad」第 4 項預期（level）須恰有一種檢查（equals、oneOf、includes、excludes、present、atLeastHoursBefore、atMostHoursAfter），實有 2 種',
      '練習個案「violations」個案「other」的表單「outage-notice」不屬於本規程',
    ]);
  });
});

describe('checking a record against a case (the forms\' example records)', () => {
  it('the violation example (fire lane, refused, criticised by the manager) meets the fire-lane case', () => {
    expect(checkCase(byId('fire-lane-repeat'), example('violation-record')).passed).toBe(true);
  });

  it('the same record filled as advice by a steward gets clause-citing feedback', () => {
    const r: Record<string, unknown> = { ...example('violation-record'), measures: ['advice'], penaltyDecider: 'areaSteward' };
    delete r.escalation;
    expect(failed(byId('fire-lane-repeat'), r)).toEqual([
      '不符：依 4.4.2 a)，屬重大違規事件，須報物業公司上級處理，並記錄上報對象及時間',
      '不符：依 4.3.1，即時勸導、教育只適用於一般違章事件，不能作為重大違章的處理辦法',
      '不符：依 4.3.4，業戶不接受違章處理意見，適用通報批評',
      '不符：依 4.4.7，處罰只可由物業公司經理或客戶服務中心經理決定，其他員工只能勸導、教育',
    ]);
    const item = checkCase(byId('fire-lane-repeat'), r).items.find((i) => i.field === 'penaltyDecider')!;
    expect(item.anchor).toBe('clause-4-4-7');
  });

  it('the lawn case fails on the fire-lane example and passes a general record the form itself accepts', () => {
    const lawn = byId('lawn-first-time');
    expect(failed(lawn, example('violation-record'))).toHaveLength(4);
    const general = {
      recordNo: 'WZ-2026-0020',
      reportedAt: '2026-03-20T10:00:00+08:00',
      registrar: '張家輝',
      unit: '範例花園 2 座 1 樓 A 室',
      location: '中央花園草坪',
      category: '4.2.3f',
      description: '業戶帶小朋友踐踏草坪，經勸導即離開。',
      ownerInterestsHarmed: false,
      publicSafetyThreat: false,
      level: 'general',
      retention: '一年',
      supervisorVisit: { by: '黃志強', at: '2026-03-20T10:20:00+08:00', content: '到場向業戶說明愛護草坪。' },
      measures: ['advice'],
      outcome: '業戶已離開草坪並致歉。',
      status: 'closed',
      signatures: { registrar: { name: '張家輝', signedOn: '2026-03-20' }, supervisor: { name: '黃志強', signedOn: '2026-03-20' } },
    };
    expect(validateRecord('violation-record', general).errors).toEqual([]);
    expect(checkCase(lawn, general).passed).toBe(true);
  });

  it('a planned water cut announced 12 hours before fails 4.3.2; the example (three days before) passes', () => {
    const c = byId('water-cut-12-hours');
    expect(checkCase(c, example('outage-notice')).passed).toBe(true);
    const late = { ...example('outage-notice'), publishedAt: '2026-03-17T21:00:00+08:00' };
    expect(failed(c, late)).toEqual(['不符：依 4.3.2，應提前 24 小時通知全體住戶；只提前 12 小時不符合，停水須延後至通知發布後至少 24 小時']);
    // The form's own rule says the same, independently.
    expect(validateRecord('outage-notice', late).errors.map((e) => e.message).join()).toContain('24');
    expect(failed(c, { ...late, kind: 'emergency' })[0]).toContain('依 4.3.2，清洗水缸屬日常維修');
  });

  it('a burst main must be recorded as an emergency with an apology afterwards (4.3.3)', () => {
    expect(failed(byId('burst-main'), example('outage-notice'))).toHaveLength(3);
    const emergency = { ...example('outage-notice'), kind: 'emergency', apologyContent: '致歉並說明市政爆管。', apologyPublishedAt: '2026-03-18T14:00:00+08:00' };
    expect(checkCase(byId('burst-main'), emergency).passed).toBe(true);
  });

  it('a general valid complaint is solved within two days (4.2.3 d)', () => {
    const c = byId('hot-water-general');
    expect(checkCase(c, example('qr-gr-036')).passed).toBe(true);
    expect(failed(c, { ...example('qr-gr-036'), completedAt: '2026-03-14T09:00:00+08:00' })).toEqual([
      '不符：依 4.2.3 d)，一般性有效投訴應不超過兩天解決，完成時間須在投訴後 48 小時內',
    ]);
    // A completion before the complaint is no solution either.
    expect(failed(c, { ...example('qr-gr-036'), completedAt: '2026-03-10T09:00:00+08:00' })).toHaveLength(1);
  });

  it('complaint cases: the closed minor example is neither a major complaint nor a pending one', () => {
    expect(failed(byId('lift-trapped'), example('complaint-intake'))).toHaveLength(3);
    expect(failed(byId('leak-waiting'), example('complaint-intake'))).toHaveLength(4);
    const pending = { ...example('complaint-intake'), resolved: false, explanationToOwner: '樓上業戶下星期回來後安排維修。', nextReplyAt: '2026-03-10T10:00:00+08:00', status: 'open' };
    expect(checkCase(byId('leak-waiting'), pending).passed).toBe(true);
  });

  it('archive cases pass on the archive examples and fail when approval or the 絕密 mark is missing', () => {
    expect(checkCase(byId('engineer-access'), example('archive-access')).passed).toBe(true);
    expect(checkCase(byId('new-phone'), example('archive-change')).passed).toBe(true);
    const unapproved = example('archive-access');
    delete unapproved.approver;
    expect(failed(byId('engineer-access'), { ...unapproved, confidentiality: '一般' })).toEqual([
      '不符：依 4.8，業戶檔案屬絕密檔案',
      '不符：依 4.8，特殊情況如需查閱須報部門經理批准',
    ]);
  });

  it('follow-up cases: a major complaint is visited under the 客戶服務中心經理; a dissatisfied owner gets a next visit', () => {
    expect(failed(byId('major-visit'), example('follow-up-visit'))).toHaveLength(2);
    expect(checkCase(byId('major-visit'), { ...example('follow-up-visit'), relatedComplaintMajor: true, ledBy: 'csManager' }).passed).toBe(true);
    const unhappy = { ...example('follow-up-visit'), satisfaction: 'dissatisfied' };
    expect(failed(byId('still-unhappy'), unhappy)).toEqual([
      '不符：依 4.4，一時無法解決的，應向用戶解釋原因',
      '不符：依 4.4，並確定下次回訪時間',
      '不符：依 4.4，並安排人員整改',
    ]);
  });
});
