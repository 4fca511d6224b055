/**
 * The text of each clause of a procedure source, for checking that a quiz question's cited clause really
 * states the fact the question tests. A numbered clause's text runs on through its sub-clauses and lettered
 * items ("4.3" includes 4.3.1–4.3.5); a lettered item's text is that item alone.
 */
import { scanClauseBlocks, type ClauseRef } from '../documents/clauses.ts';

/** MDX lines that are code, not the company's text (imports, embedded components). */
const notText = /^(?:import\s|export\s|<|\{)/;

function within(parent: ClauseRef, ref: ClauseRef): boolean {
  if (parent.item) return false;
  return ref.clause.startsWith(`${parent.clause}.`) || (ref.clause === parent.clause && ref.item !== undefined);
}

/** Anchor ("clause-4-2-3-d") -> the clause's plain text. */
export function clauseTexts(source: string): Map<string, string> {
  const blocks = scanClauseBlocks(source).filter((b) => !notText.test(b.text));
  const texts = new Map<string, string>();
  blocks.forEach((block, i) => {
    const parent = block.ref;
    if (!parent) return;
    const parts = [block.text];
    for (const next of blocks.slice(i + 1)) {
      if (next.ref && !within(parent, next.ref)) break;
      parts.push(next.text);
    }
    texts.set(parent.anchor, parts.join('\n'));
  });
  return texts;
}

/** Text compared without spaces: the seed writes "24小時" and "24 小時" alike. */
export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}
