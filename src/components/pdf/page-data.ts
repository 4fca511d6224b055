/**
 * Build-time data for the sign and verify pages: the controlled-document register as plain
 * RegisterRevision records (the same shape src/lib/documents/register-files.ts reads in Node), and the
 * company's trust list (trust/company-ca.json) as PEM strings. Both are passed to the islands as
 * props, so verification works offline and asks no server anything.
 */
import companyCa from '../../../trust/company-ca.json' with { type: 'json' };
import { pemCertificates } from '../../lib/shared/certificates.ts';
import type { RegisterRevision } from '../../lib/documents/register.ts';
import { getProcedureGroups, revisionPath } from '../procedure-data.ts';

export async function registerRevisions(): Promise<RegisterRevision[]> {
  const groups = await getProcedureGroups();
  return groups.flatMap((g) =>
    g.revisions.map((r) => ({
      procedure: r.data.procedure,
      docNumber: r.data.docNumber,
      title: r.data.title,
      revision: r.data.revision,
      status: r.data.status,
      effectiveDate: r.data.effectiveDate ? r.data.effectiveDate.toISOString().slice(0, 10) : null,
      supersededDate: r.data.supersededDate ? r.data.supersededDate.toISOString().slice(0, 10) : null,
      path: revisionPath(r),
    })),
  );
}

interface TrustFile {
  certificates?: ({ name?: string; pem?: string } | string)[];
}

/** PEM certificates of the CAs the company trusts (one entry may hold several). */
export function trustedCaPems(): string[] {
  const list = (companyCa as TrustFile).certificates ?? [];
  return list
    .map((c) => (typeof c === 'string' ? c : (c.pem ?? '')))
    .flatMap(pemCertificates);
}
