#!/usr/bin/env node
/**
 * `npm test`: checks the system tools the tests drive (installing them with apt-get when run
 * as root), builds the site, then runs the Vitest projects side by side (unit and PDF in one process,
 * browser in another) and closes with one line for both.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { mergeReports, summarize } from './test-summary.mjs';
import { BROWSER_PACKAGES, PDF_TOOL_PACKAGES, ensureSystemPackages } from './system-packages.mjs';

if (!ensureSystemPackages([...BROWSER_PACKAGES, ...PDF_TOOL_PACKAGES], 'the tests')) process.exit(1);

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
if (run('npm', ['run', 'build'], { env }) !== 0) {
  console.error('The site build failed: see above.');
  process.exit(1);
}
mkdirSync('.tmp', { recursive: true });
// The two projects run side by side, one core each: Vitest runs a project limited to one file at a
// time (browser: one Chromium) only after every other file, which left a core idle for the whole
// browser half of the run.
const extra = process.argv.slice(2);
const runs = [
  { project: 'unit', report: '.tmp/vitest-unit.json', args: ['--maxWorkers=1'] },
  { project: 'browser', report: '.tmp/vitest-browser.json', args: [] },
];
for (const r of runs) rmSync(r.report, { force: true });
console.log(`\n$ vitest run --project unit --maxWorkers=1 & vitest run --project browser ${extra.join(' ')}`);
const statuses = await Promise.all(
  runs.map((r) =>
    runVitest(
      ['run', '--project', r.project, '--passWithNoTests', '--reporter=default', '--reporter=json', `--outputFile.json=${r.report}`, ...r.args, ...extra],
      env,
    ),
  ),
);
const reports = runs.filter((r) => existsSync(r.report)).map((r) => JSON.parse(readFileSync(r.report, 'utf8')));
// A run that wrote no report failed, whatever its exit code said.
const status = statuses.find((s) => s !== 0) ?? (reports.length === runs.length ? 0 : 1);
if (reports.length) {
  const { brokenFiles, line } = summarize(mergeReports(reports), status);
  for (const file of brokenFiles) console.log(`Test file failed outside its tests: ${file}`);
  console.log(`\n${line}`);
}
process.exit(status);

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

/** Runs Vitest, passing its output through whole lines so the two runs' lines do not interleave mid-line. */
function runVitest(args, env) {
  return new Promise((done) => {
    const child = spawn('npx', ['vitest', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const [from, to] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      let rest = '';
      from.setEncoding('utf8');
      from.on('data', (chunk) => {
        const text = rest + chunk;
        const cut = text.lastIndexOf('\n') + 1;
        to.write(text.slice(0, cut));
        rest = text.slice(cut);
      });
      from.on('end', () => rest && to.write(rest));
    }
    child.on('close', (code) => done(code ?? 1));
    child.on('error', () => done(1));
  });
}
