import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { condenseDiff, consecutivePairs, diffRevisions, revisionPlainText } from '../../src/lib/documents/revision-diff.ts';

describe('revision text and diff', () => {
  it('strips frontmatter and markup but keeps every character of the text', () => {
    const text = revisionPlainText('---\ntitle: x\n---\n## 1、目的\n\n**4.1.1 聽清楚**在接待\n- a)堵塞消防通道;\n');
    expect(text).toBe('1、目的\n4.1.1 聽清楚在接待\na)堵塞消防通道;');
  });
  it('diffs Chinese character by character', () => {
    const d = diffRevisions('應耐心原業戶講完', '應耐心聽業戶講完');
    expect(d.parts).toEqual([
      { kind: 'same', text: '應耐心' },
      { kind: 'removed', text: '原' },
      { kind: 'added', text: '聽' },
      { kind: 'same', text: '業戶講完' },
    ]);
    expect([d.added, d.removed, d.hunks]).toEqual([1, 1, 1]);
  });
  it('condenses long unchanged stretches', () => {
    const same = '甲'.repeat(200);
    const parts = condenseDiff(diffRevisions(`${same}原${same}`, `${same}聽${same}`).parts, 10);
    expect(parts.map((p) => p.text).join('').length).toBeLessThan(40);
    expect(parts.filter((p) => p.kind !== 'same').map((p) => p.text)).toEqual(['原', '聽']);
  });
  it('finds the violations draft corrections against the as-issued text', () => {
    const from = revisionPlainText(readFileSync('content/sops/violations/index.mdx', 'utf8'));
    const to = revisionPlainText(readFileSync('content/sops/violations/a-1.mdx', 'utf8'));
    const d = diffRevisions(from, to);
    expect(d.hunks).toBeGreaterThanOrEqual(5);
    expect(from).toContain('違章事作');
    expect(to).not.toContain('違章事作');
  });
});

describe('diff pages', () => {
  it('exist for consecutive revisions only, so they grow linearly', () => {
    const revs = ['A/0', 'A/1', 'A/2', 'B/0'];
    expect(consecutivePairs(revs)).toEqual([['A/0', 'A/1'], ['A/1', 'A/2'], ['A/2', 'B/0']]);
    expect(consecutivePairs(['A/0'])).toEqual([]);
    const sixteen = Array.from({ length: 16 }, (_, i) => `A/${i}`);
    expect(consecutivePairs(sixteen)).toHaveLength(15);
  });
});

describe('MDX furniture', () => {
  it('imports and embedded components are not procedure text', () => {
    const text = revisionPlainText(
      "---\ntitle: x\n---\nimport RecordFormEmbed from '../../../src/components/forms/RecordFormEmbed.astro';\n\n4.1.5 記清楚\n\n<RecordFormEmbed form=\"complaint-intake\" />\n<b>不是元件</b>\n",
    );
    expect(text).toBe('4.1.5 記清楚\n<b>不是元件</b>');
  });
});
