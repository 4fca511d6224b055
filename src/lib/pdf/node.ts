/**
 * Node-only helpers for the CLIs, scripts and tests: font bytes from node_modules, form
 * definitions from schemas/, the CA trust list from trust/. The browser passes the same data
 * itself (fonts fetched from /fonts/, schemas bundled, trust list imported as JSON).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { PdfFontSources } from './layout/fonts.ts';
import { FormDefinitionError, type FormDefinition } from '../forms/definition/define.ts';
import { listFormIds, readFormDefinition } from '../forms/definition/node.ts';
import { ACKNOWLEDGEMENT_FORM_ID, recordFormDefinition } from '../forms/definition/index.ts';
import { PdfError } from './errors.ts';
import { pemCertificates } from '../shared/certificates.ts';
import type { VerifyOptions } from './verify/report.ts';
import { recordRules } from '../forms/validation/validator.ts';
import { keptFormBase } from '../forms/definition/revisions.ts';
import { KEPT_DIR, listKeptRevisions } from '../forms/build/revisions.ts';
import { standingOn, type RegisterRevision } from '../documents/register.ts';

const require = createRequire(import.meta.url);

export function fontPaths(): { tc: string; sc: string } {
  const tcDir = dirname(require.resolve('@expo-google-fonts/noto-sans-tc/package.json'));
  const scDir = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
  return {
    tc: join(tcDir, '400Regular', 'NotoSansTC_400Regular.ttf'),
    sc: join(scDir, '400Regular', 'NotoSansSC_400Regular.ttf'),
  };
}

let cached: PdfFontSources | null = null;

/** TC read now; SC read only if a document needs it. The same object is reused (warm parses). */
export function nodeFonts(): PdfFontSources {
  if (!cached) {
    const p = fontPaths();
    let sc: Uint8Array | null = null;
    cached = {
      tc: new Uint8Array(readFileSync(p.tc)),
      sc: async () => (sc ??= new Uint8Array(readFileSync(p.sc))),
    };
  }
  return cached;
}

export const REPO_ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../../..');

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** A form's definition from schemas/ (or another folder); an unreadable x-form is SCHEMA_INVALID. */
export function loadFormDefinition(formId: string, schemasDir = join(REPO_ROOT, 'schemas')): FormDefinition {
  try {
    return readFormDefinition(formId, schemasDir);
  } catch (e) {
    if (e instanceof FormDefinitionError) throw new PdfError('SCHEMA_INVALID', e.message);
    throw e;
  }
}

export { listFormIds };

export function loadExample(formId: string, schemasDir = join(REPO_ROOT, 'schemas')): unknown {
  return readJson(join(schemasDir, `${formId}.example.json`));
}

/**
 * The trust list: a JSON file ({ certificates: [{ name, pem }] } or a list of PEM strings), a
 * folder of .pem/.crt files, or a folder holding company-ca.json. Returns PEM strings.
 */
export function loadTrustList(path = join(REPO_ROOT, 'trust')): string[] {
  if (!existsSync(path)) return [];
  const pems: string[] = [];
  const fromJson = (file: string) => {
    const j = readJson<unknown>(file);
    const list = Array.isArray(j) ? j : ((j as { certificates?: unknown[] }).certificates ?? []);
    for (const item of list) {
      if (typeof item === 'string') pems.push(item);
      else if (item && typeof (item as { pem?: unknown }).pem === 'string') pems.push((item as { pem: string }).pem);
    }
  };
  if (statSync(path).isDirectory()) {
    for (const f of readdirSync(path).sort()) {
      const full = join(path, f);
      if (/\.(pem|crt|cer)$/i.test(f)) pems.push(readFileSync(full, 'utf8'));
      else if (f.endsWith('.json')) fromJson(full);
    }
  } else if (path.endsWith('.json')) {
    fromJson(path);
  } else {
    pems.push(readFileSync(path, 'utf8'));
  }
  // A file may hold several certificates.
  return pems.flatMap(pemCertificates);
}

export { approveRevisionFile, findRevisionFile, readApprovalFiles, registerWithApprovals, releaseRevisionFile, verifyRevisionFile, type ApproveFileRequest, type ReleaseFileRequest, type ReleaseResult } from './approvals-node.ts';

/**
 * The definition a record of `formId` filled under `formRevision` renders with: the current schema
 * when the revisions agree (or none is named), else schemas/revisions/<form>@<rev>; null when unknown.
 */
export function loadFormRevisionDefinition(formId: string, formRevision: string | undefined, schemasDir = join(REPO_ROOT, 'schemas')): FormDefinition | null {
  if (!/^[a-z0-9-]+$/.test(formId) || !existsSync(join(schemasDir, `${formId}.schema.json`))) return null;
  const current = loadFormDefinition(formId, schemasDir);
  if (!formRevision || formRevision === current.meta.revision) return current;
  const kept = join(schemasDir, KEPT_DIR);
  return existsSync(join(kept, `${keptFormBase(formId, formRevision)}.schema.json`)) ? readFormDefinition(formId, kept, keptFormBase(formId, formRevision)) : null;
}

/**
 * The kept form revisions (schemas/revisions/) whose procedure revisions are all superseded on
 * `today`: their blank forms are written stamped void as `<form>@<rev>.pdf`. Kept revisions written
 * for a draft are left out (not in use yet).
 */
export function keptBlankForms(schemasDir: string, register: RegisterRevision[], today: string): { form: FormDefinition; fileName: string; procedureRevision: string }[] {
  const out: { form: FormDefinition; fileName: string; procedureRevision: string }[] = [];
  for (const k of listKeptRevisions(schemasDir)) {
    const revs = register.filter((r) => r.procedure === k.procedure && k.procedureRevisions.includes(r.revision));
    const superseded = revs.filter((r) => standingOn(r, today) === 'superseded');
    if (superseded.length === 0 || superseded.length !== revs.length) continue;
    out.push({ form: readFormDefinition(k.formId, join(schemasDir, KEPT_DIR), k.base), fileName: `${k.base}.pdf`, procedureRevision: superseded.at(-1)!.revision });
  }
  return out;
}

/**
 * What verifying needs beyond trust and register, in Node: the form's rules (the compiled
 * validators) and the schemas and fonts to lay the embedded record out again.
 */
export function nodeRecordChecks(schemasDir = join(REPO_ROOT, 'schemas')): Pick<VerifyOptions, 'rules' | 'layout'> {
  return {
    rules: recordRules,
    layout: {
      form: (formId, formRevision) =>
        loadFormRevisionDefinition(formId, formRevision, schemasDir) ?? (formId === ACKNOWLEDGEMENT_FORM_ID ? recordFormDefinition(formId) : null),
      fonts: nodeFonts(),
    },
  };
}
