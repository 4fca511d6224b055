/**
 * The pages of a record: A4 pages added as the cursor runs out of room, the first page's header
 * (title, number, 「依 … 第 … 版填寫」, record number), the running header, the 絕密 stamp and the
 * footers (保存期限, 機密等級, 「第 X 頁，共 Y 頁」).
 */
import type { PDFPage } from '@cantoo/pdf-lib';
import type { DocFonts } from './fonts.ts';
import { GREY, PageSurface, Painter, RED, RULE } from './painter.ts';
import { wrapText } from './text.ts';
import { A4, MARGIN_X, CONTENT_W, BODY_BOTTOM, type RenderInput, type SignatureBox } from './geometry.ts';

export abstract class PageFrame {
  protected readonly pages: PDFPage[] = [];
  protected readonly surfaces: PageSurface[] = [];
  protected painter!: Painter;
  /** Distance from the top of the page to the cursor. */
  protected y = 0;
  protected readonly pageStartHooks: (() => void)[] = [];
  protected readonly boxes: SignatureBox[] = [];
  protected readonly blank: boolean;

  protected readonly input: RenderInput;

  constructor(input: RenderInput) {
    this.input = input;
    this.blank = input.mode === 'blank';
  }

  // ---- pages -------------------------------------------------------------------------------

  protected get fonts(): DocFonts {
    return this.input.fonts;
  }

  protected pdfY(top: number): number {
    return A4[1] - top;
  }

  protected newPage(): void {
    const page = this.input.doc.addPage(A4);
    const surface = new PageSurface(page);
    this.pages.push(page);
    this.surfaces.push(surface);
    this.painter = new Painter(this.fonts, surface);
    if (this.pages.length === 1) this.firstHeader();
    else this.runningHeader();
    for (const hook of this.pageStartHooks) hook();
  }

  protected get room(): number {
    return this.pdfY(this.y) - BODY_BOTTOM;
  }

  protected get bodyHeight(): number {
    // The body of a continuation page.
    return A4[1] - 64 - BODY_BOTTOM;
  }

  protected ensure(height: number): void {
    if (height > this.room) this.newPage();
  }

  protected firstHeader(): void {
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

  protected runningHeader(): void {
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
  protected confidentialStamp(): void {
    if (this.input.model.meta.confidentiality !== '絕密') return;
    const p = this.painter;
    const w = 62;
    const h = 26;
    const x = MARGIN_X + CONTENT_W - w;
    const yTop = 10;
    p.rect(x, this.pdfY(yTop + h), w, h, { stroke: RED, lineWidth: 1.6 });
    p.textCentered('絕密', x + w / 2, this.pdfY(yTop + h) + 7, { size: 15, bold: true, color: RED });
  }

  protected footers(): void {
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
}
