/**
 * Line breaking for Traditional Chinese with embedded Latin: breaks between CJK characters,
 * Latin words stay whole (split only when longer than a line), and the 禁則 rules hold: no line
 * starts with closing punctuation (。，、；：」）…) and none ends with an opening bracket (「（…).
 * A closing mark is kept with the character before it (追い出し), an opening one with the
 * character after it, so the text itself is never altered: wrapping only inserts line breaks
 * (and drops the spaces a break replaces).
 */

import { NO_LINE_START, mustKeepTogether } from '../../shared/cjk-line-breaking.ts';

/** Characters that break like ideographs: one unit each. */
function isCjkLike(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) || // radicals, CJK symbols and punctuation, kana, bopomofo, unified
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xffef) || // full-width forms
    (cp >= 0x20000 && cp <= 0x3ffff) ||
    (cp >= 0x2190 && cp <= 0x2bff) // arrows, shapes, symbols (□ ○ ★)
  );
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t';
}

interface Atom {
  text: string;
  /** Spaces after the atom: kept inside a line, dropped at a break. */
  space: string;
}

/** Splits a paragraph (no newlines) into unbreakable atoms with the spaces after them. */
export function atomsOf(paragraph: string): Atom[] {
  const chars = Array.from(paragraph);
  const raw: Atom[] = [];
  let i = 0;
  // Leading spaces (indentation) stay with the first atom.
  let lead = '';
  while (i < chars.length && isSpace(chars[i])) lead += chars[i++];
  while (i < chars.length) {
    let text = '';
    if (isCjkLike(chars[i])) {
      text = chars[i++];
    } else {
      while (i < chars.length && !isSpace(chars[i]) && !isCjkLike(chars[i])) text += chars[i++];
    }
    let space = '';
    while (i < chars.length && isSpace(chars[i])) space += chars[i++];
    raw.push({ text: lead + text, space });
    lead = '';
  }
  if (lead) raw.push({ text: lead, space: '' });
  // Glue the 禁則 characters: a closing mark joins the atom before it, an opening mark the one after.
  const out: Atom[] = [];
  for (const atom of raw) {
    const prev = out[out.length - 1];
    if (prev && prev.space === '' && mustKeepTogether(prev.text, atom.text)) {
      prev.text += atom.text;
      prev.space = atom.space;
    } else {
      out.push({ ...atom });
    }
  }
  return out;
}

export type Measure = (text: string) => number;

/** Wraps text (which may contain newlines) into lines no wider than `maxWidth`. */
export function wrapText(text: string, maxWidth: number, measure: Measure): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (paragraph === '') {
      lines.push('');
      continue;
    }
    lines.push(...wrapAtoms(atomsOf(paragraph), maxWidth, measure));
  }
  return lines;
}

/** Greedy fill of pre-made atoms (also used for the check-box options of blank forms). */
export function wrapAtoms(atoms: Atom[], maxWidth: number, measure: Measure): string[] {
  const lines: string[] = [];
  let cur = '';
  let pending = '';
  for (const atom of atoms) {
    const candidate = cur === '' ? atom.text : cur + pending + atom.text;
    if (cur !== '' && measure(candidate) > maxWidth) {
      lines.push(cur);
      cur = '';
    }
    if (cur === '') {
      // An atom wider than the line is split by character, still honouring 禁則 where it can.
      let rest = atom.text;
      while (measure(rest) > maxWidth) {
        const chars = Array.from(rest);
        let n = 1;
        while (n < chars.length && measure(chars.slice(0, n + 1).join('')) <= maxWidth) n++;
        while (n > 1 && n < chars.length && NO_LINE_START.has(chars[n])) n--;
        lines.push(chars.slice(0, n).join(''));
        rest = chars.slice(n).join('');
      }
      cur = rest;
    } else {
      cur = candidate;
    }
    pending = atom.space;
  }
  if (cur !== '' || lines.length === 0) lines.push(cur);
  return lines;
}
