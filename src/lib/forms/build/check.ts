/**
 * Node only (build time): checks the form schemas (./compile.ts then compiles them to standalone
 * validators). `scripts/compile-validators.mjs` is the CLI; tests call these functions on temporary
 * directories.
 *
 * Problems are reported in Chinese and English and name the file, e.g.
 *   schemas/complaint-intake.schema.json：x-form 不完整：缺少 recordNumberField／x-form is incomplete: missing recordNumberField
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv';
import yaml from 'js-yaml';
import { fileURLToPath } from 'node:url';
import { FORM_IDS, type Procedure } from '../../procedures.ts';
import { readProcedures } from '../../procedures-files.ts';
import { readFrontmatter } from '../../shared/frontmatter.ts';
import { addFormKeywords, AJV_OVERRIDES, FORMATS } from './keywords.ts';
import { listRules, signatureRoles } from '../rules.ts';
import type { FormSchema, FormMeta } from '../definition/schema.ts';
import { defineForm, type FormDefinition } from '../definition/define.ts';
import { retentionRule } from '../definition/retention.ts';
import { formRevisionKey } from '../definition/revisions.ts';
import { readRegister } from '../../documents/register-files.ts';
import { KEPT_DIR, keptSchemaId } from './revisions.ts';

type Ajv2020Class = typeof import('ajv/dist/2020.js').default;
export const Ajv2020 = ((Ajv2020Module as unknown as { default?: Ajv2020Class }).default ?? Ajv2020Module) as Ajv2020Class;

export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
export const SCHEMA_ID_BASE = 'https://property-sop-handbook.invalid/schemas/';

/** The procedures in force, read once from this project's content/sops (their numbers and issue order). */
let procedures: Map<string, Procedure> | undefined;
function procedureById(id: string): Procedure | undefined {
  procedures ??= new Map(readProcedures(fileURLToPath(new URL('../../../../content/sops/', import.meta.url))).map((p) => [p.id, p]));
  return procedures.get(id);
}

/** RJSF registers these two formats itself; the strict check must know them too. */
const RJSF_FORMATS: Record<string, RegExp> = {
  'data-url': /^data:([a-z]+\/[a-z0-9-+.]+)?;(?:name=(.*);)?base64,(.*)$/,
  color: /^#?([0-9A-Fa-f]{3}){1,2}$/,
};

export interface CheckOptions {
  schemasDir: string;
  /** Defaults to FORM_IDS. */
  formIds?: readonly string[];
  /** Directory of the procedure sources; when given, relatedRecords are checked too. */
  sopsDir?: string;
  /** Used to print paths relative to it. */
  rootDir?: string;
}

export interface CheckResult {
  problems: string[];
  warnings: string[];
  /** The forms that passed the check, read into their definitions. */
  forms: FormDefinition[];
  /** The kept form revisions (schemas/revisions/) that passed the check, by key `<form>@<rev>`. */
  kept: { key: string; base: string; form: FormDefinition }[];
}

export const problem = (file: string, zh: string, en: string) => `${file}：${zh}／${en}`;

function readJson(path: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(readFileSync(path, 'utf8')) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** A strict ajv: unknown keywords (typos) fail, keyword values are checked against their meta-schemas. */
export function createStrictAjv() {
  const ajv = new Ajv2020({
    ...AJV_OVERRIDES,
    strict: true,
    strictRequired: false,
    strictTypes: false,
    strictTuples: false,
    allErrors: true,
    formats: { ...FORMATS, ...RJSF_FORMATS },
  });
  addFormKeywords(ajv, { checkAnnotations: true });
  return ajv;
}

function ajvErrorsText(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`).join('; ');
}

/** Checks one schema (already parsed) and its companions; returns problems. */
export function checkFormSchema(
  id: string,
  schema: FormSchema,
  uiSchema: Record<string, unknown> | undefined,
  example: unknown,
  file: string,
  /** $id the schema must carry (kept revisions live in schemas/revisions/). */
  schemaId = `${SCHEMA_ID_BASE}${id}.schema.json`,
): string[] {
  const out: string[] = [];
  const p = (zh: string, en: string) => out.push(problem(file, zh, en));
  const ajv = createStrictAjv();

  if (schema.$schema !== SCHEMA_DIALECT) p(`$schema 應為 ${SCHEMA_DIALECT}`, `$schema must be ${SCHEMA_DIALECT}`);
  if (!ajv.validateSchema(schema)) {
    p(`不符合 JSON Schema 2020-12 元結構：${ajvErrorsText(ajv.errors)}`, 'invalid against the 2020-12 meta-schema');
    return out;
  }
  let validate: ReturnType<typeof ajv.compile> | undefined;
  try {
    validate = ajv.compile(schema);
  } catch (e) {
    p(`無法編譯：${(e as Error).message}`, 'cannot be compiled');
  }
  if (schema.$id !== schemaId) p(`$id 應為 ${schemaId}`, '$id does not match the file name');

  const x = schema['x-form'] as FormMeta | undefined;
  if (!x) {
    p('x-form 不完整：缺少 x-form', 'x-form is incomplete: missing');
    return out;
  }
  const props = schema.properties ?? {};
  const missing = (
    ['id', 'number', 'title', 'revision', 'procedure', 'procedureNumber', 'clause', 'retention', 'confidentiality', 'recordNumberField', 'dateField', 'signatures'] as const
  ).filter((k) => x[k] === undefined || x[k] === '');
  if (missing.length) p(`x-form 不完整：缺少 ${missing.join('、')}`, `x-form is incomplete: missing ${missing.join(', ')}`);
  if (x.id !== undefined && x.id !== id) p(`x-form.id「${x.id}」與檔名不符`, 'x-form.id does not match the file name');
  const revs = x.procedureRevisions;
  if (!Array.isArray(revs) || revs.length === 0 || revs.some((r) => typeof r !== 'string' || !/^[A-Z]\/\d+$/.test(r))) {
    p('x-form.procedureRevisions 應列出本表單版本所實施的程序版本（例如 ["A/0"]）', 'x-form.procedureRevisions must list the procedure revisions the form implements');
  }
  if (x.title && x.title !== schema.title) p('x-form.title 與 title 不符', 'x-form.title differs from title');
  const procedure = x.procedure ? procedureById(x.procedure) : undefined;
  if (x.procedure && !procedure) p(`未知的程序「${x.procedure}」`, 'unknown procedure');
  if (procedure) {
    if (x.procedureNumber !== procedure.docNumber) p(`程序編號應為 ${procedure.docNumber}`, 'wrong procedureNumber');
    const nn = String(procedure.order).padStart(2, '0');
    if (x.number && !x.number.startsWith('QR/GR-') && !x.number.startsWith(`HB-R-${nn}-`)) {
      p(`表單編號應為 HB-R-${nn}-nn`, `form number must be HB-R-${nn}-nn`);
    }
  }
  for (const key of ['recordNumberField', 'dateField', 'statusField'] as const) {
    const field = x[key];
    if (field && !(field in props)) p(`x-form.${key}「${field}」不是表單欄位`, `x-form.${key} is not a property`);
  }
  if (x.confidentiality === '絕密' && !props.confidentiality) p('絕密表單須有「密級」欄位', 'a 絕密 form needs a confidentiality property');
  const rule = x.retention ? retentionRule(x) : null;
  if (rule) {
    if (!(rule.field in props)) p(`保存期限規則的欄位「${rule.field}」不存在`, 'retention.rule.field is not a property');
    if (rule.derivedField && !(rule.derivedField in props)) p(`保存期限欄位「${rule.derivedField}」不存在`, 'retention.rule.derivedField is not a property');
  }

  // Signatures declared in x-form and in the schema agree, and "always" ones are required.
  const sigProps = props.signatures as FormSchema | undefined;
  const schemaRoles = Object.keys(sigProps?.properties ?? {});
  const xRoles = (x.signatures ?? []).map((s) => s.role);
  for (const r of xRoles) if (!schemaRoles.includes(r)) p(`簽署角色「${r}」沒有對應欄位`, `signature role ${r} has no property`);
  for (const r of schemaRoles) if (!xRoles.includes(r)) p(`簽署欄位「${r}」未列於 x-form.signatures`, `signature property ${r} is not in x-form.signatures`);
  const roles = signatureRoles(schema);
  for (const s of x.signatures ?? []) {
    if (s.required === 'always' && !roles.always.has(s.role)) p(`簽署「${s.label}」應為必填`, `signature ${s.role} is "always" but not required`);
    if (s.required === 'toClose' && !x.statusField) p(`簽署「${s.label}」結案時必填，但表單沒有狀態欄位`, 'toClose signature without statusField');
    if (s.required !== 'always' && s.required !== 'optional' && !roles.conditional.has(s.role)) {
      p(`簽署「${s.label}」的條件沒有規則執行`, `conditional signature ${s.role} is not enforced by any rule`);
    }
  }

  // Rules: unique ids under the form's prefix; every required name is a declared property.
  const seen = new Set<string>();
  for (const r of listRules(schema)) {
    if (!r.id.startsWith(`${id}/`)) p(`規則 ${r.id} 的編號應以「${id}/」開頭`, `rule id ${r.id} must start with ${id}/`);
    if (seen.has(r.id)) p(`規則編號 ${r.id} 重複`, `duplicate rule id ${r.id}`);
    seen.add(r.id);
  }
  for (const [where, names] of requiredNames(schema)) {
    for (const n of names) if (!(n in props)) p(`${where} 要求的欄位「${n}」不存在`, `${where} requires undeclared property ${n}`);
  }

  // UI schema: ui:order must list exactly the properties (RJSF throws on a missing one).
  if (!uiSchema) p('缺少 UI 結構檔（.uischema.json）', 'missing .uischema.json');
  else {
    const order = uiSchema['ui:order'];
    if (!Array.isArray(order)) p('UI 結構缺少 ui:order', 'uischema has no ui:order');
    else if (!order.includes('*')) {
      const extra = order.filter((k) => !(k in props));
      const absent = Object.keys(props).filter((k) => !order.includes(k));
      if (extra.length || absent.length) p(`ui:order 與欄位不符：${[...extra, ...absent].join('、')}`, 'ui:order does not match the properties');
    }
    // The form pages ship no Markdown renderer (src/components/forms/plain-markdown.tsx).
    if (/enableMarkdownInDescription":true/.test(JSON.stringify(uiSchema))) {
      p('UI 結構使用了 Markdown 說明（enableMarkdownInDescription），表單頁不載入 Markdown 轉換器', 'uischema enables Markdown descriptions');
    }
  }

  // Example: present and valid.
  if (example === undefined) p('缺少範例記錄（.example.json）', 'missing .example.json');
  else if (validate && !validate(example)) p(`範例記錄不符合表單結構：${ajvErrorsText(validate.errors)}`, 'the example does not validate');
  return out;
}

/** [where, names] for the root's required list and each allOf rule's then/else/required. */
function requiredNames(schema: FormSchema): [string, string[]][] {
  const out: [string, string[]][] = [['required', schema.required ?? []]];
  (schema.allOf ?? []).forEach((entry, i) => {
    for (const part of [entry, entry.then, entry.else]) {
      if (part && typeof part === 'object' && Array.isArray(part.required)) out.push([`allOf/${i}`, part.required]);
    }
  });
  return out;
}

/** Loads and checks every schema in `schemasDir`, plus that each form id has one. */
export function checkSchemas(options: CheckOptions): CheckResult {
  const { schemasDir, formIds = FORM_IDS, sopsDir, rootDir = process.cwd() } = options;
  const rel = (p: string) => relative(rootDir, p) || p;
  const problems: string[] = [];
  const warnings: string[] = [];
  const forms: FormDefinition[] = [];
  const kept: CheckResult['kept'] = [];
  const files = existsSync(schemasDir) ? readdirSync(schemasDir).filter((f) => f.endsWith('.schema.json')) : [];
  const ids = files.map((f) => f.replace(/\.schema\.json$/, ''));
  for (const id of formIds) {
    if (!ids.includes(id)) {
      problems.push(problem(rel(join(schemasDir, `${id}.schema.json`)), `表單「${id}」沒有表單結構檔`, `form ${id} (FORM_IDS) has no schema`));
    }
  }
  for (const id of ids) {
    const file = rel(join(schemasDir, `${id}.schema.json`));
    if (!formIds.includes(id)) problems.push(problem(file, `「${id}」不在 FORM_IDS 之內`, `${id} is not in FORM_IDS`));
    const s = readJson(join(schemasDir, `${id}.schema.json`));
    if (s.error) {
      problems.push(problem(file, `不是有效的 JSON：${s.error}`, 'not valid JSON'));
      continue;
    }
    const ui = existsSync(join(schemasDir, `${id}.uischema.json`)) ? readJson(join(schemasDir, `${id}.uischema.json`)) : {};
    const ex = existsSync(join(schemasDir, `${id}.example.json`)) ? readJson(join(schemasDir, `${id}.example.json`)) : {};
    if (ui.error) problems.push(problem(rel(join(schemasDir, `${id}.uischema.json`)), `不是有效的 JSON：${ui.error}`, 'not valid JSON'));
    if (ex.error) problems.push(problem(rel(join(schemasDir, `${id}.example.json`)), `不是有效的 JSON：${ex.error}`, 'not valid JSON'));
    const schema = s.value as FormSchema;
    const found = checkFormSchema(id, schema, ui.value as Record<string, unknown> | undefined, ex.value, file);
    problems.push(...found);
    if (found.length === 0) {
      forms.push(defineForm({ schema, uiSchema: ui.value, example: ex.value }));
    }
  }
  const keptDir = join(schemasDir, KEPT_DIR);
  const keptFiles = existsSync(keptDir) ? readdirSync(keptDir).filter((f) => f.endsWith('.schema.json')).sort() : [];
  for (const f of keptFiles) {
    const base = f.replace(/\.schema\.json$/, '');
    const file = rel(join(keptDir, f));
    const s = readJson(join(keptDir, f));
    if (s.error) {
      problems.push(problem(file, `不是有效的 JSON：${s.error}`, 'not valid JSON'));
      continue;
    }
    const schema = s.value as FormSchema;
    const x = schema['x-form'];
    const id = String(x?.id ?? '');
    const rev = String(x?.revision ?? '');
    if (!formIds.includes(id) || `${id}@${rev.toLowerCase().replace('/', '-')}` !== base) {
      problems.push(problem(file, `保留的表單版本應命名為 <表單代號>@<版本>.schema.json，且表單代號在 FORM_IDS 之內`, 'a kept form revision is named <form-id>@<rev>.schema.json'));
      continue;
    }
    const ui = existsSync(join(keptDir, `${base}.uischema.json`)) ? readJson(join(keptDir, `${base}.uischema.json`)) : {};
    const ex = existsSync(join(keptDir, `${base}.example.json`)) ? readJson(join(keptDir, `${base}.example.json`)) : {};
    const found = checkFormSchema(id, schema, ui.value as Record<string, unknown> | undefined, ex.value, file, keptSchemaId(id, rev));
    const current = forms.find((c) => c.id === id);
    if (current && current.meta.revision === rev) found.push(problem(file, `與現行表單同為版本 ${rev}`, 'same revision as the current form'));
    problems.push(...found);
    if (found.length === 0) kept.push({ key: formRevisionKey(id, rev), base, form: defineForm({ schema, uiSchema: ui.value, example: ex.value }) });
  }
  if (sopsDir) {
    // The current form is the one the procedure's effective revision uses.
    const register = existsSync(sopsDir) ? readRegister(sopsDir) : [];
    for (const f of forms) {
      const effective = register.find((r) => r.procedure === f.meta.procedure && r.status === 'effective');
      if (effective && !(f.meta.procedureRevisions ?? []).includes(effective.revision)) {
        problems.push(
          problem(
            rel(join(schemasDir, `${f.id}.schema.json`)),
            `現行表單應實施程序的生效版本 ${effective.revision}（x-form.procedureRevisions 為 ${JSON.stringify(f.meta.procedureRevisions ?? [])}）`,
            'the current form must implement the effective procedure revision',
          ),
        );
      }
    }
    const refs = checkContentFormRefs(sopsDir, schemasDir, rootDir);
    problems.push(...refs.problems);
    warnings.push(...refs.warnings);
  }
  return { problems, warnings, forms, kept };
}

/**
 * Every `relatedRecords[].formId` in the procedures' frontmatter must have a schema. A title that is
 * neither the form's title nor one of its aliases is a warning (the procedure text may be revised).
 */
export function checkContentFormRefs(sopsDir: string, schemasDir: string, rootDir = process.cwd()): { problems: string[]; warnings: string[] } {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (!existsSync(sopsDir)) return { problems, warnings };
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? walk(join(dir, d.name)) : d.name.endsWith('.mdx') ? [join(dir, d.name)] : [],
    );
  for (const path of walk(sopsDir)) {
    const file = relative(rootDir, path) || path;
    let data: { relatedRecords?: { formId?: string; title?: string }[] } | null;
    try {
      data = readFrontmatter(readFileSync(path, 'utf8')) as typeof data;
      if (!data) continue;
    } catch (e) {
      problems.push(problem(file, `frontmatter 不是有效的 YAML：${(e as Error).message}`, 'invalid YAML frontmatter'));
      continue;
    }
    for (const ref of data.relatedRecords ?? []) {
      const id = String(ref.formId ?? '');
      const schemaPath = join(schemasDir, `${id}.schema.json`);
      if (!id || !existsSync(schemaPath)) {
        problems.push(problem(file, `relatedRecords 的表單「${id}」沒有表單結構檔`, `relatedRecords formId ${id} has no schema`));
        continue;
      }
      const parsed = readJson(schemaPath).value as FormSchema | undefined;
      const x = parsed?.['x-form'] as FormMeta | undefined;
      const names = [x?.title, ...(x?.aliases ?? [])];
      if (ref.title && !names.includes(ref.title)) {
        warnings.push(problem(file, `relatedRecords 的「${ref.title}」與表單標題「${x?.title}」不同`, `title differs from the form title`));
      }
    }
  }
  return { problems, warnings };
}
