/**
 * The closing line of `npm test` counts a test file that fails to load as a failure: a real
 * Vitest run over a planted broken import, read by the runner's own summary.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { mergeReports, summarize } from '../../scripts/test-summary.mjs';

const root = resolve(import.meta.dirname, '../..');

function vitestReport(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'summary-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const out = join(dir, 'report.json');
  const run = spawnSync(
    join(root, 'node_modules/.bin/vitest'),
    ['run', '--root', dir, '--reporter=json', `--outputFile.json=${out}`],
    { cwd: dir, encoding: 'utf8' },
  );
  return { report: JSON.parse(readFileSync(out, 'utf8')), status: run.status ?? 1 };
}

describe('npm test closing line', () => {
  it('counts a file whose import fails as failed', () => {
    const { report, status } = vitestReport({
      'ok.test.ts': "import { it } from 'vitest'; it('passes', () => {});",
      'broken.test.ts': "import './missing-module.ts'; import { it } from 'vitest'; it('never runs', () => {});",
    });
    expect(status).not.toBe(0);
    const { line, brokenFiles } = summarize(report, status);
    expect(line).toBe('1 passed, 1 failed');
    expect(brokenFiles).toHaveLength(1);
    expect(brokenFiles[0]).toMatch(/broken\.test\.ts$/);
  });

  it('says 0 failed for a clean run', () => {
    const { report, status } = vitestReport({ 'ok.test.ts': "import { it } from 'vitest'; it('passes', () => {});" });
    expect(status).toBe(0);
    expect(summarize(report, status).line).toBe('1 passed, 0 failed');
  });

  it('merges the reports of the two projects run side by side: a broken file in either counts', () => {
    const unit = vitestReport({ 'a.test.ts': "import { it } from 'vitest'; it('one', () => {}); it('two', () => {});" });
    const browser = vitestReport({
      'b.test.ts': "import { it } from 'vitest'; it('three', () => {});",
      'broken.test.ts': "import './missing-module.ts'; import { it } from 'vitest'; it('never runs', () => {});",
    });
    const merged = mergeReports([unit.report, browser.report]);
    expect(merged.testResults).toHaveLength(3);
    const { line, brokenFiles } = summarize(merged, browser.status);
    expect(line).toBe('3 passed, 1 failed');
    expect(brokenFiles).toHaveLength(1);
    expect(summarize(mergeReports([unit.report]), unit.status).line).toBe('2 passed, 0 failed');
  });
});
