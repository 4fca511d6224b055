/**
 * A record's data as rows of 「field title — value」 for the verify page, laid out from the form's
 * schema the way the PDF shows it (groups, repeating rows, enum labels, 是/否). Without the form
 * (a record of a form this handbook does not have) the JSON keys are listed instead.
 */
import type { FormDefinition } from '../../lib/forms/definition/define.ts';
import { displayValue, walkRecord } from '../../lib/forms/definition/fields.ts';

export interface RecordRow {
  /** Field title (or JSON path without a form). */
  label: string;
  /** Shown value; '' when the field is empty. */
  value: string;
  /** 0 = top level; group and table rows are indented below their heading. */
  depth: number;
  /** A group or table heading without a value of its own. */
  heading?: boolean;
}

export function recordRows(def: FormDefinition | null, data: Record<string, unknown>): RecordRow[] {
  if (!def) return jsonRows(data, '', 0);
  const rows: RecordRow[] = [];
  walkRecord(def.fields, data, (v) => {
    if (v.type === 'scalar') rows.push({ label: v.field.title, value: displayValue(v.field, v.value), depth: v.depth });
    else if (v.type === 'group') rows.push({ label: v.field.title, value: '', depth: v.depth, heading: true });
    else if (v.type === 'table') {
      const n = v.rows.length;
      rows.push({ label: v.field.title, value: n === 0 ? '（無）' : `共 ${n} 列`, depth: v.depth, heading: n > 0 });
    } else rows.push({ label: `第 ${v.index + 1} 列`, value: '', depth: v.depth, heading: true });
  });
  if (def.signaturesKey) {
    const sigs = data[def.signaturesKey];
    const entries = def.meta.signatures
      .map((s) => ({ s, v: sigs && typeof sigs === 'object' ? (sigs as Record<string, unknown>)[s.role] : undefined }))
      .filter(({ v }) => v && typeof v === 'object');
    if (entries.length > 0) {
      rows.push({ label: '簽署（記錄所載）', value: '', depth: 0, heading: true });
      for (const { s, v } of entries) {
        const o = v as Record<string, unknown>;
        const parts = [typeof o.name === 'string' ? o.name : '', typeof o.signedOn === 'string' ? o.signedOn : ''].filter(Boolean);
        if (typeof o.image === 'string' && o.image) parts.push('附手寫簽名圖像');
        rows.push({ label: s.label, value: parts.join('，'), depth: 1 });
      }
    }
  }
  return rows;
}

function jsonRows(value: unknown, path: string, depth: number): RecordRow[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const out: RecordRow[] = [];
    for (const [k, v] of Object.entries(value)) {
      const label = path ? `${path}.${k}` : k;
      if (v && typeof v === 'object') {
        out.push({ label, value: '', depth, heading: true });
        out.push(...jsonRows(v, label, depth + 1));
      } else {
        out.push({ label, value: v === null || v === undefined ? '' : String(v), depth });
      }
    }
    return out;
  }
  if (Array.isArray(value)) {
    return value.flatMap((v, i) => {
      const label = `${path}[${i + 1}]`;
      return v && typeof v === 'object'
        ? [{ label, value: '', depth, heading: true }, ...jsonRows(v, label, depth + 1)]
        : [{ label, value: String(v), depth }];
    });
  }
  return [{ label: path, value: value === null || value === undefined ? '' : String(value), depth }];
}
