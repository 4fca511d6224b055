/**
 * Node side of revision approvals: finds a revision's MDX under content/sops/<procedure>/, reads
 * and writes its CMS files beside it (`<rev>.<role>.p7s`), for the build and the doc:approve CLI.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { APPROVAL_ROLES, approvalFileName, type ApprovalResult, type ApprovalRole } from '../documents/approval.ts';
import { readFrontmatter } from '../shared/frontmatter.ts';
import { approveRevision, verifyApprovals, type ApprovalFiles } from './approvals.ts';
import { readPkcs12 } from './sign/pkcs12.ts';

/** The MDX file of `revision` (e.g. "A/1") of `procedure`, or a zh-TW error. */
export function findRevisionFile(sopsDir: string, procedure: string, revision: string): string {
  const dir = join(sopsDir, procedure);
  if (!existsSync(dir)) throw new Error(`找不到程序「${procedure}」`);
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.mdx'))) {
    const front = readFrontmatter(readFileSync(join(dir, f), 'utf8'));
    if (front?.revision === revision) return join(dir, f);
  }
  throw new Error(`程序「${procedure}」沒有版本 ${revision}`);
}

function revisionOf(source: string, file: string): string {
  const rev = readFrontmatter(source)?.revision;
  if (typeof rev !== 'string') throw new Error(`${file}：沒有版本/改次`);
  return rev;
}

/** The CMS files beside a revision's MDX file. */
export function readApprovalFiles(mdxFile: string, source = readFileSync(mdxFile, 'utf8')): ApprovalFiles {
  const revision = revisionOf(source, mdxFile);
  const files: ApprovalFiles = {};
  for (const role of APPROVAL_ROLES) {
    const p = join(dirname(mdxFile), approvalFileName(revision, role));
    files[role] = existsSync(p) ? new Uint8Array(readFileSync(p)) : null;
  }
  return files;
}

/** The verified approvals of the revision in `mdxFile` against `trust` (PEM strings: node.ts loadTrustList). */
export async function verifyRevisionFile(mdxFile: string, trust: string[]): Promise<ApprovalResult[]> {
  const source = readFileSync(mdxFile, 'utf8');
  return verifyApprovals(source, readApprovalFiles(mdxFile, source), trust);
}

export interface ApproveFileRequest {
  sopsDir: string;
  /** CA certificates (PEM), as node.ts loadTrustList reads them. */
  trust: string[];
  procedure: string;
  revision: string;
  role: ApprovalRole;
  p12: Uint8Array;
  password: string;
  now?: Date;
}

/** Signs one role of a revision with a .p12 and writes its CMS file; returns the path written. Throws zh-TW errors. */
export async function approveRevisionFile(req: ApproveFileRequest): Promise<string> {
  const file = findRevisionFile(req.sopsDir, req.procedure, req.revision);
  const source = readFileSync(file, 'utf8');
  const signer = await readPkcs12(req.p12, req.password, { now: req.now });
  const cms = await approveRevision({
    source,
    role: req.role,
    signer,
    existing: readApprovalFiles(file, source),
    trust: req.trust,
    signingTime: req.now,
  });
  const out = join(dirname(file), approvalFileName(req.revision, req.role));
  writeFileSync(out, cms);
  return out;
}
