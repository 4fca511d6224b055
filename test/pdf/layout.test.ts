/**
 * Typesetting: line breaking with 禁則, the Simplified-Chinese fallback face, the error for a
 * character no face has, long text and long tables across pages (header row repeated), values
 * shown by their labels.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfError } from '../../src/lib/pdf/errors.ts';
import { blankFormPdf, exportRecordPdf } from '../../src/lib/pdf/document/export.ts';
import { displayValue, formModel, type ScalarField } from '../../src/lib/pdf/document/form-model.ts';
import { displayDateTime } from '../../src/lib/shared/time.ts';
import { nodeFonts } from '../../src/lib/pdf/node.ts';
import { NO_LINE_END, NO_LINE_START } from '../../src/lib/shared/cjk-line-breaking.ts';
import { wrapText } from '../../src/lib/pdf/layout/text.ts';
import { envelopeOf, testForms } from './helpers/records.ts';
import { removeTempDirs, renderPage, requireTools, run, workDir, wrappedPattern } from './helpers/tools.ts';

const fixture = testForms().find((f) => f.id === 'fixture-form')!;
const unit = (t: string) => Array.from(t).length; // every character one unit wide

beforeAll(() => requireTools());

describe('line breaking', () => {
  it('never starts a line with closing punctuation nor ends one with an opening bracket', () => {
    const text = '業戶來電反映：停車場照明不足，部分燈管閃爍。「臨時措施」已張貼通告；管理處（工程部）已跟進、回覆。';
    for (let width = 4; width <= 20; width++) {
      const lines = wrapText(text, width, unit);
      expect(lines.join('')).toBe(text);
      for (const [i, line] of lines.entries()) {
        if (i > 0) expect(NO_LINE_START.has(Array.from(line)[0]), `width ${width}: 「${line}」`).toBe(false);
        if (i < lines.length - 1) expect(NO_LINE_END.has(Array.from(line).pop()!), `width ${width}: 「${line}」`).toBe(false);
      }
    }
  });

  it('keeps Latin words whole, breaks at spaces, splits only words longer than a line', () => {
    expect(wrapText('Please reply in English', 12, unit)).toEqual(['Please reply', 'in English']);
    expect(wrapText('電郵 wong.cc@example.com 聯絡', 10, unit)).toEqual(['電郵', 'wong.cc@ex', 'ample.com', '聯絡']);
    expect(wrapText('第二座12樓B室', 5, unit).join('')).toBe('第二座12樓B室');
  });

  it('keeps typed line breaks and blank lines', () => {
    expect(wrapText('甲\n\n乙', 10, unit)).toEqual(['甲', '', '乙']);
  });
});

describe('values', () => {
  const model = formModel(fixture.form);
  const field = (key: string) => model.fields.find((f) => f.type === 'scalar' && f.key === key) as ScalarField;

  it('shows enum values by their labels and booleans as 是/否 (or the schema\'s own labels)', () => {
    expect(displayValue(field('channel'), 'call')).toBe('來電');
    expect(displayValue(field('major'), true)).toBe('是');
    expect(displayValue(field('major'), false)).toBe('否');
    const real = testForms().find((f) => f.id === 'complaint-intake');
    if (real) {
      const m = formModel(real.form);
      const isMajor = m.fields.find((f) => f.type === 'scalar' && f.key === 'isMajor') as ScalarField;
      expect(displayValue(isMajor, true)).toBe('重大投訴');
    }
  });

  it('shows date-times in the region\'s local time as entered', () => {
    expect(displayDateTime('2026-03-04T09:15:00+08:00')).toBe('2026-03-04 09:15');
    expect(displayDateTime('2026-03-04T09:15')).toBe('2026-03-04 09:15');
    expect(displayDateTime('2026-03-04T01:15:30Z')).toBe('2026-03-04 09:15:30');
  });
});

describe('fonts', () => {
  it('falls back to Noto Sans SC per character, both faces embedded, text exact', async () => {
    const data = { ...fixture.example, content: '業戶稱违单已记录，要求赔偿损失。' };
    const pdf = join(workDir(), 'fallback.pdf');
    writeFileSync(pdf, await exportRecordPdf({ form: fixture.form, record: envelopeOf(fixture, data), fonts: nodeFonts() }));
    const fonts = run('pdffonts', [pdf]).stdout;
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSansTC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    const text = run('pdftotext', ['-enc', 'UTF-8', pdf, '-']).stdout;
    expect(text).toMatch(wrappedPattern(data.content));
    expect(renderPage(pdf).stderr).not.toMatch(/error/i);
  });

  it('does not load the SC face when TC has every character', async () => {
    let loaded = false;
    const tc = nodeFonts().tc;
    const sources = { tc, sc: async () => ((loaded = true), new Uint8Array(0)) };
    await exportRecordPdf({ form: fixture.form, record: envelopeOf(fixture), fonts: sources });
    expect(loaded).toBe(false);
  });

  it('refuses a character neither face has, naming the field (never a box)', async () => {
    const data = { ...fixture.example, ownerName: '黃志強😀' };
    const e = await exportRecordPdf({ form: fixture.form, record: envelopeOf(fixture, data), fonts: nodeFonts() }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PdfError);
    expect((e as PdfError).code).toBe('MISSING_GLYPH');
    expect((e as PdfError).message).toContain('「業戶姓名」中的「😀」（U+1F600）');
  });

  it('refuses WOFF2 (it would embed blank)', async () => {
    const woff2 = new Uint8Array([0x77, 0x4f, 0x46, 0x32, 0, 0, 0, 0]);
    const e = await exportRecordPdf({ form: fixture.form, record: envelopeOf(fixture), fonts: { tc: woff2 } }).catch((x: unknown) => x);
    expect((e as PdfError).code).toBe('FONT_UNREADABLE');
  });
});

describe('pagination', () => {
  const rows = Array.from({ length: 70 }, (_, i) => ({
    date: `2025-03-${String((i % 28) + 1).padStart(2, '0')}`,
    handler: i % 2 ? '陳美玲' : '李家明（工程部）',
    action: `第 ${i + 1} 次跟進：致電業戶了解情況，安排技工到場檢查並記錄結果。`,
    done: i % 3 === 0,
  }));
  const longContent = Array.from({ length: 60 }, (_, i) => `第${i + 1}段：業戶反映停車場照明不足，燈管閃爍，擔心夜間出入安全；管理處已安排檢查。`).join('');
  let pdf: string;
  let pages: number;

  beforeAll(async () => {
    pdf = join(workDir(), 'long.pdf');
    const data = { ...fixture.example, steps: rows, content: longContent };
    writeFileSync(pdf, await exportRecordPdf({ form: fixture.form, record: envelopeOf(fixture, data), fonts: nodeFonts() }));
    pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]).stdout)![1]);
  });

  it('runs over several pages, numbered 第 X 頁，共 Y 頁', () => {
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let p = 1; p <= pages; p++) {
      const text = run('pdftotext', ['-enc', 'UTF-8', '-f', String(p), '-l', String(p), pdf, '-']).stdout;
      expect(text).toContain(`第 ${p} 頁，共 ${pages} 頁`);
    }
  });

  it('repeats the table header on every page the table continues on', () => {
    let continued = 0;
    for (let p = 2; p <= pages; p++) {
      const text = run('pdftotext', ['-enc', 'UTF-8', '-f', String(p), '-l', String(p), pdf, '-']).stdout;
      if (text.includes('處理過程（續）')) {
        continued++;
        for (const h of ['序號', '日期', '經辦人', '處理情況', '已完成']) expect(text).toContain(h);
      }
    }
    expect(continued).toBeGreaterThanOrEqual(1);
    const all = run('pdftotext', ['-enc', 'UTF-8', pdf, '-']).stdout;
    for (const r of rows) expect(all).toMatch(wrappedPattern(r.action));
  });

  it('wraps long text without any line starting with closing punctuation', () => {
    const raw = run('pdftotext', ['-enc', 'UTF-8', '-raw', pdf, '-']).stdout;
    const lines = raw.split('\n').filter((l) => l.includes('段') || /^[。，、；：」）]/.test(l));
    expect(lines.length).toBeGreaterThan(10);
    for (const l of lines) expect(l, l).not.toMatch(/^[。，、；：」）』】》〉！？]/);
  });
});

describe('blank forms', () => {
  it('prints the procedure revision when given, a line to fill in when not', async () => {
    const f = join(workDir(), 'blank-no-rev.pdf');
    writeFileSync(f, await blankFormPdf({ form: fixture.form, fonts: nodeFonts() }));
    const text = run('pdftotext', ['-enc', 'UTF-8', f, '-']).stdout;
    expect(text).toMatch(/依 HB-SOP-01 第\s+版填寫/);
    expect(text).toContain('投訴方式');
    const g = join(workDir(), 'blank-rev.pdf');
    writeFileSync(g, await blankFormPdf({ form: fixture.form, fonts: nodeFonts(), procedureRevision: 'A/0' }));
    expect(run('pdftotext', ['-enc', 'UTF-8', g, '-']).stdout).toContain('依 HB-SOP-01 第 A/0 版填寫');
  });
});

afterAll(() => removeTempDirs());
