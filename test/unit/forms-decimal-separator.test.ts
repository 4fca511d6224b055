/**
 * The handbook's stand-in for RJSF's getDecimalSeparator (aliased in astro.config.mjs): the handbook's own
 * decimal point unless locales are named, and the alias still matches how @rjsf/utils imports it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import getDecimalSeparator, { HANDBOOK_DECIMAL_SEPARATOR } from '../../src/lib/forms/validation/decimal-separator.ts';

describe('decimal separator', () => {
  test("the handbook's '.' whatever the runtime's languages, a named locale's own otherwise", () => {
    expect(HANDBOOK_DECIMAL_SEPARATOR).toBe('.');
    expect(getDecimalSeparator()).toBe('.');
    expect(getDecimalSeparator([])).toBe('.');
    expect(getDecimalSeparator('de-DE')).toBe(',');
    expect(getDecimalSeparator(['fr-FR', 'en'])).toBe(',');
    expect(getDecimalSeparator('zh-TW')).toBe('.');
    expect(getDecimalSeparator('not a locale!')).toBe('.');
  });

  test('@rjsf/utils still imports it by the path the alias replaces, in each of its callers', () => {
    const lib = dirname(fileURLToPath(import.meta.resolve('@rjsf/utils/lib/index.js')));
    for (const file of ['index.js', 'asNumber.js', 'getInputProps.js']) {
      expect(readFileSync(join(lib, file), 'utf8'), file).toContain(`from "./getDecimalSeparator.js"`);
    }
    const config = readFileSync(new URL('../../astro.config.mjs', import.meta.url), 'utf8');
    expect(config).toContain(String.raw`find: /^\.\/getDecimalSeparator\.js$/`);
  });
});
