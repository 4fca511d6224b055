/**
 * The build itself is a check: a broken reference or a wrong document-control value must fail
 * `astro build` with a message naming it. Each case builds a copy of the project with one defect.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { edit, withProjectCopy, type RunResult } from './helpers/project-copy.ts';

function buildWith(defect: (dir: string) => void): RunResult {
  return withProjectCopy((copy) => {
    defect(copy.dir);
    return copy.build();
  });
}

// A whole `astro build` each: on a loaded 2-core machine one takes well over the default 60 s.
describe('the build fails on bad content', { timeout: 240_000 }, () => {
  it('a flowchart step citing a clause that does not exist', () => {
    const r = buildWith((dir) => edit(join(dir, 'content/flows/complaints.yaml'), /clause: "?4\.1\.2"?/, 'clause: "4.1.9"'));
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('4.1.9');
    expect(r.output).toContain('complaints');
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
