// Flowchart benchmark: for each procedure, ELK layout time (median of 20 runs after warm-up) and the size of the
// emitted SVG, raw and gzipped. Run from the project root: `npx node scripts/bench-flow.mjs`.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { readProcedures } from '../src/lib/procedures-files.ts';
import { expandFlow, loadFlow } from '../src/lib/flow/model.ts';
import { layoutFlow } from '../src/lib/flow/layout.ts';
import { renderFlowSvg } from '../src/lib/flow/svg.ts';

const RUNS = 20;
const WARM_UP = 5;
const root = process.cwd();
const dirs = { flowsDir: join(root, 'content/flows'), sopsDir: join(root, 'content/sops') };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const rows = [];
for (const { id: procedure } of readProcedures(dirs.sopsDir)) {
  const t0 = performance.now();
  const flow = expandFlow(loadFlow(procedure, dirs));
  const loadMs = performance.now() - t0;
  let layout;
  for (let i = 0; i < WARM_UP; i++) layout = await layoutFlow(flow);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    layout = await layoutFlow(flow);
    times.push(performance.now() - start);
  }
  const start = performance.now();
  const svg = renderFlowSvg(layout);
  const svgMs = performance.now() - start;
  const raw = Buffer.byteLength(svg);
  const gz = gzipSync(svg, { level: 9 }).length;
  rows.push({
    procedure,
    nodes: flow.nodes.length,
    edges: flow.edges.length,
    'load+check ms': loadMs.toFixed(1),
    'layout ms (median)': median(times).toFixed(1),
    'layout ms (min–max)': `${Math.min(...times).toFixed(1)}–${Math.max(...times).toFixed(1)}`,
    'svg ms': svgMs.toFixed(2),
    size: `${layout.width}×${layout.height}`,
    'SVG bytes': raw,
    'gzip bytes': gz,
  });
}

console.log(`Node ${process.version}, ${RUNS} runs after ${WARM_UP} warm-up runs per procedure`);
console.table(rows);
