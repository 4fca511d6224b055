/**
 * Stands in for `node-html-better-parser` in the browser build (astro.config.mjs). pdf-lib parses HTML only for SVG (drawSvg, embedSvg) and
 * XFA forms (getXFASignatures, getXFAJavaScripts, setXFAJavaScript), none of which the handbook
 * calls; test/unit/pdf-unused-paths.test.ts keeps it so.
 */
export enum NodeType {
  ELEMENT_NODE = 1,
  TEXT_NODE = 3,
  COMMENT_NODE = 8,
}

export function parse(): never {
  throw new Error('SVG and XFA are not read in the browser');
}
