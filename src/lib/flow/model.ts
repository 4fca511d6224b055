/**
 * Procedure flowcharts as data: `content/flows/<procedure-id>.yaml`, checked against the procedure's clause
 * anchors and the form ids, then expanded into nodes and labelled edges.
 *
 * YAML shape (author-friendly):
 * ```yaml
 * title: 業戶投訴處理流程
 * description: 依「五清楚，一報告」原則處理業戶投訴。
 * steps:
 *   - { id: receive, start: true, label: 接待業戶投訴, clause: 4.1 }
 *   - { id: major, ask: 是否重大投訴？, yes: report, no: record, clause: 4.1.6 }
 *   - { id: explain, label: "婉轉講清楚\n約定下次回復時間", next: follow, clause: 4.1.3 }
 *   - { id: record, label: 記清楚, clause: 4.1.5, form: complaint-intake, end: true }
 * ```
 * An action step goes on to `next`, or to the step written after it. A decision goes to `yes` / `no`
 * (edge labels 是 / 否 unless `yesLabel` / `noLabel` say otherwise). Referring to an earlier step makes a loop.
 * `clause` is a clause number of the procedure ("4.1.3") or a lettered item ("4.2.3 e)").
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { z } from '../shared/zod.ts';
import { clauseAnchor, scanClauses } from '../documents/clauses.ts';
import { FORM_IDS, type FormId, type ProcedureId } from '../procedures.ts';
import { MAX_LINE_EM, wrapLabel } from './measure.ts';

/** A label may wrap to at most this many lines. */
export const MAX_LABEL_LINES = 3;

// ---------------------------------------------------------------------------------------------------------
// Schema

/** Message for a missing or mistyped value. */
const required = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `必須填寫（${expected}）` : `必須是${expected}`;

const stepId = z
  .string({ error: required('步驟 id') })
  .regex(/^[a-z][a-z0-9-]*$/, { error: '只可用小寫英文字母、數字和「-」，並以字母開頭' });
const clauseText = z
  .string({ error: required('條款編號，例如 4.1.1 或 4.2.3 a)') })
  .regex(/^\d+(?:\.{1,2}\d+)*\s*(?:[a-z]\)?)?$/, { error: '必須是條款編號，例如 4.1.1 或 4.2.3 a)' });
const text = z.string({ error: required('文字') }).trim().min(1, { error: '不可為空' });

const actionSchema = z.strictObject({
  id: stepId,
  label: text,
  clause: clauseText,
  form: z.string({ error: required('表單 id') }).optional(),
  start: z.boolean({ error: required('true 或 false') }).optional(),
  end: z.boolean({ error: required('true 或 false') }).optional(),
  next: stepId.optional(),
});

const decisionSchema = z.strictObject({
  id: stepId,
  ask: text,
  yes: stepId,
  no: stepId,
  yesLabel: text.optional(),
  noLabel: text.optional(),
  clause: clauseText,
  start: z.boolean({ error: required('true 或 false') }).optional(),
});

const flowSchema = z.strictObject({
  title: text,
  description: text,
  steps: z.array(z.unknown(), { error: required('步驟清單') }).min(1, { error: '至少要有一個步驟' }),
});

// ---------------------------------------------------------------------------------------------------------
// Types

export interface ClauseRefText {
  /** "4.2.3" */
  clause: string;
  /** "e" for item e) of the clause */
  item?: string;
}

export interface ActionStep {
  kind: 'action';
  id: string;
  label: string;
  clause: ClauseRefText;
  form?: FormId;
  start: boolean;
  end: boolean;
  next?: string;
}

export interface DecisionStep {
  kind: 'decision';
  id: string;
  ask: string;
  yes: string;
  no: string;
  yesLabel: string;
  noLabel: string;
  clause: ClauseRefText;
  start: boolean;
}

export type Step = ActionStep | DecisionStep;

/** A flow as authored, after the schema check. */
export interface FlowDefinition {
  procedure: string;
  title: string;
  description: string;
  steps: Step[];
}

export type NodeShape = 'terminal' | 'process' | 'decision';

export interface FlowNode {
  id: string;
  kind: Step['kind'];
  shape: NodeShape;
  /** Label as authored (action label or decision question). */
  label: string;
  /** The label wrapped into lines. */
  lines: string[];
  /** Clause as shown: "4.1.1" or "4.2.3 e)". */
  clause: string;
  /** Anchor of the clause in the procedure page, e.g. "clause-4-1-1". */
  anchor: string;
  form?: FormId;
  start: boolean;
  end: boolean;
}

export interface FlowEdge {
  id: string;
  from: string;
  to: string;
  /** 是 / 否 (or the decision's own labels); none for a plain "next". */
  label?: string;
  branch?: 'yes' | 'no';
}

export interface ExpandedFlow {
  procedure: string;
  title: string;
  description: string;
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export interface ValidateOptions {
  /** Clause anchors of the procedure page (`scanClauses(mdx).map(r => r.anchor)`). */
  anchors: Iterable<string>;
}

export interface ValidationResult {
  /** Set only when there are no problems. */
  flow?: FlowDefinition;
  problems: string[];
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

/** "4.2.3 e)" -> { clause: "4.2.3", item: "e" }; "4..8" -> { clause: "4.8" } */
export function parseClauseRef(value: string): ClauseRefText {
  const m = /^(\d+(?:\.{1,2}\d+)*)\s*(?:([a-z])\)?)?$/.exec(value.trim());
  if (!m) throw new Error(`條款編號格式錯誤：${value}`);
  const clause = m[1].replace(/\.\.+/g, '.');
  return m[2] ? { clause, item: m[2] } : { clause };
}

/**
 * A label as one line of running text, for lists and accessible names: the author's line breaks become
 * "，" unless punctuation or a bracket already separates the two parts.
 */
export function labelText(label: string): string {
  const parts = label
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return parts.reduce((text, part) => {
    if (!text) return part;
    const joined = /[，。、；：？！（）「」《》]$/u.test(text) || /^[，。、；：？！（）「」《》]/u.test(part);
    return joined ? text + part : `${text}，${part}`;
  }, '');
}

export function clauseRefLabel(ref: ClauseRefText): string {
  return ref.item ? `${ref.clause} ${ref.item})` : ref.clause;
}

export function clauseRefAnchor(ref: ClauseRefText): string {
  return clauseAnchor(ref.clause, ref.item);
}

/** Outgoing edges of a step; `to` may name a missing step (validation reports it). */
function outgoing(steps: readonly Step[], index: number): FlowEdge[] {
  const step = steps[index];
  if (step.kind === 'decision') {
    return [
      { id: `${step.id}--yes`, from: step.id, to: step.yes, label: step.yesLabel, branch: 'yes' },
      { id: `${step.id}--no`, from: step.id, to: step.no, label: step.noLabel, branch: 'no' },
    ];
  }
  if (step.end) return step.next ? [{ id: `${step.id}--next`, from: step.id, to: step.next }] : [];
  const to = step.next ?? steps[index + 1]?.id;
  return to ? [{ id: `${step.id}--next`, from: step.id, to }] : [];
}

export function zodProblems(prefix: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${prefix}的欄位 ${path}：${issue.message}` : `${prefix}：${issue.message}`;
  });
}

const zhTW = z.locales.zhTW().localeError;

// ---------------------------------------------------------------------------------------------------------
// Validation

/**
 * Checks a parsed YAML document against the schema and its references. Every problem names the flow, the step
 * and the bad reference, in Chinese; the flow is returned only when there are none.
 */
export function validateFlow(procedure: string, raw: unknown, options: ValidateOptions): ValidationResult {
  const flowName = `流程圖「${procedure}」`;
  const problems: string[] = [];
  const top = flowSchema.safeParse(raw, { error: zhTW });
  if (!top.success) return { problems: zodProblems(flowName, top.error) };

  const steps: Step[] = [];
  let schemaFailed = false;
  top.data.steps.forEach((entry, index) => {
    const rawId = entry && typeof entry === 'object' && 'id' in entry ? (entry as { id: unknown }).id : undefined;
    const stepName = typeof rawId === 'string' ? `${flowName}步驟「${rawId}」` : `${flowName}第 ${index + 1} 個步驟`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push(`${stepName}必須是一組欄位（id、label、clause…）`);
      schemaFailed = true;
      return;
    }
    const isDecision = 'ask' in entry || 'yes' in entry || 'no' in entry;
    if (isDecision) {
      const parsed = decisionSchema.safeParse(entry, { error: zhTW });
      if (!parsed.success) {
        problems.push(...zodProblems(stepName, parsed.error));
        schemaFailed = true;
        return;
      }
      const d = parsed.data;
      steps.push({
        kind: 'decision',
        id: d.id,
        ask: d.ask,
        yes: d.yes,
        no: d.no,
        yesLabel: d.yesLabel ?? '是',
        noLabel: d.noLabel ?? '否',
        clause: parseClauseRef(d.clause),
        start: d.start ?? false,
      });
    } else {
      const parsed = actionSchema.safeParse(entry, { error: zhTW });
      if (!parsed.success) {
        problems.push(...zodProblems(stepName, parsed.error));
        schemaFailed = true;
        return;
      }
      const a = parsed.data;
      steps.push({
        kind: 'action',
        id: a.id,
        label: a.label,
        clause: parseClauseRef(a.clause),
        form: a.form as FormId | undefined,
        start: a.start ?? false,
        end: a.end ?? false,
        next: a.next,
      });
    }
  });

  const anchors = new Set(options.anchors);
  const ids = new Set<string>();
  for (const step of steps) {
    const stepName = `${flowName}步驟「${step.id}」`;
    if (ids.has(step.id)) problems.push(`${stepName}的 id 重複`);
    ids.add(step.id);
    const ref = clauseRefAnchor(step.clause);
    if (!anchors.has(ref)) problems.push(`${stepName}引用的條款 ${clauseRefLabel(step.clause)} 不存在`);
    if (step.kind === 'action' && step.form !== undefined && !(FORM_IDS as readonly string[]).includes(step.form)) {
      problems.push(`${stepName}引用的表單「${step.form}」不存在`);
    }
    if (step.kind === 'action' && step.end && step.next) {
      problems.push(`${stepName}標示為終點（end: true），不可再有下一步（next: ${step.next}）`);
    }
    const lines = wrapLabel(step.kind === 'action' ? step.label : step.ask, MAX_LINE_EM);
    if (lines.length > MAX_LABEL_LINES) {
      problems.push(`${stepName}的文字太長：最多 ${MAX_LABEL_LINES} 行，每行約 8 個字（現為 ${lines.length} 行）`);
    }
  }
  // Steps that failed the schema still count as existing, so a typo in one step is reported once.
  for (const entry of top.data.steps) {
    const rawId = entry && typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined;
    if (typeof rawId === 'string') ids.add(rawId);
  }

  const edges = steps.flatMap((_, i) => outgoing(steps, i));
  for (const edge of edges) {
    if (!ids.has(edge.to)) {
      const field = edge.branch ?? 'next';
      problems.push(`${flowName}步驟「${edge.from}」引用的步驟「${edge.to}」不存在（${field}）`);
    }
  }

  const starts = steps.filter((s) => s.start);
  if (!schemaFailed && starts.length === 0) problems.push(`${flowName}沒有起點：請在第一個步驟加上 start: true`);

  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (step.kind === 'action' && !step.end && outgoing(steps, i).length === 0) {
      problems.push(`${flowName}步驟「${step.id}」沒有下一步，也沒有標示為終點（end: true）`);
    }
  }

  if (!schemaFailed && starts.length > 0) {
    const byId = new Map(steps.map((s, i) => [s.id, i]));
    const seen = new Set<string>();
    const queue = starts.map((s) => s.id);
    while (queue.length) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const index = byId.get(id);
      if (index === undefined) continue;
      for (const edge of outgoing(steps, index)) queue.push(edge.to);
    }
    for (const step of steps) {
      if (!seen.has(step.id)) problems.push(`${flowName}步驟「${step.id}」無法從起點到達`);
    }
  }

  if (problems.length) return { problems };
  return { flow: { procedure, title: top.data.title, description: top.data.description, steps }, problems };
}

/** Like `validateFlow`, but throws one Error that lists every problem. */
export function parseFlow(procedure: string, raw: unknown, options: ValidateOptions): FlowDefinition {
  const result = validateFlow(procedure, raw, options);
  if (!result.flow) throw new FlowError(procedure, result.problems);
  return result.flow;
}

export class FlowError extends Error {
  readonly problems: string[];
  constructor(procedure: string, problems: string[]) {
    super(`流程圖「${procedure}」有 ${problems.length} 個問題：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'FlowError';
    this.problems = problems;
  }
}

/**
 * YAML without implicit numbers: `clause: 4.10` stays the text "4.10" instead of becoming the number 4.1.
 * Booleans and null keep their usual meaning.
 */
export const FLOW_YAML_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    new yaml.Type('tag:yaml.org,2002:bool', {
      kind: 'scalar',
      resolve: (data: string) => data === 'true' || data === 'false',
      construct: (data: string) => data === 'true',
    }),
  ],
});

export function parseFlowYaml(procedure: string, source: string): unknown {
  try {
    return yaml.load(source, { schema: FLOW_YAML_SCHEMA, filename: `${procedure}.yaml` });
  } catch (error) {
    throw new FlowError(procedure, [`流程圖「${procedure}」的 YAML 無法解析：${(error as Error).message}`]);
  }
}

export interface LoadFlowOptions {
  /** Folder of the flow files, e.g. `<root>/content/flows`. */
  flowsDir: string;
  /** Folder of the procedures, e.g. `<root>/content/sops`; the effective text is `<id>/index.mdx`. */
  sopsDir: string;
}

/** Reads `<flowsDir>/<id>.yaml` and the procedure's effective MDX, and validates the flow against it. */
export function loadFlow(procedure: ProcedureId, options: LoadFlowOptions): FlowDefinition {
  const flowPath = join(options.flowsDir, `${procedure}.yaml`);
  const mdxPath = join(options.sopsDir, procedure, 'index.mdx');
  const missing: string[] = [];
  if (!existsSync(flowPath)) missing.push(`流程圖「${procedure}」找不到流程檔 ${flowPath}`);
  if (!existsSync(mdxPath)) missing.push(`流程圖「${procedure}」找不到規程正文 ${mdxPath}`);
  if (missing.length) throw new FlowError(procedure, missing);
  const anchors = scanClauses(readFileSync(mdxPath, 'utf8')).map((ref) => ref.anchor);
  return parseFlow(procedure, parseFlowYaml(procedure, readFileSync(flowPath, 'utf8')), { anchors });
}

// ---------------------------------------------------------------------------------------------------------
// Expansion

/** Nodes and labelled edges of a validated flow. */
export function expandFlow(flow: FlowDefinition): ExpandedFlow {
  const nodes: FlowNode[] = flow.steps.map((step) => {
    const label = step.kind === 'action' ? step.label : step.ask;
    const end = step.kind === 'action' && step.end;
    return {
      id: step.id,
      kind: step.kind,
      shape: step.kind === 'decision' ? 'decision' : step.start || end ? 'terminal' : 'process',
      label,
      lines: wrapLabel(label),
      clause: clauseRefLabel(step.clause),
      anchor: clauseRefAnchor(step.clause),
      ...(step.kind === 'action' && step.form ? { form: step.form } : {}),
      start: step.start,
      end,
    };
  });
  const edges = flow.steps.flatMap((_, i) => outgoing(flow.steps, i));
  return { procedure: flow.procedure, title: flow.title, description: flow.description, nodes, edges };
}
