/**
 * Repeating rows as a table: column widths from the field titles and values, the header row
 * repeated on every page the table runs onto.
 */
import { type ScalarField, type TableField, displayValue, valueAt } from '../document/form-model.ts';
import { GREY, LIGHT } from './painter.ts';
import { wrapText } from './text.ts';
import { MARGIN_X, CONTENT_W, PAD_X, PAD_Y, MIN_ROW, VALUE, HEAD, SECTION, LH_LABEL, LH_VALUE, LH_BLANK, type Content, type Cell, BOX, BOX_GAP, OPTION_GAP } from './geometry.ts';
import { FieldLayout } from './fields.ts';

export abstract class TableLayout extends FieldLayout {
  protected tableColumns(t: TableField): { title: string; w: number; field: ScalarField | null }[] {
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

  protected table(t: TableField, data: unknown): void {
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
}
