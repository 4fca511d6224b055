/**
 * The 培訓確認記錄 (training acknowledgement): after reading a procedure's revision in force and passing its
 * quiz, the trainee signs a record naming the revision and its content hash, with the score and attempts.
 * This module builds the record's data from the progress kept in the browser and refuses, in Chinese, when
 * the trainee has not read or not passed. Browser-safe.
 */
import { HANDBOOK_UTC_OFFSET_MINUTES } from '../shared/time.ts';
import type { ProcedureStatus } from './progress.ts';

export interface AcknowledgementProcedure {
  procedure: string;
  docNumber: string;
  title: string;
  revision: string;
  /** From revision-hash.ts: "sha256:…" */
  contentHash: string;
  passMark: number;
}

export interface Trainee {
  name: string;
  staffNumber: string;
}

export type AcknowledgementData = {
  recordNo: string;
  name: string;
  staffNumber: string;
  procedure: string;
  procedureNumber: string;
  procedureTitle: string;
  revision: string;
  contentHash: string;
  score: number;
  passMark: number;
  attempts: number;
  readAt: string;
  passedAt: string;
  /** Date of the acknowledgement (UTC+8 calendar date, the company's). */
  date: string;
};

/** The company's calendar date (UTC+8) of an instant: 2026-12-01T17:00:00Z -> 2026-12-02. */
export function companyDate(at: Date): string {
  return new Date(at.getTime() + HANDBOOK_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** Why the trainee cannot acknowledge yet, or null when they can. */
export function acknowledgementBlocker(status: ProcedureStatus, trainee: Trainee): string | null {
  if (!status.read) return '請先閱讀現行版本，並按「我已閱讀現行版本」。';
  if (!status.passed) return '請先通過本規程現行版本的測驗。';
  if (!trainee.name.trim()) return '請填寫姓名。';
  if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(trainee.staffNumber.trim())) return '員工編號只可使用英文字母、數字及「-」。';
  return null;
}

/** The acknowledgement's data; throws an Error with the blocker's message when it cannot be made. */
export function buildAcknowledgement(
  p: AcknowledgementProcedure,
  status: ProcedureStatus,
  trainee: Trainee,
  now = new Date(),
): AcknowledgementData {
  const blocker = acknowledgementBlocker(status, trainee);
  if (blocker) throw new Error(blocker);
  const date = companyDate(now);
  const staffNumber = trainee.staffNumber.trim();
  const docPart = p.docNumber.replace(/[^A-Za-z0-9]+/g, '');
  const revPart = p.revision.replace(/[^A-Za-z0-9]+/g, '');
  return {
    recordNo: `PX-${staffNumber}-${docPart}-${revPart}-${date.replace(/-/g, '')}`,
    name: trainee.name.trim(),
    staffNumber,
    procedure: p.procedure,
    procedureNumber: p.docNumber,
    procedureTitle: p.title,
    revision: p.revision,
    contentHash: p.contentHash,
    score: status.bestScore ?? 0,
    passMark: p.passMark,
    attempts: status.attempts,
    readAt: status.readAt!,
    passedAt: status.passedAt!,
    date,
  };
}
