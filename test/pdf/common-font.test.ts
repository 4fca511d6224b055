/**
 * The common-character TC face the browser fetches first (public/fonts/NotoSansTC-Common.ttf, cut
 * by scripts/prepare-fonts.mjs at build time): every form's example exports from it alone and
 * reads (pdftotext) and renders (pdftoppm) as with the whole face; a character outside the cut
 * makes the library fetch the whole face, and the character is drawn, not boxed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRecordPdf } from '../../src/lib/pdf/document/export.ts';
import type { PdfFontSources } from '../../src/lib/pdf/layout/fonts.ts';
import { nodeFonts } from '../../src/lib/pdf/node.ts';
import { ROOT, envelopeOf, testForms, type TestForm } from './helpers/records.ts';
import { compareImages, removeTempDirs, renderPage, requireTools, run, workDir } from './helpers/tools.ts';

const COMMON_FACE = join(ROOT, 'public', 'fonts', 'NotoSansTC-Common.ttf');
const NOW = new Date('2026-03-10T02:00:00Z');
/** U+210C1, a Hong Kong character in Noto Sans TC but outside the common cut (and outside the BMP). */
const RARE = '𡃁';

let commonBytes: Uint8Array;
beforeAll(() => {
  requireTools();
  if (!existsSync(COMMON_FACE)) throw new Error(`${COMMON_FACE} is missing: run \`npm run build\` first (npm test does).`);
  commonBytes = new Uint8Array(readFileSync(COMMON_FACE));
});

/** Fonts as the browser passes them, counting how often the whole TC face is asked for. */
function browserLikeFonts(): { fonts: PdfFontSources; wholeFaceLoads: () => number } {
  let loads = 0;
  const { tc: whole, sc } = nodeFonts();
  return {
    fonts: {
      tcCommon: commonBytes,
      // A fresh loader each time (the library caches faces per source), over the bytes already read.
      tc: async () => {
        loads++;
        return typeof whole === 'function' ? whole() : whole;
      },
      sc,
    },
    wholeFaceLoads: () => loads,
  };
}

const text = (pdf: string) => {
  const r = run('pdftotext', ['-layout', pdf, '-']);
  expect(r.status).toBe(0);
  return r.stdout;
};

describe.each(testForms().map((t) => [t.id, t] as [string, TestForm]))('%s', (id, t) => {
  it('exports from the common face alone, reading and rendering as with the whole face', async () => {
    const dir = workDir();
    const envelope = envelopeOf(t);
    const { fonts, wholeFaceLoads } = browserLikeFonts();
    const commonPdf = join(dir, `${id}-common.pdf`);
    const wholePdf = join(dir, `${id}-whole.pdf`);
    writeFileSync(commonPdf, await exportRecordPdf({ form: t.form, record: envelope, fonts, now: NOW }));
    writeFileSync(wholePdf, await exportRecordPdf({ form: t.form, record: envelope, fonts: nodeFonts(), now: NOW }));
    expect(wholeFaceLoads()).toBe(0);
    expect(text(commonPdf)).toBe(text(wholePdf));
    expect(run('pdffonts', [commonPdf]).stdout).toMatch(/[A-Z]{6}\+NotoSansTC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    const diff = compareImages(renderPage(commonPdf, 1, 50).image, renderPage(wholePdf, 1, 50).image);
    expect(diff.sameSize).toBe(true);
    expect(diff.ink).toBeGreaterThan(0.01);
    expect(diff.mean).toBeLessThan(0.05);
  });
});

it(`a character outside the common cut (${RARE}) loads the whole TC face and is drawn`, async () => {
  const t = testForms().find((f) => f.id === 'qr-gr-036')!;
  const data = { ...t.example, complainant: `周${RARE}強` };
  const { fonts, wholeFaceLoads } = browserLikeFonts();
  const pdf = join(workDir(), 'rare.pdf');
  writeFileSync(pdf, await exportRecordPdf({ form: t.form, record: envelopeOf(t, data), fonts, now: NOW }));
  expect(wholeFaceLoads()).toBe(1);
  expect(text(pdf)).toContain(`周${RARE}強`);
  // One TC face embedded (the whole one), not the cut plus the whole.
  expect(run('pdffonts', [pdf]).stdout.match(/NotoSansTC-Regular/g)).toHaveLength(1);
});

afterAll(() => removeTempDirs());
