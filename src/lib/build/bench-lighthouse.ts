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
  /** The median over the runs; the range beside it. */
  performance: number | null;
  performanceRange: [number, number] | null;
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

function median(values: (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** One Lighthouse run of one page. */
async function audit(page: { name: string; url: string }, port: number): Promise<LighthouseRow> {
  const result = await lighthouse(page.url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'] });
  const lhr = result?.lhr;
  const audits = (lhr?.audits ?? {}) as Record<string, Audit>;
  const scripts = audits['resource-summary']?.details?.items?.find((i) => i.resourceType === 'script');
  const performance = score(lhr?.categories.performance?.score);
  return {
    ...page,
    performance,
    performanceRange: performance === null ? null : [performance, performance],
    accessibility: score(lhr?.categories.accessibility?.score),
    bestPractices: score(lhr?.categories['best-practices']?.score),
    cls: audits['cumulative-layout-shift']?.numericValue ?? null,
    tbt: audits['total-blocking-time']?.numericValue ?? null,
    scriptBytes: scripts?.transferSize ?? null,
  };
}

/** The medians of several runs of one page (CLS: the worst run, since a shift is a shift). */
export function medianRow(runs: LighthouseRow[]): LighthouseRow {
  const perf = runs.map((r) => r.performance).filter((x): x is number => x !== null);
  return {
    name: runs[0].name,
    url: runs[0].url,
    performance: median(runs.map((r) => r.performance)),
    performanceRange: perf.length ? [Math.min(...perf), Math.max(...perf)] : null,
    accessibility: median(runs.map((r) => r.accessibility)),
    bestPractices: median(runs.map((r) => r.bestPractices)),
    cls: runs.some((r) => r.cls !== null) ? Math.max(...runs.map((r) => r.cls ?? 0)) : null,
    tbt: median(runs.map((r) => r.tbt)),
    scriptBytes: median(runs.map((r) => r.scriptBytes)),
  };
}

/**
 * Runs Lighthouse `runs` times over the pages with one Chromium, the pages in turn within each run (so a
 * burst of load on a shared machine spreads over all pages), and gives each page's medians.
 */
export async function lighthouseTable(pages: { name: string; url: string }[], chromePath: string, log: (line: string) => void = () => {}, runs = 1): Promise<LighthouseRow[]> {
  const chrome = await launch({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  const byPage = pages.map(() => [] as LighthouseRow[]);
  try {
    for (let run = 1; run <= runs; run++) {
      for (const [i, page] of pages.entries()) {
        const row = await audit(page, chrome.port);
        byPage[i].push(row);
        log(`  run ${run}/${runs} ${page.name}: performance ${row.performance ?? '?'}, TBT ${row.tbt === null ? '?' : Math.round(row.tbt)} ms`);
      }
    }
  } finally {
    chrome.kill();
  }
  return byPage.map(medianRow);
}

/** The rows as a Markdown table. */
export function formatLighthouseTable(rows: LighthouseRow[]): string {
  const cell = (v: number | null, f: (n: number) => string) => (v === null ? '—' : f(v));
  const lines = [
    '| page | performance (median, range) | accessibility | best practices | CLS (worst) | TBT (median) | JS transferred |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${cell(r.performance, String)}${r.performanceRange && r.performanceRange[0] !== r.performanceRange[1] ? ` (${r.performanceRange[0]}–${r.performanceRange[1]})` : ''} | ${cell(r.accessibility, String)} | ${cell(r.bestPractices, String)} | ${cell(r.cls, (n) => n.toFixed(3))} | ${cell(r.tbt, (n) => `${Math.round(n)} ms`)} | ${cell(r.scriptBytes, (n) => `${(n / 1024).toFixed(1)} KiB`)} |`,
    ),
  ];
  return lines.join('\n');
}
