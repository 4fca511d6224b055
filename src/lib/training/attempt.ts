/**
 * One quiz attempt: questions and options in an order drawn from a seed (the same seed gives the same order,
 * so an attempt can be re-rendered after a reload and a test can predict it), then scored against the pass
 * mark with the wrong answers and the clause each one tests. Browser-safe, no state.
 */
import type { Quiz, QuizOption, QuizQuestion } from './quiz.ts';

/** A 32-bit hash of a string (FNV-1a), to seed the generator. */
function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, well-distributed generator; enough to shuffle a quiz, not for secrets. */
export function seededRandom(seed: string): () => number {
  let a = hashSeed(seed);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the given generator; returns a new array. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The seed of a procedure's n-th attempt (1-based) at a revision: each retry sees a new order. */
export function attemptSeed(procedure: string, revision: string, attempt: number): string {
  return `${procedure}/${revision}/${attempt}`;
}

/** The quiz in this attempt's order. True/false keeps 正確 before 錯誤. */
export function arrangeQuiz(quiz: Quiz, seed: string): QuizQuestion[] {
  const random = seededRandom(seed);
  return shuffle(quiz.questions, random).map((q) => ({
    ...q,
    options: q.type === 'truefalse' ? q.options : shuffle(q.options, random),
  }));
}

/** Question id -> the option ids chosen. */
export type Answers = Readonly<Record<string, readonly string[]>>;

export interface WrongAnswer {
  question: QuizQuestion;
  chosen: QuizOption[];
  correct: QuizOption[];
}

export interface AttemptResult {
  correct: number;
  total: number;
  /** Rounded percent, 0–100. */
  score: number;
  passMark: number;
  passed: boolean;
  /** In the quiz's authored order. */
  wrong: WrongAnswer[];
  /** Questions left unanswered (they count as wrong). */
  unanswered: string[];
}

/** A question is right when exactly its correct options were chosen (all of them, for multiple choice). */
export function isCorrect(question: QuizQuestion, chosen: readonly string[]): boolean {
  const right = question.options.filter((o) => o.correct).map((o) => o.id);
  const picked = new Set(chosen);
  return picked.size === right.length && right.every((id) => picked.has(id));
}

export function scoreAttempt(quiz: Quiz, answers: Answers): AttemptResult {
  const wrong: WrongAnswer[] = [];
  const unanswered: string[] = [];
  for (const question of quiz.questions) {
    const chosen = answers[question.id] ?? [];
    if (chosen.length === 0) unanswered.push(question.id);
    if (!isCorrect(question, chosen)) {
      wrong.push({
        question,
        chosen: question.options.filter((o) => chosen.includes(o.id)),
        correct: question.options.filter((o) => o.correct),
      });
    }
  }
  const total = quiz.questions.length;
  const correct = total - wrong.length;
  return {
    correct,
    total,
    score: Math.round((correct / total) * 100),
    passMark: quiz.passMark,
    // Compared exactly, not on the rounded score: 7 of 9 (77.8%) fails an 78% mark.
    passed: correct * 100 >= quiz.passMark * total,
    wrong,
    unanswered,
  };
}
