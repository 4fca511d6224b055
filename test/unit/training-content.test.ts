/**
 * The five quizzes as shipped: each question's cited clause states the fact it tests, in the effective revision
 * and in the company's issued text, and the quizzes cover what the issue asks new staff to know.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadQuiz, trainingDirs } from '../../src/lib/training/load.ts';
import { readProcedures } from '../../src/lib/procedures-files.ts';

const PROCEDURE_IDS = readProcedures('content/sops').map((p) => p.id);

const dirs = trainingDirs(process.cwd());
const quizzes = Object.fromEntries(PROCEDURE_IDS.map((p) => [p, loadQuiz(p, dirs)]));
const seed = readFileSync('content/seed/as-issued.txt', 'utf8').replace(/\s+/g, '');
const squash = (s: string) => s.replace(/\s+/g, '');

/** The clause's text read straight from the page source: from its numbered line to the next line of the same or a higher level. */
function sourceClause(procedure: string, anchor: string): string {
  const lines = readFileSync(`content/sops/${procedure}/index.mdx`, 'utf8').split('\n').map((l) => l.replace(/^[#\-*\s]+|\*\*/g, ''));
  const [, num, item] = /^clause-([\d-]+?)(?:-([a-z]))?$/.exec(anchor)!;
  const dotted = num.replace(/-/g, '.');
  const starts = (l: string) => squash(l).replace(/^4\.\.8/, '4.8').startsWith(dotted) && !/^\d/.test(squash(l).replace(/^4\.\.8/, '4.8').slice(dotted.length));
  let i = lines.findIndex(starts);
  expect(i, `${procedure} ${anchor}`).toBeGreaterThanOrEqual(0);
  if (item) i = lines.findIndex((l, j) => j > i && l.startsWith(`${item})`));
  const out = [lines[i]];
  for (const l of lines.slice(i + 1)) {
    if (item ? /^[a-z]\)|^\d/.test(l) : /^\d/.test(l) && !squash(l).startsWith(`${dotted}.`)) break;
    out.push(l);
  }
  return squash(out.join(''));
}

describe.each(PROCEDURE_IDS)('quiz of %s', (procedure) => {
  const quiz = quizzes[procedure];

  it('has at least 8 questions of all three kinds and a pass mark', () => {
    expect(quiz.questions.length).toBeGreaterThanOrEqual(8);
    expect(new Set(quiz.questions.map((q) => q.type))).toEqual(new Set(['single', 'multiple', 'truefalse']));
    expect(quiz.passMark).toBe(80);
  });

  it.each(quiz.questions.map((q) => [q.id, q] as const))('%s: the keyword of the right answer is in the cited clause', (_id, q) => {
    const keyword = squash(q.keyword);
    expect(sourceClause(procedure, q.anchor)).toContain(keyword);
    expect(seed).toContain(keyword);
    const right = q.type === 'truefalse' ? [q.explanation] : q.options.filter((o) => o.correct).map((o) => o.text);
    expect(right.some((t) => squash(t).includes(keyword))).toBe(true);
    expect(q.explanation).toContain(q.clauseLabel.split(' ')[0]);
  });
});

describe('the quizzes cover the topics the issue names', () => {
  const cited = (p: string) => quizzes[p].questions.map((q) => q.clauseLabel);
  it('五清楚一報告: every one of 4.1.1–4.1.6 or the principle 4.1', () => {
    expect(cited('complaints')).toEqual(expect.arrayContaining(['4.1', '4.1.1', '4.1.2', '4.1.3', '4.1.4', '4.1.5', '4.1.6']));
  });
  it('the 4.3 measures and who may decide them', () => {
    expect(cited('violations')).toEqual(expect.arrayContaining(['4.3', '4.3.1', '4.3.4', '4.4.3', '4.4.7']));
  });
  it('TP/QP-09 4.2.3 a) to f)', () => {
    expect(cited('communication')).toEqual(expect.arrayContaining(['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `4.2.3 ${l})`)));
  });
  it('archive confidentiality and access', () => {
    expect(cited('archives').filter((c) => c === '4.8').length).toBeGreaterThanOrEqual(3);
  });
  it('回訪 timing and the satisfaction evaluation', () => {
    expect(cited('follow-up')).toEqual(expect.arrayContaining(['4.2', '4.3 c)', '4.4', '4.5']));
  });
});
