/**
 * The procedures are content: each is a folder `content/sops/<id>/` whose effective revision's
 * frontmatter gives its number, title and place in the issue order. Nothing here lists them, so a
 * procedure the company issues later is added as content alone. This module holds the frontmatter
 * fields that identify a procedure (their zod schemas are in procedures-schema.ts, so no page ships zod) and
 * the one rule for listing procedures; `procedures-files.ts` reads them from content in Node, the
 * site from its content collection. Browser-safe.
 *
 * Record forms are keyed by FORM_IDS, one per `schemas/<id>.schema.json` (the build checks the two agree).
 */

/** A procedure's id: the name of its folder under content/sops/ and of its flow in content/flows/. */
export type ProcedureId = string;

/** Also the pattern of x-form's `procedure` (forms/build/keywords.ts) and of the content schema's (procedures-schema.ts). */
export const PROCEDURE_ID_PATTERN = '^[a-z][a-z0-9-]*$';

/** What a procedure revision says about the procedure it belongs to. */
export interface ProcedureFacts {
  procedure: ProcedureId;
  order: number;
  docNumber: string;
  title: string;
  status: string;
}

/** A procedure in force: its effective revision's facts. */
export interface Procedure {
  id: ProcedureId;
  order: number;
  docNumber: string;
  title: string;
  /** Site path of its page. */
  path: string;
}

/** Issue order; ties (which the content check reports) fall back to the id so the order is stable. */
export function byIssueOrder(a: { order: number; id: string }, b: { order: number; id: string }): number {
  return a.order - b.order || a.id.localeCompare(b.id);
}

/** The procedures in force, in issue order: one per effective revision (drafts and superseded ones are not listed). */
export function effectiveProcedures(revisions: readonly ProcedureFacts[]): Procedure[] {
  return revisions
    .filter((r) => r.status === 'effective')
    .map((r) => ({ id: r.procedure, order: r.order, docNumber: r.docNumber, title: r.title, path: `/sops/${r.procedure}/` }))
    .sort(byIssueOrder);
}

export const FORM_IDS = [
  'complaint-intake',
  'complaint-monthly-stats',
  'violation-record',
  'violation-notice',
  'qr-gr-016',
  'qr-gr-036',
  'internal-coordination',
  'outage-notice',
  'archive-catalogue',
  'archive-change',
  'archive-access',
  'follow-up-visit',
  'follow-up-monthly-stats',
] as const;
export type FormId = (typeof FORM_IDS)[number];
