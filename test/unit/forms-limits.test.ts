/**
 * Per-field length limits (issue 15: 100,000 characters in one field blocked the page and made a
 * 31-page PDF): every free-text field has one, 200 for a line and 2,000 for a text area, and the
 * message states it without losing the text.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateRecord } from '../../src/lib/forms/validation/validate.ts';
import { getExample } from '../../src/lib/forms/definition/index.ts';

const schemas = resolve(import.meta.dirname, '../../schemas');
type Node = Record<string, any>;

/** [path, maxLength, widget] of every free-text string property. */
function freeText(schema: Node, ui: Node | undefined, path: string[] = [], out: [string, unknown, unknown][] = []) {
  if (schema.type === 'string' && !['format', 'enum', 'const', 'oneOf', 'anyOf'].some((k) => k in schema)) {
    out.push([path.join('/'), schema.maxLength, ui?.['ui:widget']]);
  }
  for (const [k, v] of Object.entries(schema.properties ?? {})) freeText(v as Node, ui?.[k], [...path, k], out);
  if (schema.items && typeof schema.items === 'object') freeText(schema.items, ui?.items, [...path, '*'], out);
  return out;
}

describe('per-field length limits', () => {
  const files = readdirSync(schemas).filter((f) => f.endsWith('.schema.json'));
  it.each(files)('%s: every free-text field has a limit', (file) => {
    const schema = JSON.parse(readFileSync(join(schemas, file), 'utf8'));
    const ui = JSON.parse(readFileSync(join(schemas, file.replace('.schema.json', '.uischema.json')), 'utf8'));
    const fields = freeText(schema, ui);
    expect(fields.length).toBeGreaterThan(0);
    for (const [path, max, widget] of fields) expect(max, path).toBe(widget === 'textarea' ? 2000 : 200);
  });

  it('100,000 characters in a text area and 201 in a line: refused with the limit stated', () => {
    const d = getExample('qr-gr-036');
    d.complainant = '陳'.repeat(201);
    d.content = '漏'.repeat(100_000);
    expect(validateRecord('qr-gr-036', d).errors.map((e) => e.message)).toEqual([
      '「投訴人」：不可超過 200 字（欄位長度上限），請刪減',
      '「投訴內容」：不可超過 2,000 字（欄位長度上限），請刪減',
    ]);
    d.complainant = '陳'.repeat(200);
    d.content = '漏'.repeat(2000);
    expect(validateRecord('qr-gr-036', d).errors).toEqual([]);
  });
});
