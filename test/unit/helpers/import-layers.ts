/**
 * The project's dependency direction as a table of path-prefix layers, and a checker over the relative
 * imports of every source file. A file may import its own layer and the layers below it, never one above.
 * A layer's folder that does not exist yet (src/lib/record/ before it is split out) is simply empty.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

export interface Layer {
  name: string;
  /** Repository-relative path prefixes: a folder ends with "/", a file (or file-name stem) does not. */
  prefixes: string[];
}

/** Outermost first: components, pages, scripts -> site build -> training, audit -> pdf -> record, forms -> documents -> procedures, shared. */
export const LAYERS: Layer[] = [
  {
    name: 'components, pages, scripts',
    // The benchmarks in scripts/ reuse the browser and PKI test helpers; test files themselves are not checked.
    prefixes: ['src/components/', 'src/pages/', 'scripts/', 'src/content.config.ts', 'astro.config.mjs', 'test/'],
  },
  // What runs on the built site (the 简体 pages, the offline layer): reads documents, nothing else.
  { name: 'site build', prefixes: ['src/lib/postbuild.ts', 'src/lib/precompress.ts', 'src/lib/build/', 'src/lib/offline/', 'src/lib/i18n/'] },
  // Training builds on all below: quizzes on documents, practice cases on forms, acknowledgements and the matrix on pdf.
  // The batch audit (src/lib/audit/) sits beside it: it reads what pdf verifies and what forms define.
  { name: 'training, audit', prefixes: ['src/lib/training/', 'src/lib/audit/'] },
  { name: 'pdf', prefixes: ['src/lib/pdf/'] },
  {
    name: 'record, forms',
    // flow/ draws with the form definitions, so it sits beside forms; record/ reads forms, never the reverse (FORBIDDEN).
    prefixes: ['src/lib/record/', 'src/lib/forms/', 'src/lib/flow/', 'src/generated/'],
  },
  { name: 'documents', prefixes: ['src/lib/documents/'] },
  { name: 'procedures, shared', prefixes: ['src/lib/procedures', 'src/lib/shared/', 'src/lib/csp.ts', 'src/lib/hosting-headers.ts'] },
];

/** Folders whose files import nothing from the project outside themselves. */
export const SELF_CONTAINED = ['src/lib/shared/'];

/** Pairs that must never import each other in the given direction, whatever the table says. */
export const FORBIDDEN: { from: string; to: string }[] = [
  { from: 'src/lib/forms/', to: 'src/lib/pdf/' },
  { from: 'src/lib/forms/', to: 'src/lib/record/' },
];

const CODE = /\.(ts|tsx|mts|mjs|js|astro)$/;
const ROOTS = ['src', 'scripts', 'astro.config.mjs'];

function layerOf(path: string): number {
  return LAYERS.findIndex((l) => l.prefixes.some((p) => path.startsWith(p)));
}

function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    const abs = join(root, rel);
    if (!existsSync(abs)) return;
    if (statSync(abs).isDirectory()) {
      for (const name of readdirSync(abs)) if (name !== 'node_modules') walk(join(rel, name));
    } else if (CODE.test(rel)) {
      out.push(rel.split('\\').join('/'));
    }
  };
  for (const r of ROOTS) walk(r);
  return out.sort();
}

/** Relative specifiers of static, re-export, side-effect and dynamic imports (comments removed first). */
export function importSpecifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = [
    ...code.matchAll(/\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g),
    ...code.matchAll(/\bimport\s*['"]([^'"]+)['"]/g),
    ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]);
  return [...new Set(found)].filter((s) => s.startsWith('.'));
}

/** Every import against the direction, as "from -> to: why"; also every source file no layer claims. */
export function importViolations(root: string): string[] {
  const problems: string[] = [];
  for (const file of sourceFiles(root)) {
    const from = layerOf(file);
    if (from < 0) {
      problems.push(`${file}: in no layer of LAYERS`);
      continue;
    }
    for (const spec of importSpecifiers(readFileSync(join(root, file), 'utf8'))) {
      const target = normalize(join(dirname(file), spec.split('?')[0])).split('\\').join('/');
      if (!CODE.test(target) || relative('.', target).startsWith('..')) continue; // data (JSON, CSS) and packages
      const self = SELF_CONTAINED.find((p) => file.startsWith(p));
      if (self && !target.startsWith(self)) problems.push(`${file} -> ${target}: ${self} imports nothing from the project`);
      for (const f of FORBIDDEN) {
        if (file.startsWith(f.from) && target.startsWith(f.to)) problems.push(`${file} -> ${target}: ${f.from} never imports ${f.to}`);
      }
      const to = layerOf(target);
      if (to < 0) problems.push(`${file} -> ${target}: the target is in no layer of LAYERS`);
      else if (to < from) problems.push(`${file} -> ${target}: ${LAYERS[from].name} may not import ${LAYERS[to].name}`);
    }
  }
  return [...new Set(problems)];
}
