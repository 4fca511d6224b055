/**
 * The signature boxes: one per x-form role, with its requirement, the drawn signature or blank
 * lines, and the writing area recorded for the digital signature's widget.
 */
import { GREY, LIGHT, RULE } from './painter.ts';
import { wrapText } from './text.ts';
import { MARGIN_X, CONTENT_W, PAD_X, MIN_ROW, LIGHT_RULE } from './geometry.ts';
import { TableLayout } from './table.ts';

export abstract class SignatureLayout extends TableLayout {
  // ---- signatures ----------------------------------------------------------------------------

  protected signatures(): void {
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

  protected signatureBox(
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
