/**
 * Every string a record PDF will draw, labelled with where it comes from, so the font subset is
 * made once and a missing glyph is reported against its field (DocFonts.create).
 */
import type { LabelledText } from '../layout/fonts.ts';
import { type FieldNode, type FormModel, displayValue, walkRecord } from './form-model.ts';

/** Every string the layout draws from the schema (titles, labels; option labels for blank forms). */
export function schemaTexts(model: FormModel, withOptions: boolean): LabelledText[] {
  const out: LabelledText[] = [];
  const m = model.meta;
  for (const text of [m.title, m.number, m.revision, m.procedureNumber, model.recordNumberTitle]) out.push({ label: '表單設定', text });
  for (const s of m.signatures) out.push({ label: '表單設定', text: s.label });
  const visit = (nodes: FieldNode[]) => {
    for (const n of nodes) {
      out.push({ label: '表單設定', text: n.title });
      if (n.type === 'group') visit(n.children);
      if (n.type === 'table') visit(n.columns);
      if (n.type === 'scalar' && withOptions) {
        for (const o of n.options) out.push({ label: n.title, text: o.label });
        if (n.preset !== undefined) out.push({ label: n.title, text: displayValue(n, n.preset) });
      }
    }
  };
  visit(model.fields);
  return out;
}

/** The strings a record's values are shown as, labelled with their field titles. */
export function valueTexts(nodes: FieldNode[], data: unknown): LabelledText[] {
  const out: LabelledText[] = [];
  walkRecord(nodes, data, (v) => {
    if (v.type !== 'scalar') return;
    const label = v.row ? `${v.row.table.title}第 ${v.row.index + 1} 列的${v.field.title}` : v.field.title;
    out.push({ label, text: displayValue(v.field, v.value) });
  });
  return out;
}
