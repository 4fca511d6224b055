/**
 * Stands in for `brotli/decompress.js` in the browser build (astro.config.mjs). fontkit needs it
 * only to open WOFF2 fonts, and layout/fonts.ts refuses WOFF and WOFF2 before fontkit sees them
 * (they embed blank); the site serves TTF. It was 61 KB gzip of the PDF chunk (mostly its dictionary).
 */
export default function decompress(): never {
  throw new Error('WOFF2 fonts are not read in the browser');
}
