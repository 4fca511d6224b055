/**
 * Static SVG for a laid-out flow. No script; colours only through Starlight's theme variables (so light and
 * dark mode both work), with a print rule for black on white. Every node links to its clause anchor; a step
 * with a form also links to the form's page.
 */
import { PROCESS_RADIUS, TERMINAL_RADIUS } from './layout.ts';
import type { FlowLayout, PlacedEdge, PlacedLine, PlacedNode, Point } from './layout.ts';
import { formHref, formTitle } from './forms.ts';
import { labelText } from './model.ts';
import { FONT_SIZE } from './measure.ts';

/** Baseline offset of a line from its centre, in em: the CJK em box sits 0.88 em above / 0.12 em below. */
const BASELINE_EM = 0.36;
const ARROW_LENGTH = 9;
const ARROW_HALF_WIDTH = 4.5;

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const n = (v: number) => String(Math.round(v * 10) / 10);

/** Element ids used in the SVG, all prefixed with the procedure id. */
export function flowIds(procedure: string) {
  return {
    title: `${procedure}-flowchart-title`,
    desc: `${procedure}-flowchart-desc`,
    node: (id: string) => `${procedure}-flow-node-${id}`,
    edge: (id: string) => `${procedure}-flow-edge-${id}`,
  };
}

const STYLE = `
svg.flowchart{font-family:inherit;display:block;margin-inline:auto;overflow:visible;max-width:var(--flowchart-width);height:auto}
svg.flowchart .fc-shape{fill:var(--sl-color-bg,#fff);stroke:var(--sl-color-gray-3,#545861);stroke-width:1.5px}
svg.flowchart .fc-terminal .fc-shape{fill:var(--sl-color-gray-6,#eceef2)}
svg.flowchart .fc-decision .fc-shape{fill:var(--sl-color-accent-low,#dfe4f7);stroke:var(--sl-color-accent,#4a5bd0)}
svg.flowchart text{fill:var(--sl-color-text,#22262c);font-family:inherit}
svg.flowchart .fc-label{font-size:14px}
svg.flowchart .fc-clause{font-size:11px;fill:var(--sl-color-accent-high,#1e2a6e)}
svg.flowchart .fc-form text{font-size:11px;fill:var(--sl-color-text-accent,#3b4bb5);text-decoration:underline}
svg.flowchart .fc-edge-line{fill:none;stroke:var(--sl-color-gray-3,#545861);stroke-width:1.5px;stroke-linejoin:round}
svg.flowchart .fc-arrow{fill:var(--sl-color-gray-3,#545861)}
svg.flowchart .fc-edge-label-bg{fill:var(--sl-color-bg,#fff)}
svg.flowchart .fc-edge-label{font-size:14px;font-weight:600}
svg.flowchart a{cursor:pointer}
svg.flowchart a:hover .fc-shape{stroke:var(--sl-color-accent,#4a5bd0);stroke-width:2.5px}
svg.flowchart a:focus{outline:none}
svg.flowchart a:focus-visible{outline:3px solid var(--sl-color-accent,#4a5bd0);outline-offset:2px}
svg.flowchart a:focus-visible .fc-shape{stroke:var(--sl-color-accent,#4a5bd0);stroke-width:3.5px}
svg.flowchart .fc-form:focus-visible text{fill:var(--sl-color-accent-high,#1e2a6e)}
@media print{
svg.flowchart{max-height:245mm;break-inside:avoid}
svg.flowchart .fc-shape,svg.flowchart .fc-terminal .fc-shape,svg.flowchart .fc-decision .fc-shape{fill:#fff;stroke:#000}
svg.flowchart .fc-edge-line{stroke:#000}
svg.flowchart .fc-arrow{fill:#000}
svg.flowchart .fc-edge-label-bg{fill:#fff}
svg.flowchart text,svg.flowchart .fc-clause,svg.flowchart .fc-form text{fill:#000}
}
@media (forced-colors:active){
svg.flowchart .fc-shape,svg.flowchart .fc-edge-line{stroke:CanvasText}
svg.flowchart .fc-arrow{fill:CanvasText}
svg.flowchart text{fill:CanvasText}
svg.flowchart .fc-form text{fill:LinkText}
}`.trim();

function linesSvg(lines: PlacedLine[]): string {
  return lines
    .map((line) => {
      const cls = line.role === 'clause' ? 'fc-clause' : line.role === 'form' ? 'fc-form-text' : 'fc-label';
      const y = line.cy + BASELINE_EM * line.fontSize;
      return `<tspan class="${cls}" x="${n(line.cx)}" y="${n(y)}">${escapeXml(line.text)}</tspan>`;
    })
    .join('');
}

function shapeSvg(node: PlacedNode): string {
  const { x, y, width: w, height: h } = node;
  if (node.shape === 'decision') {
    const cx = x + w / 2;
    const cy = y + h / 2;
    return `<path class="fc-shape" d="M${n(cx)} ${n(y)}L${n(x + w)} ${n(cy)}L${n(cx)} ${n(y + h)}L${n(x)} ${n(cy)}Z"/>`;
  }
  const r = node.shape === 'terminal' ? Math.min(TERMINAL_RADIUS, h / 2) : PROCESS_RADIUS;
  return `<rect class="fc-shape" x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="${n(r)}"/>`;
}

/** Accessible name of a node: "4.1.1 聽清楚，耐心聽完不打斷" (+ the branches of a decision). */
export function nodeAccessibleName(node: { clause: string; label: string }, branches?: string): string {
  const label = labelText(node.label);
  return branches ? `${node.clause} ${label}（${branches}）` : `${node.clause} ${label}`;
}

export interface RenderOptions {
  /** Page that holds the clause anchors ("/sops/complaints/"); empty for the page the chart is on. */
  clausePage?: string;
}

function nodeSvg(layout: FlowLayout, node: PlacedNode, clausePage: string): string {
  const ids = flowIds(layout.flow.procedure);
  const byId = new Map(layout.nodes.map((nd) => [nd.id, nd]));
  const branches =
    node.shape === 'decision'
      ? layout.edges
          .filter((e) => e.from === node.id)
          .map((e) => `${e.label}：${labelText(byId.get(e.to)!.label)}`)
          .join('；')
      : undefined;
  const labelLines = node.text.filter((l) => l.role !== 'form');
  const formLine = node.text.find((l) => l.role === 'form');
  const shapeClass = `fc-node fc-${node.shape}`;
  let out = `<g class="${shapeClass}" id="${ids.node(node.id)}">`;
  out += `<a href="${escapeXml(`${clausePage}#${node.anchor}`)}" tabindex="0" aria-label="${escapeXml(nodeAccessibleName(node, branches))}">`;
  out += shapeSvg(node);
  out += `<text text-anchor="middle">${linesSvg(labelLines)}</text>`;
  out += `</a>`;
  if (node.form && formLine) {
    out += `<a class="fc-form" href="${escapeXml(formHref(node.form))}" tabindex="0" aria-label="表單：${escapeXml(formTitle(node.form))}">`;
    out += `<text text-anchor="middle">${linesSvg([formLine])}</text>`;
    out += `</a>`;
  }
  return out + `</g>`;
}

/** The arrowhead at the end of a polyline, and the line shortened so it does not poke through the tip. */
function arrow(points: Point[]): { line: Point[]; head: string } {
  const end = points[points.length - 1];
  const before = points[points.length - 2];
  const dx = end.x - before.x;
  const dy = end.y - before.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  const baseX = end.x - ux * ARROW_LENGTH;
  const baseY = end.y - uy * ARROW_LENGTH;
  const head =
    `M${n(end.x)} ${n(end.y)}` +
    `L${n(baseX - uy * ARROW_HALF_WIDTH)} ${n(baseY + ux * ARROW_HALF_WIDTH)}` +
    `L${n(baseX + uy * ARROW_HALF_WIDTH)} ${n(baseY - ux * ARROW_HALF_WIDTH)}Z`;
  const cut = Math.min(ARROW_LENGTH - 1, len);
  const line = [...points.slice(0, -1), { x: end.x - ux * cut, y: end.y - uy * cut }];
  return { line, head };
}

function edgeSvg(procedure: string, edge: PlacedEdge): string {
  const ids = flowIds(procedure);
  const { line, head } = arrow(edge.points);
  const d = line.map((p, i) => `${i ? 'L' : 'M'}${n(p.x)} ${n(p.y)}`).join('');
  return (
    `<g class="fc-edge" id="${ids.edge(edge.id)}">` +
    `<path class="fc-edge-line" d="${d}"/><path class="fc-arrow" d="${head}"/></g>`
  );
}

function edgeLabelSvg(edge: PlacedEdge): string {
  if (!edge.label || !edge.labelBox) return '';
  const b = edge.labelBox;
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  return (
    `<g class="fc-edge-label-group"><rect class="fc-edge-label-bg" x="${n(b.x)}" y="${n(b.y)}" width="${n(b.width)}" height="${n(b.height)}" rx="3"/>` +
    `<text class="fc-edge-label" text-anchor="middle" x="${n(cx)}" y="${n(cy + BASELINE_EM * FONT_SIZE)}">${escapeXml(edge.label)}</text></g>`
  );
}

/**
 * Inline SVG of a laid-out flow.
 *
 * The root is `role="group"`, not `role="img"`: an image's children are presentational, so the node links
 * inside it would be focusable but hidden from assistive technology (axe reports this as `nested-interactive`,
 * serious). As a group named by its `<title>` and described by its `<desc>`, every node stays a named link.
 */
export function renderFlowSvg(layout: FlowLayout, options: RenderOptions = {}): string {
  const clausePage = options.clausePage ?? '';
  const { flow } = layout;
  const ids = flowIds(flow.procedure);
  const desc = `${flow.description}（共 ${layout.nodes.length} 個步驟；逐步文字說明見圖下清單。）`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="flowchart" role="group" aria-labelledby="${ids.title}" aria-describedby="${ids.desc}"` +
    ` viewBox="0 0 ${layout.width} ${layout.height}" width="100%"` +
    ` data-procedure="${escapeXml(flow.procedure)}">` +
    `<title id="${ids.title}">${escapeXml(flow.title)}</title>` +
    `<desc id="${ids.desc}">${escapeXml(desc)}</desc>` +
    // The chart's size as a property of this chart, not a style="" attribute (the CSP allows no inline
    // styles but hashed ones): never wider than its layout; the page keeps it from shrinking below 95%.
    `<style>${STYLE}\nsvg.flowchart[data-procedure="${escapeXml(flow.procedure)}"]{--flowchart-width:${layout.width}px}</style>` +
    `<g class="fc-edges">${layout.edges.map((e) => edgeSvg(flow.procedure, e)).join('')}</g>` +
    `<g class="fc-nodes">${layout.nodes.map((nd) => nodeSvg(layout, nd, clausePage)).join('')}</g>` +
    `<g class="fc-edge-labels">${layout.edges.map(edgeLabelSvg).join('')}</g>` +
    `</svg>`
  );
}
