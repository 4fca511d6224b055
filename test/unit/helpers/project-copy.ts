/**
 * A throw-away copy of the project (sources, content, schemas, public files) for tests that change
 * content or code and then run a build or a script in the copy.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const COPIED = ['astro.config.mjs', 'tsconfig.json', 'package.json', 'src', 'content', 'schemas', 'public', 'trust', 'scripts'];

export interface RunResult {
  status: number | null;
  output: string;
}

export interface ProjectCopy {
  dir: string;
  /** Runs a command in the copy. */
  run(command: string, args: string[], timeout?: number): RunResult;
  /** `astro build` in the copy. */
  build(): RunResult;
}

/** Copies the project, lets `use` change and inspect it, then removes the copy. */
export function withProjectCopy<T>(use: (copy: ProjectCopy) => T): T {
  const { copy, remove } = makeProjectCopy();
  try {
    return use(copy);
  } finally {
    remove();
  }
}

/** The same for a `use` that awaits (a browser on the copy's build): the copy is removed when it settles. */
export async function withProjectCopyAsync<T>(use: (copy: ProjectCopy) => Promise<T>): Promise<T> {
  const { copy, remove } = makeProjectCopy();
  try {
    return await use(copy);
  } finally {
    remove();
  }
}

function makeProjectCopy(): { copy: ProjectCopy; remove: () => void } {
  // Inside the project so the copy resolves the project's node_modules (a symlink confuses Vite).
  mkdirSync('.tmp', { recursive: true });
  const dir = mkdtempSync(join(process.cwd(), '.tmp', 'build-'));
  const run = (command: string, args: string[], timeout = 120_000): RunResult => {
    const r = spawnSync(command, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' }, timeout });
    return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
  };
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    for (const p of COPIED) {
      if (existsSync(p)) cpSync(p, join(dir, p), { recursive: true, filter: (src) => !src.includes('node_modules') });
    }
  } catch (e) {
    remove();
    throw e;
  }
  return { copy: { dir, run, build: () => run('npx', ['astro', 'build']) }, remove };
}

/** Replaces text in a file of the copy; throws if nothing changed, so a stale pattern cannot pass silently. */
export function edit(file: string, from: string | RegExp, to: string) {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`defect not applied to ${file}`);
  writeFileSync(file, next);
}
