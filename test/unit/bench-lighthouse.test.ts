import { describe, expect, it } from 'vitest';
import { formatLighthouseTable, medianRow, type LighthouseRow } from '../../src/lib/build/bench-lighthouse.ts';

const run = (performance: number | null, tbt: number | null, cls: number | null): LighthouseRow => ({
  name: 'form',
  url: 'http://127.0.0.1/forms/x/',
  performance,
  performanceRange: performance === null ? null : [performance, performance],
  accessibility: 100,
  bestPractices: 96,
  cls,
  tbt,
  scriptBytes: 1000,
});

describe('bench:lighthouse medians', () => {
  it('takes the median score and TBT, the range of scores and the worst CLS', () => {
    const row = medianRow([run(90, 300, 0), run(70, 900, 0.05), run(95, 100, 0.01)]);
    expect(row.performance).toBe(90);
    expect(row.performanceRange).toEqual([70, 95]);
    expect(row.tbt).toBe(300);
    expect(row.cls).toBe(0.05);
    expect(formatLighthouseTable([row])).toContain('| form | 90 (70–95) | 100 | 96 | 0.050 | 300 ms | 1.0 KiB |');
  });

  it('an even number of runs gives the mean of the middle two; a failed run is left out', () => {
    const row = medianRow([run(80, 200, 0), run(null, null, null), run(90, 400, 0)]);
    expect(row.performance).toBe(85);
    expect(row.tbt).toBe(300);
  });
});
