/**
 * What each form page loads before the first input (src/lib/build/page-weight.ts, gzip as served), and
 * with --modules the biggest source modules of the form island's chunks: the island bundled alone by
 * Vite with the site's aliases (preact/compat for React, plain text for RJSF's Markdown), each module's
 * rendered (unminified) size, so the shares are what matters.
 *
 *   npm run weight:forms [-- --modules] [-- --top 25]      (after `npm run build`)
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { pageWeight } from '../src/lib/build/page-weight.ts';
import { FORM_IDS } from '../src/lib/procedures.ts';

const { values } = parseArgs({ options: { modules: { type: 'boolean', default: false }, top: { type: 'string', default: '25' } } });
const ROOT = join(import.meta.dirname, '..');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (!existsSync(join(ROOT, 'dist/index.html'))) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}
for (const id of FORM_IDS) {
  const w = pageWeight(join(ROOT, 'dist'), `/forms/${id}/`);
  console.log(`/forms/${id}/  ${kb(w.gzip)} gzip (inline ${kb(w.inlineGzip)})`);
}
const first = pageWeight(join(ROOT, 'dist'), `/forms/${FORM_IDS[0]}/`);
console.log(`\nfiles of /forms/${FORM_IDS[0]}/:`);
for (const f of first.files) console.log(`  ${kb(f.gzip).padStart(9)}  ${f.path}`);

if (values.modules) {
  const out = await build({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    resolve: {
      alias: {
        'markdown-to-jsx/react': join(ROOT, 'src/components/forms/plain-markdown.tsx'),
        'react/jsx-runtime': 'preact/jsx-runtime',
        'react-dom': 'preact/compat',
        react: 'preact/compat',
      },
    },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    define: { 'process.env.NODE_ENV': '"production"' },
    build: { write: false, minify: true, target: 'es2022', rollupOptions: { input: join(ROOT, 'src/components/forms/RecordForm.tsx'), preserveEntrySignatures: 'exports-only' } },
  });
  const outputs = (Array.isArray(out) ? out : [out]).flatMap((o) => ('output' in o ? o.output : []));
  for (const c of outputs) {
    if (c.type !== 'chunk' || c.isDynamicEntry) continue;
    console.log(`\n${c.fileName}${c.isEntry ? ' (the island)' : ''}: ${kb(gzipSync(c.code, { level: 9 }).length)} gzip`);
    const mods = Object.entries(c.modules)
      .map(([mid, m]) => [mid.replace(`${ROOT}/`, ''), m.renderedLength] as const)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]);
    for (const [mid, n] of mods.slice(0, Number(values.top))) console.log(`  ${String(n).padStart(8)}  ${mid}`);
  }
}
