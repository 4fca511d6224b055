/**
 * Build-time access to procedure revisions for Astro pages. Cross-revision rules are checked
 * here, so any page that lists procedures fails the build on a broken register.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { checkRevisionSet, compareRevisions, type DocControl } from '../lib/documents/doc-control.ts';
import { effectiveProcedures, type ProcedureId } from '../lib/procedures.ts';

export type RevisionPage = CollectionEntry<'docs'> & { data: DocControl & { title: string } };

export function isRevisionPage(entry: CollectionEntry<'docs'>): entry is RevisionPage {
  return typeof (entry.data as { procedure?: unknown }).procedure === 'string';
}

/** Site path of a revision page: the entry id is its path below content/ ("sops/complaints/a-1"). */
export function revisionPath(entry: RevisionPage): string {
  return `/${entry.id.replace(/\/index$/, '')}/`;
}

export async function getRevisionPages(): Promise<RevisionPage[]> {
  const pages = (await getCollection('docs')).filter(isRevisionPage);
  const problems = checkRevisionSet(pages);
  if (problems.length) throw new Error(`受控文件清單有誤：\n${problems.join('\n')}`);
  return pages;
}

export interface ProcedureGroup {
  id: ProcedureId;
  /** Place in the issue order (frontmatter `order`). */
  order: number;
  effective: RevisionPage;
  /** Oldest first. */
  revisions: RevisionPage[];
}

export async function getProcedureGroups(): Promise<ProcedureGroup[]> {
  const pages = await getRevisionPages();
  // The procedures are whatever content/sops holds, in issue order (see lib/procedures.ts).
  return effectiveProcedures(pages.map((p) => p.data)).map(({ id, order }) => {
    const revisions = pages
      .filter((p) => p.data.procedure === id)
      .sort((a, b) => compareRevisions(a.data.revision, b.data.revision));
    return { id, order, revisions, effective: revisions.find((r) => r.data.status === 'effective')! };
  });
}
