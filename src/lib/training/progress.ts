/**
 * A trainee's progress, kept in the browser (localStorage) like form drafts and never sent anywhere: per
 * procedure and revision, when the revision was read and every quiz attempt. Pure functions over a plain
 * object, plus a thin storage adapter. The key carries a version so a later shape can migrate or ignore it.
 */
import type { AttemptResult } from './attempt.ts';

export const PROGRESS_KEY = 'sop-handbook:training:v1';

export interface AttemptRecord {
  /** 1-based, in the order taken. */
  number: number;
  at: string;
  score: number;
  correct: number;
  total: number;
  passed: boolean;
  /** Ids of the questions answered wrongly. */
  wrong: string[];
}

export interface RevisionProgress {
  readAt?: string;
  attempts: AttemptRecord[];
}

export interface TrainingProgress {
  version: 1;
  /** procedure id -> revision ("A/0") -> progress */
  procedures: Record<string, Record<string, RevisionProgress>>;
}

export function emptyProgress(): TrainingProgress {
  return { version: 1, procedures: {} };
}

/** Stored JSON -> progress; anything unreadable or of another version reads as no progress. */
export function parseProgress(json: string | null): TrainingProgress {
  if (!json) return emptyProgress();
  try {
    const value = JSON.parse(json) as Partial<TrainingProgress>;
    if (value?.version !== 1 || !value.procedures || typeof value.procedures !== 'object') return emptyProgress();
    return { version: 1, procedures: value.procedures };
  } catch {
    return emptyProgress();
  }
}

function revisionOf(progress: TrainingProgress, procedure: string, revision: string): RevisionProgress {
  return progress.procedures[procedure]?.[revision] ?? { attempts: [] };
}

function withRevision(
  progress: TrainingProgress,
  procedure: string,
  revision: string,
  change: (entry: RevisionProgress) => RevisionProgress,
): TrainingProgress {
  const entry = change(revisionOf(progress, procedure, revision));
  return {
    ...progress,
    procedures: { ...progress.procedures, [procedure]: { ...progress.procedures[procedure], [revision]: entry } },
  };
}

/** Marks a revision as read (the first time counts; reading again keeps that date). */
export function markRead(progress: TrainingProgress, procedure: string, revision: string, now = new Date()): TrainingProgress {
  return withRevision(progress, procedure, revision, (e) => ({ ...e, readAt: e.readAt ?? now.toISOString() }));
}

export function recordAttempt(
  progress: TrainingProgress,
  procedure: string,
  revision: string,
  result: AttemptResult,
  now = new Date(),
): TrainingProgress {
  return withRevision(progress, procedure, revision, (e) => ({
    ...e,
    attempts: [
      ...e.attempts,
      {
        number: e.attempts.length + 1,
        at: now.toISOString(),
        score: result.score,
        correct: result.correct,
        total: result.total,
        passed: result.passed,
        wrong: result.wrong.map((w) => w.question.id),
      },
    ],
  }));
}

export interface ProcedureStatus {
  read: boolean;
  readAt?: string;
  attempts: number;
  bestScore: number | null;
  passed: boolean;
  /** When the first passing attempt was made. */
  passedAt?: string;
  lastAttempt?: AttemptRecord;
  /** Revisions other than the current one for which there is progress (a new revision needs training again). */
  otherRevisions: string[];
}

export type StatusKey = 'notStarted' | 'read' | 'inProgress' | 'passed';

export const STATUS_TEXT: Record<StatusKey, string> = {
  notStarted: '未開始',
  read: '已閱讀，未測驗',
  inProgress: '測驗未通過',
  passed: '已通過',
};

/** Progress on the revision in force; progress on other revisions is only listed, never counted. */
export function procedureStatus(progress: TrainingProgress, procedure: string, revision: string): ProcedureStatus {
  const entry = revisionOf(progress, procedure, revision);
  const firstPass = entry.attempts.find((a) => a.passed);
  return {
    read: entry.readAt !== undefined,
    readAt: entry.readAt,
    attempts: entry.attempts.length,
    bestScore: entry.attempts.length ? Math.max(...entry.attempts.map((a) => a.score)) : null,
    passed: firstPass !== undefined,
    passedAt: firstPass?.at,
    lastAttempt: entry.attempts.at(-1),
    otherRevisions: Object.keys(progress.procedures[procedure] ?? {}).filter((r) => r !== revision),
  };
}

export function statusKey(status: ProcedureStatus): StatusKey {
  if (status.passed) return 'passed';
  if (status.attempts > 0) return 'inProgress';
  return status.read ? 'read' : 'notStarted';
}

export interface ProgressStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const QUOTA_MESSAGE = '瀏覽器儲存空間已滿，培訓進度未能保存。請刪除不需要的表單草稿後再試。';

export function loadProgress(storage: ProgressStorage): TrainingProgress {
  return parseProgress(storage.getItem(PROGRESS_KEY));
}

/** Writes the progress; throws an Error with a zh-TW message when the storage is full or refuses. */
export function saveProgress(storage: ProgressStorage, progress: TrainingProgress): void {
  try {
    storage.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    throw new Error(QUOTA_MESSAGE);
  }
}
