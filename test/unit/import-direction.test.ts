/**
 * Dependency direction: components, pages, scripts -> pdf -> record, forms -> documents -> procedures, shared;
 * forms never imports pdf; shared imports nothing from the project. The checker runs on the real tree and
 * on a planted fixture, so a wrong import is shown to fail it.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { importSpecifiers, importViolations } from './helpers/import-layers.ts';

function plant(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'import-layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('import direction', () => {
  it('the project follows it', () => {
    expect(importViolations(process.cwd())).toEqual([]);
  });

  it('reads every kind of relative import, not comments or packages', () => {
    const source = [
      "import { a } from './a.ts';",
      'import type {\n  B,\n  C,\n} from "../b.ts";',
      "export { d } from './d.ts';",
      "import './side-effect.ts';",
      "const e = await import('./e.ts');",
      "// import { no } from './commented.ts';",
      "/** import { no } from './doc-comment.ts'; */",
      "import yaml from 'js-yaml';",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual(['./a.ts', '../b.ts', './d.ts', './side-effect.ts', './e.ts']);
  });

  it('fails on planted wrong imports, and a layer folder that does not exist yet is fine', () => {
    // No src/lib/record/ here: a missing layer folder is not a problem.
    const root = plant({
      'src/lib/shared/bytes.ts': "import { x } from '../documents/register.ts';\nexport const y = x;\n",
      'src/lib/shared/time.ts': "import { toU8 } from './bytes.ts';\nexport const t = toU8;\n",
      'src/lib/documents/register.ts': "import { FORM_IDS } from '../procedures.ts';\nexport const x = FORM_IDS;\n",
      'src/lib/procedures.ts': "import { t } from './shared/time.ts';\nexport const FORM_IDS = [t];\n",
      'src/lib/forms/rules.ts': "import { draw } from '../pdf/layout.ts';\nexport const r = draw;\n",
      'src/lib/pdf/layout.ts': "import { r } from '../forms/rules.ts';\nexport const draw = r;\n",
      'src/lib/documents/clauses.tsx': "import Page from '../../components/Page.astro';\nexport default Page;\n",
      'src/components/Page.astro': "---\nimport { draw } from '../lib/pdf/layout.ts';\n---\n",
      'src/lib/misc/orphan.ts': 'export const o = 1;\n',
    });
    try {
      expect(importViolations(root).sort()).toEqual(
        [
          'src/lib/shared/bytes.ts -> src/lib/documents/register.ts: src/lib/shared/ imports nothing from the project',
          'src/lib/shared/bytes.ts -> src/lib/documents/register.ts: procedures, shared may not import documents',
          'src/lib/forms/rules.ts -> src/lib/pdf/layout.ts: src/lib/forms/ never imports src/lib/pdf/',
          'src/lib/forms/rules.ts -> src/lib/pdf/layout.ts: record, forms may not import pdf',
          'src/lib/documents/clauses.tsx -> src/components/Page.astro: documents may not import components, pages, scripts',
          'src/lib/misc/orphan.ts: in no layer of LAYERS',
        ].sort(),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
