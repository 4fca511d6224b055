/**
 * The form's fields as rows: values (text, choices as ticked boxes, blanks ruled for handwriting),
 * full-width and paired rows, section titles.
 */
import { type FieldNode, type ScalarField, type TableField, displayValue, valueAt } from '../document/form-model.ts';
import type { TextStyle } from './painter.ts';
import { wrapAtoms, wrapText } from './text.ts';
import { MARGIN_X, CONTENT_W, LABEL_W, PAD_X, MIN_ROW, VALUE, HEAD, SECTION, LH_VALUE, LH_BLANK, type Content, BOX, BOX_GAP, OPTION_GAP, DATE_HINT, TIME_HINT } from './geometry.ts';
import { RowLayout } from './rows.ts';

export abstract class FieldLayout extends RowLayout {
  protected abstract table(t: TableField, data: unknown): void;

  protected valueContent(field: ScalarField, value: unknown, width: number): Content {
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
  protected optionsContent(labels: string[], inner: number, size: number): Content {
    const style: TextStyle = { size: size + 0.5 };
    const itemW = (l: string) => BOX + BOX_GAP + this.fonts.width(l, style.size);
    const lines: { label: string; box: boolean }[][] = [];
    let cur: { label: string; box: boolean }[] = [];
    let w = 0;
    for (const label of labels) {
      const iw = itemW(label);
      if (cur.length > 0 && w + OPTION_GAP + iw > inner) {
        lines.push(cur);
        cur = [];
        w = 0;
      }
      if (iw > inner) {
        // A very long option label: wrap its text, the box on the first line only; the
        // continuation lines are indented under the text, so a pen user sees one option.
        const parts = wrapAtoms([{ text: label, space: '' }], inner - BOX - BOX_GAP, (t) => this.fonts.width(t, style.size));
        lines.push([{ label: parts[0], box: true }]);
        for (const rest of parts.slice(1)) lines.push([{ label: rest, box: false }]);
        continue;
      }
      w += (cur.length > 0 ? OPTION_GAP : 0) + iw;
      cur.push({ label, box: true });
    }
    if (cur.length > 0) lines.push(cur);
    return { kind: 'options', lines, style, lh: LH_VALUE + 2 };
  }

  protected fields(nodes: FieldNode[], data: unknown): void {
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

  protected fullRow(field: ScalarField, data: unknown): void {
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

  protected pairRow(a: ScalarField, b: ScalarField, data: unknown): void {
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
  protected sectionRow(title: string, keep: number): void {
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
}
