import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  expandFlow,
  FlowError,
  loadFlow,
  labelText,
  parseClauseRef,
  parseFlow,
  parseFlowYaml,
  validateFlow,
} from '../../src/lib/flow/model.ts';
import { textEm, wrapLabel } from '../../src/lib/flow/measure.ts';

const anchors = ['clause-4-1', 'clause-4-1-1', 'clause-4-1-2', 'clause-4-1-3', 'clause-4-2-3-e'];

/** A small valid flow: start → check? (yes: done, no: fix → loop back to check). */
function sample() {
  return {
    title: '測試流程',
    description: '用於測試的流程。',
    steps: [
      { id: 'begin', start: true, label: '開始', clause: '4.1' },
      { id: 'work', label: '處理', clause: '4.1.1', form: 'complaint-intake' },
      { id: 'check', ask: '是否完成？', yes: 'done', no: 'fix', clause: '4.1.2' },
      { id: 'fix', label: '修正', clause: '4.2.3 e)', next: 'check' },
      { id: 'done', label: '完成', clause: '4.1.3', end: true },
    ],
  } as { title: string; description: string; steps: Record<string, unknown>[] };
}

function problemsOf(raw: unknown, withAnchors = anchors): string[] {
  return validateFlow('demo', raw, { anchors: withAnchors }).problems;
}

describe('measure', () => {
  it('counts CJK as 1 em and Latin as 0.55 em', () => {
    expect(textEm('聽清楚')).toBe(3);
    expect(textEm('TP/QP-11')).toBeCloseTo(8 * 0.55);
    expect(textEm('（《》）、。')).toBe(6);
  });

  it('wraps long labels between CJK characters and keeps author line breaks', () => {
    expect(wrapLabel('聽清楚\n耐心聽完')).toEqual(['聽清楚', '耐心聽完']);
    const lines = wrapLabel('月底記錄表複印存檔並將原件報財務部扣款');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(textEm(line)).toBeLessThanOrEqual(9);
    expect(lines.join('')).toBe('月底記錄表複印存檔並將原件報財務部扣款');
  });

  it('never splits a Latin run and never starts a line with closing punctuation', () => {
    const lines = wrapLabel('按照規定程序按 TP/QP-20 安排回訪，並記錄。');
    expect(lines.some((l) => l.includes('TP/QP-20'))).toBe(true);
    for (const line of lines) expect(line).not.toMatch(/^[，。）]/);
  });
});

describe('labelText', () => {
  it('joins label lines into running text for lists and accessible names', () => {
    expect(labelText('聽清楚\n耐心聽完不打斷')).toBe('聽清楚，耐心聽完不打斷');
    expect(labelText('前臺接待員\n（檔案員）登記')).toBe('前臺接待員（檔案員）登記');
    expect(labelText('發律師函')).toBe('發律師函');
  });
});

describe('clause references', () => {
  it('parses clause numbers and lettered items', () => {
    expect(parseClauseRef('4.1.1')).toEqual({ clause: '4.1.1' });
    expect(parseClauseRef('4.2.3 e)')).toEqual({ clause: '4.2.3', item: 'e' });
    expect(parseClauseRef('4.2.3e')).toEqual({ clause: '4.2.3', item: 'e' });
    expect(parseClauseRef('4..8')).toEqual({ clause: '4.8' });
  });

  it('reads clause numbers from YAML as text, so 4.10 is not 4.1', () => {
    const raw = parseFlowYaml('demo', 'title: t\ndescription: d\nsteps:\n  - { id: a, start: true, end: true, label: x, clause: 4.10 }\n') as {
      steps: { clause: unknown; start: unknown }[];
    };
    expect(raw.steps[0].clause).toBe('4.10');
    expect(raw.steps[0].start).toBe(true);
  });
});

describe('expandFlow', () => {
  const flow = expandFlow(parseFlow('demo', sample(), { anchors }));

  it('makes one node per step with its shape, clause anchor and form', () => {
    expect(flow.nodes.map((n) => [n.id, n.shape])).toEqual([
      ['begin', 'terminal'],
      ['work', 'process'],
      ['check', 'decision'],
      ['fix', 'process'],
      ['done', 'terminal'],
    ]);
    const fix = flow.nodes.find((n) => n.id === 'fix')!;
    expect(fix.clause).toBe('4.2.3 e)');
    expect(fix.anchor).toBe('clause-4-2-3-e');
    expect(flow.nodes.find((n) => n.id === 'work')!.form).toBe('complaint-intake');
  });

  it('defaults next to the following step, follows explicit next back (loop), labels branches 是/否', () => {
    expect(flow.edges.map((e) => [e.from, e.to, e.label ?? ''])).toEqual([
      ['begin', 'work', ''],
      ['work', 'check', ''],
      ['check', 'done', '是'],
      ['check', 'fix', '否'],
      ['fix', 'check', ''],
    ]);
  });

  it('uses custom branch labels and gives an end step no outgoing edge', () => {
    const raw = sample();
    raw.steps[2] = { ...raw.steps[2], yesLabel: '已完成', noLabel: '未完成' };
    const custom = expandFlow(parseFlow('demo', raw, { anchors }));
    expect(custom.edges.filter((e) => e.from === 'check').map((e) => e.label)).toEqual(['已完成', '未完成']);
    expect(custom.edges.some((e) => e.from === 'done')).toBe(false);
  });

  it('accepts a valid flow without problems', () => {
    expect(problemsOf(sample())).toEqual([]);
  });
});

describe('validation errors', () => {
  it('reports a reference to a missing step, naming the flow, the step and the bad id', () => {
    const raw = sample();
    raw.steps[3].next = 'chek';
    expect(problemsOf(raw)).toContain('流程圖「demo」步驟「fix」引用的步驟「chek」不存在（next）');
    const branch = sample();
    branch.steps[2].no = 'nowhere';
    expect(problemsOf(branch)).toContain('流程圖「demo」步驟「check」引用的步驟「nowhere」不存在（no）');
  });

  it('reports a clause that is not an anchor of the procedure', () => {
    const raw = sample();
    raw.steps[1].clause = '4.1.9';
    expect(problemsOf(raw)).toEqual(['流程圖「demo」步驟「work」引用的條款 4.1.9 不存在']);
    const item = sample();
    item.steps[3].clause = '4.2.3 z)';
    expect(problemsOf(item)).toEqual(['流程圖「demo」步驟「fix」引用的條款 4.2.3 z) 不存在']);
  });

  it('reports an unknown form id', () => {
    const raw = sample();
    raw.steps[1].form = 'complaint-form';
    expect(problemsOf(raw)).toEqual(['流程圖「demo」步驟「work」引用的表單「complaint-form」不存在']);
  });

  it('reports a flow without a start', () => {
    const raw = sample();
    delete raw.steps[0].start;
    expect(problemsOf(raw)).toEqual(['流程圖「demo」沒有起點：請在第一個步驟加上 start: true']);
  });

  it('reports an unreachable step', () => {
    const raw = sample();
    raw.steps.splice(4, 0, { id: 'orphan', label: '孤立步驟', clause: '4.1', next: 'done' });
    raw.steps[3].next = 'check';
    // "done" is still reached from check; "orphan" is reached by nothing.
    expect(problemsOf(raw)).toEqual(['流程圖「demo」步驟「orphan」無法從起點到達']);
  });

  it('reports a step without an outgoing edge that is not an end', () => {
    const raw = sample();
    delete raw.steps[4].end;
    expect(problemsOf(raw)).toEqual(['流程圖「demo」步驟「done」沒有下一步，也沒有標示為終點（end: true）']);
  });

  it('reports duplicate ids, end steps with next, and over-long labels', () => {
    const raw = sample();
    raw.steps[3].id = 'work';
    raw.steps[2].no = 'work';
    raw.steps[4].next = 'begin';
    raw.steps[1].label = '這是一個非常非常長而且不斷延續下去的步驟說明文字，一定超過三行的限制';
    const problems = problemsOf(raw);
    expect(problems).toContain('流程圖「demo」步驟「work」的 id 重複');
    expect(problems).toContain('流程圖「demo」步驟「done」標示為終點（end: true），不可再有下一步（next: begin）');
    expect(problems.some((p) => p.startsWith('流程圖「demo」步驟「work」的文字太長'))).toBe(true);
  });

  it('reports schema problems in Chinese with the step and the field', () => {
    const raw = sample();
    raw.steps[1] = { id: 'work', lable: '處理', clause: '4.1.1' };
    raw.steps[2] = { id: 'check', ask: '是否完成？', yes: 'done', clause: 'four' };
    const problems = problemsOf(raw);
    expect(problems).toContain('流程圖「demo」步驟「work」的欄位 label：必須填寫（文字）');
    expect(problems.some((p) => p.startsWith('流程圖「demo」步驟「work」') && p.includes('lable'))).toBe(true);
    expect(problems).toContain('流程圖「demo」步驟「check」的欄位 no：必須填寫（步驟 id）');
    expect(problems.some((p) => p.startsWith('流程圖「demo」步驟「check」的欄位 clause：必須是條款編號'))).toBe(true);
    expect(problemsOf({ title: '流程' })).toEqual([
      '流程圖「demo」的欄位 description：必須填寫（文字）',
      '流程圖「demo」的欄位 steps：必須填寫（步驟清單）',
    ]);
  });

  it('lists every problem in one thrown error', () => {
    const raw = sample();
    raw.steps[1].clause = '4.1.9';
    raw.steps[1].form = 'nope';
    expect(() => parseFlow('demo', raw, { anchors })).toThrowError(FlowError);
    try {
      parseFlow('demo', raw, { anchors });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('流程圖「demo」有 2 個問題');
      expect(message).toContain('流程圖「demo」步驟「work」引用的條款 4.1.9 不存在');
      expect(message).toContain('流程圖「demo」步驟「work」引用的表單「nope」不存在');
      expect((error as FlowError).problems).toHaveLength(2);
    }
  });
});

describe('loadFlow', () => {
  const root = mkdtempSync(join(tmpdir(), 'flow-test-'));
  const flowsDir = join(root, 'flows');
  const sopsDir = join(root, 'sops');
  mkdirSync(flowsDir);
  mkdirSync(join(sopsDir, 'complaints'), { recursive: true });
  writeFileSync(
    join(sopsDir, 'complaints', 'index.mdx'),
    '---\ntitle: 測試\n---\n\n## 4、程序要點\n\n### 4.1 原則\n\n**4.1.1 聽清楚**內容。\n\n**4.1.2 問清楚**內容。\n',
  );
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads the YAML and checks it against the clause anchors of the effective MDX', () => {
    writeFileSync(
      join(flowsDir, 'complaints.yaml'),
      'title: 投訴\ndescription: 說明\nsteps:\n  - { id: a, start: true, label: 接待, clause: 4.1 }\n  - { id: b, label: 聽清楚, clause: 4.1.1 }\n  - { id: c, end: true, label: 問清楚, clause: 4.1.2 }\n',
    );
    const flow = loadFlow('complaints', { flowsDir, sopsDir });
    expect(flow.steps.map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });

  it('throws naming the clause that the MDX does not have', () => {
    writeFileSync(
      join(flowsDir, 'complaints.yaml'),
      'title: 投訴\ndescription: 說明\nsteps:\n  - { id: a, start: true, label: 接待, clause: 4.1 }\n  - { id: report, end: true, label: 報告, clause: 4.1.9 }\n',
    );
    expect(() => loadFlow('complaints', { flowsDir, sopsDir })).toThrowError(
      '流程圖「complaints」步驟「report」引用的條款 4.1.9 不存在',
    );
  });

  it('throws on bad YAML and on missing files', () => {
    writeFileSync(join(flowsDir, 'complaints.yaml'), 'title: [unclosed\n');
    expect(() => loadFlow('complaints', { flowsDir, sopsDir })).toThrowError('流程圖「complaints」的 YAML 無法解析');
    expect(() => loadFlow('archives', { flowsDir, sopsDir })).toThrowError('流程圖「archives」找不到流程檔');
  });
});
