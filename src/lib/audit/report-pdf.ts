/**
 * The audit report as a PDF (A4, zh-TW) that the auditor can sign on /sign/: the summary, a row per
 * file (problems first), a 稽核人 signature field, and the audit itself embedded as form-data.json in
 * an envelope of the form `audit-report`, since /sign/ signs only files that carry the handbook's
 * envelope. That envelope names no procedure (an audit is not a record under one), so /verify/ checks
 * the auditor's signature and says the report is not under a controlled procedure. Drawn with the
 * record PDFs' fonts and painter, so the Chinese is embedded and subset the same way. Browser and Node.
 */
import { PDFDocument } from '@cantoo/pdf-lib';
import { embedRecord } from '../pdf/document/embedded.ts';
import { setMetadata } from '../pdf/document/metadata.ts';
import { DocFonts, type LabelledText, type PdfFontSources } from '../pdf/layout/fonts.ts';
import { GREY, RED, RULE } from '../pdf/layout/painter.ts';
import { ReportPages } from '../pdf/layout/report-pages.ts';
import { addSignatureFields } from '../pdf/sign/acroform.ts';
import { RECORD_FORMAT, type RecordEnvelope } from '../record/envelope.ts';
import { formatDateTimeZh } from '../shared/time.ts';
import { AUDIT_REPORT_FORM, type AuditReport } from './audit.ts';
import { rowText, summaryLines } from './text.ts';

const PAGE: [number, number] = [595.28, 841.89];
const MARGIN = 36;
const SIZE = 8;
const LINE = 11;
const PAD = 4;
const WIDTH = PAGE[0] - 2 * MARGIN;
const COLUMNS = [
  { label: '檔案／記錄編號', width: 130 },
  { label: '表單／記錄日期', width: 120 },
  { label: '簽章', width: 125 },
  { label: '問題', width: WIDTH - 375 },
];
const SIGN_BOX: [number, number] = [220, 70];
/** The signature role of the report, as /sign/ lists it. */
export const AUDITOR_ROLE = 'auditor';
export const AUDITOR_LABEL = '稽核人';

export const AUDIT_REPORT_TITLE = '記錄稽核報告';

/** The audit as an envelope /sign/ accepts (see the module comment). */
export function auditEnvelope(report: AuditReport): RecordEnvelope {
  return {
    format: RECORD_FORMAT,
    form: AUDIT_REPORT_FORM as RecordEnvelope['form'],
    formNumber: AUDIT_REPORT_TITLE,
    formRevision: '1',
    procedure: '' as RecordEnvelope['procedure'],
    procedureNumber: '',
    procedureRevision: '',
    savedAt: report.generatedAt,
    data: report as unknown as Record<string, unknown>,
  };
}

export async function auditReportPdf(report: AuditReport, fonts: PdfFontSources): Promise<Uint8Array> {
  const now = new Date(report.generatedAt);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const stamp = `產生時間：${formatDateTimeZh(now)}　受信任的憑證機構 ${report.trustCount} 個　保存期限以 ${report.today} 判斷`;
  const summary = summaryLines(report);
  // Files with problems first, each group in file order.
  const rows = [...report.rows].sort((a, b) => Number(b.problems.length > 0) - Number(a.problems.length > 0)).map(rowText);
  const cells = rows.map((t) => [`${t.file}\n${t.recordNumber}`, `${t.form}\n${t.recordDate}\n${t.revision}`, `${t.signatures}\n缺少簽署：${t.missingSigners}\n保存期限：${t.retention}`, t.problems]);
  const texts: LabelledText[] = [
    AUDIT_REPORT_TITLE,
    stamp,
    ...summary,
    ...COLUMNS.map((c) => c.label),
    ...cells.flat(),
    '稽核人簽署',
    AUDITOR_LABEL,
    '第 1 頁，共 1 頁',
  ].map((text) => ({ label: AUDIT_REPORT_TITLE, text }));
  const docFonts = await DocFonts.create(doc, fonts, texts);

  const widths = COLUMNS.map((c) => c.width);
  const header = () => pages.tableRow(COLUMNS.map((c) => c.label), widths, { size: SIZE, line: LINE, pad: PAD, shade: true, bold: () => true });
  const pages = new ReportPages(doc, docFonts, { size: PAGE, margin: MARGIN, title: AUDIT_REPORT_TITLE, stamp, stampSize: SIZE, onPage: () => pages.surfaces.length > 1 && header() });
  pages.newPage();
  for (const line of summary) {
    pages.y -= 13;
    pages.painter.text(line, MARGIN, pages.y, { size: 10, bold: line === summary[0] });
  }
  pages.y -= 10;
  header();
  for (const r of cells) {
    pages.tableRow(r, widths, { size: SIZE, line: LINE, pad: PAD, bold: (i, j) => i === 0 && j === 0, color: (i) => (i === 3 && r[3] !== '無' ? RED : undefined) });
  }

  // The auditor's box after the table, on a new page if it does not fit.
  if (pages.y - SIGN_BOX[1] - 30 < MARGIN + 20) pages.newPage();
  pages.y -= 24;
  const { painter, y } = pages;
  painter.text('稽核人簽署', MARGIN, y, { size: 10, bold: true });
  const rect: [number, number, number, number] = [MARGIN, y - 8 - SIGN_BOX[1], SIGN_BOX[0], SIGN_BOX[1]];
  painter.rect(...rect, { stroke: RULE, lineWidth: 0.5 });
  painter.text(AUDITOR_LABEL, MARGIN + PAD, y - 8 - SIGN_BOX[1] + PAD + 2, { size: SIZE, color: GREY });
  pages.finish();
  const all = doc.getPages();
  addSignatureFields(doc, all, [{ role: AUDITOR_ROLE, label: AUDITOR_LABEL, pageIndex: all.length - 1, rect }]);
  await embedRecord(doc, auditEnvelope(report), `${AUDIT_REPORT_TITLE}（JSON）`, now);
  setMetadata(doc, { title: AUDIT_REPORT_TITLE, subject: summary[0], keywords: ['稽核', '記錄', '簽章'], now });
  return doc.save({ useObjectStreams: false });
}
