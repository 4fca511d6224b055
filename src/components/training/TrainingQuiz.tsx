/**
 * A procedure's training: reading status and the quiz, as one React island. Questions and options are shuffled
 * per attempt from a seed (procedure, revision, attempt number); every attempt is counted and kept in the
 * browser. After submitting, each question shows whether it was right, its explanation and a link to its
 * clause, and the wrong answers are listed again for review.
 */
import { lazy, Suspense, useMemo, useRef, useState, type FormEvent } from 'react';
import { arrangeQuiz, attemptSeed, isCorrect, scoreAttempt, type AttemptResult } from '../../lib/training/attempt.ts';
import { markRead, procedureStatus, recordAttempt } from '../../lib/training/progress.ts';
import type { QuestionType, Quiz, QuizQuestion } from '../../lib/training/quiz.ts';
import { useTrainingProgress } from './progress-store.ts';
import { formatDateTimeZh } from '../../lib/shared/time.ts';
import { StatusFacts, statusFacts } from './StatusFacts.tsx';

// Only a trainee who has passed needs the acknowledgement (and its record form definition): loaded then.
const AcknowledgementPanel = lazy(() => import('./AcknowledgementPanel.tsx'));

interface Props {
  procedure: string;
  revision: string;
  docNumber: string;
  title: string;
  /** Content hash of the revision in force, for the acknowledgement. */
  contentHash: string;
  procedurePath: string;
  quiz: Quiz;
}

const LETTERS = 'ABCDEFGHIJ';
const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  single: '單選題',
  multiple: '多選題，選出所有正確答案',
  truefalse: '是非題',
};
type Phase = 'idle' | 'answering' | 'done';

export default function TrainingQuiz({ procedure, revision, docNumber, title, contentHash, procedurePath, quiz }: Props) {
  const { progress, loaded, update } = useTrainingProgress();
  const status = procedureStatus(progress, procedure, revision);
  const [phase, setPhase] = useState<Phase>('idle');
  const [attempt, setAttempt] = useState(0);
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<AttemptResult | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const questions = useMemo(
    () => (attempt ? arrangeQuiz(quiz, attemptSeed(procedure, revision, attempt)) : []),
    [quiz, procedure, revision, attempt],
  );
  const quizHeading = useRef<HTMLHeadingElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const clauseHref = (q: QuizQuestion) => `${procedurePath}#${q.anchor}`;
  const done = phase === 'done';

  const store = (change: Parameters<typeof update>[0]) => setMessage(update(change));

  function start() {
    setAttempt(status.attempts + 1);
    setAnswers({});
    setResult(null);
    setPhase('answering');
    requestAnimationFrame(() => quizHeading.current?.focus());
  }

  function choose(q: QuizQuestion, optionId: string, checked: boolean) {
    setAnswers((a) => {
      const now = a[q.id] ?? [];
      const next = q.type === 'multiple' ? (checked ? [...now, optionId] : now.filter((id) => id !== optionId)) : [optionId];
      return { ...a, [q.id]: next };
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const missing = questions.findIndex((q) => !(answers[q.id]?.length));
    if (missing >= 0) {
      const left = questions.filter((q) => !(answers[q.id]?.length)).length;
      setMessage(`尚有 ${left} 題未作答（第 ${missing + 1} 題起），請全部作答後再提交。`);
      document.getElementById(`q-${questions[missing].id}-0`)?.focus();
      return;
    }
    const scored = scoreAttempt(quiz, answers);
    setResult(scored);
    setPhase('done');
    store((p) => recordAttempt(p, procedure, revision, scored));
    requestAnimationFrame(() => resultHeading.current?.focus());
  }

  return (
    <div className="training" data-training={procedure} data-loaded={loaded ? 'true' : 'false'}>
      <section aria-labelledby="training-status-heading" className="training-status">
        <h2 id="training-status-heading">培訓進度（版本/改次 {revision}）</h2>
        <StatusFacts facts={[...statusFacts(status), { label: '合格分數', value: `${quiz.passMark} 分` }]} />
        {status.otherRevisions.length > 0 && (
          <p className="training-note" data-other-revisions>
            你曾就版本/改次 {status.otherRevisions.join('、')} 接受培訓；現行版本為 {revision}，須重新閱讀及測驗。
          </p>
        )}
        <p>
          <a href={procedurePath}>閱讀 {docNumber} 現行版本全文</a>
          {!status.read && (
            <button type="button" className="ui-button ui-button--primary" onClick={() => store((p) => markRead(p, procedure, revision))} data-mark-read>
              我已閱讀現行版本
            </button>
          )}
        </p>
        {message && (
          <p className="training-message" role="alert">
            {message}
          </p>
        )}
      </section>

      <section aria-labelledby="training-quiz-heading" className="training-quiz">
        <h2 id="training-quiz-heading" tabIndex={-1} ref={quizHeading}>
          {quiz.title}
          {attempt > 0 && <small>（第 {attempt} 次）</small>}
        </h2>
        <p>
          共 {quiz.questions.length} 題，答對 {quiz.passMark}% 或以上為合格。題目及選項的次序每次不同。
        </p>
        {phase === 'idle' && (
          <button type="button" className="ui-button ui-button--primary" onClick={start} disabled={!loaded} data-start>
            {status.attempts > 0 ? '再次測驗' : '開始測驗'}
          </button>
        )}
        {phase !== 'idle' && (
          <form onSubmit={submit} noValidate>
            <ol className="training-questions">
              {questions.map((q, n) => {
                const chosen = answers[q.id] ?? [];
                const right = done && isCorrect(q, chosen);
                return (
                  <li key={q.id}>
                    <fieldset data-question={q.id} disabled={done} aria-describedby={done ? `q-${q.id}-feedback` : undefined}>
                      <legend>
                        <span className="training-qno">
                          第 {n + 1} 題（{QUESTION_TYPE_LABELS[q.type]}）
                        </span>
                        {q.prompt}
                      </legend>
                      {q.options.map((o, i) => (
                        <label key={o.id} className="training-option">
                          <input
                            id={`q-${q.id}-${i}`}
                            type={q.type === 'multiple' ? 'checkbox' : 'radio'}
                            name={`q-${q.id}`}
                            value={o.id}
                            checked={chosen.includes(o.id)}
                            onChange={(e) => choose(q, o.id, e.currentTarget.checked)}
                          />
                          <span>
                            {q.type === 'truefalse' ? '' : `(${LETTERS[i]}) `}
                            {o.text}
                          </span>
                        </label>
                      ))}
                      {done && (
                        <div id={`q-${q.id}-feedback`} className={right ? 'training-right' : 'training-wrong'} data-feedback>
                          <strong>{right ? '答對。' : '答錯。'}</strong>
                          {!right && <>正確答案：{q.options.filter((o) => o.correct).map((o) => o.text).join('、')}。</>}
                          <br />
                          {q.explanation}
                          <br />
                          <a href={clauseHref(q)}>
                            依據：{docNumber} 第 {q.clauseLabel} 條
                          </a>
                        </div>
                      )}
                    </fieldset>
                  </li>
                );
              })}
            </ol>
            {!done && (
              <button type="submit" className="ui-button ui-button--primary" data-submit>
                提交答案
              </button>
            )}
          </form>
        )}
        {done && result && (
          <section aria-labelledby="training-result-heading" data-result={result.passed ? 'passed' : 'failed'}>
            <div className={result.passed ? 'training-result passed' : 'training-result failed'}>
              <h3 id="training-result-heading" tabIndex={-1} ref={resultHeading}>
                {result.passed ? '合格' : '不合格'}：{result.score} 分（答對 {result.correct} / {result.total} 題）
              </h3>
              <p>
                合格分數為 {result.passMark} 分。
                {result.passed ? '你已通過本規程現行版本的測驗。' : '請重溫下列答錯的條款，然後再次測驗。'}
              </p>
            </div>
            {result.wrong.length > 0 && (
              <>
                <h4>答錯的題目</h4>
                <ol className="training-review" data-review>
                  {result.wrong.map((w) => (
                    <li key={w.question.id} data-review-question={w.question.id}>
                      <p>{w.question.prompt}</p>
                      <p>
                        你的答案：{w.chosen.length ? w.chosen.map((o) => o.text).join('、') : '未作答'}；正確答案：
                        {w.correct.map((o) => o.text).join('、')}
                      </p>
                      <p>
                        {w.question.explanation}{' '}
                        <a href={clauseHref(w.question)}>
                          重溫 {docNumber} 第 {w.question.clauseLabel} 條
                        </a>
                      </p>
                    </li>
                  ))}
                </ol>
              </>
            )}
            <button type="button" className="ui-button ui-button--primary" onClick={start} data-retry>
              重新測驗
            </button>
          </section>
        )}
        {status.lastAttempt && phase === 'idle' && (
          <p data-last-attempt>
            上次測驗：{formatDateTimeZh(new Date(status.lastAttempt.at))}，{status.lastAttempt.score} 分（{status.lastAttempt.passed ? '合格' : '不合格'}）。
          </p>
        )}
      </section>
      {status.passed && (
        <Suspense fallback={<p role="status">培訓確認記錄載入中…</p>}>
          <AcknowledgementPanel procedure={{ procedure, docNumber, title, revision, contentHash, passMark: quiz.passMark }} status={status} />
        </Suspense>
      )}
    </div>
  );
}
