/**
 * The build itself is a check: a broken reference or a wrong document-control value must fail
 * `astro build` with a message naming it. Each case builds a copy of the project with one defect.
 */
import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

function buildWith(defect: (dir: string) => void): { status: number | null; output: string } {
  // Inside the project so the copy resolves the project's node_modules (a symlink confuses Vite).
  mkdirSync('.tmp', { recursive: true });
  const dir = mkdtempSync(join(process.cwd(), '.tmp', 'build-'));
  try {
    for (const p of ['astro.config.mjs', 'tsconfig.json', 'package.json', 'src', 'content', 'schemas', 'public', 'trust']) {
      if (existsSync(p)) cpSync(p, join(dir, p), { recursive: true, filter: (src) => !src.includes('node_modules') });
    }
    defect(dir);
    const r = spawnSync('npx', ['astro', 'build'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      timeout: 120_000,
    });
    return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function edit(file: string, from: string | RegExp, to: string) {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`defect not applied to ${file}`);
  writeFileSync(file, next);
}

describe('the build fails on bad content', () => {
  it('a flowchart step citing a clause that does not exist', () => {
    const r = buildWith((dir) => edit(join(dir, 'content/flows/complaints.yaml'), /clause: "?4\.1\.2"?/, 'clause: "4.1.9"'));
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('4.1.9');
    expect(r.output).toContain('complaints');
  });

  it('a quiz question citing a clause that does not exist', () => {
    const r = buildWith((dir) => edit(join(dir, 'content/training/complaints.yaml'), 'clause: "4.1.4"', 'clause: "4.1.9"'));
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('培訓測驗「complaints」題目「reply」引用的條款 4.1.9 不存在');
  });

  it('a document-control value outside its scheme', () => {
    const r = buildWith((dir) => edit(join(dir, 'content/sops/archives/index.mdx'), 'docNumber: HB-SOP-04', 'docNumber: SOP-4'));
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/docNumber|文件編號/);
  });

  it('two effective revisions of one procedure', () => {
    const r = buildWith((dir) => edit(join(dir, 'content/sops/follow-up/a-1.mdx'), /status: draft\neffectiveDate: null/, 'status: effective\neffectiveDate: 2026-11-27'));
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('應恰有一個生效版本，實有 2 個');
  });
});
