/**
 * Build-time (Node) loading of the training data beside the procedures: quizzes in
 * `content/training/<procedure>.yaml`, practice cases in `content/training/cases/<procedure>.yaml`, each checked
 * against the effective revision `content/sops/<procedure>/index.mdx`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { FLOW_YAML_SCHEMA } from '../flow/model.ts';
import type { ProcedureId } from '../procedures.ts';
import { clauseTexts } from './clause-text.ts';
import { parseQuiz, type Quiz } from './quiz.ts';
import { CaseError, QuizError } from './errors.ts';
import { parseCases, type SchemaNode } from './cases-validate.ts';
import type { PracticeCase } from './cases.ts';
import { FORMS } from '../forms/schemas.ts';

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
  const schemas = Object.fromEntries(Object.entries(FORMS).map(([id, form]) => [id, form.schema as SchemaNode]));
  return parseCases(procedure, readYaml(path, fail), { anchors: clauses.keys(), schemas });
}
