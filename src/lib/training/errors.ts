/** A training data file with problems: one Error listing them all, so the build log names every one. */
export class TrainingDataError extends Error {
  readonly problems: string[];
  constructor(what: string, problems: string[]) {
    super(`${what}有 ${problems.length} 個問題：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** A quiz (`content/training/<procedure>.yaml`) that fails its schema or cites a missing clause. */
export class QuizError extends TrainingDataError {
  constructor(procedure: string, problems: string[]) {
    super(`培訓測驗「${procedure}」`, problems);
    this.name = 'QuizError';
  }
}

/** Practice cases (`content/training/cases/<procedure>.yaml`) that fail their schema or references. */
export class CaseError extends TrainingDataError {
  constructor(procedure: string, problems: string[]) {
    super(`練習個案「${procedure}」`, problems);
    this.name = 'CaseError';
  }
}
