/**
 * Document control (ISO 9001 7.5 style) for procedure revisions: the frontmatter schema the
 * content collection enforces, and the rules that span revisions (one effective revision each).
 */
import { z } from '../shared/zod.ts';
import { FORM_IDS, type ProcedureId } from '../procedures.ts';
import { procedureIdSchema, procedureOrderSchema } from '../procedures-schema.ts';

export const STATUS_LABELS = {
  draft: '草案',
  'in-review': '審核中',
  effective: '生效',
  superseded: '已作廢',
} as const;
export type DocStatus = keyof typeof STATUS_LABELS;

/** The company's own numbers (TP/QP-09) or the handbook's scheme, whose prefix cannot collide with TP/QP. */
const docNumberPattern = /^(TP\/QP-\d{2}|HB-SOP-\d{2})$/;
/** 版本/改次 as the company writes it: a letter for the version, a number for the amendment. */
export const revisionPattern = /^[A-Z]\/\d+$/;

const signOffSchema = z
  .object({ name: z.string().min(1), date: z.coerce.date() })
  .nullable()
  .describe('null: not yet signed (the seed leaves these blank; never invent a person)');

export const docControlSchema = z
  .object({
    procedure: procedureIdSchema,
    /** Place in the issue order; the same on every revision of a procedure. */
    order: procedureOrderSchema,
    docNumber: z.string().regex(docNumberPattern, '文件編號格式不符（應為 TP/QP-nn 或 HB-SOP-nn）'),
    numberIssuer: z.enum(['company', 'handbook']),
    issuedTitle: z.string().min(1),
    revision: z.string().regex(revisionPattern, '版本/改次格式不符（例如 A/1）'),
    status: z.enum(['draft', 'in-review', 'effective', 'superseded']),
    effectiveDate: z.coerce.date().nullable(),
    effectiveDateNote: z.string().optional(),
    /** Set by a release (`npm run doc:release`) on the revision it replaces: the day it stops being in force. */
    supersededDate: z.coerce.date().nullable().optional(),
    approvals: z.object({
      preparedBy: signOffSchema,
      reviewedBy: signOffSchema,
      approvedBy: signOffSchema,
    }),
    relatedRecords: z.array(
      z.object({
        formId: z.enum(FORM_IDS),
        title: z.string().min(1),
        clause: z.string().min(1),
      }),
    ),
    retention: z.string().min(1),
    basedOn: z.string().regex(revisionPattern).optional(),
    changes: z.array(z.object({ clause: z.string().min(1), summary: z.string().min(1) })).default([]),
    // false: a minor correction released without retraining; acknowledgements of the revision before stay valid.
    retraining: z.boolean().default(true),
  })
  .superRefine((doc, ctx) => {
    if ((doc.status === 'effective' || doc.status === 'superseded') && doc.effectiveDate === null) {
      ctx.addIssue({ code: 'custom', path: ['effectiveDate'], message: '生效或已作廢的版本必須有生效日期' });
    }
    if (doc.status === 'superseded' && !doc.supersededDate) {
      ctx.addIssue({ code: 'custom', path: ['supersededDate'], message: '已作廢的版本必須有作廢日期' });
    }
    if (doc.effectiveDate && doc.supersededDate && doc.supersededDate < doc.effectiveDate) {
      ctx.addIssue({ code: 'custom', path: ['supersededDate'], message: '作廢日期不可早於生效日期' });
    }
    if (doc.basedOn && doc.changes.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['changes'], message: '修訂版本必須列出變更說明' });
    }
    if ((doc.numberIssuer === 'company') !== doc.docNumber.startsWith('TP/QP-')) {
      ctx.addIssue({ code: 'custom', path: ['numberIssuer'], message: 'TP/QP 編號由公司編定，HB-SOP 編號由本手冊編定' });
    }
  });

export type DocControl = z.infer<typeof docControlSchema>;

/** "A/1" -> "a-1", the URL segment of a non-effective revision. */
export function revisionSlug(revision: string): string {
  return revision.toLowerCase().replace('/', '-');
}

/** Orders revisions A/0 < A/1 < B/0. */
export function compareRevisions(a: string, b: string): number {
  const [va, na] = a.split('/');
  const [vb, nb] = b.split('/');
  return va === vb ? Number(na) - Number(nb) : va.localeCompare(vb);
}

export interface RevisionEntry {
  id: string;
  data: DocControl & { title: string };
}

/**
 * Cross-revision rules the per-file schema cannot see. Returns zh-TW problems; the build
 * fails on any (see src/pages/register.astro).
 */
export function checkRevisionSet(entries: RevisionEntry[]): string[] {
  const problems: string[] = [];
  const byProcedure = new Map<ProcedureId, RevisionEntry[]>();
  for (const e of entries) {
    const list = byProcedure.get(e.data.procedure) ?? [];
    list.push(e);
    byProcedure.set(e.data.procedure, list);
  }
  for (const [id, revs] of byProcedure) {
    const effective = revs.filter((r) => r.data.status === 'effective');
    if (effective.length !== 1) problems.push(`程序「${id}」應恰有一個生效版本，實有 ${effective.length} 個`);
    const numbers = new Set(revs.map((r) => r.data.docNumber));
    if (numbers.size > 1) problems.push(`程序「${id}」各版本的文件編號不一致：${[...numbers].join('、')}`);
    const orders = new Set(revs.map((r) => r.data.order));
    if (orders.size > 1) problems.push(`程序「${id}」各版本的發行順序不一致：${[...orders].join('、')}`);
    const seen = new Set<string>();
    for (const r of revs) {
      if (seen.has(r.data.revision)) problems.push(`程序「${id}」的版本 ${r.data.revision} 重複`);
      seen.add(r.data.revision);
      if (r.data.basedOn && !revs.some((o) => o.data.revision === r.data.basedOn)) {
        problems.push(`程序「${id}」版本 ${r.data.revision} 所依據的版本 ${r.data.basedOn} 不存在`);
      }
    }
  }
  const owners = new Map<string, ProcedureId>();
  const places = new Map<number, ProcedureId>();
  for (const [id, revs] of byProcedure) {
    const num = revs[0]?.data.docNumber;
    if (num && owners.has(num) && owners.get(num) !== id) problems.push(`文件編號 ${num} 被兩個程序使用`);
    if (num) owners.set(num, id);
    const order = revs[0]?.data.order;
    if (order !== undefined && places.has(order)) problems.push(`發行順序 ${order} 被兩個程序使用：${places.get(order)}、${id}`);
    if (order !== undefined) places.set(order, id);
  }
  return problems;
}
