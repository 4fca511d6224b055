/**
 * The prebuild cache decision (src/lib/build/step-cache.ts) on real files in a scratch project: an
 * unchanged step is skipped, and a change to anything it reads, to its code (followed through relative
 * imports), to a package it imports, to a value, or to an output makes it run again.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeClosure, runCachedStep, stampPath, type StepInputs } from '../../src/lib/build/step-cache.ts';

let root: string;
const put = (rel: string, text: string) => {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'step-cache-'));
  put('schemas/a.json', '{"a":1}\n');
  put('schemas/nested/b.json', '{"b":1}\n');
  put('scripts/make.mjs', "import { helper } from '../lib/helper.ts';\nimport lib from 'some-lib';\nimport { readFileSync } from 'node:fs';\n");
  put('lib/helper.ts', "export { deep } from './deep';\nexport const helper = 1;\n");
  put('lib/deep.ts', 'export const deep = 2;\n');
  put('lib/unused.ts', 'export const unused = 3;\n');
  put('node_modules/some-lib/package.json', '{"name":"some-lib","version":"1.0.0"}\n');
  put('node_modules/@scope/font/package.json', '{"name":"@scope/font","version":"0.4.3"}\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A step that writes out/result.txt from the schemas, counting its runs. */
function step(values: Record<string, string> = {}) {
  let runs = 0;
  const inputs: StepInputs = { files: ['schemas'], code: ['scripts/make.mjs'], packages: ['@scope/font'], values };
  const run = () =>
    runCachedStep({
      root,
      step: 'demo',
      inputs,
      outputs: ['out'],
      run: () => {
        runs++;
        put('out/result.txt', readFileSync(join(root, 'schemas/a.json'), 'utf8'));
      },
    });
  return { run, runs: () => runs };
}

describe('prebuild step cache', () => {
  it('runs on a fresh project, then skips while nothing changed', async () => {
    const s = step();
    expect((await s.run()).ran).toBe(true);
    expect((await s.run()).ran).toBe(false);
    expect((await s.run()).ran).toBe(false);
    expect(s.runs()).toBe(1);
    expect(JSON.parse(readFileSync(stampPath(root, 'demo'), 'utf8')).outputs).toHaveProperty(['out/result.txt']);
  });

  it.each([
    ['an input file changes', () => put('schemas/a.json', '{"a":2}\n')],
    ['a file is added to an input folder', () => put('schemas/nested/c.json', '{}\n')],
    ['an input file is removed', () => rmSync(join(root, 'schemas/nested/b.json'))],
    ['the script changes', () => put('scripts/make.mjs', `${readFileSync(join(root, 'scripts/make.mjs'), 'utf8')}// v2\n`)],
    ['a module two imports away changes', () => put('lib/deep.ts', 'export const deep = 3;\n')],
    ['an imported package is upgraded', () => put('node_modules/some-lib/package.json', '{"name":"some-lib","version":"1.0.1"}\n')],
    ['a named package is upgraded', () => put('node_modules/@scope/font/package.json', '{"name":"@scope/font","version":"0.5.0"}\n')],
    ['an output is edited', () => put('out/result.txt', 'edited by hand\n')],
    ['an output is deleted', () => rmSync(join(root, 'out'), { recursive: true })],
    ['the stamp is lost', () => rmSync(stampPath(root, 'demo'))],
  ])('runs again when %s', async (_what, change) => {
    const s = step();
    await s.run();
    change();
    expect((await s.run()).ran).toBe(true);
    expect((await s.run()).ran).toBe(false);
    expect(s.runs()).toBe(2);
  });

  it('does not run again for a change outside its inputs and code', async () => {
    const s = step();
    await s.run();
    put('lib/unused.ts', 'export const unused = 4;\n');
    put('README.md', 'notes\n');
    expect((await s.run()).ran).toBe(false);
  });

  it('runs again when a value (the build date) changes', async () => {
    await step({ today: '2026-12-01' }).run();
    expect((await step({ today: '2026-12-01' }).run()).ran).toBe(false);
    expect((await step({ today: '2026-12-02' }).run()).ran).toBe(true);
  });

  it('leaves no stamp when the step fails, so the next build tries again', async () => {
    await expect(
      runCachedStep({ root, step: 'broken', inputs: { files: ['schemas'] }, outputs: ['out'], run: () => { throw new Error('schema invalid'); } }),
    ).rejects.toThrow('schema invalid');
    let runs = 0;
    const again = await runCachedStep({ root, step: 'broken', inputs: { files: ['schemas'] }, outputs: ['out'], run: () => { runs++; put('out/x', '1'); } });
    expect(again.ran).toBe(true);
    expect(runs).toBe(1);
  });

  it('follows relative imports (with or without an extension) and names the packages imported', () => {
    const { modules, packages } = codeClosure(root, ['scripts/make.mjs']);
    expect(modules.map((m) => m.slice(root.length + 1)).sort()).toEqual(['lib/deep.ts', 'lib/helper.ts', 'scripts/make.mjs']);
    expect(packages).toEqual(['some-lib']);
  });
});
