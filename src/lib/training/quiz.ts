/**
 * Quizzes as data: `content/training/<procedure>.yaml`, checked against the clauses of the procedure's
 * effective revision the way flowcharts are (a dangling clause fails the build, naming quiz, question and
 * clause). Browser-safe except `loadQuiz`, which reads files (Node, build time).
 *
 * ```yaml
 * title: 業戶投訴處理培訓測驗
 * passMark: 80            # percent; 80 when omitted
 * questions:
 *   - id: five-clear
 *     type: single        # single | multiple | truefalse
 *     clause: "4.1"       # as flows write it: "4.2.3 d)" for a lettered item
 *     prompt: 處理投訴的基本原則是？
 *     options:
 *       - { text: "「五清楚，一報告」原則", correct: true }
 *       - { text: 先處罰後勸導 }
 *     keyword: 五清楚      # in the cited clause's text, and in the correct option (true/false: the explanation)
 *     explanation: …
 *   - { id: x, type: truefalse, answer: false, clause: …, prompt: …, keyword: …, explanation: … }
 * ```
 */
import { z } from '../shared/zod.ts';
import { QuizError } from './errors.ts';
import { clauseRefAnchor, clauseRefLabel, parseClauseRef, type ClauseRefText, zodProblems } from '../flow/model.ts';
import { compact } from './clause-text.ts';

export const DEFAULT_PASS_MARK = 80;

export type QuestionType = 'single' | 'multiple' | 'truefalse';

export interface QuizOption {
  /** Stable within the question: "a", "b", … in authored order; "true" / "false" for true/false. */
  id: string;
  text: string;
  correct: boolean;
}

export interface QuizQuestion {
  id: string;
  type: QuestionType;
  prompt: string;
  clause: ClauseRefText;
  /** "4.2.3 d)" */
  clauseLabel: string;
  /** "clause-4-2-3-d" */
  anchor: string;
  options: QuizOption[];
  keyword: string;
  explanation: string;
}

export interface Quiz {
  procedure: string;
  title: string;
  /** Percent of questions to answer correctly, 1–100. */
  passMark: number;
  questions: QuizQuestion[];
}

const text = z.string().trim().min(1, { error: '不可為空' });
const clauseText = z
  .string()
  .regex(/^\d+(?:\.{1,2}\d+)*\s*(?:[a-z]\)?)?$/, { error: '必須是條款編號，例如 4.1.1 或 4.2.3 a)' });
const questionId = z.string().regex(/^[a-z][a-z0-9-]*$/, { error: '只可用小寫英文字母、數字和「-」，並以字母開頭' });
const option = z.strictObject({ text, correct: z.boolean().optional() });

const common = { id: questionId, clause: clauseText, prompt: text, keyword: text, explanation: text };
const choiceQuestion = z.strictObject({
  ...common,
  type: z.enum(['single', 'multiple']),
  options: z.array(option).min(2, { error: '至少要有兩個選項' }),
});
const trueFalseQuestion = z.strictObject({ ...common, type: z.literal('truefalse'), answer: z.boolean() });
const quizSchema = z.strictObject({
  title: text,
  // The YAML keeps scalars as text (so clause 4.10 stays 4.10): the pass mark is read as a number here.
  passMark: z.coerce.number().int().min(1).max(100).optional(),
  questions: z.array(z.unknown()).min(1, { error: '至少要有一題' }),
});

const zhTW = z.locales.zhTW().localeError;
const letters = 'abcdefghijklmnopqrstuvwxyz';

export interface ValidateQuizOptions {
  /** Clause anchor -> its text, from `clauseTexts(<effective revision source>)`. */
  clauses: ReadonlyMap<string, string>;
}

export interface QuizValidation {
  quiz?: Quiz;
  problems: string[];
}

/**
 * Checks a parsed quiz against its schema and the procedure's clauses. Every problem names the quiz, the
 * question and the bad value, in Chinese; the quiz is returned only when there are none.
 */
export function validateQuiz(procedure: string, raw: unknown, options: ValidateQuizOptions): QuizValidation {
  const quizName = `培訓測驗「${procedure}」`;
  const top = quizSchema.safeParse(raw, { error: zhTW });
  if (!top.success) return { problems: zodProblems(quizName, top.error) };
  const problems: string[] = [];
  const questions: QuizQuestion[] = [];
  const ids = new Set<string>();

  top.data.questions.forEach((entry, index) => {
    const rawId = entry && typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined;
    const name = typeof rawId === 'string' ? `${quizName}題目「${rawId}」` : `${quizName}第 ${index + 1} 題`;
    const isTrueFalse = entry && typeof entry === 'object' && (entry as { type?: unknown }).type === 'truefalse';
    const parsed = (isTrueFalse ? trueFalseQuestion : choiceQuestion).safeParse(entry, { error: zhTW });
    if (!parsed.success) {
      problems.push(...zodProblems(name, parsed.error));
      return;
    }
    const q = parsed.data;
    if (ids.has(q.id)) problems.push(`${name}的 id 重複`);
    ids.add(q.id);

    const clause = parseClauseRef(q.clause);
    const anchor = clauseRefAnchor(clause);
    const clauseLabel = clauseRefLabel(clause);
    const clauseBody = options.clauses.get(anchor);
    if (clauseBody === undefined) problems.push(`${name}引用的條款 ${clauseLabel} 不存在`);
    else if (!compact(clauseBody).includes(compact(q.keyword))) {
      problems.push(`${name}的關鍵詞「${q.keyword}」不見於所引條款 ${clauseLabel} 的文字`);
    }

    let opts: QuizOption[];
    if (q.type === 'truefalse') {
      opts = [
        { id: 'true', text: '正確', correct: q.answer },
        { id: 'false', text: '錯誤', correct: !q.answer },
      ];
      // The correct answer of a true/false question is the fact its explanation states.
      if (!compact(q.explanation).includes(compact(q.keyword))) problems.push(`${name}的關鍵詞「${q.keyword}」不見於解說`);
    } else {
      opts = q.options.map((o, i) => ({ id: letters[i], text: o.text, correct: o.correct ?? false }));
      const correct = opts.filter((o) => o.correct);
      if (q.type === 'single' && correct.length !== 1) problems.push(`${name}是單選題，應恰有一個正確選項，實有 ${correct.length} 個`);
      if (q.type === 'multiple' && correct.length === 0) problems.push(`${name}沒有正確選項`);
      if (new Set(opts.map((o) => o.text)).size !== opts.length) problems.push(`${name}有重複的選項`);
      if (!correct.some((o) => compact(o.text).includes(compact(q.keyword)))) {
        problems.push(`${name}的關鍵詞「${q.keyword}」不見於正確答案`);
      }
    }
    questions.push({ id: q.id, type: q.type, prompt: q.prompt, clause, clauseLabel, anchor, options: opts, keyword: q.keyword, explanation: q.explanation });
  });

  if (problems.length) return { problems };
  return {
    quiz: { procedure, title: top.data.title, passMark: top.data.passMark ?? DEFAULT_PASS_MARK, questions },
    problems,
  };
}

/** Like `validateQuiz`, but throws one QuizError listing every problem. */
export function parseQuiz(procedure: string, raw: unknown, options: ValidateQuizOptions): Quiz {
  const result = validateQuiz(procedure, raw, options);
  if (!result.quiz) throw new QuizError(procedure, result.problems);
  return result.quiz;
}

