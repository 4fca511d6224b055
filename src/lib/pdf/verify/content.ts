/**
 * Does the page show what the embedded record says? The record is laid out again from its
 * embedded JSON with the form's schema (the same renderer the export used) and the text each page
 * of that layout shows is compared, line by line and position by position, with the text the
 * file's pages show. Comparing the drawn text itself, not a digest stored beside the JSON, is
 * what makes this sound for an unsigned file: whoever swaps the JSON could recompute a stored
 * digest, but cannot make the page show the new values without redrawing it. Browser-safe.
 */
import { PDFDocument } from '@cantoo/pdf-lib';
import type { RecordEnvelope } from '../../record/envelope.ts';
import { buildRecordDocument } from '../document/export.ts';
import { PdfError } from '../errors.ts';
import type { FormDefinition } from '../document/form-model.ts';
import type { PdfFontSources } from '../layout/fonts.ts';
import { pageTexts, type DrawnText } from './page-text.ts';

export const CONTENT_MISMATCH = '內嵌資料與頁面內容不符';

const MAX_LINES = 8;

const key = (t: DrawnText) => `${t.x},${t.y},${t.invisible ? 'i' : 'v'}`;
const quote = (t: DrawnText) => `「${t.text}」${t.invisible ? '（隱藏文字）' : ''}`;

/** Lines of one page present in `a` and not in `b` (as a multiset). */
function minus(a: DrawnText[], b: DrawnText[]): DrawnText[] {
  const left = new Map<string, number>();
  for (const t of b) left.set(`${key(t)}|${t.text}`, (left.get(`${key(t)}|${t.text}`) ?? 0) + 1);
  return a.filter((t) => {
    const k = `${key(t)}|${t.text}`;
    const n = left.get(k) ?? 0;
    if (n > 0) {
      left.set(k, n - 1);
      return false;
    }
    return true;
  });
}

/** zh-TW differences between what the pages show and what the JSON lays out as (empty: they agree). */
export function compareDrawnTexts(shown: DrawnText[][], expected: DrawnText[][]): string[] {
  const out: string[] = [];
  if (shown.length !== expected.length) out.push(`頁面共 ${shown.length} 頁，依內嵌資料排版應為 ${expected.length} 頁`);
  for (let p = 0; p < Math.max(shown.length, expected.length); p++) {
    const extra = minus(shown[p] ?? [], expected[p] ?? []);
    const missing = minus(expected[p] ?? [], shown[p] ?? []);
    const page = shown.length > 1 || expected.length > 1 ? `第 ${p + 1} 頁：` : '';
    for (const e of extra) {
      const at = missing.findIndex((m) => key(m) === key(e));
      if (at >= 0) {
        out.push(`${page}頁面顯示${quote(e)}，內嵌資料為${quote(missing[at])}`);
        missing.splice(at, 1);
      } else out.push(`${page}頁面有${quote(e)}，內嵌資料沒有`);
    }
    for (const m of missing) out.push(`${page}內嵌資料有${quote(m)}，頁面沒有`);
  }
  if (out.length > MAX_LINES) return [...out.slice(0, MAX_LINES), `……另有 ${out.length - MAX_LINES} 處不符`];
  return out;
}

/**
 * Lays the embedded record out again and compares its page text with the file's. Returns the
 * zh-TW differences (empty when the page shows exactly what the JSON says).
 */
export async function recordPageMismatches(
  doc: PDFDocument,
  record: RecordEnvelope,
  form: FormDefinition,
  fonts: PdfFontSources,
): Promise<{ differences: string[] } | { unchecked: string }> {
  let built: PDFDocument;
  try {
    built = (await buildRecordDocument({ form, record, fonts, now: new Date(0) }, { unsignedMark: false, readBack: true })).doc;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // A font that could not be fetched (offline) leaves the question open; data the renderer
    // refuses (a broken image, a character no face has) cannot be what the page shows.
    if (e instanceof PdfError && ['MISSING_GLYPH', 'IMAGE_INVALID', 'SCHEMA_INVALID'].includes(e.code)) {
      return { differences: [`內嵌資料無法排版成頁面（${message}）`] };
    }
    return { unchecked: message };
  }
  const bytes = await built.save({ useObjectStreams: false, updateFieldAppearances: false });
  const expected = pageTexts(await PDFDocument.load(bytes, { updateMetadata: false }));
  return { differences: compareDrawnTexts(pageTexts(doc), expected) };
}
