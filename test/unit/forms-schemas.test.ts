/**
 * Schemas, metadata, examples, the build check and the generated validator code.
 */
import { cpSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, test } from 'vitest';
import { FORM_IDS } from '../../src/lib/procedures.ts';
import { checkContentFormRefs, checkFormSchema, checkSchemas } from '../../src/lib/forms/build/check.ts';
import { buildValidators, toEsm, unsafeConstructs } from '../../src/lib/forms/build/compile.ts';
import { formDefinition, getExample, getFormMeta } from '../../src/lib/forms/definition/index.ts';
import { validateRecord, VALIDATOR_FUNCTIONS } from '../../src/lib/forms/validation/validate.ts';
import { requiredSignatures } from '../../src/lib/forms/rules.ts';
import type { JsonSchema } from '../../src/lib/forms/definition/schema.ts';
import complaintIntakeCjs from '../../src/generated/validators/complaint-intake.cjs';
import complaintIntakeMjs from '../../src/generated/validators/complaint-intake.mjs';
import { validatorLoaders } from '../../src/generated/validators/index.mjs';

const ROOT = join(import.meta.dirname, '../..');
const SCHEMAS = join(ROOT, 'schemas');
const GENERATED = join(ROOT, 'src/generated/validators');
const temps: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'forms-test-'));
  temps.push(d);
  return d;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of schemas/ to break. */
function schemaCopy(): string {
  const dir = tempDir();
  cpSync(SCHEMAS, join(dir, 'schemas'), { recursive: true });
  return join(dir, 'schemas');
}
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));
const writeJson = (p: string, v: unknown) => writeFileSync(p, JSON.stringify(v, null, 2));

const NUMBERS: Record<string, string> = {
  'complaint-intake': 'HB-R-01-01',
  'complaint-monthly-stats': 'HB-R-01-02',
  'violation-record': 'HB-R-02-01',
  'violation-notice': 'HB-R-02-02',
  'qr-gr-016': 'QR/GR-016',
  'qr-gr-036': 'QR/GR-036',
  'internal-coordination': 'HB-R-03-01',
  'outage-notice': 'HB-R-03-02',
  'archive-catalogue': 'HB-R-04-01',
  'archive-change': 'HB-R-04-02',
  'archive-access': 'HB-R-04-03',
  'follow-up-visit': 'HB-R-05-01',
  'follow-up-monthly-stats': 'HB-R-05-02',
};
const PROCEDURE_NUMBERS: Record<string, string> = {
  complaints: 'HB-SOP-01',
  violations: 'HB-SOP-02',
  communication: 'TP/QP-09',
  archives: 'HB-SOP-04',
  'follow-up': 'HB-SOP-05',
};

describe.each(FORM_IDS)('%s', (formId) => {
  const { schema, uiSchema } = formDefinition(formId);
  const example = getExample(formId);
  const x = getFormMeta(formId);

  test('passes the build check (2020-12, strict keywords, complete x-form, ui:order, example)', () => {
    expect(checkFormSchema(formId, schema, uiSchema as Record<string, unknown>, example, `${formId}.schema.json`)).toEqual([]);
  });

  test('x-form is complete and follows the numbering', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(x.id).toBe(formId);
    expect(x.title).toBe(schema.title);
    expect(x.number).toBe(NUMBERS[formId]);
    expect(x.revision).toBe('A/0');
    expect(x.procedureNumber).toBe(PROCEDURE_NUMBERS[x.procedure]);
    expect(x.clause).toMatch(/^\d+(\.\d+)*$/);
    expect(schema.properties?.[x.recordNumberField]).toBeDefined();
    expect(schema.properties?.[x.dateField]).toBeDefined();
    expect(x.signatures.length).toBeGreaterThan(0);
    for (const s of x.signatures) expect(schema.properties?.signatures?.properties?.[s.role]?.title).toBeTruthy();
    expect(x.confidentiality).toBe(x.procedure === 'archives' ? '絕密' : '一般');
    if (x.procedure === 'archives') expect(x.retention).toMatchObject({ default: '永久', clause: '4.9' });
    else if (formId.startsWith('violation-')) expect(x.retention.rule).toMatchObject({ field: 'level', values: { general: '一年', major: '五年' }, clause: '4.5' });
    else expect(x.retention).toMatchObject({ default: '三年', rule: null, assumed: true });
    if (x.retention.assumed) expect(x.retention.note).toBeTruthy();
  });

  test('the example validates with the compiled validator', () => {
    expect(validateRecord(formId, getExample(formId))).toEqual({ valid: true, errors: [] });
  });

  test('the example carries every signature the record needs', () => {
    const needed = requiredSignatures(x, example).map((s) => s.role);
    const present = Object.keys((example.signatures as Record<string, unknown>) ?? {});
    expect(needed.filter((r) => !present.includes(r))).toEqual([]);
  });

  test('user-facing text is Traditional Chinese: every property has a title', () => {
    const walk = (s: JsonSchema, path: string): string[] =>
      Object.entries(s.properties ?? {}).flatMap(([k, p]) => [
        ...(p.title ? [] : [`${path}/${k}`]),
        ...walk(p, `${path}/${k}`),
        ...(p.items ? walk(p.items, `${path}/${k}/items`) : []),
      ]);
    expect(walk(schema, '')).toEqual([]);
  });
});

describe('build check', () => {
  test('the real schemas and content pass, and the generated validators are up to date', () => {
    const r = buildValidators({ schemasDir: SCHEMAS, outDir: GENERATED, sopsDir: join(ROOT, 'content/sops'), rootDir: ROOT, checkOnly: true });
    expect(r.problems).toEqual([]);
    expect(r.forms.map((f) => f.id).sort()).toEqual([...FORM_IDS].sort());
  });

  test('fails when a signature role does not say whose name the record holds, or names a field that is not there', () => {
    const dir = schemaCopy();
    const edit = (file: string, change: (x: { signatures: Record<string, unknown>[] }) => void) => {
      const p = join(dir, file);
      const s = readJson(p);
      change(s['x-form']);
      writeJson(p, s);
    };
    edit('archive-access.schema.json', (x) => delete x.signatures[0].nameField);
    edit('complaint-intake.schema.json', (x) => (x.signatures[1].nameField = '/ownerNmae'));
    edit('violation-record.schema.json', (x) => (x.signatures[1].nameField = '/supervisorVisit/at'));
    edit('training/acknowledgement.schema.json', (x) => delete x.signatures[0].nameField);
    const { problems } = checkSchemas({ schemasDir: dir, rootDir: join(dir, '..') });
    expect(problems).toEqual([
      'schemas/archive-access.schema.json：簽署角色「查閱人」（accessor）未註明 nameField（記錄中簽署人姓名的欄位，如 "/accessor"；記錄未載姓名則為 null）／signature role accessor has no nameField (a JSON pointer to the signer\'s name, or null)',
      'schemas/complaint-intake.schema.json：簽署角色「業戶」（owner）的 nameField「/ownerNmae」不是表單欄位／nameField /ownerNmae of signature role owner is not a property',
      'schemas/violation-record.schema.json：簽署角色「物業主任」（supervisor）的 nameField「/supervisorVisit/at」不是填寫姓名的文字欄位／nameField /supervisorVisit/at of signature role supervisor is not a free-text field',
      'schemas/training/acknowledgement.schema.json：簽署角色「受訓人」（trainee）未註明 nameField（記錄中簽署人姓名的欄位，如 "/accessor"；記錄未載姓名則為 null）／signature role trainee has no nameField (a JSON pointer to the signer\'s name, or null)',
    ]);
  });

  test('fails on a form id without a schema, naming the file (zh + en)', () => {
    const dir = schemaCopy();
    unlinkSync(join(dir, 'outage-notice.schema.json'));
    const { problems } = checkSchemas({ schemasDir: dir, rootDir: join(dir, '..') });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('schemas/outage-notice.schema.json');
    expect(problems[0]).toContain('沒有表單結構檔');
    expect(problems[0]).toContain('has no schema');
  });

  test('fails on a procedure number other than the one the procedure\'s document control gives', () => {
    const dir = schemaCopy();
    const p = join(dir, 'violation-notice.schema.json');
    const s = readJson(p);
    s['x-form'].procedureNumber = 'HB-SOP-09';
    writeJson(p, s);
    const { problems } = checkSchemas({ schemasDir: dir, sopsDir: join(ROOT, 'content/sops'), rootDir: join(dir, '..') });
    expect(problems).toEqual(['schemas/violation-notice.schema.json：程序編號應為 HB-SOP-02／wrong procedureNumber']);
  });

  test('fails on a schema invalid against the 2020-12 meta-schema', () => {
    const dir = schemaCopy();
    const p = join(dir, 'qr-gr-016.schema.json');
    const s = readJson(p);
    s.properties.receivedAt.type = 'datetime';
    writeJson(p, s);
    const { problems } = checkSchemas({ schemasDir: dir, rootDir: join(dir, '..') });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^schemas\/qr-gr-016\.schema\.json：不符合 JSON Schema 2020-12 元結構/);
  });

  test('fails on a misspelt keyword (strict mode) and on a malformed rule', () => {
    const dir = schemaCopy();
    const p = join(dir, 'archive-change.schema.json');
    const s = readJson(p);
    s.allOf[0].requried = ['x'];
    writeJson(p, s);
    const p2 = join(dir, 'archive-access.schema.json');
    const s2 = readJson(p2);
    delete s2.allOf[1]['x-rule'].clause;
    writeJson(p2, s2);
    const { problems } = checkSchemas({ schemasDir: dir, rootDir: join(dir, '..') });
    expect(problems.some((m) => m.startsWith('schemas/archive-change.schema.json：') && m.includes('requried'))).toBe(true);
    expect(problems.some((m) => m.startsWith('schemas/archive-access.schema.json：'))).toBe(true);
  });

  test('fails on an incomplete x-form', () => {
    const dir = schemaCopy();
    const p = join(dir, 'follow-up-visit.schema.json');
    const s = readJson(p);
    delete s['x-form'].recordNumberField;
    s['x-form'].signatures.push({ role: 'manager', label: '經理', required: 'always' });
    writeJson(p, s);
    const { problems } = checkSchemas({ schemasDir: dir, rootDir: join(dir, '..') });
    expect(problems.every((m) => m.startsWith('schemas/follow-up-visit.schema.json：'))).toBe(true);
    expect(problems.join('\n')).toContain('recordNumberField');
    expect(problems.join('\n')).toContain('簽署角色「manager」沒有對應欄位');
  });

  test('fails when an example no longer validates, and on invalid JSON', () => {
    const dir = schemaCopy();
    const p = join(dir, 'complaint-intake.example.json');
    const e = readJson(p);
    e.isMajor = true;
    writeJson(p, e);
    writeFileSync(join(dir, 'archive-catalogue.schema.json'), '{ "title": ');
    const { problems } = checkSchemas({ schemasDir: dir, rootDir: join(dir, '..') });
    expect(problems.some((m) => m.startsWith('schemas/complaint-intake.schema.json：範例記錄不符合表單結構'))).toBe(true);
    expect(problems.some((m) => m.startsWith('schemas/archive-catalogue.schema.json：不是有效的 JSON'))).toBe(true);
  });

  test('relatedRecords in procedure frontmatter must name forms with a schema', () => {
    const root = tempDir();
    mkdirSync(join(root, 'sops/complaints'), { recursive: true });
    writeFileSync(
      join(root, 'sops/complaints/index.mdx'),
      '---\ntitle: 測試\nrelatedRecords:\n  - { formId: complaint-intake, title: 業戶意見受理表, clause: "4.1.5" }\n  - { formId: complaint-survey, title: 業戶滿意度調查表, clause: "4.2" }\n  - { formId: complaint-monthly-stats, title: 投訴月報, clause: "3" }\n---\n\n正文\n',
    );
    const r = checkContentFormRefs(join(root, 'sops'), SCHEMAS, root);
    expect(r.problems).toEqual(['sops/complaints/index.mdx：relatedRecords 的表單「complaint-survey」沒有表單結構檔／relatedRecords formId complaint-survey has no schema']);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('投訴月報');
  });

  test('the CLI exits 1 with the message on a broken tree, 0 on the real one', () => {
    const ok = spawnSync(process.execPath, [join(ROOT, 'scripts/compile-validators.mjs'), '--check'], { encoding: 'utf8' });
    expect(ok.stderr).not.toContain('失敗');
    expect(ok.status).toBe(0);
    const root = tempDir();
    for (const d of ['schemas', 'scripts', 'src/lib', 'content']) cpSync(join(ROOT, d), join(root, d), { recursive: true });
    symlinkNodeModules(root);
    unlinkSync(join(root, 'schemas/violation-notice.schema.json'));
    const bad = spawnSync(process.execPath, [join(root, 'scripts/compile-validators.mjs')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('表單結構檢查失敗');
    expect(bad.stderr).toContain('schemas/violation-notice.schema.json');
  });

  test('stale generated code is reported in --check mode', () => {
    const out = tempDir();
    cpSync(GENERATED, out, { recursive: true });
    writeFileSync(join(out, 'qr-gr-036.mjs'), '// edited by hand\n');
    const r = buildValidators({ schemasDir: SCHEMAS, outDir: out, rootDir: out, checkOnly: true });
    expect(r.stale).toEqual(['qr-gr-036.mjs']);
  });
});

function symlinkNodeModules(root: string) {
  // The copied script resolves packages from the copy's node_modules.
  spawnSync('ln', ['-s', join(ROOT, 'node_modules'), join(root, 'node_modules')]);
}

describe('generated validator code', () => {
  const files = readdirSync(GENERATED).filter((f) => /\.(cjs|mjs)$/.test(f));

  test('exists for every form, as CommonJS and as an ES module', () => {
    for (const id of FORM_IDS) {
      expect(files).toContain(`${id}.cjs`);
      expect(files).toContain(`${id}.mjs`);
    }
  });

  test.each(files)('%s has no eval, new Function, require or dynamic import', (file) => {
    const code = readFileSync(join(GENERATED, file), 'utf8');
    expect(code).not.toMatch(/new\s+Function/);
    expect(code).not.toMatch(/(^|[^.\w$])eval\s*\(/);
    if (file !== 'index.mjs') {
      expect(unsafeConstructs(code)).toEqual([]);
    } else {
      expect(code).not.toMatch(/\brequire\s*\(/);
    }
  });

  test('the .cjs imports under Vitest (CJS in ESM) and agrees with the .mjs', () => {
    const schemaId = formDefinition('complaint-intake').schema.$id;
    expect(Object.keys(complaintIntakeCjs).sort()).toEqual(Object.keys(complaintIntakeMjs).sort());
    const good = getExample('complaint-intake');
    const bad = { ...good, status: 'closed', resolved: false };
    for (const fns of [complaintIntakeCjs, complaintIntakeMjs]) {
      expect(fns[schemaId](good)).toBe(true);
      expect(fns[schemaId](bad)).toBe(false);
    }
    expect(complaintIntakeCjs[schemaId].errors).toEqual(complaintIntakeMjs[schemaId].errors);
  });

  test('the lazy loaders resolve to the same functions validate.ts uses', async () => {
    for (const id of FORM_IDS) {
      const fns = await validatorLoaders[id]();
      expect(Object.keys(fns)).toEqual(Object.keys(VALIDATOR_FUNCTIONS[id]));
    }
  });

  test('toEsm turns both export forms into a default export', () => {
    const esm = toEsm('"use strict";\nexports["a b"] = validate1;\nexports.c = validate2;\nfunction validate1(){return true}\nfunction validate2(){return false}\n');
    expect(esm).toContain('export default {\n  "a b": validate1,\n  "c": validate2,\n};');
    expect(esm).not.toContain('exports');
  });
});
