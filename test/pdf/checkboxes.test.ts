/**
 * Blank forms: a check box stands only before the first line of an option. A long option label
 * wraps onto further lines; those lines carry no box (a pen user would take each box for an
 * option), and they are indented under the option's text. Boxes are read from the page's content
 * stream (8 × 8 `re`), text lines with their positions from the page text.
 */
import { PDFArray, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { blankFormPdf } from '../../src/lib/pdf/document/export.ts';
import { formModel, type FieldNode } from '../../src/lib/pdf/document/form-model.ts';
import { BOX, BOX_GAP } from '../../src/lib/pdf/layout/geometry.ts';
import { nodeFonts } from '../../src/lib/pdf/node.ts';
import { pageTexts, type DrawnText } from '../../src/lib/pdf/verify/page-text.ts';
import { testForms } from './helpers/records.ts';
import { requireTools } from './helpers/tools.ts';

beforeAll(() => requireTools());

function optionLabels(nodes: FieldNode[]): string[] {
  return nodes.flatMap((n) => (n.type === 'scalar' ? n.options.map((o) => o.label) : n.type === 'group' ? optionLabels(n.children) : optionLabels(n.columns)));
}

async function boxesAndTexts(pdf: Uint8Array): Promise<{ boxes: { x: number; y: number }[]; texts: DrawnText[] }[]> {
  const doc = await PDFDocument.load(pdf);
  const texts = pageTexts(doc);
  return doc.getPages().map((page, i) => {
    const contents = doc.context.lookup(page.node.get(PDFName.of('Contents')));
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    let ops = '';
    for (const s of streams) if (s instanceof PDFRawStream) ops += new TextDecoder('latin1').decode(decodePDFRawStream(s).decode()) + '\n';
    const boxes = [...ops.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re/g)]
      .filter((m) => Number(m[3]) === BOX && Number(m[4]) === BOX)
      .map((m) => ({ x: Number(m[1]), y: Number(m[2]) }));
    return { boxes, texts: texts[i] };
  });
}

const near = (a: number, b: number) => Math.abs(a - b) < 0.2;

describe.each(testForms().map((t) => [t.id, t] as const))('%s blank form', (_id, t) => {
  it('has a box before the first line of each option only', async () => {
    const labels = optionLabels(formModel(t.form).fields);
    const pdf = await blankFormPdf({ form: t.form, fonts: nodeFonts() });
    let continuations = 0;
    for (const { boxes, texts } of await boxesAndTexts(pdf)) {
      // The text each box stands before: the line starting just after it, on its baseline.
      for (const b of boxes) {
        const line = texts.find((l) => near(l.x, b.x + BOX + BOX_GAP) && near(l.y, b.y + 0.8));
        expect(line, `box at ${b.x},${b.y} has no option text after it`).toBeDefined();
        expect(labels.some((label) => label.startsWith(line!.text)), `box before 「${line!.text}」, which starts no option`).toBe(true);
      }
      // A wrapped option: its later lines follow its first line, under its text, with no box.
      texts.forEach((line, i) => {
        const before = texts[i - 1];
        if (!before || labels.includes(before.text) || !labels.some((l) => l.startsWith(before.text) && l.includes(before.text + line.text))) return;
        continuations++;
        expect(near(line.x, before.x), `「${line.text}」 is not under 「${before.text}」`).toBe(true);
        expect(boxes.some((b) => near(b.y + 0.8, line.y) && near(b.x + BOX + BOX_GAP, line.x)), `a box stands before 「${line.text}」, the rest of 「${before.text}…」`).toBe(false);
      });
    }
    if (t.id === 'violation-notice' || t.id === 'violation-record') expect(continuations, 'the long options of 4.2.1 a) / 4.2.2 b) wrap').toBeGreaterThan(0);
  }, 60_000);
});
