import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { clauseTexts } from '../../src/lib/training/clause-text.ts';
import { validateQuiz, type Quiz } from '../../src/lib/training/quiz.ts';
import { arrangeQuiz, attemptSeed, scoreAttempt, seededRandom, shuffle } from '../../src/lib/training/attempt.ts';

const clauses = clauseTexts(readFileSync('content/sops/complaints/index.mdx', 'utf8'));

const single = {
  id: 'principle',
  type: 'single',
  clause: '4.1',
  prompt: '基本原則？',
  options: [{ text: '「五清楚，一報告」原則', correct: true }, { text: '其他原則' }],
  keyword: '五清楚',
  explanation: '4.1 規定「五清楚，一報告」。',
};
const raw = (questions: unknown[], extra: Record<string, unknown> = {}) => ({ title: '測驗', questions, ...extra });

describe('clause texts', () => {
  it('a numbered clause runs through its sub-clauses; a sub-clause stops at the next one', () => {
    expect(clauses.get('clause-4-1')).toContain('4.1.6 報告');
    expect(clauses.get('clause-4-1-3')).toContain('一跟到底');
    expect(clauses.get('clause-4-1-3')).not.toContain('復清楚');
  });

  it('a lettered item is that item alone, and MDX component lines are not text', () => {
    const tpqp = clauseTexts(readFileSync('content/sops/communication/index.mdx', 'utf8'));
    expect(tpqp.get('clause-4-2-3-d')).toBe('d)對于一般性有效投訴應不超過兩天解決;');
    expect(tpqp.get('clause-4-2-1')).not.toContain('RecordFormEmbed');
  });
});

describe('validateQuiz', () => {
  it('accepts a valid quiz with the default pass mark and gives options stable ids', () => {
    const r = validateQuiz('complaints', raw([single]), { clauses });
    expect(r.problems).toEqual([]);
    expect(r.quiz!.passMark).toBe(80);
    expect(r.quiz!.questions[0].options.map((o) => o.id)).toEqual(['a', 'b']);
    expect(r.quiz!.questions[0].anchor).toBe('clause-4-1');
  });

  it('names quiz, question and clause when the clause does not exist', () => {
    const r = validateQuiz('complaints', raw([{ ...single, clause: '4.1.9' }]), { clauses });
    expect(r.quiz).toBeUndefined();
    expect(r.problems).toContain('培訓測驗「complaints」題目「principle」引用的條款 4.1.9 不存在');
  });

  it('refuses a keyword that the cited clause does not state', () => {
    const r = validateQuiz('complaints', raw([{ ...single, clause: '4.1.6' }]), { clauses });
    expect(r.problems).toEqual(['培訓測驗「complaints」題目「principle」的關鍵詞「五清楚」不見於所引條款 4.1.6 的文字']);
  });

  it('refuses a single-choice question with two correct options, and a keyword missing from the right answer', () => {
    const two = { ...single, options: [{ text: '五清楚', correct: true }, { text: '一報告', correct: true }] };
    expect(validateQuiz('complaints', raw([two]), { clauses }).problems).toContain(
      '培訓測驗「complaints」題目「principle」是單選題，應恰有一個正確選項，實有 2 個',
    );
    const wrongKey = { ...single, options: [{ text: '其他', correct: true }, { text: '「五清楚」' }] };
    expect(validateQuiz('complaints', raw([wrongKey]), { clauses }).problems).toContain(
      '培訓測驗「complaints」題目「principle」的關鍵詞「五清楚」不見於正確答案',
    );
  });

  it('reads true/false questions as 正確/錯誤 options and checks the keyword against the explanation', () => {
    const tf = { id: 'tf', type: 'truefalse', clause: '4.1.3', prompt: '可以不跟進？', answer: false, keyword: '一跟到底', explanation: '要一跟到底。' };
    const quiz = validateQuiz('complaints', raw([tf], { passMark: '90' }), { clauses }).quiz!;
    expect(quiz.passMark).toBe(90);
    expect(quiz.questions[0].options).toEqual([
      { id: 'true', text: '正確', correct: false },
      { id: 'false', text: '錯誤', correct: true },
    ]);
    expect(validateQuiz('complaints', raw([{ ...tf, explanation: '不可以。' }]), { clauses }).problems).toEqual([
      '培訓測驗「complaints」題目「tf」的關鍵詞「一跟到底」不見於解說',
    ]);
  });

  it('reports schema errors and duplicate ids in Chinese', () => {
    const r = validateQuiz('complaints', raw([single, single, { id: 'x', type: 'essay' }]), { clauses });
    expect(r.problems).toContain('培訓測驗「complaints」題目「principle」的 id 重複');
    expect(r.problems.some((p) => p.startsWith('培訓測驗「complaints」題目「x」的欄位'))).toBe(true);
  });
});

describe('attempts', () => {
  const quiz: Quiz = validateQuiz(
    'complaints',
    raw([
      single,
      { ...single, id: 'q2', type: 'multiple', options: [{ text: '聽清楚 五清楚', correct: true }, { text: '問清楚', correct: true }, { text: '罰清楚' }] },
      { id: 'q3', type: 'truefalse', clause: '4.1.3', prompt: '要跟到底？', answer: true, keyword: '一跟到底', explanation: '要一跟到底。' },
      { ...single, id: 'q4' },
      { ...single, id: 'q5' },
    ]),
    { clauses },
  ).quiz!;

  it('shuffles deterministically from the seed, and differently for another attempt', () => {
    const a = arrangeQuiz(quiz, attemptSeed('complaints', 'A/0', 1));
    const b = arrangeQuiz(quiz, attemptSeed('complaints', 'A/0', 1));
    expect(a).toEqual(b);
    expect(new Set(a.map((q) => q.id))).toEqual(new Set(quiz.questions.map((q) => q.id)));
    const orders = new Set([1, 2, 3, 4, 5, 6].map((n) => arrangeQuiz(quiz, attemptSeed('complaints', 'A/0', n)).map((q) => q.id).join()));
    expect(orders.size).toBeGreaterThan(1);
    // True/false keeps 正確 first.
    for (const n of [1, 2, 3]) {
      expect(arrangeQuiz(quiz, `s${n}`).find((q) => q.id === 'q3')!.options.map((o) => o.id)).toEqual(['true', 'false']);
    }
  });

  it('shuffle is a permutation and seededRandom stays in [0, 1)', () => {
    const random = seededRandom('x');
    const values = Array.from({ length: 1000 }, random);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect(shuffle(items, seededRandom('y')).sort((x, y) => x - y)).toEqual(items);
  });

  it('scores all-correct answers as a pass and a multiple choice needs every correct option', () => {
    const all = { principle: ['a'], q2: ['a', 'b'], q3: ['true'], q4: ['a'], q5: ['a'] };
    expect(scoreAttempt(quiz, all)).toMatchObject({ correct: 5, total: 5, score: 100, passed: true, wrong: [] });
    const partial = scoreAttempt(quiz, { ...all, q2: ['a'] });
    expect(partial).toMatchObject({ correct: 4, score: 80, passed: true });
    expect(partial.wrong.map((w) => [w.question.id, w.question.clauseLabel, w.chosen.map((o) => o.id), w.correct.map((o) => o.id)])).toEqual([
      ['q2', '4.1', ['a'], ['a', 'b']],
    ]);
  });

  it('fails below the pass mark and counts unanswered questions as wrong', () => {
    const r = scoreAttempt(quiz, { principle: ['b'], q3: ['true'], q4: ['a'], q5: ['a'] });
    expect(r).toMatchObject({ correct: 3, score: 60, passed: false, unanswered: ['q2'] });
    expect(r.wrong.map((w) => w.question.id)).toEqual(['principle', 'q2']);
    // A chosen extra option makes a multiple-choice answer wrong.
    expect(scoreAttempt(quiz, { q2: ['a', 'b', 'c'] }).wrong.map((w) => w.question.id)).toContain('q2');
  });

  it('compares the pass mark exactly, not on the rounded score', () => {
    const nine = { ...quiz, passMark: 78, questions: Array.from({ length: 9 }, (_, i) => ({ ...quiz.questions[0], id: `n${i}` })) };
    const answers = Object.fromEntries(nine.questions.map((q, i) => [q.id, i < 7 ? ['a'] : ['b']]));
    const r = scoreAttempt(nine, answers);
    expect(r.score).toBe(78);
    expect(r.passed).toBe(false);
  });
});
