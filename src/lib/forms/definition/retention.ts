/**
 * A form's retention period (保存期限) in words: one wording for the register, the form pages and
 * the PDFs. Browser-safe.
 */
import type { FormDefinition } from './define.ts';

/** What the wording reads: the metadata and the field tree (for the deciding field's labels). */
type Def = Pick<FormDefinition, 'meta' | 'fields'>;
import { findScalar, valueAt } from './fields.ts';
import type { FormMeta, RetentionRule } from './schema.ts';

/** The rule that sets the period from a field, if the form has one. */
export function retentionRule(meta: FormMeta): RetentionRule | null {
  const r = meta.retention?.rule;
  return r && typeof r === 'object' && typeof r.field === 'string' && r.values && typeof r.values === 'object' ? r : null;
}

/** The period for a record as its data stands: the rule's value, else the form's default. */
export function retentionOf(meta: FormMeta, data: unknown = {}): string {
  const rule = retentionRule(meta);
  if (rule && data !== undefined) {
    const hit = rule.values[String(valueAt(data, rule.field.split('.')))];
    if (typeof hit === 'string' && hit) return hit;
  }
  return meta.retention?.default ?? '';
}

/**
 * The rule spelled out with the deciding field's own labels and the clause that sets it:
 * 「一般違章：一年；重大違章：五年（依 4.5）」. Null without a rule.
 */
export function retentionRuleText(def: Def): string | null {
  const rule = retentionRule(def.meta);
  if (!rule) return null;
  const field = findScalar(def.fields, rule.field);
  const parts = Object.entries(rule.values).map(([v, period]) => {
    const label = field?.options.find((o) => String(o.value) === v)?.label ?? v;
    return `${label}：${period}`;
  });
  if (parts.length === 0) return null;
  return `${parts.join('；')}${rule.clause ? `（依 ${rule.clause}）` : ''}`;
}

function withAssumed(meta: FormMeta, text: string): string {
  return meta.retention?.assumed ? `${text}（暫定）` : text;
}

/** The period printed on a record: the one its data gives, marked 暫定 when the handbook chose it. */
export function retentionText(meta: FormMeta, data: unknown): string {
  return withAssumed(meta, retentionOf(meta, data));
}

/** The period printed on a blank form, where no data decides it: the rule in words, else the default. */
export function blankRetentionText(def: Def): string {
  const r = def.meta.retention;
  if (typeof r?.rule === 'string' && r.rule.trim() !== '') return withAssumed(def.meta, `${r.default}（${r.rule}）`);
  return withAssumed(def.meta, retentionRuleText(def) ?? r?.default ?? '');
}

/** The period as the register and the form pages list it, with the clause or the handbook's assumption. */
export function retentionSummary(def: Def): string {
  const ruleText = retentionRuleText(def);
  if (ruleText) return ruleText;
  const r = def.meta.retention;
  if (r.assumed) return `${r.default}（發行文本未規定，本手冊暫定）`;
  return r.clause ? `${r.default}（依 ${r.clause}）` : r.default;
}
