import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { clauseAnchor, clauseNumberOf, rehypeClauseAnchors, scanClauses } from '../../src/lib/documents/clauses.ts';

describe('clause numbers', () => {
  it.each([
    ['4.2.1 違反裝修管理規定的現象。', '4.2.1'],
    ['4.1.1聽清楚在接待業戶投訴時', '4.1.1'],
    ['1、目的', '1'],
    ['4.0 工作程序', '4.0'],
    ['4..8業戶檔案屬絕密檔案', '4.8'],
    ['5.相關表格', '5'],
    ['24小時', null],
    ['附:《客戶投訴處理技巧》', null],
    ['2026年', null],
  ])('%s → %s', (text, expected) => {
    expect(clauseNumberOf(text)).toBe(expected);
  });
  it('anchors', () => {
    expect(clauseAnchor('4.2.1')).toBe('clause-4-2-1');
    expect(clauseAnchor('4.2.1', 'a')).toBe('clause-4-2-1-a');
  });
});

describe('scanning a source', () => {
  it('gives lettered items the clause before them and suffixes a repeated number', () => {
    const refs = scanClauses('---\ntitle: x\n---\n## 4、程序\n**4.2.1 違反**規定\n- a)擅自\n- b)對房屋\n4.2.1 再一次\n').map((r) => r.anchor);
    expect(refs).toEqual(['clause-4', 'clause-4-2-1', 'clause-4-2-1-a', 'clause-4-2-1-b', 'clause-4-2-1--2']);
  });
  it('every procedure revision has unique anchors for its clauses', () => {
    for (const proc of readdirSync('content/sops')) {
      for (const file of readdirSync(`content/sops/${proc}`)) {
        const refs = scanClauses(readFileSync(`content/sops/${proc}/${file}`, 'utf8'));
        expect(refs.length, `${proc}/${file}`).toBeGreaterThan(5);
        expect(new Set(refs.map((r) => r.anchor)).size).toBe(refs.length);
      }
    }
  });
});

describe('rehype plugin', () => {
  it('sets ids in reading order and keeps existing ids', () => {
    const text = (value: string) => ({ type: 'text', value });
    const el = (tagName: string, children: unknown[], properties: Record<string, unknown> = {}) => ({ type: 'element', tagName, properties, children });
    const tree = {
      type: 'root',
      children: [
        el('h3', [text('4.2 常見業戶的違章現象')]),
        el('p', [el('strong', [text('4.2.1 違反')]), text('規定')]),
        el('ul', [el('li', [text('a)擅自')]), el('li', [text('沒有字母')])]),
        el('h2', [text('5.相關表格')], { id: 'kept' }),
      ],
    };
    rehypeClauseAnchors()(tree as never);
    const ids = JSON.stringify(tree).match(/"id":"[^"]+"/g);
    expect(ids).toEqual(['"id":"clause-4-2"', '"id":"clause-4-2-1"', '"id":"clause-4-2-1-a"', '"id":"kept"']);
  });
});
