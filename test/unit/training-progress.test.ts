import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../src/lib/record/drafts.ts';
import type { AttemptResult } from '../../src/lib/training/attempt.ts';
import {
  emptyProgress,
  loadProgress,
  markRead,
  parseProgress,
  procedureStatus,
  PROGRESS_KEY,
  QUOTA_MESSAGE,
  recordAttempt,
  saveProgress,
  statusKey,
} from '../../src/lib/training/progress.ts';

const result = (score: number, passed: boolean, wrongIds: string[] = []): AttemptResult => ({
  correct: score / 10,
  total: 10,
  score,
  passMark: 80,
  passed,
  unanswered: [],
  wrong: wrongIds.map((id) => ({ question: { id } as never, chosen: [], correct: [] })),
});
const t = (iso: string) => new Date(iso);

describe('training progress', () => {
  it('starts empty and moves through read, failed attempt and pass', () => {
    let p = emptyProgress();
    expect(statusKey(procedureStatus(p, 'complaints', 'A/0'))).toBe('notStarted');
    p = markRead(p, 'complaints', 'A/0', t('2026-12-01T01:00:00Z'));
    expect(statusKey(procedureStatus(p, 'complaints', 'A/0'))).toBe('read');
    p = recordAttempt(p, 'complaints', 'A/0', result(60, false, ['q1', 'q2']), t('2026-12-01T02:00:00Z'));
    let s = procedureStatus(p, 'complaints', 'A/0');
    expect(statusKey(s)).toBe('inProgress');
    expect(s).toMatchObject({ attempts: 1, bestScore: 60, passed: false, lastAttempt: { number: 1, wrong: ['q1', 'q2'] } });
    p = recordAttempt(p, 'complaints', 'A/0', result(90, true), t('2026-12-01T03:00:00Z'));
    p = recordAttempt(p, 'complaints', 'A/0', result(70, false), t('2026-12-01T04:00:00Z'));
    s = procedureStatus(p, 'complaints', 'A/0');
    expect(s).toMatchObject({ attempts: 3, bestScore: 90, passed: true, passedAt: '2026-12-01T03:00:00.000Z', readAt: '2026-12-01T01:00:00.000Z' });
    expect(statusKey(s)).toBe('passed');
  });

  it('reading again keeps the first date, and the functions do not mutate their input', () => {
    const first = markRead(emptyProgress(), 'archives', 'A/0', t('2026-12-01T01:00:00Z'));
    const frozen = JSON.stringify(first);
    const again = markRead(first, 'archives', 'A/0', t('2026-12-02T01:00:00Z'));
    expect(again.procedures.archives['A/0'].readAt).toBe('2026-12-01T01:00:00.000Z');
    recordAttempt(first, 'archives', 'A/0', result(100, true));
    expect(JSON.stringify(first)).toBe(frozen);
  });

  it('progress on another revision is listed but never counts for the revision in force', () => {
    let p = recordAttempt(emptyProgress(), 'violations', 'A/0', result(100, true));
    p = markRead(p, 'violations', 'A/0');
    const s = procedureStatus(p, 'violations', 'A/1');
    expect(s).toMatchObject({ read: false, attempts: 0, passed: false, bestScore: null, otherRevisions: ['A/0'] });
  });

  it('survives a round trip through storage under the versioned key', () => {
    const storage = new MemoryStorage();
    const p = recordAttempt(markRead(emptyProgress(), 'follow-up', 'A/0'), 'follow-up', 'A/0', result(80, true));
    saveProgress(storage, p);
    expect(storage.getItem(PROGRESS_KEY)).not.toBeNull();
    expect(loadProgress(storage)).toEqual(p);
  });

  it('reads corrupt or other-version data as no progress', () => {
    expect(parseProgress('{not json')).toEqual(emptyProgress());
    expect(parseProgress(JSON.stringify({ version: 2, procedures: { a: {} } }))).toEqual(emptyProgress());
    expect(parseProgress(null)).toEqual(emptyProgress());
  });

  it('reports a full storage in Chinese', () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    expect(() => saveProgress(full, emptyProgress())).toThrow(QUOTA_MESSAGE);
    expect(QUOTA_MESSAGE).toContain('儲存空間已滿');
  });
});
