/**
 * What a form page ships: no Markdown renderer (RJSF's is replaced by plain text, and a schema that
 * asks for Markdown descriptions fails the build check). Reads the built site (npm test builds it).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFormSchema } from '../../src/lib/forms/build/check.ts';
import { formDefinition, getExample } from '../../src/lib/forms/definition/index.ts';

describe('the form page script', () => {
  it('carries no Markdown parser', () => {
    const chunks = readdirSync('dist/_astro').filter((f) => f.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(0);
    // markdown-to-jsx's parser names its rules by these strings; none may reach the site.
    const withParser = chunks.filter((f) => /codeBlock|blockQuote|gfmTask/.test(readFileSync(join('dist/_astro', f), 'utf8')));
    expect(withParser).toEqual([]);
  });

  it('a UI schema asking for Markdown descriptions fails the build check', () => {
    const { schema, uiSchema } = formDefinition('violation-record');
    const withMarkdown = { ...uiSchema, level: { ...(uiSchema.level as object), 'ui:enableMarkdownInDescription': true } };
    const problems = checkFormSchema('violation-record', schema, withMarkdown as Record<string, unknown>, getExample('violation-record'), 'violation-record.schema.json');
    expect(problems.join('\n')).toContain('Markdown');
  });
});
