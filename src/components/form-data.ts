/**
 * Build-time list of the form schemas' metadata for pages that list forms (register, form
 * index). Reads `schemas/*.schema.json` through Vite so a new schema appears without code.
 */
import { existsSync } from 'node:fs';

interface XForm {
  id: string;
  number: string;
  title: string;
  revision: string;
  procedure: string;
  procedureNumber: string;
  clause: string;
  confidentiality: string;
  retention?: { default?: string; rule?: unknown };
}

const schemaModules = import.meta.glob<{ default: { 'x-form'?: XForm } }>('../../schemas/*.schema.json', {
  eager: true,
});

export interface FormMeta extends XForm {
  retentionText: string;
  blankPdf: string | null;
}

export function listFormMeta(): FormMeta[] {
  return Object.values(schemaModules)
    .map((m) => m.default['x-form'])
    .filter((x): x is XForm => Boolean(x))
    .map((x) => ({
      ...x,
      retentionText: x.retention?.default ?? '—',
      blankPdf: existsSync(`public/blank-forms/${x.id}.pdf`) ? `/blank-forms/${x.id}.pdf` : null,
    }))
    .sort((a, b) => a.number.localeCompare(b.number));
}
