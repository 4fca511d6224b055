/**
 * Stands in for `html-entities` in the browser build (astro.config.mjs). pdf-lib calls only
 * `encode(text)` with its defaults (the XMP metadata of PDF/A, XFA scripts), which escapes the five
 * XML special characters by name and nothing else; the package's tables of every HTML entity
 * (used only for decoding and the other modes) need not ship. test/unit/pdf-unused-paths.test.ts
 * compares it with the package.
 */
const NAMES: Record<string, string> = { '<': '&lt;', '>': '&gt;', "'": '&apos;', '"': '&quot;', '&': '&amp;' };

export function encode(text: string | undefined | null): string {
  if (!text) return '';
  return String(text).replace(/[<>'"&]/g, (c) => NAMES[c]);
}
