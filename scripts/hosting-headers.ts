/**
 * Writes the hosting header files (public/_headers, hosting/nginx-headers.conf) from src/lib/csp.ts.
 *   npm run hosting:headers            write them
 *   npm run hosting:headers -- --check exit 1 if a committed copy differs
 *   --root <dir>                       another checkout (tests)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hostingFiles } from '../src/lib/hosting-headers.ts';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, root: { type: 'string' } } });
const root = values.root ?? join(import.meta.dirname, '..');
let stale = 0;
for (const [path, text] of Object.entries(hostingFiles())) {
  const file = join(root, path);
  if (values.check) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {}
    if (current !== text) {
      console.error(`${path} 與 src/lib/csp.ts 不一致：請執行 npm run hosting:headers`);
      stale++;
    }
  } else {
    writeFileSync(file, text);
    console.log(`已寫入 ${path}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
