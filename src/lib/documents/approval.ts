/**
 * Signed approvals of a procedure revision (編制 -> 審核 -> 批准): what is signed, the roles and
 * their order, and the rules over a set of verified signatures. Framework-free (browser and Node);
 * the CMS signing and verification that use these rules are in src/lib/pdf/approvals.ts.
 *
 * What is hashed (the revision's canonical content), exactly:
 *
 *   HB-REVISION-CONTENT/1\n
 *   <control fields as canonical JSON>\n
 *   ---\n
 *   <body>
 *
 * - control fields: the document-control fields of the revision (the keys of docControlSchema in
 *   doc-control.ts) EXCEPT the sign-offs (`approvals`) and the release fields a later release sets
 *   without changing the text (`status`, `effectiveDate`, `effectiveDateNote`, `supersededDate`): today procedure,
 *   order, docNumber, numberIssuer, issuedTitle, revision, relatedRecords, retention, basedOn,
 *   changes. The site's page metadata (Starlight's title, description, sidebar: 「修訂草案」 and
 *   hiding until release) is not signed. Canonical JSON: keys sorted at every depth, no
 *   whitespace, strings NFC, dates as YYYY-MM-DD (or full ISO time when not midnight UTC). YAML
 *   layout (flow or block style, quoting, key order) therefore does not matter.
 * - body: the MDX text after the frontmatter, NFC, line endings as LF, trailing spaces/tabs (and
 *   U+3000) stripped from every line, runs of blank lines collapsed to one, leading and trailing
 *   blank lines removed, ending with one LF.
 *
 * The contentHash is SHA-256 of the UTF-8 of that text. Each signature signs the UTF-8 of
 * `HB-APPROVAL/1 role=<role>\n` followed by the canonical content, so a 審核 signature cannot be
 * renamed into a 批准 one.
 */
import { readFrontmatter, splitFrontmatter } from '../shared/frontmatter.ts';
import { docControlSchema } from './doc-control.ts';
import { APPROVAL_ROLES, ROLE_LABELS, type ApprovalRole } from './approval-roles.ts';

export { APPROVAL_ROLES, ROLE_LABELS, approvalFileName, isApprovalRole, type ApprovalRole } from './approval-roles.ts';

/** Document-control fields left out of the signed content (see the module comment for why). */
export const UNSIGNED_FIELDS = ['approvals', 'status', 'effectiveDate', 'effectiveDateNote', 'supersededDate'] as const;

/** The frontmatter keys a signature covers. */
export const SIGNED_FIELDS: readonly string[] = Object.keys(docControlSchema.shape).filter(
  (k) => !(UNSIGNED_FIELDS as readonly string[]).includes(k),
);

export type ApprovalStatus = 'unsigned' | 'valid' | 'altered' | 'untrusted' | 'invalid' | 'out-of-order' | 'same-person';

export const APPROVAL_STATUS_LABELS: Record<ApprovalStatus, string> = {
  unsigned: '未簽署',
  valid: '簽章有效',
  altered: '簽署後內容已變更',
  untrusted: '憑證不受信任',
  invalid: '簽章無效',
  'out-of-order': '簽署順序不符',
  'same-person': '同一人不得兼任兩個角色',
};

/** One role's signature as read from its CMS file (before the cross-role rules). */
export interface SignatureCheck {
  role: ApprovalRole;
  /** unsigned, or the file's own verdict: valid, altered, untrusted or invalid. */
  status: ApprovalStatus;
  signer?: string;
  /** DER of the signer certificate's subject, hex: one person, one subject. */
  subject?: string;
  signedAt?: Date;
  detail?: string;
}

export interface ApprovalResult extends SignatureCheck {
  label: string;
  message: string;
}

function canonicalValue(v: unknown): unknown {
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof v === 'string') return v.normalize('NFC');
  if (Array.isArray(v)) return v.map(canonicalValue);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const val = (v as Record<string, unknown>)[k];
      if (val !== undefined) out[k.normalize('NFC')] = canonicalValue(val);
    }
    return out;
  }
  return v;
}

/** Keys sorted at every depth, no whitespace, NFC strings, YAML dates as dates. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalValue(value));
}

/** The body normalised so that re-formatting (line endings, trailing spaces, blank-line runs) does not change it. */
export function canonicalBody(body: string): string {
  const text = body
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u3000]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .replace(/\n+$/, '');
  return `${text}\n`;
}

/** The canonical content of a revision from its MDX source (see the module comment). */
export function canonicalRevisionContent(source: string): string {
  const front = readFrontmatter(source) ?? {};
  const fields: Record<string, unknown> = {};
  for (const k of SIGNED_FIELDS) if (k in front) fields[k] = front[k];
  return `HB-REVISION-CONTENT/1\n${canonicalJson(fields)}\n---\n${canonicalBody(splitFrontmatter(source).body)}`;
}

/** The bytes a role's signature covers. */
export function approvalSignedBytes(source: string, role: ApprovalRole): Uint8Array {
  return new TextEncoder().encode(`HB-APPROVAL/1 role=${role}\n${canonicalRevisionContent(source)}`);
}

/** SHA-256 (hex) of the canonical content, WebCrypto (browser and Node). */
export async function revisionContentHash(source: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalRevisionContent(source)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Applies the cross-role rules to the per-file checks: a role counts only after a valid signature of
 * every earlier role, and one certificate subject may hold only one role on a revision (the earlier
 * role keeps it). Returns one result per role, in order, with a zh-TW message.
 */
export function applyApprovalRules(checks: Partial<Record<ApprovalRole, SignatureCheck>>): ApprovalResult[] {
  const results: ApprovalResult[] = [];
  let chainIntact = true;
  for (const role of APPROVAL_ROLES) {
    const c: SignatureCheck = checks[role] ?? { role, status: 'unsigned' };
    let status = c.status;
    let detail = c.detail;
    if (status === 'valid') {
      const earlier = results.find((r) => r.status === 'valid' && r.subject === c.subject);
      if (earlier) {
        status = 'same-person';
        detail = sameMessage(c.signer ?? '', earlier.role);
      } else if (!chainIntact) {
        status = 'out-of-order';
        detail = orderMessage(role);
      }
    }
    if (status !== 'valid') chainIntact = false;
    const label = APPROVAL_STATUS_LABELS[status];
    const message =
      status === 'valid'
        ? `${ROLE_LABELS[role]}：${c.signer}`
        : status === 'unsigned'
          ? `${ROLE_LABELS[role]}：未簽署`
          : `${ROLE_LABELS[role]}：${label}${detail ? `（${detail}）` : ''}`;
    results.push({ ...c, status, detail, label, message });
  }
  return results;
}

/** 「審核須在編制之後…」: the role before `role` lacks a valid signature. */
export function orderMessage(role: ApprovalRole): string {
  const i = APPROVAL_ROLES.indexOf(role);
  const before = APPROVAL_ROLES[i - 1];
  return before ? `${ROLE_LABELS[role]}須在${ROLE_LABELS[before]}之後：本版本尚無有效的${ROLE_LABELS[before]}簽章` : '';
}

export function sameMessage(signer: string, heldRole: ApprovalRole): string {
  return `${signer} 已是本版本的${ROLE_LABELS[heldRole]}人，同一人不得在同一版本兼任兩個角色`;
}

/** The next role this revision may be signed in, or null when every role is validly signed. */
export function nextRole(results: ApprovalResult[]): ApprovalRole | null {
  return results.find((r) => r.status !== 'valid')?.role ?? null;
}
