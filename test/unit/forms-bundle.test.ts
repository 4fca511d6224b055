/**
 * The validators as the browser gets them: a Vite production bundle (per-form chunks, no eval /
 * new Function anywhere, runs and validates), and Vite's dev server (why the .mjs twin exists:
 * it serves source files untransformed, so the .cjs would reach the browser as CommonJS).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { build, createServer } from 'vite';
import { FORM_IDS } from '../../src/lib/procedures.ts';

const ROOT = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'forms-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('Vite production bundle: one chunk per form, no runtime code evaluation, validates', async () => {
  writeFileSync(
    join(dir, 'entry.ts'),
    `import { loadRecordValidator } from ${JSON.stringify(join(ROOT, 'src/lib/forms/validation/validator.ts'))};
import { getExample } from ${JSON.stringify(join(ROOT, 'src/lib/forms/definition/index.ts'))};
export async function run() {
  const v = await loadRecordValidator('violation-record');
  const d = getExample('violation-record');
  d.penaltyDecider = 'areaSteward';
  return [v.validate(getExample('violation-record')), v.validate(d)];
}
`,
  );
  await build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir: join(dir, 'dist'),
      target: 'es2022',
      minify: true,
      rollupOptions: {
        input: join(dir, 'entry.ts'),
        preserveEntrySignatures: 'exports-only',
        output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
      },
    },
  });
  const files = readdirSync(join(dir, 'dist'));
  for (const id of FORM_IDS) expect(files.some((f) => f.startsWith(`${id}-`)), `${id} chunk`).toBe(true);
  for (const f of files) {
    const code = readFileSync(join(dir, 'dist', f), 'utf8');
    expect(code, f).not.toMatch(/new Function|\beval\(/);
  }
  const { run } = await import(pathToFileURL(join(dir, 'dist/entry.mjs')).href);
  const [ok, bad] = await run();
  expect(ok).toEqual({ valid: true, errors: [] });
  expect(bad.errors.map((e: { message: string }) => e.message)).toEqual([
    '「處罰決定人」：依 4.4.7，處罰只可由物業公司經理或客戶服務中心經理決定（其他員工只能勸導、教育，嚴禁越權處罰）',
  ]);
}, 60_000);

test('Vite dev server: the .mjs validators and the library are served as ES modules', async () => {
  const server = await createServer({ root: ROOT, configFile: false, logLevel: 'silent', server: { middlewareMode: true, hmr: false, ws: false } });
  try {
    for (const url of ['/src/lib/forms/validation/validator.ts', '/src/generated/validators/index.mjs', '/src/generated/validators/qr-gr-036.mjs']) {
      const r = await server.transformRequest(url);
      expect(r?.code, url).toBeTruthy();
      expect(r!.code, url).not.toMatch(/\brequire\(|^exports\[|module\.exports/m);
    }
    const cjs = await server.transformRequest('/src/generated/validators/qr-gr-036.cjs');
    expect(cjs!.code).toMatch(/^exports\[/m);
  } finally {
    await server.close();
  }
}, 60_000);
