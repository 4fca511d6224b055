/**
 * The controlled-document register as plain data, read straight from the procedure sources so
 * Node tools (CLIs, tests) and the site (which passes it to islands) agree on which revision is
 * in force.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { docControlSchema, type DocStatus } from './doc-control.ts';
import type { ProcedureId } from './procedures.ts';

export interface RegisterRevision {
  procedure: ProcedureId;
  docNumber: string;
  title: string;
  revision: string;
  status: DocStatus;
  effectiveDate: string | null;
  /** Site path of this revision's page. */
  path: string;
}

export type RevisionStanding = 'effective' | 'superseded' | 'draft' | 'in-review' | 'unknown';

/** How the revision a record names stands in the register. */
export function revisionStanding(register: RegisterRevision[], docNumber: string, revision: string): RevisionStanding {
  const hit = register.find((r) => r.docNumber === docNumber && r.revision === revision);
  return hit ? hit.status : 'unknown';
}

export const STANDING_LABELS: Record<RevisionStanding, string> = {
  effective: '現行生效版本',
  superseded: '已作廢版本',
  draft: '草案（未生效）',
  'in-review': '審核中（未生效）',
  unknown: '本手冊無此版本',
};

/** Reads every revision under content/sops/<procedure>/*.mdx (Node only). */
export function readRegister(sopsDir: string): RegisterRevision[] {
  const out: RegisterRevision[] = [];
  for (const procedure of readdirSync(sopsDir)) {
    for (const file of readdirSync(join(sopsDir, procedure)).filter((f) => f.endsWith('.mdx'))) {
      const source = readFileSync(join(sopsDir, procedure, file), 'utf8');
      const front = /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';
      const raw = yaml.load(front) as Record<string, unknown>;
      const doc = docControlSchema.parse(raw);
      const slug = file.replace(/\.mdx$/, '');
      out.push({
        procedure: doc.procedure,
        docNumber: doc.docNumber,
        title: String(raw.title),
        revision: doc.revision,
        status: doc.status,
        effectiveDate: doc.effectiveDate ? doc.effectiveDate.toISOString().slice(0, 10) : null,
        path: slug === 'index' ? `/sops/${procedure}/` : `/sops/${procedure}/${slug}/`,
      });
    }
  }
  return out;
}
