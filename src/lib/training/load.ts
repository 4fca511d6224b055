/**
 * Build-time (Node) loading of the training data beside the procedures: quizzes in
 * `content/training/<procedure>.yaml`, practice cases in `content/training/cases/<procedure>.yaml`, each checked
 * against the effective revision `content/sops/<procedure>/index.mdx`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { FLOW_YAML_SCHEMA } from '../flow/model.ts';
import { readFrontmatter, splitFrontmatter } from '../shared/frontmatter.ts';
import type { ProcedureId } from '../procedures.ts';
import { clauseTexts } from './clause-text.ts';
import { parseQuiz, type Quiz } from './quiz.ts';
import { CaseError, QuizError } from './errors.ts';
import { parseCases, type SchemaNode } from './cases-validate.ts';
import type { PracticeCase } from './cases.ts';
import { formDefinitions } from '../forms/definition/index.ts';
import { readRegister } from '../documents/register-files.ts';
import { compareRevisions } from '../documents/doc-control.ts';
import { revisionContentHash } from './revision-hash.ts';
import type { MatrixProcedure, MatrixRevision } from './matrix.ts';

export interface TrainingDirs {
  /** `<root>/content/training` */
  trainingDir: string;
  /** `<root>/content/sops` */
  sopsDir: string;
}

export function trainingDirs(root: string): TrainingDirs {
  return { trainingDir: join(root, 'content/training'), sopsDir: join(root, 'content/sops') };
}

function readYaml(path: string, fail: (problem: string) => Error): unknown {
  if (!existsSync(path)) throw fail(`找不到檔案 ${path}`);
  try {
    return yaml.load(readFileSync(path, 'utf8'), { schema: FLOW_YAML_SCHEMA, filename: path });
  } catch (error) {
    throw fail(`YAML 無法解析：${(error as Error).message}`);
  }
}

function effectiveClauses(procedure: ProcedureId, sopsDir: string, fail: (problem: string) => Error) {
  const mdx = join(sopsDir, procedure, 'index.mdx');
  if (!existsSync(mdx)) throw fail(`找不到規程正文 ${mdx}`);
  return clauseTexts(readFileSync(mdx, 'utf8'));
}

/** Whether the procedure has a quiz: a procedure added without one has no training yet, and no training pages. */
export function hasQuiz(procedure: ProcedureId, dirs: TrainingDirs): boolean {
  return existsSync(join(dirs.trainingDir, `${procedure}.yaml`));
}

/** The procedure's quiz, validated against its effective revision; throws a QuizError naming every problem. */
export function loadQuiz(procedure: ProcedureId, dirs: TrainingDirs): Quiz {
  const fail = (p: string) => new QuizError(procedure, [`培訓測驗「${procedure}」${p}`]);
  const clauses = effectiveClauses(procedure, dirs.sopsDir, fail);
  return parseQuiz(procedure, readYaml(join(dirs.trainingDir, `${procedure}.yaml`), fail), { clauses });
}

/** The procedure's practice cases (none when it has no cases file); throws a CaseError naming every problem. */
export function loadCases(procedure: ProcedureId, dirs: TrainingDirs): PracticeCase[] {
  const fail = (p: string) => new CaseError(procedure, [`練習個案「${procedure}」${p}`]);
  const clauses = effectiveClauses(procedure, dirs.sopsDir, fail);
  const path = join(dirs.trainingDir, 'cases', `${procedure}.yaml`);
  if (!existsSync(path)) return [];
  const schemas = Object.fromEntries(formDefinitions().map((form) => [form.id, form.schema as SchemaNode]));
  return parseCases(procedure, readYaml(path, fail), { anchors: clauses.keys(), schemas });
}

/** Revisions that have been in force (effective or superseded), with their content hashes, per procedure. */
export async function readTrainingRevisions(sopsDir: string): Promise<MatrixProcedure[]> {
  const byProcedure = new Map<string, { docNumber: string; title: string; revisions: (MatrixRevision & { status: string })[] }>();
  for (const entry of readRegister(sopsDir)) {
    if (entry.status !== 'effective' && entry.status !== 'superseded') continue;
    // The register's path is /sops/<procedure>/ for index.mdx, /sops/<procedure>/<slug>/ otherwise.
    const slug = entry.path.split('/').filter(Boolean)[2] ?? 'index';
    const file = join(sopsDir, entry.procedure, `${slug}.mdx`);
    const source = readFileSync(file, 'utf8');
    const front = (readFrontmatter(source) ?? {}) as { retraining?: unknown };
    const { body } = splitFrontmatter(source);
    const contentHash = await revisionContentHash({ docNumber: entry.docNumber, revision: entry.revision, title: entry.title, body });
    const p = byProcedure.get(entry.procedure) ?? { docNumber: entry.docNumber, title: entry.title, revisions: [] };
    // A revision released as a minor correction says `retraining: false` in its document control.
    p.revisions.push({ revision: entry.revision, contentHash, retraining: front.retraining !== false, status: entry.status });
    if (entry.status === 'effective') p.title = entry.title;
    byProcedure.set(entry.procedure, p);
  }
  return [...byProcedure.entries()].map(([procedure, p]) => ({
    procedure,
    docNumber: p.docNumber,
    title: p.title,
    // Oldest first, the revision in force last.
    revisions: p.revisions
      .sort((a, b) => (a.status === 'effective' ? 1 : 0) - (b.status === 'effective' ? 1 : 0) || compareRevisions(a.revision, b.revision))
      .map(({ status: _status, ...r }) => r),
  }));
}
