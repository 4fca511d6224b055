/**
 * The bare Starlight anchor of `npm run bench:site` (src/lib/build/bench-site.ts): the same Markdown text as
 * the site's MDX, without our frontmatter, imports or components, and a project Starlight can build.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bareMdx, childCpuSeconds, makeBareStarlight, median } from '../../src/lib/build/bench-site.ts';

describe('bench:site anchor', () => {
  it('keeps the Markdown and the title, drops imports, exports, components and document-control fields', () => {
    const out = bareMdx(
      "---\ntitle: 投訴處理\ndescription: 說明\nrevision: A/0\nstatus: effective\n---\n\nimport X from '../x.astro';\nexport const y = 1;\n\n## 1、目的\n\n<RecordFormEmbed form=\"a\" />\n\n文字 **粗體** <b>保留</b>\n",
    );
    expect(out).toBe('---\ntitle: 投訴處理\ndescription: 說明\n---\n\n\n## 1、目的\n\n\n文字 **粗體** <b>保留</b>\n');
  });

  it('holds one page per procedure revision and the home page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bare-starlight-'));
    try {
      const pages = makeBareStarlight(process.cwd(), dir);
      expect(pages).toContain('index.mdx');
      expect(pages).toContain('sops/complaints/index.mdx');
      const page = readFileSync(join(dir, 'src/content/docs/sops/complaints/index.mdx'), 'utf8');
      expect(page).toContain('## 1、目的');
      expect(page).not.toMatch(/import |RecordFormEmbed|docNumber/);
      expect(existsSync(join(dir, 'astro.config.mjs'))).toBe(true);
      expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies).toHaveProperty('@astrojs/starlight');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('medians, and counts the CPU of finished children', async () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const before = childCpuSeconds();
    if (before === null) return; // not Linux: the bench prints wall time only
    const { execFileSync } = await import('node:child_process');
    execFileSync(process.execPath, ['-e', 'const t = Date.now(); while (Date.now() - t < 300);']);
    expect(childCpuSeconds()! - before).toBeGreaterThan(0.1);
  });
});
