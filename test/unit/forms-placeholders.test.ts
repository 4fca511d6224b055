/**
 * A placeholder must not look like a value already filled in (issue 15: 「3 座 12 樓 B 室」 beside
 * 「必須填寫」): every ui:placeholder of every form reads as an example.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const schemas = resolve(import.meta.dirname, '../../schemas');

function placeholders(node: unknown, out: string[] = []): string[] {
  if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'ui:placeholder' && typeof value === 'string') out.push(value);
      else placeholders(value, out);
    }
  }
  return out;
}

describe('placeholders read as examples', () => {
  const files = readdirSync(schemas).filter((f) => f.endsWith('.uischema.json'));
  it('there are forms with placeholders', () => expect(files.flatMap((f) => placeholders(JSON.parse(readFileSync(join(schemas, f), 'utf8')))).length).toBeGreaterThan(20));
  it.each(files)('%s', (file) => {
    for (const p of placeholders(JSON.parse(readFileSync(join(schemas, file), 'utf8')))) expect(p).toMatch(/^例：\S/);
  });
});
