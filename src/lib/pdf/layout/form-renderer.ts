/**
 * The official table: lays a form out on A4 pages from its model, filled (a record) or blank
 * (boxes sized for handwriting). Header with title, number and 「依 … 第 … 版填寫」, fields as
 * label/value cells, repeating rows as a table whose header row repeats on every page,
 * signature boxes, and a footer with 保存期限, the confidentiality mark and 「第 X 頁，共 Y 頁」.
 */
import type { PDFDocument, PDFImage, PDFPage } from '@cantoo/pdf-lib';
import type { DocFonts } from './fonts.ts';
import {
  type FieldNode,
  type FormModel,
  type ScalarField,
  type TableField,
  displayValue,
  valueAt,
} from '../document/form-model.ts';
import { GREY, LIGHT, PageSurface, Painter, RED, RULE, type Rgb, type TextStyle } from './painter.ts';
import { wrapAtoms, wrapText } from './text.ts';

export const A4: [number, number] = [595.28, 841.89];
const MARGIN_X = 42;
const CONTENT_W = A4[0] - 2 * MARGIN_X;
const BODY_BOTTOM = 56;
const LABEL_W = 86;
const PAD_X = 4.5;
const PAD_Y = 5;
const MIN_ROW = 22;

const LABEL: TextStyle = { size: 9, color: [0.15, 0.15, 0.15] };
const VALUE: TextStyle = { size: 10 };
const HEAD: TextStyle = { size: 9, bold: true };
const SECTION: TextStyle = { size: 10, bold: true };
const HINT: TextStyle = { size: 8.5, color: GREY };
const LH_LABEL = 12.5;
const LH_VALUE = 14.5;
const LH_BLANK = 21;

/** A signature in the record data: the signer's name, the date, and the drawn image if any. */
export interface DrawnSignature {
  image: PDFImage | null;
  name: string;
  /** As typed (signedOn), e.g. 2026-03-04. */
  date: string;
}

export interface RenderInput {
  doc: PDFDocument;
  model: FormModel;
  fonts: DocFonts;
  mode: 'record' | 'blank';
  data?: unknown;
  /** 「依 <procedureNumber> 第 <revision> 版填寫」 */
  procedureNumber: string;
  procedureRevision: string;
  formRevision: string;
  recordNumber: string;
  retention: string;
  drawn?: Record<string, DrawnSignature>;
  /** 必簽 / 結案時必簽 / 視情況必簽 / '' by role. */
  requirement: Record<string, string>;
}

/** A signature box's writing area, where a digital signature's widget goes. */
export interface SignatureBox {
  role: string;
  label: string;
  pageIndex: number;
  /** [x, y, width, height], PDF user space, lower-left origin. */
  rect: [number, number, number, number];
}

export interface RenderResult {
  pages: PDFPage[];
  signatureBoxes: SignatureBox[];
}

type Content =
  | { kind: 'lines'; lines: string[]; style: TextStyle; lh: number; align?: 'left' | 'center' }
  | { kind: 'options'; lines: string[][]; style: TextStyle; lh: number }
  | { kind: 'ruled'; count: number; lh: number; hint?: string }
  | { kind: 'empty'; height: number };

interface Cell {
  x: number;
  w: number;
  content: Content;
  fill?: Rgb;
  valign: 'top' | 'middle';
  /** Shown instead of the content on a continuation page. */
  continued?: Content;
}

const BOX = 8;
const BOX_GAP = 3;
const OPTION_GAP = 12;

export function renderForm(input: RenderInput): RenderResult {
  return new FormRenderer(input).render();
}

class FormRenderer {
  private readonly pages: PDFPage[] = [];
  private readonly surfaces: PageSurface[] = [];
  private painter!: Painter;
  /** Distance from the top of the page to the cursor. */
  private y = 0;
  private readonly pageStartHooks: (() => void)[] = [];
  private readonly boxes: SignatureBox[] = [];
  private readonly blank: boolean;

  private readonly input: RenderInput;

  constructor(input: RenderInput) {
    this.input = input;
    this.blank = input.mode === 'blank';
  }

  render(): RenderResult {
    this.newPage();
    this.fields(this.input.model.fields, this.input.data);
    this.signatures();
    this.footers();
    for (const s of this.surfaces) s.flush();
    return { pages: this.pages, signatureBoxes: this.boxes };
  }

  // ---- pages -------------------------------------------------------------------------------

  private get fonts(): DocFonts {
    return this.input.fonts;
  }

  private pdfY(top: number): number {
    return A4[1] - top;
  }

  private newPage(): void {
    const page = this.input.doc.addPage(A4);
    const surface = new PageSurface(page);
    this.pages.push(page);
    this.surfaces.push(surface);
    this.painter = new Painter(this.fonts, surface);
    if (this.pages.length === 1) this.firstHeader();
    else this.runningHeader();
    for (const hook of this.pageStartHooks) hook();
  }

  private get room(): number {
    return this.pdfY(this.y) - BODY_BOTTOM;
  }

  private get bodyHeight(): number {
    // The body of a continuation page.
    return A4[1] - 64 - BODY_BOTTOM;
  }

  private ensure(height: number): void {
    if (height > this.room) this.newPage();
  }

  private firstHeader(): void {
    const p = this.painter;
    const { model, recordNumber } = this.input;
    const m = model.meta;
    this.confidentialStamp();
    p.textCentered(m.title, A4[0] / 2, this.pdfY(64), { size: 17, bold: true });
    p.textCentered(`表單編號 ${m.number}　表單版次 ${this.input.formRevision}`, A4[0] / 2, this.pdfY(80), { size: 8.5, color: GREY });
    const base = this.pdfY(99);
    if (this.input.procedureRevision) {
      p.text(`依 ${this.input.procedureNumber} 第 ${this.input.procedureRevision} 版填寫`, MARGIN_X, base, { size: 10 });
    } else {
      const head = `依 ${this.input.procedureNumber} 第 `;
      const hw = p.width(head, 10);
      p.text(head, MARGIN_X, base, { size: 10 });
      p.line(MARGIN_X + hw + 1, base - 2, MARGIN_X + hw + 37, base - 2, RULE, 0.5);
      p.text(' 版填寫', MARGIN_X + hw + 38, base, { size: 10 });
    }
    const rnLabel = `${model.recordNumberTitle}：`;
    if (recordNumber) {
      p.textRight(`${rnLabel}${recordNumber}`, MARGIN_X + CONTENT_W, base, { size: 10 });
    } else {
      const lineW = 120;
      p.textRight(rnLabel, MARGIN_X + CONTENT_W - lineW, base, { size: 10 });
      p.line(MARGIN_X + CONTENT_W - lineW, base - 2, MARGIN_X + CONTENT_W, base - 2, RULE, 0.5);
    }
    this.y = 106;
  }

  private runningHeader(): void {
    const p = this.painter;
    const { model, recordNumber } = this.input;
    this.confidentialStamp();
    const base = this.pdfY(48);
    p.text(`${model.meta.title}（${model.meta.number}）`, MARGIN_X, base, { size: 9, color: GREY });
    if (recordNumber) p.textRight(`${model.recordNumberTitle}：${recordNumber}`, MARGIN_X + CONTENT_W, base, { size: 9, color: GREY });
    p.line(MARGIN_X, this.pdfY(54), MARGIN_X + CONTENT_W, this.pdfY(54), GREY, 0.4);
    this.y = 64;
  }

  /** 絕密: a red stamp at the top right of every page. */
  private confidentialStamp(): void {
    if (this.input.model.meta.confidentiality !== '絕密') return;
    const p = this.painter;
    const w = 62;
    const h = 26;
    const x = MARGIN_X + CONTENT_W - w;
    const yTop = 10;
    p.rect(x, this.pdfY(yTop + h), w, h, { stroke: RED, lineWidth: 1.6 });
    p.textCentered('絕密', x + w / 2, this.pdfY(yTop + h) + 7, { size: 15, bold: true, color: RED });
  }

  private footers(): void {
    const total = this.pages.length;
    const meta = this.input.model.meta;
    this.surfaces.forEach((surface, i) => {
      const p = new Painter(this.fonts, surface);
      p.line(MARGIN_X, 44, MARGIN_X + CONTENT_W, 44, GREY, 0.4);
      // Left third: 保存期限 (two smaller lines if the rule is long); middle: 機密等級; right: page.
      const conf = meta.confidentiality === '絕密' ? '機密等級：絕密' : `機密等級：${meta.confidentiality || '一般'}`;
      const confSize = meta.confidentiality === '絕密' ? 10.5 : 9;
      const leftMax = A4[0] / 2 - p.width(conf, confSize) / 2 - MARGIN_X - 10;
      const retention = `保存期限：${this.input.retention}`;
      if (p.width(retention, 9) <= leftMax) {
        p.text(retention, MARGIN_X, 30, { size: 9 });
      } else {
        const lines = wrapText(retention, leftMax, (t) => this.fonts.width(t, 7.5)).slice(0, 3);
        lines.forEach((line, k) => p.text(line, MARGIN_X, 34 - k * 9.5 + (lines.length > 2 ? 4 : 0), { size: 7.5 }));
      }
      if (meta.confidentiality === '絕密') p.textCentered(conf, A4[0] / 2, 30, { size: confSize, bold: true, color: RED });
      else p.textCentered(conf, A4[0] / 2, 30, { size: confSize });
      p.textRight(`第 ${i + 1} 頁，共 ${total} 頁`, MARGIN_X + CONTENT_W, 30, { size: 9 });
    });
  }

  // ---- rows --------------------------------------------------------------------------------

  private contentHeight(c: Content): number {
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

  private rowHeight(cells: Cell[]): number {
    return Math.max(MIN_ROW, ...cells.map((c) => this.contentHeight(c.content) + 2 * PAD_Y));
  }

  /** Draws a row of cells; a row taller than a page is split by lines. */
  private row(cells: Cell[]): void {
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

  private splitCells(cells: Cell[], room: number): [Cell[], Cell[]] {
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

  private drawRow(cells: Cell[], height: number): void {
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

  private drawContent(cell: Cell, top: number, rowHeight: number): void {
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
        for (const label of items) {
          p.checkbox(cx, base - 0.8, BOX);
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

  private labelCell(x: number, w: number, title: string): Cell {
    return {
      x,
      w,
      fill: LIGHT,
      valign: 'middle',
      content: { kind: 'lines', lines: wrapText(title, w - 2 * PAD_X, (t) => this.fonts.width(t, LABEL.size)), style: LABEL, lh: LH_LABEL },
      continued: { kind: 'lines', lines: wrapText(`${title}（續）`, w - 2 * PAD_X, (t) => this.fonts.width(t, LABEL.size)), style: LABEL, lh: LH_LABEL },
    };
  }

  private valueContent(field: ScalarField, value: unknown, width: number): Content {
    const inner = width - 2 * PAD_X;
    if (!this.blank || field.preset !== undefined) {
      const text = displayValue(field, this.blank ? field.preset : value);
      return {
        kind: 'lines',
        lines: text === '' ? [] : wrapText(text, inner, (t) => this.fonts.width(t, VALUE.size)),
        style: VALUE,
        lh: LH_VALUE,
      };
    }
    switch (field.kind) {
      case 'enum':
      case 'multi':
      case 'boolean':
        return this.optionsContent(field.options.map((o) => o.label), inner, HEAD.size);
      case 'date':
        return { kind: 'ruled', count: 1, lh: LH_BLANK, hint: DATE_HINT };
      case 'datetime':
        return { kind: 'ruled', count: 1, lh: LH_BLANK, hint: `${DATE_HINT}${TIME_HINT}` };
      case 'time':
        return { kind: 'ruled', count: 1, lh: LH_BLANK, hint: TIME_HINT.trim() };
      default:
        return { kind: 'ruled', count: field.blankLines, lh: LH_BLANK };
    }
  }

  /** Check-box options flowed into lines; an option is never split from its box. */
  private optionsContent(labels: string[], inner: number, size: number): Content {
    const style: TextStyle = { size: size + 0.5 };
    const itemW = (l: string) => BOX + BOX_GAP + this.fonts.width(l, style.size);
    const lines: string[][] = [];
    let cur: string[] = [];
    let w = 0;
    for (const label of labels) {
      const iw = itemW(label);
      if (cur.length > 0 && w + OPTION_GAP + iw > inner) {
        lines.push(cur);
        cur = [];
        w = 0;
      }
      if (iw > inner) {
        // A very long option label: wrap its text, box on the first line.
        const parts = wrapAtoms([{ text: label, space: '' }], inner - BOX - BOX_GAP, (t) => this.fonts.width(t, style.size));
        lines.push([parts[0]]);
        for (const rest of parts.slice(1)) lines.push([rest]);
        continue;
      }
      w += (cur.length > 0 ? OPTION_GAP : 0) + iw;
      cur.push(label);
    }
    if (cur.length > 0) lines.push(cur);
    return { kind: 'options', lines, style, lh: LH_VALUE + 2 };
  }

  private fields(nodes: FieldNode[], data: unknown): void {
    const rn = this.input.model.meta.recordNumberField;
    let pending: ScalarField | null = null;
    const flush = () => {
      if (pending) this.fullRow(pending, data);
      pending = null;
    };
    for (const node of nodes) {
      if (node.type === 'scalar') {
        if (node.key === rn && node.path.length === 1) continue; // shown in the header
        if (node.wide) {
          flush();
          this.fullRow(node, data);
        } else if (pending) {
          this.pairRow(pending, node, data);
          pending = null;
        } else {
          pending = node;
        }
      } else {
        flush();
        if (node.type === 'group') {
          this.sectionRow(node.title, 2);
          this.fields(node.children, data);
        } else {
          this.table(node, data);
        }
      }
    }
    flush();
  }

  private fullRow(field: ScalarField, data: unknown): void {
    const valueW = CONTENT_W - LABEL_W;
    this.row([
      this.labelCell(MARGIN_X, LABEL_W, field.title),
      {
        x: MARGIN_X + LABEL_W,
        w: valueW,
        valign: field.kind === 'longtext' ? 'top' : 'middle',
        content: this.valueContent(field, valueAt(data, field.path), valueW),
      },
    ]);
  }

  private pairRow(a: ScalarField, b: ScalarField, data: unknown): void {
    const valueW = (CONTENT_W - 2 * LABEL_W) / 2;
    const x2 = MARGIN_X + LABEL_W + valueW;
    this.row([
      this.labelCell(MARGIN_X, LABEL_W, a.title),
      { x: MARGIN_X + LABEL_W, w: valueW, valign: 'middle', content: this.valueContent(a, valueAt(data, a.path), valueW) },
      this.labelCell(x2, LABEL_W, b.title),
      { x: x2 + LABEL_W, w: valueW, valign: 'middle', content: this.valueContent(b, valueAt(data, b.path), valueW) },
    ]);
  }

  /** A shaded full-width title row, kept with at least `keep` following rows' worth of space. */
  private sectionRow(title: string, keep: number): void {
    this.ensure(MIN_ROW * (1 + keep));
    this.row([
      {
        x: MARGIN_X,
        w: CONTENT_W,
        fill: [0.86, 0.86, 0.86],
        valign: 'middle',
        content: { kind: 'lines', lines: [title], style: SECTION, lh: LH_VALUE },
      },
    ]);
  }

  private tableColumns(t: TableField): { title: string; w: number; field: ScalarField | null }[] {
    const indexW = 28;
    const avail = CONTENT_W - indexW;
    const fixed = (f: ScalarField): number | null => {
      const titleW = Math.min(this.fonts.width(f.title, HEAD.size), 4 * HEAD.size) + 2 * PAD_X;
      const optW = f.options.reduce((m, o) => Math.max(m, this.fonts.width(o.label, VALUE.size)), 0) + 2 * PAD_X;
      const blankOptW =
        f.options.reduce((s, o) => s + BOX + BOX_GAP + this.fonts.width(o.label, HEAD.size + 0.5), 0) +
        OPTION_GAP * Math.max(0, f.options.length - 1) +
        2 * PAD_X +
        1;
      switch (f.kind) {
        case 'date':
          return Math.max(titleW, 68);
        case 'datetime':
          return Math.max(titleW, 96);
        case 'time':
          return Math.max(titleW, 44);
        case 'number':
          return Math.max(titleW, 48);
        case 'boolean':
          return Math.max(titleW, this.blank ? blankOptW : 34);
        case 'enum':
          return Math.min(Math.max(titleW, optW, this.blank && f.options.length <= 3 ? blankOptW : 0, 48), 130);
        default:
          return null;
      }
    };
    const widths = t.columns.map(fixed);
    const fixedSum = widths.reduce<number>((s, w) => s + (w ?? 0), 0);
    const weights: number[] = t.columns.map((c, i) => (widths[i] !== null ? 0 : c.kind === 'longtext' || c.kind === 'multi' ? 2 : 1));
    const weightSum = weights.reduce((s, w) => s + w, 0);
    let flex = avail - fixedSum;
    let scale = 1;
    if (weightSum > 0 && flex < weightSum * 60) {
      // Shrink the fixed columns so every free-text column keeps at least 60pt.
      scale = Math.max(0.5, (avail - weightSum * 60) / fixedSum);
      flex = avail - fixedSum * scale;
    } else if (weightSum === 0) {
      scale = avail / fixedSum;
      flex = 0;
    }
    const cols = t.columns.map((c, i) => ({
      title: c.title,
      field: c,
      w: widths[i] !== null ? widths[i]! * scale : (flex * weights[i]) / weightSum,
    }));
    return [{ title: '序號', w: indexW, field: null }, ...cols];
  }

  private table(t: TableField, data: unknown): void {
    const cols = this.tableColumns(t);
    const xs: number[] = [];
    let x = MARGIN_X;
    for (const c of cols) {
      xs.push(x);
      x += c.w;
    }
    const headerRow = (): Cell[] =>
      cols.map((c, i) => ({
        x: xs[i],
        w: c.w,
        fill: LIGHT,
        valign: 'middle' as const,
        content: {
          kind: 'lines' as const,
          lines: wrapText(c.title, c.w - 2 * PAD_X, (s) => this.fonts.width(s, HEAD.size)),
          style: HEAD,
          lh: LH_LABEL,
          align: 'center' as const,
        },
      }));
    const rows = valueAt(data, t.path);
    const items = this.blank ? [] : Array.isArray(rows) ? rows : [];
    const firstRowH = MIN_ROW * 2;
    this.ensure(MIN_ROW + this.rowHeight(headerRow()) + firstRowH);
    this.sectionRow(t.title, 2);
    const titleOnContinuation = () => {
      this.row([
        {
          x: MARGIN_X,
          w: CONTENT_W,
          fill: [0.86, 0.86, 0.86],
          valign: 'middle',
          content: { kind: 'lines', lines: [`${t.title}（續）`], style: SECTION, lh: LH_VALUE },
        },
      ]);
      this.row(headerRow());
    };
    this.row(headerRow());
    this.pageStartHooks.push(titleOnContinuation);
    const count = this.blank ? t.blankRows : items.length;
    if (!this.blank && count === 0) {
      this.row([
        {
          x: MARGIN_X,
          w: CONTENT_W,
          valign: 'middle',
          content: { kind: 'lines', lines: ['（無）'], style: { size: 9, color: GREY }, lh: LH_VALUE, align: 'center' },
        },
      ]);
    }
    for (let r = 0; r < count; r++) {
      const item = items[r];
      const cells: Cell[] = cols.map((c, i) => {
        if (!c.field) {
          return {
            x: xs[i],
            w: c.w,
            valign: 'middle',
            content: { kind: 'lines', lines: [String(r + 1)], style: VALUE, lh: LH_VALUE, align: 'center' },
          };
        }
        const inner = c.w - 2 * PAD_X;
        const content: Content = this.blank
          ? c.field.kind === 'boolean' || (c.field.kind === 'enum' && c.field.options.length <= 3)
            ? this.optionsContent(c.field.options.map((o) => o.label), inner, HEAD.size)
            : { kind: 'empty', height: LH_BLANK - 2 * PAD_Y + 4 }
          : {
              kind: 'lines',
              lines: (() => {
                const text = displayValue(c.field, valueAt(item, c.field.path));
                return text === '' ? [] : wrapText(text, inner, (s) => this.fonts.width(s, VALUE.size));
              })(),
              style: VALUE,
              lh: LH_VALUE,
            };
        return { x: xs[i], w: c.w, valign: 'middle', content };
      });
      this.row(cells);
    }
    this.pageStartHooks.pop();
  }

  // ---- signatures ----------------------------------------------------------------------------

  private signatures(): void {
    const sigs = this.input.model.meta.signatures;
    if (sigs.length === 0) return;
    const n = sigs.length;
    const cols = n === 1 ? 2 : n <= 3 ? n : n === 4 ? 2 : 3;
    const gap = 10;
    const w = (CONTENT_W - (cols - 1) * gap) / cols;
    const bodyH = 66;
    const headLines = (label: string, requirement: string) => {
      const reqW = requirement ? this.fonts.width(requirement, 7.5) + 6 : 0;
      return wrapText(label, w - 2 * PAD_X - reqW, (t) => this.fonts.width(t, 9));
    };
    const headHeight = (row: typeof sigs) =>
      Math.max(18, ...row.map((s) => headLines(s.label, this.input.requirement[s.role] ?? '').length * 11 + 7));
    this.y += 10;
    this.ensure(MIN_ROW + headHeight(sigs.slice(0, cols)) + bodyH + 6);
    this.sectionRow('簽署', 0);
    this.y += 6;
    for (let start = 0; start < n; start += cols) {
      const row = sigs.slice(start, start + cols);
      const headH = headHeight(row);
      this.ensure(headH + bodyH + 8);
      const top = this.y;
      row.forEach((sig, i) => {
        const x = MARGIN_X + i * (w + gap);
        const requirement = this.input.requirement[sig.role] ?? '';
        this.signatureBox(sig.role, sig.label, headLines(sig.label, requirement), requirement, x, top, w, headH, bodyH);
      });
      this.y = top + headH + bodyH + 8;
    }
  }

  private signatureBox(
    role: string,
    label: string,
    labelLines: string[],
    requirement: string,
    x: number,
    top: number,
    w: number,
    headH: number,
    bodyH: number,
  ): void {
    const p = this.painter;
    const headBottom = this.pdfY(top + headH);
    const bodyBottom = this.pdfY(top + headH + bodyH);
    p.rect(x, headBottom, w, headH, { fill: LIGHT });
    labelLines.forEach((line, i) => p.text(line, x + PAD_X, this.pdfY(top + 4 + 9 * 0.92 + i * 11), { size: 9, bold: true }));
    if (requirement) p.textRight(requirement, x + w - PAD_X, this.pdfY(top + 4 + 9 * 0.92), { size: 7.5, color: GREY });
    p.rect(x, bodyBottom, w, headH + bodyH, { stroke: RULE, lineWidth: 0.7 });
    p.line(x, headBottom, x + w, headBottom, RULE, 0.5);
    const drawn = this.input.drawn?.[role];
    const labelW = p.width('日期：', 8);
    if (drawn) {
      if (drawn.image) {
        const imgH = bodyH - 28;
        const scale = Math.min((w - 2 * PAD_X) / drawn.image.width, imgH / drawn.image.height);
        const iw = drawn.image.width * scale;
        const ih = drawn.image.height * scale;
        p.image(drawn.image, x + (w - iw) / 2, bodyBottom + 26 + (imgH - ih) / 2, iw, ih);
      }
      p.text('姓名：', x + PAD_X, bodyBottom + 16, { size: 8, color: GREY });
      p.text(drawn.name, x + PAD_X + labelW, bodyBottom + 16, { size: 9 });
      p.text('日期：', x + PAD_X, bodyBottom + 5, { size: 8, color: GREY });
      p.text(drawn.date, x + PAD_X + labelW, bodyBottom + 5, { size: 9 });
    } else {
      p.text('簽名', x + PAD_X, headBottom - 11, { size: 7.5, color: GREY });
      p.text('姓名：', x + PAD_X, bodyBottom + 17, { size: 8, color: GREY });
      p.line(x + PAD_X + labelW, bodyBottom + 16, x + w - PAD_X, bodyBottom + 16, LIGHT_RULE, 0.5);
      p.text('日期：', x + PAD_X, bodyBottom + 5, { size: 8, color: GREY });
      p.line(x + PAD_X + labelW, bodyBottom + 4, x + w - PAD_X, bodyBottom + 4, LIGHT_RULE, 0.5);
    }
    this.boxes.push({ role, label, pageIndex: this.pages.length - 1, rect: [x, bodyBottom, w, bodyH] });
  }
}

const LIGHT_RULE: Rgb = [0.6, 0.6, 0.6];
const DATE_HINT = '　　　年　　月　　日';
const TIME_HINT = '　　時　　分';
