/**
 * The Debian packages the tests and the browser benchmarks drive, checked before they run: installed with
 * apt-get when run as root, otherwise the exact install line is printed and the caller exits.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const onPath = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
// A phone always has CJK fonts. Without one, Chromium draws boxes, lays them out at other widths and
// searches its font fallback for every run of text (a register page's layout took 8 times as long).
const hasCjkFont = () => spawnSync('fc-list', [':lang=zh-tw', 'family'], { encoding: 'utf8' }).stdout?.trim().length > 0;

export const BROWSER_PACKAGES = [
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { pkg: 'fonts-noto-cjk', present: hasCjkFont },
];

export const PDF_TOOL_PACKAGES = [
  { pkg: 'poppler-utils', present: () => ['pdfsig', 'pdftotext', 'pdffonts', 'pdftoppm', 'pdfdetach'].every(onPath) },
  { pkg: 'qpdf', present: () => onPath('qpdf') },
  { pkg: 'libnss3-tools', present: () => onPath('certutil') },
  { pkg: 'openssl', present: () => onPath('openssl') },
];

/** True when every package is there (installing the missing ones as root); prints why not otherwise. */
export function ensureSystemPackages(packages, purpose) {
  const missing = packages.filter((p) => !p.present()).map((p) => p.pkg);
  if (!missing.length) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `Missing system packages for ${purpose}: ${missing.join(' ')}\n` +
        `Install them, then run this again:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
    return false;
  }
  console.log(`Installing missing system packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...missing]]) {
    console.log(`\n$ apt-get ${args.join(' ')}`);
    if (spawnSync('apt-get', args, { stdio: 'inherit', env }).status !== 0) {
      console.error(`apt-get could not install: ${missing.join(' ')}`);
      return false;
    }
  }
  return true;
}

/** The browser benchmarks' start: Chromium and a CJK font, as on the readers' phones, or exit 2. */
export function requireBrowserPackages() {
  if (!ensureSystemPackages(BROWSER_PACKAGES, 'this benchmark')) process.exit(2);
}
