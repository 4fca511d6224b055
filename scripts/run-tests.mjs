#!/usr/bin/env node
/**
 * `npm test`: checks the system tools the tests drive (installing them with apt-get when run
 * as root), builds the site, then runs every Vitest project (unit, PDF, browser).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { summarize } from './test-summary.mjs';

const SYSTEM_TOOLS = [
  { bin: '/usr/bin/chromium', pkg: 'chromium' },
  { bin: 'pdfsig', pkg: 'poppler-utils' },
  { bin: 'pdftotext', pkg: 'poppler-utils' },
  { bin: 'pdffonts', pkg: 'poppler-utils' },
  { bin: 'pdftoppm', pkg: 'poppler-utils' },
  { bin: 'pdfdetach', pkg: 'poppler-utils' },
  { bin: 'qpdf', pkg: 'qpdf' },
  { bin: 'certutil', pkg: 'libnss3-tools' },
  { bin: 'openssl', pkg: 'openssl' },
];

function has(bin) {
  if (bin.startsWith('/')) return existsSync(bin);
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

const missing = [...new Set(SYSTEM_TOOLS.filter((t) => !has(t.bin)).map((t) => t.pkg))];
if (missing.length) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `Missing system packages for the tests: ${missing.join(' ')}\n` +
        `Install them, then run npm test again:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
    process.exit(1);
  }
  console.log(`Installing missing system packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (run('apt-get', ['update', '-qq'], { env }) !== 0 || run('apt-get', ['install', '-y', '-qq', ...missing], { env }) !== 0) {
    console.error(`apt-get could not install: ${missing.join(' ')}`);
    process.exit(1);
  }
}

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
if (run('npm', ['run', 'build'], { env }) !== 0) {
  console.error('The site build failed: see above.');
  process.exit(1);
}
mkdirSync('.tmp', { recursive: true });
const report = '.tmp/vitest-report.json';
const status = run(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { env },
);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const { brokenFiles, line } = summarize(r, status);
  for (const file of brokenFiles) console.log(`Test file failed outside its tests: ${file}`);
  console.log(`\n${line}`);
}
process.exit(status);
