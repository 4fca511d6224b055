/**
 * Text measurement for flowchart labels, without a font library: a CJK character (and full-width punctuation)
 * is 1 em wide, anything else about 0.55 em. Measured against Noto Sans CJK TC this never under-estimated a
 * label line (see shared/notes/flowcharts.md). Layout, the SVG emitter and the tests all use these functions,
 * so "the label fits its box" means the same thing everywhere.
 */
import { mustKeepTogether } from '../shared/cjk-line-breaking.ts';

/** Label font size in px. */
export const FONT_SIZE = 14;
/** Distance between two label lines, px. */
export const LINE_HEIGHT = 20;
/** Font size of the small clause tag and form link inside a node, px. */
export const SMALL_FONT_SIZE = 11;
export const SMALL_LINE_HEIGHT = 15;
/** A label line is wrapped once it is wider than this (em): about 8 CJK characters. */
export const MAX_LINE_EM = 9;

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;

/** Width of one character in em. */
export function charEm(ch: string): number {
  return WIDE.test(ch) ? 1 : 0.55;
}

/** Width of a text in em. */
export function textEm(text: string): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em;
}

/** Width of a text in px at the given font size. */
export function textWidth(text: string, fontSize = FONT_SIZE): number {
  return textEm(text) * fontSize;
}

/**
 * Splits a label into lines: the author's own line breaks (`\n`) are kept, and a line wider than
 * `maxEm` is wrapped between CJK characters (a run of Latin letters or digits is never split, and
 * the 禁則 rule holds: closing punctuation stays with the character before it, an opening bracket
 * with the one after it).
 */
export function wrapLabel(label: string, maxEm = MAX_LINE_EM): string[] {
  const lines: string[] = [];
  for (const authored of label.split('\n')) {
    const text = authored.trim();
    if (!text) continue;
    // Units that may not be split: a Latin/digit run, or one wide character with its closing punctuation.
    const units = text.match(/[A-Za-z0-9./\-]+|\s+|./gu) ?? [];
    const merged: string[] = [];
    for (const unit of units) {
      if (merged.length && mustKeepTogether(merged[merged.length - 1], unit)) merged[merged.length - 1] += unit;
      else merged.push(unit);
    }
    let line = '';
    for (const unit of merged) {
      if (line && textEm(line + unit) > maxEm) {
        lines.push(line.trim());
        line = unit.trimStart();
      } else {
        line += unit;
      }
    }
    if (line.trim()) lines.push(line.trim());
  }
  return lines;
}
