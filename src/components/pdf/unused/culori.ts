/**
 * Stands in for `culori` in the browser build (astro.config.mjs). pdf-lib uses it only to parse
 * CSS colour strings (colorString) when drawing SVG, which nothing here does: every colour is an
 * rgb() triple (layout/painter.ts). A colour string would now fail to parse (pdf-lib throws).
 * About 23 KB gzip.
 */
export function converter(): (color: string) => undefined {
  return () => undefined;
}
