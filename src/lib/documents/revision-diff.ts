/**
 * Revision comparison: the readable text of a procedure revision and a character-level diff
 * between two of them (Chinese has no spaces, so word diffs would compare whole sentences).
 */
import { diffChars } from 'diff';
import { splitFrontmatter } from '../shared/frontmatter.ts';

/**
 * MDX lines that are page furniture, not procedure text: imports and a component on a line of
 * its own (an embedded form, say).
 */
export const MDX_FURNITURE_LINE = /^\s*(import\s.+from\s.+|<[A-Z][\w.]*(\s[^>]*)?\/>)\s*$/;

/** The body of an MDX revision as plain text, one block per line, markup removed. */
export function revisionPlainText(source: string): string {
  const { body } = splitFrontmatter(source);
  return body
    .split('\n')
    .filter((line) => !MDX_FURNITURE_LINE.test(line))
    .map((line) =>
      line
        .replace(/^\s*#{1,6}\s+/, '')
        .replace(/^\s*[-*+]\s+/, '')
        .replace(/^\s*>\s?/, '')
        .replace(/\*\*|__/g, '')
        .replace(/^\|(.*)\|\s*$/, (_, cells: string) => cells.split('|').map((c) => c.trim()).join('　'))
        .trimEnd(),
    )
    .filter((line) => line.trim() !== '' && !/^[\s|:-]+$/.test(line))
    .join('\n');
}

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

export interface RevisionDiff {
  parts: DiffPart[];
  added: number;
  removed: number;
  /** Number of separate places that changed. */
  hunks: number;
}

export function diffRevisions(fromText: string, toText: string): RevisionDiff {
  const parts: DiffPart[] = diffChars(fromText, toText).map((c) => ({
    kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value,
  }));
  let added = 0;
  let removed = 0;
  let hunks = 0;
  let inHunk = false;
  for (const p of parts) {
    if (p.kind === 'added') added += [...p.text].length;
    if (p.kind === 'removed') removed += [...p.text].length;
    if (p.kind !== 'same' && !inHunk) hunks++;
    inHunk = p.kind !== 'same';
  }
  return { parts, added, removed, hunks };
}

/**
 * Keeps `context` characters around each change and elides the rest, so a reader sees what
 * changed without scrolling the whole procedure.
 */
export function condenseDiff(parts: DiffPart[], context = 40): DiffPart[] {
  return parts.map((p, i) => {
    if (p.kind !== 'same') return p;
    const chars = [...p.text];
    const first = i === 0;
    const last = i === parts.length - 1;
    const keepHead = first ? 0 : context;
    const keepTail = last ? 0 : context;
    if (chars.length <= keepHead + keepTail + 3) return p;
    return {
      kind: 'same',
      text: `${chars.slice(0, keepHead).join('')}${keepHead || keepTail ? ' … ' : ''}${chars.slice(chars.length - keepTail).join('')}`,
    };
  });
}

/**
 * The comparisons that get a page of their own: each revision against the one before it, so the pages grow
 * linearly with the revisions (every ordered pair made n(n-1)). Any other pair is compared on the history page.
 */
export function consecutivePairs<T>(revisions: readonly T[]): [T, T][] {
  return revisions.slice(1).map((to, i) => [revisions[i], to]);
}

