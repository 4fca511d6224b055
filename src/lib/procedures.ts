/**
 * The five procedures and their record forms: the one place that names them.
 * Content, forms, flowcharts and the register all key on these ids.
 */
export const PROCEDURE_IDS = ['complaints', 'violations', 'communication', 'archives', 'follow-up'] as const;
export type ProcedureId = (typeof PROCEDURE_IDS)[number];

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

/** Sidebar and register order: the order the company issued them in. */
export const PROCEDURE_ORDER: Record<ProcedureId, number> = {
  complaints: 1,
  violations: 2,
  communication: 3,
  archives: 4,
  'follow-up': 5,
};
