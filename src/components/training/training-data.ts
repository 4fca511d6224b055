/**
 * Build-time data for the training pages: each procedure's revision in force with its quiz and practice cases.
 * Loading a quiz validates it against that revision's clauses, so a dangling reference fails the build here.
 */
import { getProcedureGroups, revisionPath } from '../procedure-data.ts';
import { loadCases, loadQuiz, trainingDirs } from '../../lib/training/load.ts';
import type { Quiz } from '../../lib/training/quiz.ts';
import type { PracticeCase } from '../../lib/training/cases.ts';
import type { ProcedureId } from '../../lib/procedures.ts';

export interface TrainingProcedure {
  id: ProcedureId;
  docNumber: string;
  title: string;
  /** 版本/改次 in force: progress and attempts are kept per revision. */
  revision: string;
  /** The procedure page, e.g. /sops/complaints/ */
  path: string;
  quiz: Quiz;
  cases: PracticeCase[];
}

export async function getTrainingProcedures(): Promise<TrainingProcedure[]> {
  const dirs = trainingDirs(process.cwd());
  return (await getProcedureGroups()).map((g) => ({
    id: g.id,
    docNumber: g.effective.data.docNumber,
    title: g.effective.data.title,
    revision: g.effective.data.revision,
    path: revisionPath(g.effective),
    quiz: loadQuiz(g.id, dirs),
    cases: loadCases(g.id, dirs),
  }));
}
