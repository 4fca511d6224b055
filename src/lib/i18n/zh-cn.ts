/**
 * The 简体中文 view's text conversion: OpenCC (Taiwan and Hong Kong phrases and variants to
 * mainland Simplified) with the handbook's glossary taking precedence. The same function runs at
 * build time on the generated /zh-cn/ pages and in the browser on what islands render there.
 */
import { ConverterFactory } from 'opencc-js/core';
import fromTwPhrases from 'opencc-js/from/twp';
import fromHkPhrases from 'opencc-js/from/hkp';
import toMainland from 'opencc-js/to/cn';

export interface GlossaryEntry {
  traditional: string;
  simplified: string;
  why: string;
}

/** Reads `content/i18n/zh-cn-glossary.tsv`: `Traditional<TAB>Simplified<TAB>why`, `#` comments. */
export function parseGlossary(text: string): GlossaryEntry[] {
  const entries: GlossaryEntry[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const [traditional, simplified, why = ''] = line.split('\t');
    if (!traditional || !simplified) throw new Error(`zh-cn glossary line ${i + 1}: expected Traditional<TAB>Simplified`);
    entries.push({ traditional, simplified, why });
  });
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.traditional)) throw new Error(`zh-cn glossary: ${e.traditional} is listed twice`);
    seen.add(e.traditional);
  }
  return entries;
}

export type Simplifier = (text: string) => string;

/** Has the text any Han character at all? (Most attribute values and ids have none.) */
const HAN = /\p{Script=Han}/u;

export function createSimplifier(glossary: GlossaryEntry[]): Simplifier {
  const opencc = ConverterFactory(fromTwPhrases, fromHkPhrases, toMainland);
  const terms = [...glossary].sort((a, b) => b.traditional.length - a.traditional.length);
  const byTerm = new Map(terms.map((e) => [e.traditional, e.simplified]));
  // Longest first, so 業戶檔案 style compounds beat their parts.
  const pattern = terms.length
    ? new RegExp(terms.map((e) => e.traditional.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gu')
    : null;
  const cache = new Map<string, string>();
  return (text: string) => {
    if (!HAN.test(text)) return text;
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    let out = '';
    let last = 0;
    for (const m of pattern ? text.matchAll(pattern) : []) {
      out += opencc(text.slice(last, m.index)) + byTerm.get(m[0]);
      last = m.index + m[0].length;
    }
    out += opencc(text.slice(last));
    if (cache.size > 5000) cache.clear();
    cache.set(text, out);
    return out;
  };
}
