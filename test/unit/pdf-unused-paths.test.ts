/**
 * The browser build replaces dependencies of the PDF libraries with stubs (astro.config.mjs,
 * src/components/pdf/unused/): brotli (fontkit's WOFF2 reader), culori (pdf-lib's CSS colour
 * strings, for SVG), node-html-better-parser (pdf-lib's SVG and XFA) and pdf-lib's metrics of the 14
 * standard fonts (src/components/pdf/unused/standard-font-metrics.json: Helvetica for drawText
 * without a font, form fields' default appearances) fail when used; html-entities is cut to the
 * one call pdf-lib makes. That is safe while nothing in src/ calls the APIs that reach them, fonts.ts keeps refusing WOFF fonts before fontkit reads them, and the cut encode
 * gives the package's output.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PdfError } from '../../src/lib/pdf/errors.ts';
import { DocFonts } from '../../src/lib/pdf/layout/fonts.ts';
import { PDFDocument } from '@cantoo/pdf-lib';
import { encode } from 'html-entities';
import { encode as cutEncode } from '../../src/components/pdf/unused/html-entities.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|astro|mjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

it('nothing in src/ draws SVG, parses CSS colours, reads XFA or uses a standard font with pdf-lib', () => {
  const uses = sources(join(ROOT, 'src'))
    .filter((f) => !f.includes(join('components', 'pdf', 'unused')))
    .flatMap((f) => {
      const m = readFileSync(f, 'utf8').match(/\.(drawSvg|embedSvg|getXFASignatures|getXFAJavaScripts|setXFAJavaScript|drawHtml|drawText|setFont|embedStandardFont|getForm)\(|\bcolorString\(|\bStandardFonts\b/g);
      return m ? [`${f}: ${m.join(', ')}`] : [];
    });
  expect(uses).toEqual([]);
});

it('a WOFF2 font is refused before fontkit opens it', async () => {
  const woff2 = new Uint8Array([0x77, 0x4f, 0x46, 0x32, 0, 1, 0, 0]);
  const doc = await PDFDocument.create();
  const err = await DocFonts.create(doc, { tc: woff2 }, [{ label: 'x', text: '字' }]).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(PdfError);
  expect((err as PdfError).message).toContain('WOFF 格式');
});

it("the cut html-entities encodes as the package does with pdf-lib's (default) options", () => {
  const texts = ['', '投訴處理記錄（TP/QP-09）', `<a href="x">Tom & Jerry's</a>`, '&amp; &#39; &lt;', '😀 𡃁 \u0000\u007f\u00a0é', `>>>'''"""`];
  for (const t of texts) expect(cutEncode(t), t).toBe(encode(t));
  expect(cutEncode(undefined)).toBe(encode(undefined as unknown as string));
});
