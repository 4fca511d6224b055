/**
 * Clause anchors: a heading, paragraph or list item whose text starts with a clause number
 * ("4.2.1", "4、", "4.0", even the seed's "4..8") gets a stable id `clause-4-2-1`; a lettered item
 * "a)" gets `clause-4-2-1-a` from the clause before it. The same rule serves the rehype plugin
 * (anchors in the page) and the source scan (references checked at build time).
 */
import { splitFrontmatter } from '../shared/frontmatter.ts';

// A dotted number may run straight into its text ("4.1.1聽清楚"); a bare integer needs a
// separator ("1、目的", "5.相關表格"), so "24小時" or "2026年" never starts a clause.
const clauseNumberAtStart =
  /^\s*(?:(\d+(?:\.{1,2}\d+)+)(?:\s|、|\.(?!\d)|[\u3400-\u9fff“"《〈（(])|(\d+)(?:\s|、|\.(?!\d)))/;
const itemLetterAtStart = /^\s*([a-z])\)/;

/** "4.2.1 xxx" -> "4.2.1"; "4..8xxx" -> "4.8"; "1、目的" -> "1"; otherwise null. */
export function clauseNumberOf(text: string): string | null {
  const m = clauseNumberAtStart.exec(text);
  return m ? (m[1] ?? m[2]).replace(/\.\.+/g, '.') : null;
}

/** "4.2.1" -> "clause-4-2-1"; "4.2.1", "a" -> "clause-4-2-1-a" */
export function clauseAnchor(clause: string, item?: string): string {
  const base = `clause-${clause.replace(/\./g, '-')}`;
  return item ? `${base}-${item}` : base;
}

export interface ClauseRef {
  clause: string;
  item?: string;
  anchor: string;
}

type BlockKind = 'heading' | 'paragraph' | 'item';

/**
 * Assigns anchors to a document's blocks in reading order. Shared by the rehype plugin and
 * `scanClauses`, so the ids in the page and the ids references are checked against are the same.
 */
export class ClauseAnchorer {
  private current: string | null = null;
  private used = new Set<string>();

  next(kind: BlockKind, text: string): ClauseRef | null {
    if (kind === 'item') {
      const letter = itemLetterAtStart.exec(text)?.[1];
      if (!letter || !this.current) return null;
      return this.claim({ clause: this.current, item: letter, anchor: clauseAnchor(this.current, letter) });
    }
    const clause = clauseNumberOf(text);
    if (!clause) return null;
    this.current = clause;
    return this.claim({ clause, anchor: clauseAnchor(clause) });
  }

  private claim(ref: ClauseRef): ClauseRef {
    // A number the issuer used twice keeps both paragraphs reachable: the second gets a suffix.
    let anchor = ref.anchor;
    for (let n = 2; this.used.has(anchor); n++) anchor = `${ref.anchor}--${n}`;
    this.used.add(anchor);
    return { ...ref, anchor };
  }
}

/** Clause anchors of an MDX/Markdown source, in order, without rendering it. */
export function scanClauses(source: string): ClauseRef[] {
  const { body } = splitFrontmatter(source);
  const anchorer = new ClauseAnchorer();
  const refs: ClauseRef[] = [];
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    let ref: ClauseRef | null;
    if (/^#{1,6}\s/.test(line)) ref = anchorer.next('heading', plainInline(line.replace(/^#+\s*/, '')));
    else if (/^[-*+]\s/.test(line)) ref = anchorer.next('item', plainInline(line.replace(/^[-*+]\s*/, '')));
    else if (/^\|/.test(line)) ref = null;
    else ref = anchorer.next('paragraph', plainInline(line));
    if (ref) refs.push(ref);
  }
  return refs;
}

function plainInline(text: string): string {
  return text.replace(/\*\*|__|`/g, '');
}

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

function textOf(node: HastNode): string {
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

const headingTags = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);

/** rehype plugin: adds clause ids (see the module comment). Existing ids are kept. */
export function rehypeClauseAnchors() {
  return (tree: HastNode) => {
    const anchorer = new ClauseAnchorer();
    const visit = (node: HastNode) => {
      if (node.type === 'element' && node.tagName) {
        const kind: BlockKind | null = headingTags.has(node.tagName)
          ? 'heading'
          : node.tagName === 'p'
            ? 'paragraph'
            : node.tagName === 'li'
              ? 'item'
              : null;
        if (kind) {
          const ref = anchorer.next(kind, textOf(node));
          if (ref) {
            node.properties = node.properties ?? {};
            if (!node.properties.id) node.properties.id = ref.anchor;
            node.properties.dataClause = ref.item ? `${ref.clause} ${ref.item})` : ref.clause;
          }
          // Only a list item's own paragraph can start a clause; nested blocks are not re-read.
          if (kind !== 'heading') return;
        }
      }
      for (const child of node.children ?? []) visit(child);
    };
    visit(tree);
  };
}
