import type { FormId } from '../procedures.ts';

/**
 * Names of the record forms as the procedures print them, for the flowchart's form links.
 * (The form pages own their full titles; a flowchart only needs a short, stable name.)
 */
const FORM_TITLES: Partial<Record<FormId, string>> = {
  'complaint-intake': '業戶意見受理表',
  'complaint-monthly-stats': '月度投訴統計分析',
  'violation-record': '業戶違章事件記錄表',
  'violation-notice': '業戶違規處理通知單',
  'qr-gr-016': '顧客信息、投訴記錄表',
  'qr-gr-036': '顧客投訴處理記錄表',
  'internal-coordination': '內部協調工作單',
  'outage-notice': '停水停電通知',
  'archive-catalogue': '業戶檔案目錄',
  'archive-change': '業戶檔案變更記錄',
  'archive-access': '業戶檔案查閱登記',
  'follow-up-visit': '回訪用戶記錄表',
  'follow-up-monthly-stats': '回訪用戶月統計',
};

/** Display name of a form, e.g. 業戶意見受理表; the id itself if no name is known. */
export function formTitle(id: FormId): string {
  return FORM_TITLES[id] ?? id;
}

/** URL of a form's page. */
export function formHref(id: FormId): string {
  return `/forms/${id}/`;
}
