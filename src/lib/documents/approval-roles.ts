/**
 * The approval roles of a procedure revision (編制 -> 審核 -> 批准), their labels and their files: what the
 * /approve/ page shows before anyone signs. Apart from approval.ts, which parses frontmatter and the
 * document-control schema to compute what is signed, so the page loads js-yaml and zod only to sign.
 */
export const APPROVAL_ROLES = ['preparedBy', 'reviewedBy', 'approvedBy'] as const;
export type ApprovalRole = (typeof APPROVAL_ROLES)[number];

export const ROLE_LABELS: Record<ApprovalRole, string> = {
  preparedBy: '編制',
  reviewedBy: '審核',
  approvedBy: '批准',
};

/** File name of a role's detached CMS, beside the revision: `a-1.reviewedBy.p7s` (by revision, not file, so it survives a release). */
export function approvalFileName(revision: string, role: ApprovalRole): string {
  return `${revision.toLowerCase().replace('/', '-')}.${role}.p7s`;
}

export function isApprovalRole(s: string): s is ApprovalRole {
  return (APPROVAL_ROLES as readonly string[]).includes(s);
}
