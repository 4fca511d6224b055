/**
 * Pages of a tabular report (the training matrix, the audit report): each page starts with the
 * report's title and a grey stamp line, and ends with 「第 X 頁，共 Y 頁」 once the page count is
 * known. The caller draws below `y` with `painter` and calls newPage when a row does not fit.
 * Browser and Node.
 */
import type { PDFDocument } from '@cantoo/pdf-lib';
import type { DocFonts } from './fonts.ts';
import { GREY, LIGHT, PageSurface, Painter, RULE, type Rgb } from './painter.ts';
import { wrapText } from './text.ts';

export class ReportPages {
  readonly surfaces: PageSurface[] = [];
  painter!: Painter;
  /** Top of the free space on the current page. */
  y = 0;

  private readonly doc: PDFDocument;
  private readonly fonts: DocFonts;
  private readonly o: { size: [number, number]; margin: number; title: string; stamp: string; stampSize: number; onPage?: () => void };

  constructor(doc: PDFDocument, fonts: DocFonts, o: ReportPages['o']) {
    this.doc = doc;
    this.fonts = fonts;
    this.o = o;
  }

  newPage(): void {
    const page = this.doc.addPage(this.o.size);
    const surface = new PageSurface(page);
    this.surfaces.push(surface);
    this.painter = new Painter(this.fonts, surface);
    this.y = this.o.size[1] - this.o.margin;
    this.painter.text(this.o.title, this.o.margin, this.y - 14, { size: 16, bold: true });
    this.painter.text(this.o.stamp, this.o.margin, this.y - 30, { size: this.o.stampSize, color: GREY });
    this.y -= 40;
    this.o.onPage?.();
  }

  /**
   * One table row at `y`, each cell wrapped to its column ('\n' starts a line), on a new page first
   * when it does not fit above the footer.
   */
  tableRow(
    cells: string[],
    widths: number[],
    s: { size: number; line: number; pad: number; shade?: boolean; bold?: (col: number, line: number) => boolean; color?: (col: number) => Rgb | undefined },
  ): void {
    const wrapped = cells.map((c, i) => c.split('\n').flatMap((part) => wrapText(part, widths[i] - 2 * s.pad, (t) => this.fonts.width(t, s.size))));
    const h = Math.max(...wrapped.map((l) => l.length)) * s.line + 2 * s.pad;
    if (this.y - h < this.o.margin + 20) this.newPage();
    let x = this.o.margin;
    const { painter, y } = this;
    wrapped.forEach((lines, i) => {
      painter.rect(x, y - h, widths[i], h, { ...(s.shade ? { fill: LIGHT } : {}), stroke: RULE, lineWidth: 0.5 });
      const color = s.color?.(i);
      lines.forEach((line, j) => painter.text(line, x + s.pad, y - s.pad - (j + 1) * s.line + 3, { size: s.size, bold: s.bold?.(i, j) ?? false, ...(color ? { color } : {}) }));
      x += widths[i];
    });
    this.y -= h;
  }

  /** Numbers the pages and writes their content. */
  finish(): void {
    this.surfaces.forEach((surface, i) => {
      new Painter(this.fonts, surface).textRight(`第 ${i + 1} 頁，共 ${this.surfaces.length} 頁`, this.o.size[0] - this.o.margin, this.o.margin - 12, {
        size: this.o.stampSize,
        color: GREY,
      });
      surface.flush();
    });
  }
}
