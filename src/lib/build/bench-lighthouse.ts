/**
 * `npm run bench:lighthouse`: Lighthouse (mobile preset, its default) on pages of the built site and on the bare
 * Starlight anchor's procedure page (see bench-site.ts), in Debian's Chromium, one page after another, and a
 * table of the scores and the figures the issue names. A benchmark, not a timed test. Node only.
 */
import lighthouse from 'lighthouse';
import { launch } from 'chrome-launcher';

export interface LighthouseRow {
  name: string;
  url: string;
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
  cls: number | null;
  tbt: number | null;
  /** Script bytes transferred while the page loaded. */
  scriptBytes: number | null;
}

interface Audit {
  numericValue?: number;
  details?: { items?: { resourceType?: string; transferSize?: number }[] };
}

const score = (s: number | null | undefined) => (s == null ? null : Math.round(s * 100));

/** Runs Lighthouse on each page in turn with one Chromium; the pages are served by the caller. */
export async function lighthouseTable(pages: { name: string; url: string }[], chromePath: string, log: (line: string) => void = () => {}): Promise<LighthouseRow[]> {
  const chrome = await launch({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  const rows: LighthouseRow[] = [];
  try {
    for (const page of pages) {
      const result = await lighthouse(page.url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'] });
      const lhr = result?.lhr;
      const audits = (lhr?.audits ?? {}) as Record<string, Audit>;
      const scripts = audits['resource-summary']?.details?.items?.find((i) => i.resourceType === 'script');
      const row: LighthouseRow = {
        ...page,
        performance: score(lhr?.categories.performance?.score),
        accessibility: score(lhr?.categories.accessibility?.score),
        bestPractices: score(lhr?.categories['best-practices']?.score),
        cls: audits['cumulative-layout-shift']?.numericValue ?? null,
        tbt: audits['total-blocking-time']?.numericValue ?? null,
        scriptBytes: scripts?.transferSize ?? null,
      };
      rows.push(row);
      log(`  ${page.name}: performance ${row.performance ?? '?'}`);
    }
  } finally {
    chrome.kill();
  }
  return rows;
}

/** The rows as a Markdown table. */
export function formatLighthouseTable(rows: LighthouseRow[]): string {
  const cell = (v: number | null, f: (n: number) => string) => (v === null ? '—' : f(v));
  const lines = [
    '| page | performance | accessibility | best practices | CLS | TBT | JS transferred (served uncompressed) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${cell(r.performance, String)} | ${cell(r.accessibility, String)} | ${cell(r.bestPractices, String)} | ${cell(r.cls, (n) => n.toFixed(3))} | ${cell(r.tbt, (n) => `${Math.round(n)} ms`)} | ${cell(r.scriptBytes, (n) => `${(n / 1024).toFixed(1)} KiB`)} |`,
    ),
  ];
  return lines.join('\n');
}
