/**
 * Skips a build step whose inputs have not changed since it last ran. The key is a SHA-256 over the
 * files it reads, the code that makes it (the entry modules and every module they import by a relative
 * path), the versions of the packages that code imports, and any extra values (a date, arguments).
 * A stamp written after a successful run records the key and the hash of every output file; the step
 * is skipped only when the key matches and each output is still there, byte for byte. So a changed
 * schema, a changed generator or an upgraded package reruns it, a fresh clone (no stamp) runs it, and a
 * deleted or edited output is remade. Node only.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface StepInputs {
  /** Files or folders (read recursively) the step reads, relative to the root. Missing ones count as missing. */
  files?: string[];
  /** Entry modules (scripts, library files) of the code that makes the output; their relative imports are followed. */
  code?: string[];
  /** Packages whose installed version matters beyond those the code imports (e.g. a font package read as a file). */
  packages?: string[];
  /** Anything else the output depends on: arguments, the build date. */
  values?: Record<string, string>;
}

export interface StepStamp {
  key: string;
  /** Output files relative to the root, each with the SHA-256 of its bytes. */
  outputs: Record<string, string>;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const toPosix = (p: string) => p.split(sep).join('/');

function walk(path: string, out: string[]): void {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) walk(join(path, name), out);
  } else out.push(path);
}

const IMPORT = /(?:\bimport|\bexport)\s*(?:[^'"()]*?\bfrom\s*)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;
const CODE_EXTENSIONS = ['', '.ts', '.tsx', '.mjs', '.js', '/index.ts', '/index.mjs', '/index.js'];

/** The package a bare specifier names: `@scope/name` or `name` (node: built-ins are not packages). */
function packageName(specifier: string): string | null {
  if (specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every project module reachable from the entries by relative imports, and the packages they import. */
export function codeClosure(root: string, entries: string[]): { modules: string[]; packages: string[] } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const queue = entries.map((e) => resolve(root, e));
  while (queue.length) {
    const file = queue.pop()!;
    if (modules.has(file)) continue;
    modules.add(file);
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (spec.startsWith('.')) {
        const base = resolve(dirname(file), spec);
        const found = CODE_EXTENSIONS.map((ext) => base + ext).find((p) => existsSync(p) && statSync(p).isFile());
        if (found) queue.push(found);
      } else {
        const name = packageName(spec);
        if (name) packages.add(name);
      }
    }
  }
  return { modules: [...modules].sort(), packages: [...packages].sort() };
}

function installedVersion(root: string, name: string): string {
  const manifest = join(root, 'node_modules', name, 'package.json');
  return existsSync(manifest) ? String(JSON.parse(readFileSync(manifest, 'utf8')).version) : 'absent';
}

/** The step's key: changes whenever anything it names (or its code imports) changes. */
export function stepKey(root: string, inputs: StepInputs): string {
  const hash = createHash('sha256');
  const line = (s: string) => hash.update(`${s}\n`);
  const files: string[] = [];
  for (const f of inputs.files ?? []) {
    const path = resolve(root, f);
    if (!existsSync(path)) line(`missing ${f}`);
    walk(path, files);
  }
  const closure = codeClosure(root, inputs.code ?? []);
  for (const f of [...new Set([...files, ...closure.modules])].sort()) line(`file ${toPosix(relative(root, f))} ${sha256(readFileSync(f))}`);
  for (const p of [...new Set([...closure.packages, ...(inputs.packages ?? [])])].sort()) line(`package ${p} ${installedVersion(root, p)}`);
  for (const [k, v] of Object.entries(inputs.values ?? {}).sort(([a], [b]) => a.localeCompare(b))) line(`value ${k}=${JSON.stringify(v)}`);
  return hash.digest('hex');
}

function outputHashes(root: string, outputs: string[]): Record<string, string> {
  const files: string[] = [];
  for (const o of outputs) walk(resolve(root, o), files);
  return Object.fromEntries(files.sort().map((f) => [toPosix(relative(root, f)), sha256(readFileSync(f))]));
}

function readStamp(stampPath: string): StepStamp | null {
  try {
    return JSON.parse(readFileSync(stampPath, 'utf8')) as StepStamp;
  } catch {
    return null;
  }
}

/** True when the stamp has this key and every output it recorded is there with the same bytes. */
export function isFresh(root: string, stampPath: string, key: string): boolean {
  const stamp = readStamp(stampPath);
  if (!stamp || stamp.key !== key || Object.keys(stamp.outputs).length === 0) return false;
  return Object.entries(stamp.outputs).every(([f, h]) => {
    const path = resolve(root, f);
    return existsSync(path) && sha256(readFileSync(path)) === h;
  });
}

export function writeStamp(root: string, stampPath: string, key: string, outputs: string[]): void {
  mkdirSync(dirname(stampPath), { recursive: true });
  const stamp: StepStamp = { key, outputs: outputHashes(root, outputs) };
  writeFileSync(stampPath, `${JSON.stringify(stamp, null, 2)}\n`);
}

/** Where the stamps live: beside the other build caches, so a fresh clone has none. */
export function stampPath(root: string, step: string): string {
  return join(root, 'node_modules', '.cache', 'handbook', `${step}.json`);
}

export interface CachedStep {
  root: string;
  /** The stamp's name (node_modules/.cache/handbook/<step>.json). */
  step: string;
  inputs: StepInputs;
  /** Output files or folders, relative to the root. */
  outputs: string[];
  run: () => unknown | Promise<unknown>;
  /** Run even when fresh (the stamp is still rewritten). */
  force?: boolean;
}

/**
 * Runs the step unless it is fresh; returns whether it ran. The key is computed before running, so an
 * input edited while the step runs makes the next build run again. A step that throws or sets a failing
 * exit code leaves no stamp.
 */
export async function runCachedStep(step: CachedStep): Promise<{ ran: boolean; key: string }> {
  const path = stampPath(step.root, step.step);
  const key = stepKey(step.root, step.inputs);
  if (!step.force && isFresh(step.root, path, key)) return { ran: false, key };
  await step.run();
  if (!process.exitCode) writeStamp(step.root, path, key, step.outputs);
  return { ran: true, key };
}
