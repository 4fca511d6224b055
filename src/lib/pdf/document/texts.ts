/**
 * Every string a record PDF will draw, labelled with where it comes from, so the font subset is
 * made once and a missing glyph is reported against its field (DocFonts.create).
 */
import type { LabelledText } from '../layout/fonts.ts';
import { type FieldNode, type FormModel, displayValue, valueAt } from './form-model.ts';

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
export function valueTexts(nodes: FieldNode[], data: unknown, prefix = ''): LabelledText[] {
  const out: LabelledText[] = [];
  for (const n of nodes) {
    if (n.type === 'scalar') {
      out.push({ label: prefix + n.title, text: displayValue(n, valueAt(data, n.path)) });
    } else if (n.type === 'group') {
      out.push(...valueTexts(n.children, data, prefix));
    } else {
      const rows = valueAt(data, n.path);
      if (Array.isArray(rows)) {
        rows.forEach((row, i) => {
          for (const c of n.columns) out.push({ label: `${n.title}第 ${i + 1} 列的${c.title}`, text: displayValue(c, valueAt(row, c.path)) });
        });
      }
    }
  }
  return out;
}
