/**
 * Reads the register straight from the procedure sources, so Node tools (CLIs, tests) and the
 * site agree on which revision is in force. Node only.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readFrontmatter } from '../shared/frontmatter.ts';
import { docControlSchema } from './doc-control.ts';
import type { RegisterRevision } from './register.ts';

/** Reads every revision under content/sops/<procedure>/*.mdx (Node only). */
export function readRegister(sopsDir: string): RegisterRevision[] {
  const out: RegisterRevision[] = [];
  for (const procedure of readdirSync(sopsDir)) {
    for (const file of readdirSync(join(sopsDir, procedure)).filter((f) => f.endsWith('.mdx'))) {
      const source = readFileSync(join(sopsDir, procedure, file), 'utf8');
      const raw = readFrontmatter(source) ?? {};
      const doc = docControlSchema.parse(raw);
      const slug = file.replace(/\.mdx$/, '');
      out.push({
        procedure: doc.procedure,
        docNumber: doc.docNumber,
        title: String(raw.title),
        revision: doc.revision,
        status: doc.status,
        effectiveDate: doc.effectiveDate ? doc.effectiveDate.toISOString().slice(0, 10) : null,
        supersededDate: doc.supersededDate ? doc.supersededDate.toISOString().slice(0, 10) : null,
        path: slug === 'index' ? `/sops/${procedure}/` : `/sops/${procedure}/${slug}/`,
      });
    }
  }
  return out;
}
