/**
 * Build-time data for the training pages: each procedure's revision in force with its quiz and practice cases.
 * Loading a quiz validates it against that revision's clauses, so a dangling reference fails the build here.
 */
import { getProcedureGroups, revisionPath } from '../procedure-data.ts';
import { hasQuiz, loadCases, loadQuiz, readTrainingRevisions, trainingDirs } from '../../lib/training/load.ts';
import type { MatrixProcedure } from '../../lib/training/matrix.ts';
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
  /** Content hash of the revision in force (revision-hash.ts): what an acknowledgement says was read. */
  contentHash: string;
  quiz: Quiz;
  cases: PracticeCase[];
}

/** Every procedure's revisions that have been in force, with content hashes, in issue order. */
export async function getTrainingMatrixProcedures(): Promise<MatrixProcedure[]> {
  const revisions = await readTrainingRevisions(trainingDirs(process.cwd()).sopsDir);
  return (await getProcedureGroups()).flatMap((g) => revisions.filter((r) => r.procedure === g.id));
}

export async function getTrainingProcedures(): Promise<TrainingProcedure[]> {
  const dirs = trainingDirs(process.cwd());
  const hashes = await getTrainingMatrixProcedures();
  const withQuiz = (await getProcedureGroups()).filter((g) => hasQuiz(g.id, dirs));
  return withQuiz.map((g) => ({
    id: g.id,
    docNumber: g.effective.data.docNumber,
    title: g.effective.data.title,
    revision: g.effective.data.revision,
    path: revisionPath(g.effective),
    contentHash: hashes.find((h) => h.procedure === g.id)!.revisions.at(-1)!.contentHash,
    quiz: loadQuiz(g.id, dirs),
    cases: loadCases(g.id, dirs),
  }));
}
