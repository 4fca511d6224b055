/**
 * The training matrix for supervisors: staff × procedures from a folder of acknowledgement PDFs already
 * verified (signatures, trust, coverage) by the PDF verifier. A file that is not wholly valid and trusted is
 * listed as rejected with its reason and never counted. Each cell is
 *   已完成（現行版本）            an acknowledgement of the revision in force, with its content hash;
 *   已完成（前版有效）            an older revision, every later one released as needing no retraining;
 *   須重新培訓（已簽舊版本）       an older revision (or the current one with another content hash);
 *   未完成                        none.
 * Browser-safe; CSV export here too.
 */

export interface MatrixRevision {
  revision: string;
  contentHash: string;
  /** False for a minor correction released without retraining: acknowledgements of earlier revisions stay valid. */
  retraining: boolean;
}

export interface MatrixProcedure {
  procedure: string;
  docNumber: string;
  title: string;
  /** Every revision that has been in force, oldest first; the last is the one in force now. */
  revisions: MatrixRevision[];
}

/** What the matrix needs of an acknowledgement record. */
export interface AcknowledgementFacts {
  name: string;
  staffNumber: string;
  procedureNumber: string;
  revision: string;
  contentHash: string;
  score: number;
  attempts: number;
  date: string;
}

export interface VerifiedFile {
  file: string;
  /** True only when every signature is intact, trusted and covers the whole file. */
  accepted: boolean;
  /** The verifier's zh-TW reason when not accepted. */
  reason?: string;
  /** The embedded record's data, when it could be read. */
  data?: AcknowledgementFacts;
}

export type CellState = 'current' | 'carried' | 'retrain' | 'missing';

export const CELL_LABELS: Record<CellState, string> = {
  current: '已完成（現行版本）',
  carried: '已完成（前版有效）',
  retrain: '須重新培訓（已簽舊版本）',
  missing: '未完成',
};

export interface Cell {
  state: CellState;
  /** The acknowledgement the cell rests on. */
  file?: string;
  revision?: string;
  date?: string;
  score?: number;
  /** Why, in Chinese, when it is not plain. */
  note?: string;
}

export interface MatrixRow {
  staffNumber: string;
  name: string;
  cells: Record<string, Cell>;
}

export interface Matrix {
  procedures: MatrixProcedure[];
  rows: MatrixRow[];
  rejected: { file: string; reason: string }[];
}

const RANK: Record<CellState, number> = { current: 3, carried: 2, retrain: 1, missing: 0 };

function cellFor(p: MatrixProcedure, ack: AcknowledgementFacts, file: string): Cell | string {
  const index = p.revisions.findIndex((r) => r.revision === ack.revision);
  if (index < 0) return `${p.docNumber} 沒有版本/改次 ${ack.revision}`;
  const base = { file, revision: ack.revision, date: ack.date, score: ack.score };
  const signed = p.revisions[index];
  const last = p.revisions.length - 1;
  if (signed.contentHash !== ack.contentHash) {
    return { ...base, state: 'retrain', note: `所簽內容與版本/改次 ${ack.revision} 的文字不符（內容雜湊不同）` };
  }
  if (index === last) return { ...base, state: 'current' };
  const later = p.revisions.slice(index + 1);
  if (later.every((r) => !r.retraining)) {
    return { ...base, state: 'carried', note: `已簽 ${ack.revision}；其後 ${later.map((r) => r.revision).join('、')} 為毋須重新培訓的修訂` };
  }
  return { ...base, state: 'retrain', note: `已簽 ${ack.revision}，現行版本為 ${p.revisions[last].revision}` };
}

export function buildMatrix(procedures: MatrixProcedure[], files: VerifiedFile[]): Matrix {
  const byNumber = new Map(procedures.map((p) => [p.docNumber, p]));
  const rows = new Map<string, MatrixRow>();
  const rejected: Matrix['rejected'] = [];
  for (const f of files) {
    if (!f.accepted || !f.data) {
      rejected.push({ file: f.file, reason: f.reason ?? '檔案內沒有培訓確認記錄' });
      continue;
    }
    const p = byNumber.get(f.data.procedureNumber);
    if (!p) {
      rejected.push({ file: f.file, reason: `${f.data.procedureNumber} 不是本手冊的規程` });
      continue;
    }
    const cell = cellFor(p, f.data, f.file);
    if (typeof cell === 'string') {
      rejected.push({ file: f.file, reason: cell });
      continue;
    }
    let row = rows.get(f.data.staffNumber);
    if (!row) {
      row = { staffNumber: f.data.staffNumber, name: f.data.name, cells: {} };
      rows.set(row.staffNumber, row);
    }
    const prev = row.cells[p.procedure];
    // The best state wins; between equals, the later acknowledgement (and its name spelling).
    if (!prev || RANK[cell.state] > RANK[prev.state] || (RANK[cell.state] === RANK[prev.state] && (cell.date ?? '') > (prev.date ?? ''))) {
      row.cells[p.procedure] = cell;
      if (!prev || (cell.date ?? '') >= (prev.date ?? '')) row.name = f.data.name;
    }
  }
  const out = [...rows.values()].sort((a, b) => a.staffNumber.localeCompare(b.staffNumber));
  for (const row of out) for (const p of procedures) row.cells[p.procedure] ??= { state: 'missing' };
  return { procedures, rows: out, rejected };
}

/** How many staff hold each state, per procedure. */
export function matrixTotals(m: Matrix): Record<string, Record<CellState, number>> {
  return Object.fromEntries(
    m.procedures.map((p) => {
      const counts: Record<CellState, number> = { current: 0, carried: 0, retrain: 0, missing: 0 };
      for (const row of m.rows) counts[row.cells[p.procedure].state]++;
      return [p.procedure, counts];
    }),
  );
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function cellText(cell: Cell): string {
  const parts = [CELL_LABELS[cell.state]];
  if (cell.revision) parts.push(`${cell.revision}，${cell.date}，${cell.score} 分`);
  if (cell.note) parts.push(cell.note);
  return parts.join('；');
}

/**
 * The matrix as CSV (RFC 4180, CRLF, with a byte-order mark so spreadsheet programs read the Chinese as
 * UTF-8): one row per staff member, then the rejected files.
 */
export function matrixCsv(m: Matrix): string {
  const lines = [['員工編號', '姓名', ...m.procedures.map((p) => `${p.docNumber} ${p.title}（現行 ${p.revisions.at(-1)!.revision}）`)]];
  for (const row of m.rows) lines.push([row.staffNumber, row.name, ...m.procedures.map((p) => cellText(row.cells[p.procedure]))]);
  if (m.rejected.length) {
    lines.push([]);
    lines.push(['未計入的檔案', '原因']);
    for (const r of m.rejected) lines.push([r.file, r.reason]);
  }
  return `\uFEFF${lines.map((l) => l.map(csvField).join(',')).join('\r\n')}\r\n`;
}
