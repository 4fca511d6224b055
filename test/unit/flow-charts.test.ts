/**
 * The five real flowcharts: each loads against the clause anchors of its procedure's effective MDX, lays out
 * without overlaps, keeps its text inside its shapes, attaches every edge to its nodes' outlines, and emits an
 * SVG whose links all point at anchors the page has.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanClauses } from '../../src/lib/documents/clauses.ts';
import type { ProcedureId } from '../../src/lib/procedures.ts';
import { readProcedures } from '../../src/lib/procedures-files.ts';
import { expandFlow, loadFlow, MAX_LABEL_LINES, type ExpandedFlow } from '../../src/lib/flow/model.ts';
import {
  clipToRoundedCorner,
  layoutFlow,
  nodeOutline,
  TERMINAL_RADIUS,
  type Box,
  type FlowLayout,
  type PlacedNode,
  type Point,
} from '../../src/lib/flow/layout.ts';
import { renderFlowSvg } from '../../src/lib/flow/svg.ts';
import { MAX_LINE_EM, textEm, textWidth } from '../../src/lib/flow/measure.ts';

const root = process.cwd();
const dirs = { flowsDir: join(root, 'content/flows'), sopsDir: join(root, 'content/sops') };
const TOLERANCE = 1;

function anchorsOf(procedure: ProcedureId): Set<string> {
  const mdx = readFileSync(join(dirs.sopsDir, procedure, 'index.mdx'), 'utf8');
  return new Set(scanClauses(mdx).map((r) => r.anchor));
}

// ----- geometry helpers -----------------------------------------------------------------------------------

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

function distanceToOutline(p: Point, outline: Point[]): number {
  return Math.min(...outline.map((a, i) => distanceToSegment(p, a, outline[(i + 1) % outline.length])));
}

/** Inside (or on) a convex polygon given clockwise in screen coordinates. */
function insideConvex(p: Point, outline: Point[], margin = 0): boolean {
  return outline.every((a, i) => {
    const b = outline[(i + 1) % outline.length];
    const cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
    return cross / Math.hypot(b.x - a.x, b.y - a.y) >= margin;
  });
}

/** Distance from a point to the drawn border of a node: diamond, box, or rounded box (start/end). */
function distanceToBorder(p: Point, node: PlacedNode): number {
  if (node.shape !== 'terminal') return distanceToOutline(p, nodeOutline(node));
  const r = Math.min(TERMINAL_RADIUS, node.height / 2, node.width / 2);
  const cx = Math.min(Math.max(p.x, node.x + r), node.x + node.width - r);
  const cy = Math.min(Math.max(p.y, node.y + r), node.y + node.height - r);
  const inCorner = cx !== p.x && cy !== p.y;
  if (inCorner) return Math.abs(Math.hypot(p.x - cx, p.y - cy) - r);
  return distanceToOutline(p, nodeOutline({ ...node, shape: 'process' }));
}

function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Does an axis-parallel segment pass through the inside of a box (not just touch its border)? */
function segmentCrossesBox(a: Point, b: Point, box: Box, inset = 2): boolean {
  const x1 = box.x + inset;
  const x2 = box.x + box.width - inset;
  const y1 = box.y + inset;
  const y2 = box.y + box.height - inset;
  const minX = Math.min(a.x, b.x);
  const maxX = Math.max(a.x, b.x);
  const minY = Math.min(a.y, b.y);
  const maxY = Math.max(a.y, b.y);
  return maxX > x1 && minX < x2 && maxY > y1 && minY < y2;
}

// ----- SVG helpers ----------------------------------------------------------------------------------------

/** Minimal well-formedness check: tags balance and nest, attributes are quoted. */
function checkXml(svg: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(svg); m; m = tag.exec(svg)) {
    const between = svg.slice(last, m.index);
    expect(between, `stray markup before <${m[2]}>`).not.toMatch(/[<>]/);
    last = tag.lastIndex;
    const [, close, name, , selfClose] = m;
    if (close) expect(stack.pop(), `closing </${name}>`).toBe(name);
    else if (!selfClose) stack.push(name);
  }
  expect(svg.slice(last)).toBe('');
  expect(stack).toEqual([]);
}

describe('edge ends on rounded start/end nodes', () => {
  const node: PlacedNode = {
    id: 'end',
    kind: 'action',
    shape: 'terminal',
    label: '完成',
    lines: ['完成'],
    clause: '4.1',
    anchor: 'clause-4-1',
    start: false,
    end: true,
    x: 0,
    y: 0,
    width: 112,
    height: 40,
    text: [],
  };

  it('moves an end that ELK put in a rounded corner onto the arc, along its segment', () => {
    const fromAbove = [{ x: 5, y: -20 }, { x: 5, y: 0 }];
    expect(distanceToBorder(fromAbove[1], node)).toBeGreaterThan(TOLERANCE);
    clipToRoundedCorner(fromAbove, 1, node);
    expect(fromAbove[1].x).toBe(5);
    expect(distanceToBorder(fromAbove[1], node)).toBeLessThanOrEqual(TOLERANCE);
    const fromRight = [{ x: 112, y: 37 }, { x: 150, y: 37 }];
    clipToRoundedCorner(fromRight, 0, node);
    expect(fromRight[0].y).toBe(37);
    expect(distanceToBorder(fromRight[0], node)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('leaves ends on the straight part of the border alone', () => {
    const points = [{ x: 56, y: -20 }, { x: 56, y: 0 }];
    clipToRoundedCorner(points, 1, node);
    expect(points[1]).toEqual({ x: 56, y: 0 });
  });
});

// ----- the five flows -------------------------------------------------------------------------------------

describe.each(readProcedures('content/sops').map((p) => [p.id]))('flowchart %s', (procedure) => {
  let flow: ExpandedFlow;
  let layout: FlowLayout;
  let svg: string;
  let anchors: Set<string>;

  beforeAll(async () => {
    anchors = anchorsOf(procedure);
    flow = expandFlow(loadFlow(procedure, dirs));
    layout = await layoutFlow(flow);
    svg = renderFlowSvg(layout);
  });

  it('loads against the clause anchors of the effective MDX', () => {
    expect(flow.nodes.length).toBeGreaterThan(4);
    expect(flow.title).toMatch(/流程/);
    for (const node of flow.nodes) expect(anchors, `${node.id} → ${node.anchor}`).toContain(node.anchor);
    expect(flow.nodes.some((n) => n.shape === 'decision')).toBe(true);
    expect(flow.nodes.filter((n) => n.start).length).toBeGreaterThan(0);
    expect(flow.nodes.filter((n) => n.end).length).toBeGreaterThan(0);
  });

  it('keeps labels short: at most two lines of about 8 CJK characters', () => {
    for (const node of flow.nodes) {
      expect(node.lines.length, node.id).toBeLessThanOrEqual(Math.min(2, MAX_LABEL_LINES));
      for (const line of node.lines) expect(textEm(line), `${node.id}: ${line}`).toBeLessThanOrEqual(MAX_LINE_EM);
    }
  });

  it('lays out without overlapping node boxes', () => {
    const { nodes } = layout;
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        expect(boxesOverlap(nodes[i], nodes[j]), `${nodes[i].id} / ${nodes[j].id}`).toBe(false);
      }
    }
    for (const node of nodes) {
      expect(node.x).toBeGreaterThanOrEqual(0);
      expect(node.y).toBeGreaterThanOrEqual(0);
      expect(node.x + node.width).toBeLessThanOrEqual(layout.width);
      expect(node.y + node.height).toBeLessThanOrEqual(layout.height);
    }
  });

  it('fits every text line inside its shape (same width measure)', () => {
    for (const node of layout.nodes) {
      const outline = nodeOutline(node);
      for (const line of node.text) {
        const w = textWidth(line.text, line.fontSize);
        expect(w).toBeCloseTo(line.width, 5);
        const corners = [
          { x: line.cx - w / 2, y: line.cy - line.height / 2 },
          { x: line.cx + w / 2, y: line.cy - line.height / 2 },
          { x: line.cx + w / 2, y: line.cy + line.height / 2 },
          { x: line.cx - w / 2, y: line.cy + line.height / 2 },
        ];
        for (const c of corners) expect(insideConvex(c, outline, 1), `${node.id}: ${line.text}`).toBe(true);
      }
    }
  });

  it('starts and ends every edge on the outline of its source and target node', () => {
    const byId = new Map(layout.nodes.map((n) => [n.id, n]));
    expect(layout.edges).toHaveLength(flow.edges.length);
    for (const edge of layout.edges) {
      expect(edge.points.length).toBeGreaterThanOrEqual(2);
      const first = edge.points[0];
      const last = edge.points[edge.points.length - 1];
      const source = byId.get(edge.from)!;
      const target = byId.get(edge.to)!;
      expect(distanceToBorder(first, source), `${edge.id} start`).toBeLessThanOrEqual(TOLERANCE);
      expect(distanceToBorder(last, target), `${edge.id} end`).toBeLessThanOrEqual(TOLERANCE);
      // Orthogonal routing: every segment is horizontal or vertical.
      for (let i = 1; i < edge.points.length; i++) {
        const a = edge.points[i - 1];
        const b = edge.points[i];
        expect(Math.abs(a.x - b.x) < 0.01 || Math.abs(a.y - b.y) < 0.01, `${edge.id} segment ${i}`).toBe(true);
      }
    }
  });

  it('routes edges around the other nodes and places branch labels clear of every node', () => {
    for (const edge of layout.edges) {
      for (const node of layout.nodes) {
        if (node.id === edge.from || node.id === edge.to) continue;
        for (let i = 1; i < edge.points.length; i++) {
          expect(segmentCrossesBox(edge.points[i - 1], edge.points[i], node), `${edge.id} through ${node.id}`).toBe(false);
        }
      }
      if (edge.label) {
        expect(edge.labelBox, edge.id).toBeDefined();
        for (const node of layout.nodes) {
          expect(boxesOverlap(edge.labelBox!, node), `label of ${edge.id} on ${node.id}`).toBe(false);
        }
      }
    }
  });

  it('emits well-formed, accessible SVG with one clause link per node', () => {
    checkXml(svg);
    expect(svg.match(/<title[\s>]/g)).toHaveLength(1);
    expect(svg.match(/<desc[\s>]/g)).toHaveLength(1);
    expect(svg).toMatch(new RegExp(`^<svg [^>]*role="group" aria-labelledby="${procedure}-flowchart-title" aria-describedby="${procedure}-flowchart-desc"`));
    expect(svg).toContain(`viewBox="0 0 ${layout.width} ${layout.height}"`);
    const clauseLinks = [...svg.matchAll(/<a href="#([^"]+)" tabindex="0" aria-label="([^"]+)"/g)];
    expect(clauseLinks).toHaveLength(flow.nodes.length);
    for (const [, href, label] of clauseLinks) {
      expect(anchors).toContain(href);
      expect(label).toMatch(/^\d+(\.\d+)*( [a-z]\))? \S/);
    }
    const formLinks = [...svg.matchAll(/<a class="fc-form" href="\/forms\/([a-z0-9-]+)\/"/g)].map((m) => m[1]);
    expect(formLinks).toEqual(flow.nodes.filter((n) => n.form).map((n) => n.form));
    const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.startsWith(`${procedure}-`), id).toBe(true);
    // Colours come from the theme: no fill/stroke attributes, only classes and var(--sl-color-…).
    expect(svg).not.toMatch(/\s(fill|stroke)="/);
    expect(svg).toContain('var(--sl-color-text');
    expect(svg).toContain('a:focus-visible');
    expect(svg).toContain('@media print');
  });

  it('links the clauses of another page when asked to', () => {
    const elsewhere = renderFlowSvg(layout, { clausePage: `/sops/${procedure}/` });
    const hrefs = [...elsewhere.matchAll(/<a href="([^"]+)" tabindex/g)].map((m) => m[1]);
    expect(hrefs).toEqual(flow.nodes.map((n) => `/sops/${procedure}/#${n.anchor}`));
  });

  it('lays out the same way every time', async () => {
    const again = await layoutFlow(flow);
    expect(renderFlowSvg(again)).toBe(svg);
  });
});
