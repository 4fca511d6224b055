/**
 * RJSF's getDecimalSeparator for the handbook. RJSF asks the browser's language list on every render
 * of every number field and builds an Intl.NumberFormat each time (an eighth of a form page's
 * hydration on a phone). The handbook's forms are in its own locale, zh-TW or zh-CN, whose decimal
 * separator is '.', whatever languages the browser lists; a caller naming locales still gets theirs.
 * Replaces @rjsf/utils/lib/getDecimalSeparator.js through the alias in astro.config.mjs.
 */
export const HANDBOOK_DECIMAL_SEPARATOR = '.';

export default function getDecimalSeparator(languages?: string | readonly string[]): string {
  if (!languages || languages.length === 0) return HANDBOOK_DECIMAL_SEPARATOR;
  try {
    const parts = new Intl.NumberFormat(languages as string | string[]).formatToParts(1.1);
    return parts.find((part) => part.type === 'decimal')?.value || '.';
  } catch {
    return '.';
  }
}
