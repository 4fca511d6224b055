/**
 * Record -> PDF for every form: fonts embedded and subset (pdffonts), every value back exactly
 * (pdftotext), structure (qpdf --check), the record envelope back (pdfdetach), and page 1
 * rendered with system fonts hidden against a reference image. Blank forms likewise.
 *
 * Reference images live in test/fixtures/pdf/reference/; they are written only when
 * UPDATE_REFERENCE=1 (then review and commit them).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankFormPdf, exportRecordPdf } from '../../src/lib/pdf/document/export.ts';
import { nodeFonts } from '../../src/lib/pdf/node.ts';
import { UNSIGNED_MARK_TEXT } from '../../src/lib/pdf/index.ts';
import { pdfaProblems } from './helpers/pdfa.ts';
import { FIXTURES, effectiveRevision, envelopeOf, expectedTexts, testForms, type TestForm } from './helpers/records.ts';
import { compareImages, decodePng, encodePng, removeTempDirs, renderPage, requireTools, run, workDir, wrappedPattern } from './helpers/tools.ts';

const REFERENCE_DIR = join(FIXTURES, 'reference');
const UPDATE = process.env.UPDATE_REFERENCE === '1';
const NOW = new Date('2026-03-10T02:00:00Z');

beforeAll(() => requireTools());

function fontsOf(pdf: string): { name: string; type: string; emb: string; sub: string; uni: string }[] {
  const r = run('pdffonts', [pdf]);
  expect(r.status).toBe(0);
  return r.stdout
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type(1-2 words) encoding emb sub uni id gen
      const [emb, sub, uni] = cols.slice(-5, -2);
      return { name: cols[0], type: cols.slice(1, -6).join(' '), emb, sub, uni };
    });
}

function checkFonts(pdf: string): void {
  const fonts = fontsOf(pdf);
  expect(fonts.length).toBeGreaterThan(0);
  for (const f of fonts) {
    expect(f, `font ${f.name}`).toMatchObject({ emb: 'yes', sub: 'yes', uni: 'yes' });
    expect(f.name).toMatch(/^[A-Z]{6}\+NotoSans(TC|SC)-Regular$/);
  }
}

function checkReference(pdfPath: string, name: string): void {
  const { image, stderr } = renderPage(pdfPath, 1, 50);
  expect(stderr, 'poppler complained while rendering').not.toMatch(/error/i);
  const refPath = join(REFERENCE_DIR, `${name}.png`);
  if (UPDATE) {
    mkdirSync(REFERENCE_DIR, { recursive: true });
    writeFileSync(refPath, encodePng(image));
  }
  expect(existsSync(refPath), `missing reference image ${refPath}: run once with UPDATE_REFERENCE=1, review, commit`).toBe(true);
  const diff = compareImages(image, decodePng(readFileSync(refPath)));
  expect(diff.sameSize).toBe(true);
  expect(diff.ink, 'page renders nearly blank: glyphs missing?').toBeGreaterThan(0.01);
  expect(diff.mean, `mean pixel difference against ${name}.png`).toBeLessThan(1.5);
  expect(diff.changed, `share of changed pixels against ${name}.png`).toBeLessThan(0.004);
}

describe.each(testForms().map((t) => [t.id, t] as [string, TestForm]))('%s', (id, t) => {
  const dir = workDir();
  const recordPdf = join(dir, `${id}.pdf`);
  const blankPdf = join(dir, `${id}-blank.pdf`);
  const envelope = envelopeOf(t);

  beforeAll(async () => {
    writeFileSync(recordPdf, await exportRecordPdf({ form: t.form, record: envelope, fonts: nodeFonts(), now: NOW }));
    const x = t.form.schema['x-form']!;
    writeFileSync(blankPdf, await blankFormPdf({ form: t.form, fonts: nodeFonts(), now: NOW, procedureRevision: effectiveRevision(x.procedureNumber) }));
  });

  it('embeds every font as a subset with a ToUnicode map', () => {
    checkFonts(recordPdf);
    checkFonts(blankPdf);
  });

  it('gives back every value exactly (pdftotext)', () => {
    const r = run('pdftotext', ['-enc', 'UTF-8', recordPdf, '-']);
    expect(r.status).toBe(0);
    const text = r.stdout;
    const x = t.form.schema['x-form']!;
    expect(text).toContain(x.title);
    expect(text).toContain(x.number);
    expect(text).toContain(`依 ${envelope.procedureNumber} 第 ${envelope.procedureRevision} 版填寫`);
    expect(text).toMatch(/第 1 頁，共 \d+ 頁/);
    expect(text).toContain('保存期限：');
    if (x.confidentiality === '絕密') expect(text).toContain('機密等級：絕密');
    const missing = expectedTexts(t).filter(([, value]) => !wrappedPattern(value).test(text));
    expect(missing, `values not found in pdftotext output:\n${text}`).toEqual([]);
    for (const sig of x.signatures) expect(text).toContain(sig.label.slice(0, 6));
  });

  it('is structurally sound (qpdf --check)', () => {
    for (const f of [recordPdf, blankPdf]) {
      const r = run('qpdf', ['--check', f]);
      expect(r.stdout + r.stderr).toContain('No syntax or stream encoding errors found');
      expect(r.status).toBe(0);
    }
  });

  it('carries the record envelope as form-data.json (pdfdetach)', () => {
    const list = run('pdfdetach', ['-list', recordPdf]);
    expect(list.stdout).toContain('form-data.json');
    const out = join(dir, `${id}.form-data.json`);
    const r = run('pdfdetach', ['-save', '1', '-o', out, recordPdf]);
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(envelope);
  });

  it('meets the PDF/A-3b requirements we can check without a validator', async () => {
    expect(await pdfaProblems(readFileSync(recordPdf))).toEqual([]);
    expect(await pdfaProblems(readFileSync(blankPdf))).toEqual([]);
  });

  it('declares PDF/A-3b, zh-TW and Chinese metadata', () => {
    const info = run('pdfinfo', ['-meta', recordPdf]).stdout;
    expect(info).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(info).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(info).toContain(t.form.schema['x-form']!.title);
    const raw = readFileSync(recordPdf).toString('latin1');
    expect(raw).toContain('/Lang (zh-TW)');
    expect(raw).toContain('/AFRelationship /Data');
    expect(raw).toContain('/OutputIntents');
  });

  it('marks the unsigned export', () => {
    const text = run('pdftotext', ['-enc', 'UTF-8', recordPdf, '-']).stdout;
    const raw = readFileSync(recordPdf).toString('latin1');
    // The stamp is an annotation (so the first signature can remove it): check its presence and look.
    expect(raw).toContain('/Subtype /Stamp');
    expect(text.includes(UNSIGNED_MARK_TEXT) || raw.includes('/NM (property-sop-handbook:unsigned)')).toBe(true);
  });

  it('renders page 1 like the reference, with system fonts hidden', () => {
    checkReference(recordPdf, id);
  });

  it('renders the blank form like the reference', () => {
    checkReference(blankPdf, `${id}-blank`);
  });
});

afterAll(() => removeTempDirs());
