/**
 * Signing and verifying the approvals of a procedure revision as detached CAdES CMS files, with the
 * same .p12 reading and CMS code the records use. Browser-safe: the caller passes the revision's
 * MDX source, the CMS files and the trust list. What is signed and the role rules are in
 * src/lib/documents/approval.ts.
 */
import * as pkijs from 'pkijs';
import {
  APPROVAL_ROLES,
  ROLE_LABELS,
  applyApprovalRules,
  approvalSignedBytes,
  orderMessage,
  sameMessage,
  type ApprovalResult,
  type ApprovalRole,
  type SignatureCheck,
} from '../documents/approval.ts';
import { nameText } from '../shared/certificates.ts';
// The records' signing primitives and trust chain, imported here only.
import { createCadesSignature, parseCms, sha256, verifyCmsSignature } from './sign/cms.ts';
import type { Signer } from './sign/pkcs12.ts';
import { buildChain, parseTrust, sameBytes } from './verify/trust.ts';

export type ApprovalFiles = Partial<Record<ApprovalRole, Uint8Array | null>>;

/** A refused approval: a zh-TW message for the user. */
export class ApprovalError extends Error {
  readonly code: 'order' | 'same-person' | 'already-signed' | 'untrusted';
  constructor(code: ApprovalError['code'], message: string) {
    super(message);
    this.name = 'ApprovalError';
    this.code = code;
  }
}

function hex(u: Uint8Array): string {
  return [...u].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function subjectHex(cert: pkijs.Certificate): string {
  return hex(new Uint8Array(cert.subject.toSchema().toBER(false)));
}

/** The detached CMS (DER) of `signer` approving `source` in `role`. Applies no rules: see approveRevision. */
export async function signApproval(source: string, role: ApprovalRole, signer: Signer, signingTime = new Date()): Promise<Uint8Array> {
  return createCadesSignature(signer, await sha256(approvalSignedBytes(source, role)), signingTime);
}

/** One role's CMS file against the revision's content and the trust list: valid, altered, untrusted or invalid. */
export async function checkApprovalSignature(source: string, role: ApprovalRole, cms: Uint8Array, trust: string[]): Promise<SignatureCheck> {
  let parsed;
  try {
    parsed = parseCms(cms);
  } catch {
    return { role, status: 'invalid', detail: '簽章檔無法解析' };
  }
  const cert = parsed.signerCert;
  const base: SignatureCheck = {
    role,
    status: 'valid',
    signer: cert ? nameText(cert.subject) : undefined,
    subject: cert ? subjectHex(cert) : undefined,
    signedAt: parsed.signingTime ?? undefined,
  };
  if (!cert) return { ...base, status: 'invalid', detail: '簽章檔不含簽署憑證' };
  const signed = approvalSignedBytes(source, role);
  if (!parsed.messageDigest || !sameBytes(parsed.messageDigest, await sha256(signed))) return { ...base, status: 'altered' };
  if (!(await verifyCmsSignature(parsed, signed))) return { ...base, status: 'invalid', detail: '簽章值與憑證不符' };
  const chain = await buildChain(cert, parsed.certificates, parseTrust(trust));
  if (!chain.trusted) return { ...base, status: 'untrusted', detail: `${nameText(cert.issuer)} 簽發` };
  const at = parsed.signingTime ?? new Date();
  const outside = chain.path.find((c) => at < c.notBefore.value || at > c.notAfter.value);
  if (outside) return { ...base, status: 'invalid', detail: `簽署時憑證「${nameText(outside.subject)}」不在有效期間內` };
  return base;
}

/** Every role of a revision, verified and with the order and one-person rules applied. */
export async function verifyApprovals(source: string, files: ApprovalFiles, trust: string[]): Promise<ApprovalResult[]> {
  const checks: Partial<Record<ApprovalRole, SignatureCheck>> = {};
  for (const role of APPROVAL_ROLES) {
    const cms = files[role];
    if (cms) checks[role] = await checkApprovalSignature(source, role, cms, trust);
  }
  return applyApprovalRules(checks);
}

export interface ApproveRequest {
  source: string;
  role: ApprovalRole;
  signer: Signer;
  /** The CMS files already beside the revision. */
  existing: ApprovalFiles;
  trust: string[];
  signingTime?: Date;
}

/**
 * Signs `role` if the rules allow it: every earlier role validly signed, the role not already
 * validly signed, the signer holding no other role on this revision and trusted. Throws
 * ApprovalError (zh-TW) otherwise; returns the CMS file to store.
 */
export async function approveRevision(req: ApproveRequest): Promise<Uint8Array> {
  const results = await verifyApprovals(req.source, req.existing, req.trust);
  const i = APPROVAL_ROLES.indexOf(req.role);
  const mine = results[i];
  if (mine.status === 'valid') {
    throw new ApprovalError('already-signed', `本版本已有有效的${ROLE_LABELS[req.role]}簽章（${mine.signer}），不再重複簽署`);
  }
  if (results.slice(0, i).some((r) => r.status !== 'valid')) throw new ApprovalError('order', orderMessage(req.role));
  const subject = subjectHex(req.signer.certificate);
  const other = results.find((r) => r.role !== req.role && r.status === 'valid' && r.subject === subject);
  if (other) throw new ApprovalError('same-person', sameMessage(req.signer.name, other.role));
  const cms = await signApproval(req.source, req.role, req.signer, req.signingTime);
  const check = await checkApprovalSignature(req.source, req.role, cms, req.trust);
  if (check.status === 'untrusted') {
    throw new ApprovalError('untrusted', `憑證不受信任：${req.signer.name} 的憑證（${req.signer.issuerName} 簽發）不在本公司信任的憑證機構清單中`);
  }
  return cms;
}
