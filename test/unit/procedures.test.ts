import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { effectiveProcedures } from '../../src/lib/procedures.ts';
import { readProcedures } from '../../src/lib/procedures-files.ts';
import { checkFormSchema } from '../../src/lib/forms/build/check.ts';
import type { FormSchema } from '../../src/lib/forms/definition/schema.ts';

const front = (fields: Record<string, string | number>) =>
  `---\n${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n\n## 1、目的\n`;

function sops(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'procedures-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('procedures from content', () => {
  it('the handbook has the five procedures in the order the company issued them', () => {
    expect(readProcedures('content/sops').map((p) => [p.order, p.id, p.docNumber, p.path])).toEqual([
      [1, 'complaints', 'HB-SOP-01', '/sops/complaints/'],
      [2, 'violations', 'HB-SOP-02', '/sops/violations/'],
      [3, 'communication', 'TP/QP-09', '/sops/communication/'],
      [4, 'archives', 'HB-SOP-04', '/sops/archives/'],
      [5, 'follow-up', 'HB-SOP-05', '/sops/follow-up/'],
    ]);
  });

  it('lists effective revisions only, by issue order', () => {
    const rev = (procedure: string, order: number, status: string) => ({ procedure, order, status, docNumber: `HB-SOP-0${order}`, title: procedure });
    expect(effectiveProcedures([rev('b', 2, 'effective'), rev('b', 2, 'draft'), rev('a', 1, 'effective'), rev('c', 3, 'superseded')]).map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('a procedure added as a folder is listed, with no code change', () => {
    const base = { title: '清潔', docNumber: 'HB-SOP-06', status: 'effective' };
    const root = sops({
      'cleaning/index.mdx': front({ ...base, procedure: 'cleaning', order: 6 }),
      'cleaning/a-1.mdx': front({ ...base, procedure: 'cleaning', order: 6, status: 'draft' }),
      'complaints/index.mdx': front({ ...base, title: '投訴', docNumber: 'HB-SOP-01', procedure: 'complaints', order: 1 }),
    });
    try {
      expect(readProcedures(root).map((p) => p.id)).toEqual(['complaints', 'cleaning']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses a revision without its order, or filed under another procedure folder, naming the file', () => {
    const base = { title: '清潔', docNumber: 'HB-SOP-06', status: 'effective' };
    const noOrder = sops({ 'cleaning/index.mdx': front({ ...base, procedure: 'cleaning' }) });
    const misfiled = sops({ 'cleaning/index.mdx': front({ ...base, procedure: 'laundry', order: 6 }) });
    try {
      expect(() => readProcedures(noOrder)).toThrow(/cleaning\/index\.mdx：規程的文件管制資料有誤：order 應填寫規程的發行順序/);
      expect(() => readProcedures(misfiled)).toThrow('procedure「laundry」應與資料夾名稱「cleaning」相同');
    } finally {
      rmSync(noOrder, { recursive: true, force: true });
      rmSync(misfiled, { recursive: true, force: true });
    }
  });

  it('a form is checked against the procedures in content: number, form numbering and existence', () => {
    const read = (file: string) => JSON.parse(readFileSync(`schemas/follow-up-visit.${file}.json`, 'utf8'));
    const schema = read('schema') as FormSchema;
    const check = (patch: Record<string, unknown>) =>
      checkFormSchema('follow-up-visit', { ...schema, 'x-form': { ...schema['x-form']!, ...patch } } as FormSchema, read('uischema'), read('example'), 'f.json').join('\n');
    expect(check({})).toBe('');
    expect(check({ procedure: 'cleaning' })).toContain('未知的程序「cleaning」');
    expect(check({ procedureNumber: 'HB-SOP-04' })).toContain('程序編號應為 HB-SOP-05');
    expect(check({ number: 'HB-R-04-09' })).toContain('表單編號應為 HB-R-05-nn');
  });
});
