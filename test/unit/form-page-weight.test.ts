/**
 * What a form page ships: at most 120 KB gzip of JavaScript before the first input (inline scripts,
 * module scripts, the island's component and renderer and their static imports; byte counts of a
 * build are deterministic), only its own form's schema and validator, and no Markdown renderer (RJSF's
 * is replaced by plain text, and a schema that asks for Markdown descriptions fails the build check).
 * Reads the built site (npm test builds it).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFormSchema } from '../../src/lib/forms/build/check.ts';
import { formDefinition, getExample } from '../../src/lib/forms/definition/index.ts';
import { pageWeight } from '../../src/lib/build/page-weight.ts';
import { FORM_IDS } from '../../src/lib/procedures.ts';

const BUDGET = 120 * 1024;

describe('the form page script', () => {
  it.each(FORM_IDS)('/forms/%s/ loads at most 120 KB gzip of JavaScript before the first input', (id) => {
    const w = pageWeight('dist', `/forms/${id}/`);
    const list = w.files.map((f) => `${(f.gzip / 1024).toFixed(1).padStart(6)} KB ${f.path}`).join('\n');
    expect(w.gzip, `${(w.gzip / 1024).toFixed(1)} KB:\n${list}`).toBeLessThanOrEqual(BUDGET);
    // The island is counted (a renderer and a component), so a page that lost it cannot pass by weighing less.
    expect(w.files.some((f) => /\/_astro\/RecordForm\./.test(f.path))).toBe(true);
  });

  it('carries no other form\'s schema before the first input', () => {
    const w = pageWeight('dist', '/forms/qr-gr-036/');
    const code = w.files.map((f) => readFileSync(join('dist', f.path), 'utf8')).join('\n');
    for (const id of FORM_IDS) {
      // Each schema's $id names its file.
      expect(code.includes(`schemas/${id}.schema.json`), id).toBe(false);
    }
  });

  it('carries no Markdown parser', () => {
    const chunks = readdirSync('dist/_astro').filter((f) => f.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(0);
    // markdown-to-jsx's parser names its rules by these strings; none may reach the site.
    const withParser = chunks.filter((f) => /codeBlock|blockQuote|gfmTask/.test(readFileSync(join('dist/_astro', f), 'utf8')));
    expect(withParser).toEqual([]);
  });

  it.each(FORM_IDS)('/forms/%s/ has its form in the HTML (rendered on the server, so hydrating moves nothing)', (id) => {
    const html = readFileSync(`dist/forms/${id}/index.html`, 'utf8');
    const island = html.slice(html.indexOf('<astro-island'), html.indexOf('</astro-island>'));
    expect(island).toContain(`data-record-form="${id}"`);
    expect(island).not.toContain('表單載入中');
    // Ready only once hydrated: the tests and a user's first input wait for the browser's own render.
    expect(island).not.toContain('data-ready');
    expect(island.match(/<form\b/g)).toHaveLength(1);
    // Every top-level field of the form, by its label's title.
    const { fields } = formDefinition(id);
    for (const f of fields) expect(island, f.title).toContain(`>${f.title}<`);
  });

  it('a UI schema asking for Markdown descriptions fails the build check', () => {
    const { schema, uiSchema } = formDefinition('violation-record');
    const withMarkdown = { ...uiSchema, level: { ...(uiSchema.level as object), 'ui:enableMarkdownInDescription': true } };
    const problems = checkFormSchema('violation-record', schema, withMarkdown as Record<string, unknown>, getExample('violation-record'), 'violation-record.schema.json');
    expect(problems.join('\n')).toContain('Markdown');
  });
});
