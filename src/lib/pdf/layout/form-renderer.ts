/**
 * The official table: lays a form out on A4 pages from its model, filled (a record) or blank
 * (boxes sized for handwriting). Header with title, number and 「依 … 第 … 版填寫」, fields as
 * label/value cells, repeating rows as a table whose header row repeats on every page,
 * signature boxes, and a footer with 保存期限, the confidentiality mark and 「第 X 頁，共 Y 頁」.
 */
import type { RenderInput, RenderResult } from './geometry.ts';
import { SignatureLayout } from './signature-boxes.ts';

export { A4, type DrawnSignature, type RenderInput, type RenderResult, type SignatureBox } from './geometry.ts';

export function renderForm(input: RenderInput): RenderResult {
  return new FormRenderer(input).render();
}

/** Page frame, then fields and tables, then signature boxes, then footers once the page count is known. */
class FormRenderer extends SignatureLayout {
  render(): RenderResult {
    this.newPage();
    this.fields(this.input.model.fields, this.input.data);
    this.signatures();
    this.footers();
    for (const s of this.surfaces) s.flush();
    return { pages: this.pages, signatureBoxes: this.boxes };
  }
}
