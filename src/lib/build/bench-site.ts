/**
 * `npm run bench:site`: the whole build of this site beside a bare Starlight build of the same MDX,
 * interleaved in one run, and the JavaScript each page ships before any interaction. Node only.
 *
 * The anchor (`makeBareStarlight`) is a minimal Astro + Starlight project with no integration, component,
 * override, sidebar or content-schema extension of ours: Starlight's defaults (its Pagefind search included),
 * one locale (zh-TW), and one page per MDX file of content/sops plus the home page, each with only its title
 * and description as frontmatter and its Markdown text with the MDX imports, exports and JSX component lines
 * (the embedded record forms) removed. It lives under .tmp/ inside the project so it resolves the project's
 * node_modules the way Node does (a symlinked node_modules confuses Vite), and is rebuilt from scratch each run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pageWeight } from './page-weight.ts';

/** The MDX's Markdown: frontmatter reduced to title and description, no import/export, no JSX component lines. */
export function bareMdx(source: string): string {
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(source);
  const keep = (fm?.[1] ?? '').split('\n').filter((line) => /^(title|description):/.test(line));
  const body = (fm ? source.slice(fm[0].length) : source)
    .split('\n')
    .filter((line) => !/^\s*(import|export)\s/.test(line) && !/^\s*<\/?[A-Z][\w.]*(\s[^>]*)?\/?>\s*$/.test(line))
    .join('\n');
  return `---\n${keep.join('\n')}\n---\n${body}`;
}

function mdxFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) mdxFiles(path, out);
    else if (name.endsWith('.mdx')) out.push(path);
  }
  return out;
}

/** Writes the bare Starlight anchor into `dir` (emptied first); returns its pages, relative to its docs folder. */
export function makeBareStarlight(root: string, dir: string): string[] {
  rmSync(dir, { recursive: true, force: true });
  const docs = join(dir, 'src/content/docs');
  const pages: string[] = [];
  const sources = [join(root, 'content/index.mdx'), ...mdxFiles(join(root, 'content/sops'))];
  for (const source of sources) {
    const rel = relative(join(root, 'content'), source);
    mkdirSync(dirname(join(docs, rel)), { recursive: true });
    writeFileSync(join(docs, rel), bareMdx(readFileSync(source, 'utf8')));
    pages.push(rel);
  }
  // Vite bundles the packages that build on Astro only when the project's package.json names them.
  const deps = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies as Record<string, string>;
  const dependencies = { astro: deps.astro, '@astrojs/starlight': deps['@astrojs/starlight'] };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'bare-starlight-anchor', private: true, type: 'module', dependencies }, null, 2)}\n`);
  writeFileSync(join(dir, 'tsconfig.json'), '{ "extends": "astro/tsconfigs/strict", "include": [".astro/types.d.ts", "**/*"], "exclude": ["dist"] }\n');
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    "import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\n\n" +
      "export default defineConfig({\n  telemetry: false,\n  integrations: [starlight({ title: '物業服務標準作業規程手冊', defaultLocale: 'root', locales: { root: { label: '繁體中文', lang: 'zh-TW' } } })],\n});\n",
  );
  writeFileSync(
    join(dir, 'src/content.config.ts'),
    "import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\n\n" +
      'export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n',
  );
  return pages;
}

/**
 * CPU seconds (user + system) of this process's finished children and their descendants, from
 * /proc/self/stat (cutime + cstime, in clock ticks of 1/100 s); null off Linux. Under a shared, loaded
 * machine CPU time varies far less than wall time.
 */
export function childCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields after the command name start at field 3 (state); cutime is field 16, cstime 17.
    return (Number(fields[16 - 3]) + Number(fields[17 - 3])) / 100;
  } catch {
    return null;
  }
}

export interface BuildTiming {
  wall: number;
  cpu: number | null;
}

/** Runs a command to completion and returns its wall and CPU seconds. */
export function timeCommand(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): BuildTiming {
  const cpu0 = childCpuSeconds();
  const t0 = performance.now();
  execFileSync(command, args, { cwd: options.cwd, env: options.env, stdio: 'ignore' });
  const wall = (performance.now() - t0) / 1000;
  const cpu1 = childCpuSeconds();
  return { wall, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface SiteBenchOptions {
  root: string;
  runs: number;
  /** Also delete the prebuild outputs and their stamps before each build of the site (a fresh clone's build). */
  cold: boolean;
  log: (line: string) => void;
}

export interface SiteBenchResult {
  site: BuildTiming[];
  bare: BuildTiming[];
  anchorPages: string[];
}

/**
 * Builds the site (`npm run build`: prebuild, Astro, postbuild) and the bare anchor alternately,
 * A B B A …, so drift in the machine's load falls on both. Each build starts without dist/ and without
 * Astro's and Vite's caches; the prebuild's own cache (step stamps) and the precompressed twins' cache
 * stay unless `cold`.
 */
const ENV = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
const anchorDir = (root: string) => join(root, '.tmp/bench-starlight');
/** The project's Node (the `node` devDependency), as `npm run` uses it. */
const projectNode = (root: string) => (existsSync(join(root, 'node_modules/.bin/node')) ? join(root, 'node_modules/.bin/node') : process.execPath);

/** The anchor's built site (for bench:lighthouse): built now unless already there; returns its dist folder. */
export function buildBareStarlight(root: string): string {
  const anchor = anchorDir(root);
  if (!existsSync(join(anchor, 'dist/sops/violations/index.html'))) {
    makeBareStarlight(root, anchor);
    timeCommand(projectNode(root), [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: anchor, env: ENV });
  }
  return join(anchor, 'dist');
}

export function benchBuilds(options: SiteBenchOptions): SiteBenchResult {
  const { root, runs, cold, log } = options;
  const env = ENV;
  const anchor = anchorDir(root);
  const anchorPages = makeBareStarlight(root, anchor);
  const node = projectNode(root);
  const result: SiteBenchResult = { site: [], bare: [], anchorPages };
  const buildSite = () => {
    for (const p of ['dist', '.astro', 'node_modules/.astro', 'node_modules/.vite']) rmSync(join(root, p), { recursive: true, force: true });
    if (cold) for (const p of ['src/generated', 'public/blank-forms', 'public/fonts', 'node_modules/.cache/handbook']) rmSync(join(root, p), { recursive: true, force: true });
    const t = timeCommand('npm', ['run', 'build'], { cwd: root, env });
    result.site.push(t);
    log(`  site ${t.wall.toFixed(1)} s wall, ${t.cpu?.toFixed(1) ?? '?'} s CPU`);
  };
  const buildBare = () => {
    for (const p of ['dist', '.astro', 'node_modules']) rmSync(join(anchor, p), { recursive: true, force: true });
    const t = timeCommand(node, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], { cwd: anchor, env });
    result.bare.push(t);
    log(`  bare Starlight ${t.wall.toFixed(1)} s wall, ${t.cpu?.toFixed(1) ?? '?'} s CPU`);
  };
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      buildSite();
      buildBare();
    } else {
      buildBare();
      buildSite();
    }
  }
  return result;
}

/** Every JS file a page loads eagerly (see page-weight.ts): how many files and their gzip bytes. */
export function pageScripts(dist: string, htmlPath: string): { files: number; gzip: number; deferredIslands: number } {
  const w = pageWeight(dist, htmlPath);
  return { files: w.files.length, gzip: w.gzip, deferredIslands: w.deferredIslands };
}
