/**
 * Procedures are content: a copy of the project gains a sixth procedure as content only (its MDX under
 * document control and its flow, no forms, no code change) and it then appears everywhere a procedure
 * does: the blank-form script's register, the sidebar, the register page, the search index, and its
 * own page with the flowchart and the print control header.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { withProjectCopy } from './helpers/project-copy.ts';

const TITLE = '物業公司公共區域清潔標準作業規程';

const MDX = `---
title: ${TITLE}
description: 規範公共區域的日常清潔、巡查及整改。
procedure: cleaning
order: 6
docNumber: HB-SOP-06
numberIssuer: handbook
issuedTitle: "第六篇:${TITLE}"
revision: A/0
status: effective
effectiveDate: 2026-12-01
approvals: { preparedBy: null, reviewedBy: null, approvedBy: null }
relatedRecords: []
retention: 現行版本長期保存；被取代的版本自作廢日起保存三年。
---

## 1、目的

規範公共區域清潔工作，確保大堂、走廊及樓梯整潔衛生。

## 4、程序要點

**4.1 每日清潔**清潔員按排班完成大堂、走廊及樓梯的清潔。

**4.2 巡查**物業主任每日巡查公共區域一次。

**4.3 整改**巡查不合格時，物業主任即時通知清潔員整改，整改後再行巡查。
`;

const FLOW = `title: 公共區域清潔流程
description: 每日清潔後巡查，不合格即整改並再巡查。
steps:
  - { id: clean, start: true, label: 每日清潔, clause: 4.1 }
  - { id: inspect, ask: 巡查合格？, yes: done, no: fix, clause: 4.2 }
  - { id: fix, label: 通知清潔員整改, clause: 4.3, next: inspect }
  - { id: done, end: true, label: 巡查完成, clause: 4.2 }
`;

/** The page text Pagefind indexed for a URL (its fragments are gzip'd JSON behind a "pagefind_dcd" tag). */
function indexedText(dist: string, url: string): string | null {
  const dir = join(dist, 'pagefind', 'fragment');
  for (const f of readdirSync(dir)) {
    const raw = gunzipSync(readFileSync(join(dir, f))).toString('utf8');
    const json = JSON.parse(raw.slice(raw.indexOf('{'))) as { url: string; content: string };
    if (json.url === url) return json.content.replace(/\u200b/g, '');
  }
  return null;
}

describe('a sixth procedure added as content only', () => {
  it('builds into the sidebar, the register, search and a printable page', () => {
    withProjectCopy((copy) => {
      mkdirSync(join(copy.dir, 'content/sops/cleaning'));
      writeFileSync(join(copy.dir, 'content/sops/cleaning/index.mdx'), MDX);
      writeFileSync(join(copy.dir, 'content/flows/cleaning.yaml'), FLOW);

      // The prebuild's blank-form script reads the whole register (it once stopped with a ZodError here).
      const blank = copy.run(process.execPath, ['scripts/blank-forms.ts', join(copy.dir, '.blank'), 'follow-up-visit']);
      expect(blank.output).not.toMatch(/ZodError|Invalid/);
      expect(blank.status, blank.output).toBe(0);

      const built = copy.build();
      expect(built.status, built.output).toBe(0);
      const dist = join(copy.dir, 'dist');
      const html = (path: string) => readFileSync(join(dist, path), 'utf8');

      // Its page, with the document-control block, the flowchart and the print header.
      const page = html('sops/cleaning/index.html');
      expect(page).toContain('HB-SOP-06');
      expect(page).toContain('class="procedure-flow"');
      expect(page).toContain('巡查合格？');
      expect(page).toContain(`@top-left { content: "HB-SOP-06　${TITLE}　版本/改次 A/0"; }`);
      expect(page).toContain('列印文本為非受控文件');

      // The sidebar of another procedure's page lists it, last (order 6).
      const sidebar = html('sops/complaints/index.html');
      const group = sidebar.slice(sidebar.indexOf('標準作業規程</span>'), sidebar.indexOf('</details>', sidebar.indexOf('標準作業規程</span>')));
      const links = [...group.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
      expect(links).toEqual(['/sops/complaints/', '/sops/violations/', '/sops/communication/', '/sops/archives/', '/sops/follow-up/', '/sops/cleaning/']);

      // The register lists it as in force.
      const register = html('register/index.html');
      expect(register).toContain('HB-SOP-06');
      expect(register).toContain(`<a href="/sops/cleaning/">${TITLE}</a>`);
      expect(existsSync(join(dist, 'sops/cleaning/history/index.html'))).toBe(true);

      // Search finds its text.
      const text = indexedText(dist, '/sops/cleaning/');
      expect(text).not.toBeNull();
      expect(text).toContain('巡查不合格時');
    });
  }, 240_000);
});
