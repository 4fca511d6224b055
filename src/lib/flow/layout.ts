/**
 * Build-time layout of an expanded flow with elkjs (layered, top to bottom, orthogonal edges).
 * Node sizes come from the label text (see measure.ts); a decision is a diamond large enough to hold its text;
 * ELK places the branch labels (是 / 否). The result is plain geometry for the SVG emitter.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode, ElkPort } from 'elkjs/lib/elk.bundled.js';
import type { ExpandedFlow, FlowEdge, FlowNode } from './model.ts';
import { formTitle } from './forms.ts';
import { FONT_SIZE, LINE_HEIGHT, SMALL_FONT_SIZE, SMALL_LINE_HEIGHT, textWidth } from './measure.ts';

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One line of text in a node, centred on (cx, cy). */
export interface PlacedLine {
  text: string;
  role: 'clause' | 'label' | 'form';
  cx: number;
  cy: number;
  width: number;
  height: number;
  fontSize: number;
}

export interface PlacedNode extends FlowNode, Box {
  lines: string[];
  text: PlacedLine[];
}

export interface PlacedEdge extends FlowEdge {
  /** Polyline from the source's border to the target's border. */
  points: Point[];
  /** Where the branch label goes (its box), if the edge has a label. */
  labelBox?: Box;
}

export interface FlowLayout {
  flow: ExpandedFlow;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

// Geometry constants (px).
const PAD_X = 14;
const PAD_Y = 9;
const MIN_WIDTH = 112;
const CLAUSE_GAP = 2;
const FORM_GAP = 3;
/** Diamond half-width = a·(1+R), half-height = b·(1+1/R) for text half-sizes a, b: the corners touch the text box. */
const DIAMOND_R = 0.7;
const DIAMOND_PAD = 4;
/** Corner radius of a start/end node (a rounded rectangle) and of a plain step. */
export const TERMINAL_RADIUS = 14;
export const PROCESS_RADIUS = 3;
const EDGE_LABEL_PAD_X = 5;
const EDGE_LABEL_PAD_Y = 2;

export const FLOW_LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.padding': '[top=12,left=12,bottom=12,right=12]',
  'elk.spacing.nodeNode': '32',
  'elk.spacing.edgeNode': '16',
  'elk.spacing.edgeEdge': '12',
  'elk.spacing.edgeLabel': '4',
  'elk.spacing.labelNode': '6',
  'elk.layered.spacing.nodeNodeBetweenLayers': '36',
  'elk.layered.spacing.edgeNodeBetweenLayers': '16',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
  // Keep the author's order: the main path stays in the order it is written, loops are the back edges.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
  'elk.layered.mergeEdges': 'false',
  'elk.edgeLabels.inline': 'false',
};

/** Text lines of a node, relative to the node's centre, and the node's size. */
function measureNode(node: FlowNode): { width: number; height: number; text: PlacedLine[] } {
  const rows: Omit<PlacedLine, 'cx' | 'cy'>[] = [];
  rows.push({
    text: node.clause,
    role: 'clause',
    width: textWidth(node.clause, SMALL_FONT_SIZE),
    height: SMALL_LINE_HEIGHT,
    fontSize: SMALL_FONT_SIZE,
  });
  for (const line of node.lines) {
    rows.push({ text: line, role: 'label', width: textWidth(line, FONT_SIZE), height: LINE_HEIGHT, fontSize: FONT_SIZE });
  }
  if (node.form) {
    const formText = `《${formTitle(node.form)}》`;
    rows.push({
      text: formText,
      role: 'form',
      width: textWidth(formText, SMALL_FONT_SIZE),
      height: SMALL_LINE_HEIGHT,
      fontSize: SMALL_FONT_SIZE,
    });
  }
  const gaps = CLAUSE_GAP + (node.form ? FORM_GAP : 0);
  const contentH = rows.reduce((h, r) => h + r.height, 0) + gaps;
  const contentW = Math.max(...rows.map((r) => r.width));

  let width: number;
  let height: number;
  if (node.shape === 'decision') {
    const a = contentW / 2 + DIAMOND_PAD;
    const b = contentH / 2 + DIAMOND_PAD;
    width = Math.ceil(2 * a * (1 + DIAMOND_R));
    height = Math.ceil(2 * b * (1 + 1 / DIAMOND_R));
  } else {
    width = Math.max(MIN_WIDTH, Math.ceil(contentW + 2 * PAD_X));
    height = Math.ceil(contentH + 2 * PAD_Y);
  }
  // Even sizes keep the centre (where diamond ports sit) on whole pixels.
  width += width % 2;
  height += height % 2;

  const text: PlacedLine[] = [];
  let y = -contentH / 2;
  rows.forEach((row, i) => {
    if (row.role === 'label' && i === 1) y += CLAUSE_GAP;
    if (row.role === 'form') y += FORM_GAP;
    text.push({ ...row, cx: 0, cy: y + row.height / 2 });
    y += row.height;
  });
  return { width, height, text };
}

function diamondPorts(node: FlowNode, width: number, height: number): ElkPort[] {
  // Decisions are entered at the top corner and left through the bottom (yes) and right (no) corners,
  // so every edge meets the diamond's outline.
  const port = (suffix: string, side: string, x: number, y: number): ElkPort => ({
    id: `${node.id}::${suffix}`,
    x,
    y,
    width: 0,
    height: 0,
    layoutOptions: { 'elk.port.side': side },
  });
  return [
    port('in', 'NORTH', width / 2, 0),
    port('yes', 'SOUTH', width / 2, height),
    port('no', 'EAST', width, height / 2),
  ];
}

let elk: InstanceType<typeof ELK> | undefined;

/** Lays out a flow. Deterministic for a given flow. */
export async function layoutFlow(flow: ExpandedFlow): Promise<FlowLayout> {
  elk ??= new ELK();
  const measured = new Map(flow.nodes.map((n) => [n.id, measureNode(n)]));
  const shapes = new Map(flow.nodes.map((n) => [n.id, n.shape]));

  const children: ElkNode[] = flow.nodes.map((node) => {
    const { width, height } = measured.get(node.id)!;
    if (node.shape !== 'decision') return { id: node.id, width, height };
    return {
      id: node.id,
      width,
      height,
      ports: diamondPorts(node, width, height),
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
    };
  });

  const edges: ElkExtendedEdge[] = flow.edges.map((edge) => {
    const source = shapes.get(edge.from) === 'decision' ? `${edge.from}::${edge.branch}` : edge.from;
    const target = shapes.get(edge.to) === 'decision' ? `${edge.to}::in` : edge.to;
    const elkEdge: ElkExtendedEdge = { id: edge.id, sources: [source], targets: [target] };
    if (edge.label) {
      elkEdge.labels = [
        {
          id: `${edge.id}::label`,
          text: edge.label,
          width: Math.ceil(textWidth(edge.label, FONT_SIZE) + 2 * EDGE_LABEL_PAD_X),
          height: LINE_HEIGHT + 2 * EDGE_LABEL_PAD_Y,
          layoutOptions: { 'elk.edgeLabels.placement': 'TAIL' },
        },
      ];
    }
    return elkEdge;
  });

  const input: ElkNode = { id: `flow-${flow.procedure}`, layoutOptions: FLOW_LAYOUT_OPTIONS, children, edges };
  const graph = await elk.layout(input);

  const round = (v: number) => Math.round(v * 10) / 10;
  const nodes: PlacedNode[] = flow.nodes.map((node) => {
    const laid = graph.children!.find((c) => c.id === node.id)!;
    const m = measured.get(node.id)!;
    const x = round(laid.x!);
    const y = round(laid.y!);
    const cx = x + m.width / 2;
    const cy = y + m.height / 2;
    return {
      ...node,
      x,
      y,
      width: m.width,
      height: m.height,
      text: m.text.map((line) => ({ ...line, cx: round(cx + line.cx), cy: round(cy + line.cy) })),
    };
  });

  const nodeById = new Map(nodes.map((node) => [node.id, node]));
  const placedEdges: PlacedEdge[] = flow.edges.map((edge) => {
    const laid = (graph.edges as ElkExtendedEdge[]).find((e) => e.id === edge.id)!;
    const section = laid.sections?.[0];
    if (!section) throw new Error(`流程圖「${flow.procedure}」的連線 ${edge.id} 沒有路徑`);
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({
      x: round(p.x),
      y: round(p.y),
    }));
    const label = laid.labels?.[0];
    const clean = dedupe(points);
    clipToRoundedCorner(clean, 0, nodeById.get(edge.from)!);
    clipToRoundedCorner(clean, clean.length - 1, nodeById.get(edge.to)!);
    const placed: PlacedEdge = { ...edge, points: clean };
    if (label && edge.label) {
      placed.labelBox = { x: round(label.x!), y: round(label.y!), width: label.width!, height: label.height! };
    }
    return placed;
  });

  return { flow, nodes, edges: placedEdges, width: Math.ceil(graph.width!), height: Math.ceil(graph.height!) };
}

/**
 * The outline of a node as a convex polygon: the diamond of a decision, the box of a step, and for a start/end
 * node its box with the corners cut where the rounding is (so a point inside it is inside the rounded box).
 */
export function nodeOutline(node: Box & { shape: FlowNode['shape'] }): Point[] {
  const { x, y, width: w, height: h } = node;
  if (node.shape === 'decision') {
    return [
      { x: x + w / 2, y },
      { x: x + w, y: y + h / 2 },
      { x: x + w / 2, y: y + h },
      { x, y: y + h / 2 },
    ];
  }
  if (node.shape === 'terminal') {
    const r = Math.min(TERMINAL_RADIUS, h / 2, w / 2);
    return [
      { x: x + r, y },
      { x: x + w - r, y },
      { x: x + w, y: y + r },
      { x: x + w, y: y + h - r },
      { x: x + w - r, y: y + h },
      { x: x + r, y: y + h },
      { x, y: y + h - r },
      { x, y: y + r },
    ];
  }
  return [
    { x, y },
    { x: x + w, y },
    { x: x + w, y: y + h },
    { x, y: y + h },
  ];
}

/**
 * ELK ends an edge on the node's box. On a start/end node the box's corners are rounded away: an end that
 * falls in a corner is moved along its (horizontal or vertical) segment onto the arc.
 */
export function clipToRoundedCorner(points: Point[], index: number, node: PlacedNode): void {
  if (node.shape !== 'terminal' || points.length < 2) return;
  const p = points[index];
  const other = points[index === 0 ? 1 : index - 1];
  const r = Math.min(TERMINAL_RADIUS, node.height / 2, node.width / 2);
  const cx = Math.min(Math.max(p.x, node.x + r), node.x + node.width - r);
  const cy = Math.min(Math.max(p.y, node.y + r), node.y + node.height - r);
  if (cx === p.x || cy === p.y) return;
  const vertical = Math.abs(other.x - p.x) < 0.01;
  const q = vertical
    ? { x: p.x, y: cy + Math.sign(p.y - cy) * Math.sqrt(Math.max(0, r * r - (p.x - cx) ** 2)) }
    : { x: cx + Math.sign(p.x - cx) * Math.sqrt(Math.max(0, r * r - (p.y - cy) ** 2)), y: p.y };
  points[index] = { x: Math.round(q.x * 10) / 10, y: Math.round(q.y * 10) / 10 };
}

function dedupe(points: Point[]): Point[] {
  return points.filter((p, i) => i === 0 || p.x !== points[i - 1].x || p.y !== points[i - 1].y);
}
