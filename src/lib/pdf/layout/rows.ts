/**
 * Rows of label/value cells on the page frame: heights, a row split across pages line by line,
 * and the cell drawing.
 */
import { LIGHT, RULE } from './painter.ts';
import { wrapText } from './text.ts';
import { PAD_X, PAD_Y, MIN_ROW, LABEL, HINT, LH_LABEL, type Content, type Cell, BOX, BOX_GAP, OPTION_GAP, LIGHT_RULE } from './geometry.ts';
import { PageFrame } from './page-frame.ts';

export abstract class RowLayout extends PageFrame {
  // ---- rows --------------------------------------------------------------------------------

  protected contentHeight(c: Content): number {
    switch (c.kind) {
      case 'lines':
      case 'options':
        return c.lines.length === 0 ? 0 : (c.lines.length - 1) * c.lh + c.style.size * 1.2;
      case 'ruled':
        return c.count * c.lh;
      case 'empty':
        return c.height;
    }
  }

  protected rowHeight(cells: Cell[]): number {
    return Math.max(MIN_ROW, ...cells.map((c) => this.contentHeight(c.content) + 2 * PAD_Y));
  }

  /** Draws a row of cells; a row taller than a page is split by lines. */
  protected row(cells: Cell[]): void {
    let height = this.rowHeight(cells);
    if (height > this.room) {
      if (height <= this.bodyHeight - 40) {
        this.newPage();
      } else {
        // Split: fill this page (or a fresh one if little room is left), continue on the next.
        if (this.room < 60) this.newPage();
        const [head, tail] = this.splitCells(cells, this.room);
        this.drawRow(head, this.room);
        this.newPage();
        this.row(tail);
        return;
      }
    }
    height = this.rowHeight(cells);
    this.drawRow(cells, height);
  }

  protected splitCells(cells: Cell[], room: number): [Cell[], Cell[]] {
    const head: Cell[] = [];
    const tail: Cell[] = [];
    for (const cell of cells) {
      const c = cell.content;
      if (cell.continued) {
        // A label: whole on the first part, 「（續）」 on the next.
        head.push(cell);
        tail.push({ ...cell, content: cell.continued });
      } else if (c.kind === 'lines') {
        const fit = Math.max(1, Math.floor((room - 2 * PAD_Y - c.style.size * 1.2) / c.lh) + 1);
        head.push({ ...cell, content: { ...c, lines: c.lines.slice(0, fit) } });
        tail.push({ ...cell, content: { ...c, lines: c.lines.slice(fit) } });
      } else {
        head.push(cell);
        tail.push({ ...cell, content: { kind: 'empty', height: 0 } });
      }
    }
    return [head, tail];
  }

  protected drawRow(cells: Cell[], height: number): void {
    const p = this.painter;
    const top = this.y;
    const bottomY = this.pdfY(top + height);
    for (const cell of cells) {
      if (cell.fill) p.rect(cell.x, bottomY, cell.w, height, { fill: cell.fill });
    }
    for (const cell of cells) {
      const ch = this.contentHeight(cell.content);
      const offset = cell.valign === 'middle' ? Math.max(PAD_Y, (height - ch) / 2) : PAD_Y;
      this.drawContent(cell, top + offset, height);
    }
    for (const cell of cells) p.rect(cell.x, bottomY, cell.w, height, { stroke: RULE, lineWidth: 0.6 });
    this.y = top + height;
  }

  protected drawContent(cell: Cell, top: number, rowHeight: number): void {
    const p = this.painter;
    const c = cell.content;
    const x = cell.x + PAD_X;
    if (c.kind === 'lines') {
      c.lines.forEach((line, i) => {
        const base = this.pdfY(top + c.style.size * 0.92 + i * c.lh);
        if (c.align === 'center') p.textCentered(line, cell.x + cell.w / 2, base, c.style);
        else p.text(line, x, base, c.style);
      });
    } else if (c.kind === 'options') {
      c.lines.forEach((items, i) => {
        const base = this.pdfY(top + c.style.size * 0.92 + i * c.lh);
        let cx = x;
        for (const { label, box } of items) {
          if (box) p.checkbox(cx, base - 0.8, BOX);
          cx += BOX + BOX_GAP;
          p.text(label, cx, base, c.style);
          cx += p.width(label, c.style.size) + OPTION_GAP;
        }
      });
    } else if (c.kind === 'ruled') {
      const rowTop = this.y;
      const rowBottom = rowTop + rowHeight;
      for (let i = 1; i <= c.count; i++) {
        const ly = rowTop + PAD_Y + i * c.lh - 3;
        if (ly > rowBottom - 2) break;
        if (i < c.count) p.line(cell.x + PAD_X, this.pdfY(ly), cell.x + cell.w - PAD_X, this.pdfY(ly), LIGHT_RULE, 0.4, [1.5, 2]);
      }
      if (c.hint) p.text(c.hint, x, this.pdfY(top + (c.lh - HINT.size) / 2 + HINT.size * 0.8), HINT);
    }
  }

  // ---- fields ------------------------------------------------------------------------------

  protected labelCell(x: number, w: number, title: string): Cell {
    return {
      x,
      w,
      fill: LIGHT,
      valign: 'middle',
      content: { kind: 'lines', lines: wrapText(title, w - 2 * PAD_X, (t) => this.fonts.width(t, LABEL.size)), style: LABEL, lh: LH_LABEL },
      continued: { kind: 'lines', lines: wrapText(`${title}（續）`, w - 2 * PAD_X, (t) => this.fonts.width(t, LABEL.size)), style: LABEL, lh: LH_LABEL },
    };
  }
}
