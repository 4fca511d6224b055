/**
 * The effective revision of each procedure must carry the seed's text word for word: every
 * sentence the company issued appears in that chapter's `index.mdx`. The MDX restores the
 * structure the flat seed lost (headings, clause paragraphs, lists, tables), so both sides are
 * normalised first: whitespace, Markdown markup and clause numbers are layout, not text.
 * Each proposed revision must differ from the issued text and list its changes.
 */
import { describe, expect, it } from 'vitest';
import { MDX_FURNITURE_LINE } from '../../src/lib/documents/revision-diff.ts';
import { splitFrontmatter } from '../../src/lib/shared/frontmatter.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
/** The company's issued text, kept in the repository as the source of the as-issued revisions. */
const seedPath = resolve(root, 'content/seed/as-issued.txt');
const sopsDir = join(root, 'content/sops');

/** Seed chapters in issue order, with the revision files that transcribe them. */
const CHAPTERS = [
  { marker: '第一篇:', id: 'complaints', draft: 'a-1.mdx' },
  { marker: '第二篇:', id: 'violations', draft: 'a-1.mdx' },
  { marker: '第三篇:', id: 'communication', draft: 'a-2.mdx' },
  { marker: '第四篇:', id: 'archives', draft: 'a-1.mdx' },
  { marker: '第五篇:', id: 'follow-up', draft: 'a-1.mdx' },
] as const;

/** TP/QP-09's page header; the page layout repeats it mid-text. */
const PAGE_HEADER = /文件編號:TP\/QP-09\s*顧客溝通及投訴處理控制程序\s+版本\/改次:A\/1/g;

/**
 * Clause numbers as the seed writes them: "4.2.1", "4..8", "1.0", and "1、" / "5." before text.
 * Other numbers ("24小時", "3CM", "QP-09", "A/1") are text and stay.
 */
const CLAUSE_NUMBER = /\d+(?:\.+\d+)+|\d+(?:、|\.(?!\d))/g;

function normalise(text: string): string {
  return text
    .replace(CLAUSE_NUMBER, '')
    .replace(/\s+/g, '')
    .replace(/[#*|>-]/g, '');
}

function revisionParts(source: string): { front: string; body: string } {
  const { front, body: mdx } = splitFrontmatter(source);
  if (front === null) throw new Error('frontmatter missing');
  // Imports and embedded components are page furniture, not text of the procedure.
  const body = mdx
    .split('\n')
    .filter((line) => !MDX_FURNITURE_LINE.test(line))
    .join('\n');
  return { front, body };
}

/** A top-level scalar of the frontmatter, unquoted ("key: value" on one line). */
function field(front: string, key: string): string | undefined {
  const m = new RegExp(`^${key}:\\s*(.*)$`, 'm').exec(front);
  return m?.[1].trim().replace(/^"(.*)"$/, '$1');
}

interface SeedChapter {
  /** The chapter heading as issued, e.g. "第一篇:業戶投訴處理標準作業規程". */
  heading: string;
  text: string;
}

function seedChapters(seed: string): SeedChapter[] {
  return CHAPTERS.map((c, i) => {
    const start = seed.indexOf(c.marker);
    const next = i + 1 < CHAPTERS.length ? seed.indexOf(CHAPTERS[i + 1].marker) : seed.length;
    if (start < 0 || next < start) throw new Error(`seed chapter ${c.marker} not found`);
    const chapter = seed.slice(start, next);
    const eol = chapter.indexOf('\n');
    return { heading: chapter.slice(0, eol).trim(), text: chapter.slice(eol + 1) };
  });
}

/** Drops every occurrence of the page header but the first (the document's own header). */
function dropRepeatedHeader(text: string): string {
  let seen = 0;
  return text.replace(PAGE_HEADER, (h) => (seen++ === 0 ? h : '\n'));
}

/**
 * Sentences of a chapter: split at 。；; and line breaks. A section or clause title followed by
 * ":" ("1、目的:規范…", "4.3.2限期整改:適用于…") becomes a heading or bold title in the MDX, where
 * the colon may go, so such a short title is a sentence of its own.
 */
const TITLE_COLON = /((?:^|[\n。；;])\s*\d+(?:\.+\d+)*、?\s*[\u4e00-\u9fff]{2,6}):/g;

function sentences(text: string): string[] {
  return dropRepeatedHeader(text)
    .replace(TITLE_COLON, '$1\n')
    .split(/[。；;\n]/)
    .map(normalise)
    .filter((s) => [...s].length >= 4);
}

/**
 * The whole chapter, normalised, cut at the title colons the MDX may drop. The effective body must
 * be exactly these pieces in order, each joined by an optional ":": nothing missing, nothing added.
 */
function titleColonPieces(text: string): string[] {
  return normalise(dropRepeatedHeader(text).replace(TITLE_COLON, '$1\u0000')).split('\u0000');
}

/** null when `body` is the chapter word for word; otherwise where it departs from it. */
function firstDeparture(pieces: string[], body: string): string | null {
  const b = normalise(body);
  let pos = 0;
  for (const [n, piece] of pieces.entries()) {
    if (n > 0 && b[pos] === ':') pos++; // the title colon the MDX kept
    let k = 0;
    while (k < piece.length && b[pos + k] === piece[k]) k++;
    if (k < piece.length) {
      return `發行文本：…${piece.slice(Math.max(0, k - 15), k + 15)}…\n正文：　　…${b.slice(Math.max(0, pos + k - 15), pos + k + 15)}…`;
    }
    pos += piece.length;
  }
  return pos === b.length ? null : `正文多出：${b.slice(pos, pos + 40)}`;
}

const seed = readFileSync(seedPath, 'utf8');
const chapters = seedChapters(seed).map((c) => ({ ...c, sentences: sentences(c.text) }));

function readRevision(id: string, file: string) {
  return revisionParts(readFileSync(join(sopsDir, id, file), 'utf8'));
}

/** Seed sentences of chapter i that the body does not contain. */
function missingFrom(i: number, body: string): string[] {
  const haystack = normalise(body);
  return chapters[i].sentences.filter((s) => !haystack.includes(s));
}

describe('seed coverage: the effective revisions carry the issued text', () => {
  it('finds the seed, its five chapters and their sentences', () => {
    expect(existsSync(seedPath)).toBe(true);
    expect(chapters.map((c) => c.heading.slice(0, 4))).toEqual(CHAPTERS.map((c) => c.marker));
    for (const c of chapters) expect(c.sentences.length).toBeGreaterThan(10);
    const total = chapters.reduce((n, c) => n + c.sentences.length, 0);
    // A broken splitter or chapter split would give far fewer.
    expect(total).toBeGreaterThan(150);
    console.log(`seed-coverage: ${total} seed sentences checked (${chapters.map((c) => c.sentences.length).join(' + ')})`);
  });

  for (const [i, c] of CHAPTERS.entries()) {
    it(`${c.id}: every seed sentence appears in index.mdx`, () => {
      const { front, body } = readRevision(c.id, 'index.mdx');
      expect(field(front, 'status')).toBe('effective');
      expect(field(front, 'issuedTitle')).toBe(chapters[i].heading);
      // The page body must not repeat the title as an H1 (Starlight renders it).
      expect(body).not.toMatch(/^#\s/m);
      const missing = missingFrom(i, body);
      expect(missing, `${c.id}/index.mdx 缺少發行文本的句子：\n${missing.join('\n')}`).toEqual([]);
    });
  }

  for (const [i, c] of CHAPTERS.entries()) {
    it(`${c.id}: index.mdx adds no text to the issued chapter`, () => {
      const departure = firstDeparture(titleColonPieces(chapters[i].text), readRevision(c.id, 'index.mdx').body);
      expect(departure, `${c.id}/index.mdx 與發行文本不一致：\n${departure}`).toBeNull();
    });
  }

  it('the mid-text page header is not transcribed twice', () => {
    expect(readRevision('communication', 'index.mdx').body.match(/文件編號:TP\/QP-09/g)).toHaveLength(1);
  });
});

describe('proposed revisions', () => {
  for (const c of CHAPTERS) {
    it(`${c.id}: ${c.draft} is a draft based on the issued revision, differs from it and lists its changes`, () => {
      const issued = readRevision(c.id, 'index.mdx');
      const draft = readRevision(c.id, c.draft);
      expect(field(draft.front, 'status')).toBe('draft');
      expect(field(draft.front, 'basedOn')).toBe(field(issued.front, 'revision'));
      expect(field(draft.front, 'revision')?.toLowerCase().replace('/', '-')).toBe(c.draft.replace(/\.mdx$/, ''));
      expect(normalise(draft.body)).not.toBe(normalise(issued.body));
      // The same check that passes on the issued text must catch the draft's corrections.
      expect(missingFrom(CHAPTERS.indexOf(c), draft.body).length).toBeGreaterThanOrEqual(1);
      const changes = /^changes:\n((?:[ \t]+.*\n)+)/m.exec(`${draft.front}\n`)?.[1] ?? '';
      const entries = changes.match(/^\s*-\s+clause:/gm) ?? [];
      expect(entries.length, `${c.id}/${c.draft} 未列出變更`).toBeGreaterThanOrEqual(1);
      expect(changes.match(/^\s+summary:/gm)?.length).toBe(entries.length);
    });
  }
});
