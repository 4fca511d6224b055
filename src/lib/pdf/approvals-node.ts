/**
 * Node side of revision approvals: finds a revision's MDX under content/sops/<procedure>/, reads
 * and writes its CMS files beside it (`<rev>.<role>.p7s`), for the build and the doc:approve CLI.
 */
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { APPROVAL_ROLES, APPROVAL_STATUS_LABELS, approvalFileName, type ApprovalResult, type ApprovalRole } from '../documents/approval.ts';
import { planRelease, ReleaseError, type ReleasePlan } from '../documents/release.ts';
import { readRegister } from '../documents/register-files.ts';
import type { RegisterRevision } from '../documents/register.ts';
import { handbookDate } from '../shared/time.ts';
import { promoteFormRevisions, type FormPromotion } from '../forms/build/revisions.ts';
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

export interface ReleaseFileRequest {
  sopsDir: string;
  /** schemas/: the forms of the released revision take the current place (see forms/build/revisions.ts). */
  schemasDir?: string;
  trust: string[];
  procedure: string;
  revision: string;
  /** YYYY-MM-DD */
  effective: string;
}

export interface ReleaseResult extends ReleasePlan {
  forms: FormPromotion[];
}

/**
 * `npm run doc:release`: refuses (ReleaseError, zh-TW) a revision whose 批准 is not validly signed
 * (verified against the content and `trust`, with the order and one-person rules), then writes the
 * release (documents/release.ts) and moves the forms that follow the revision.
 */
export async function releaseRevisionFile(req: ReleaseFileRequest): Promise<ReleaseResult> {
  const file = findRevisionFile(req.sopsDir, req.procedure, req.revision);
  const approvals = await verifyRevisionFile(file, req.trust);
  const approved = approvals.find((a) => a.role === 'approvedBy')!;
  if (approved.status !== 'valid') {
    throw new ReleaseError(
      `版本 ${req.revision} 沒有有效的批准簽章（批准：${APPROVAL_STATUS_LABELS[approved.status]}），不能發布生效。簽署狀況：${approvals.map((a) => a.message).join('；')}`,
    );
  }
  const dir = join(req.sopsDir, req.procedure);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .map((name) => ({ name, source: readFileSync(join(dir, name), 'utf8') }));
  const plan = planRelease(files, req.revision, req.effective);
  for (const w of plan.writes) writeFileSync(join(dir, w.name), w.source);
  for (const r of plan.removes) rmSync(join(dir, r));
  const forms = req.schemasDir ? promoteFormRevisions(req.schemasDir, req.procedure, plan.released, plan.superseded) : [];
  return { ...plan, forms };
}

/** The register with every revision's verified sign-offs (signer and date), for the register page and doc:register. */
export async function registerWithApprovals(sopsDir: string, trust: string[]): Promise<RegisterRevision[]> {
  const register = readRegister(sopsDir);
  for (const r of register) {
    const results = await verifyRevisionFile(findRevisionFile(sopsDir, r.procedure, r.revision), trust);
    r.approvals = results.map((a) => ({
      role: a.role,
      status: a.status,
      label: a.label,
      ...(a.signer ? { signer: a.signer } : {}),
      ...(a.signedAt ? { date: handbookDate(a.signedAt) } : {}),
    }));
  }
  return register;
}
