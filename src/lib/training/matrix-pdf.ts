/**
 * The training matrix as a PDF (A4 landscape): staff × procedures with each cell's state, revision, date and
 * score, then the files not counted and why; 「第 X 頁，共 Y 頁」 on every page. Drawn with the record PDFs'
 * fonts and painter, so the Chinese is embedded and subset the same way. Browser and Node.
 */
import { PDFDocument } from '@cantoo/pdf-lib';
import { DocFonts, type LabelledText, type PdfFontSources } from '../pdf/layout/fonts.ts';
import { ReportPages } from '../pdf/layout/report-pages.ts';
import { wrapText } from '../pdf/layout/text.ts';
import { formatDateTimeZh } from '../shared/time.ts';
import { CELL_LABELS, cellText, matrixTotals, type Matrix } from './matrix.ts';

const PAGE: [number, number] = [841.89, 595.28];
const MARGIN = 36;
const FIRST_COL = 120;
const SIZE = 8;
const LINE = 11;
const PAD = 4;

function rowTexts(m: Matrix): string[][] {
  // The state on the first line (bold), then revision, date, score and any note.
  return m.rows.map((row) => [`${row.name}\n${row.staffNumber}`, ...m.procedures.map((p) => cellText(row.cells[p.procedure]).split('；').join('\n'))]);
}

export async function matrixPdf(m: Matrix, fonts: PdfFontSources, now = new Date()): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const title = '培訓矩陣';
  const stamp = `產生時間：${formatDateTimeZh(now)}　員工 ${m.rows.length} 名　只計入簽章有效、受信任且簽署後未被修改的培訓確認記錄`;
  const header = ['員工', ...m.procedures.map((p) => `${p.docNumber} ${p.title}\n現行版本/改次 ${p.revisions.at(-1)!.revision}`)];
  const totals = matrixTotals(m);
  const footerRow = ['已完成', ...m.procedures.map((p) => `${totals[p.procedure].current + totals[p.procedure].carried} / ${m.rows.length}`)];
  const rows = rowTexts(m);
  const rejected = m.rejected.map((r) => `${r.file}：${r.reason}`);
  const texts: LabelledText[] = [title, stamp, ...header, ...footerRow, ...rows.flat(), ...rejected, '未計入的檔案', '第 1 頁，共 1 頁', ...Object.values(CELL_LABELS)].map(
    (text) => ({ label: '培訓矩陣', text }),
  );
  const docFonts = await DocFonts.create(doc, fonts, texts);

  const colWidth = (PAGE[0] - 2 * MARGIN - FIRST_COL) / Math.max(1, m.procedures.length);
  const widths = [FIRST_COL, ...m.procedures.map(() => colWidth)];
  const pages = new ReportPages(doc, docFonts, { size: PAGE, margin: MARGIN, title, stamp, stampSize: SIZE, onPage: () => drawRow(header, true, true) });

  const drawRow = (cells: string[], shade: boolean, bold: boolean) =>
    pages.tableRow(cells, widths, { size: SIZE, line: LINE, pad: PAD, shade, bold: (i, j) => bold || (i > 0 && j === 0) });
  pages.newPage();
  for (const r of rows) drawRow(r, false, false);
  drawRow(footerRow, true, true);
  if (rejected.length) {
    pages.y -= 16;
    if (pages.y < MARGIN + 40) pages.newPage();
    pages.painter.text('未計入的檔案', MARGIN, pages.y, { size: 10, bold: true });
    pages.y -= 4;
    for (const r of rejected) {
      for (const line of wrapText(r, PAGE[0] - 2 * MARGIN, (t) => docFonts.width(t, SIZE))) {
        if (pages.y - LINE < MARGIN + 20) pages.newPage();
        pages.y -= LINE;
        pages.painter.text(line, MARGIN, pages.y, { size: SIZE });
      }
    }
  }
  pages.finish();
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setLanguage('zh-TW');
  doc.setCreationDate(now);
  return doc.save({ useObjectStreams: false });
}
