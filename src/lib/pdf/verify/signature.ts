/**
 * One signature: ByteRange, digest, CMS signature value, certificate chain against the trust list
 * and validity at signing time.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, type PDFDocument } from '@cantoo/pdf-lib';
import type * as pkijs from 'pkijs';
import { formatDateTimeZh } from '../errors.ts';
import { signatureFields } from '../sign/acroform.ts';
import { readBinding } from '../sign/binding.ts';
import { hashName, parseCms, verifyCmsSignature, type ParsedCms } from '../sign/cms.ts';
import { nameText } from '../../shared/certificates.ts';
import { textOf } from '../../shared/pdf-objects.ts';
import { allowsDocumentSigning, isSelfSigned, keyUsageProblem, keyUsages, sha256Fingerprint } from './certificate.ts';
import { buildChain, sameBytes } from './trust.ts';

/** A verdict's or a signature's tone. */
export type VerdictKind = 'ok' | 'warn' | 'bad';

export const TRUST_GAP = '簽章完整，但憑證不在公司信任清單內';
export const SELF_SIGNED = '自簽憑證';
/** Said of every signature: we never have a trusted timestamp (RFC 3161), so the time is a claim. */
export const CLAIMED_TIME_NOTE = '簽章未附可信任的時間戳記：所載簽署時間只是簽署人電腦的聲明，憑證的有效性以驗證當時判斷';

export type SignatureStatus = 'valid' | 'altered' | 'invalid' | 'untrusted' | 'self-signed' | 'expired' | 'key-usage';

export const SIGNATURE_STATUS_LABELS: Record<SignatureStatus, string> = {
  valid: '有效',
  altered: '文件於簽署後被修改',
  invalid: '簽章無效',
  untrusted: '憑證不受信任',
  'self-signed': '自簽憑證，不受信任',
  expired: '憑證已過期',
  'key-usage': '憑證不可用於簽章',
};

export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the certificate's DER, colon-separated hex. */
  sha256: string;
  /** Issued by itself (subject = issuer): nobody vouches for the name in it. */
  selfSigned: boolean;
  /** Key usage bits, or null without the extension. */
  keyUsage: string[] | null;
  /** From the signer up: each certificate the chain was built through (the trust anchor last, if found). */
  chain: { subject: string; issuer: string; sha256: string; selfSigned: boolean }[];
}

export interface SignatureReport {
  /** The field name: the x-form signature role. */
  field: string;
  /** The role's label (the field's /TU), else the field name. */
  role: string;
  signerName: string | null;
  /** The signing-time attribute of files signed before PAdES B-B, else the signature dictionary's /M. */
  signingTime: Date | null;
  status: SignatureStatus;
  statusLabel: string;
  /** Bytes and cryptography check out, whatever the certificate's standing (may be co-signed). */
  intact: boolean;
  /** The status badge's tone: valid, intact with a certificate problem, or broken. */
  tone: VerdictKind;
  /** One zh-TW line explaining the status, or null. */
  explanation: string | null;
  /** Why the status is not valid (zh-TW). */
  problems: string[];
  /** Facts worth telling that do not make it invalid (zh-TW). */
  notes: string[];
  byteRange: number[] | null;
  /** Length of the revision this signature signs (ByteRange end). */
  signedLength: number;
  coversWholeDocument: boolean;
  digestMatches: boolean;
  signatureVerified: boolean;
  chainTrusted: boolean;
  certificateValidAtSigning: boolean;
  subFilter: string | null;
  certificate: CertificateInfo | null;
  /** Non-permitted changes made by later revisions to what this signature signed. */
  laterChanges: string[];
  /** What the signature says it means: the signed /Reason (「以查閱人身分簽署」), or null. */
  reason: string | null;
  /**
   * The signer against the record (report.ts signerIdentity): recordName is the name in the field
   * the role's x-form nameField names (null when it names none or the form is unknown), matches
   * null when not comparable, confirmed when the signer confirmed the difference when signing.
   */
  identity: { recordName: string | null; matches: boolean | null; confirmed: boolean };
}

function numberAt(arr: PDFArray, i: number): number | null {
  const n = arr.get(i);
  return n instanceof PDFNumber ? n.asNumber() : null;
}

function hexToBytes(hex: string): Uint8Array | null {
  const clean = hex.replace(/\s+/g, '');
  if (!/^[0-9a-fA-F]*$/.test(clean)) return null;
  const out = new Uint8Array(Math.floor(clean.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
  return out;
}

export interface RawSignature {
  field: string;
  role: string;
  byteRange: number[] | null;
  subFilter: string | null;
  dictTime: Date | null;
  dictName: string | null;
  reason: string | null;
  /** What the signer confirmed at signing (binding.ts), if the signature recorded it. */
  binding: { recordName: string | null; confirmed: boolean } | null;
}

export function rawSignatures(doc: PDFDocument): { signed: RawSignature[]; unsigned: { field: string; role: string }[] } {
  const ctx = doc.context;
  const signed: RawSignature[] = [];
  const unsigned: { field: string; role: string }[] = [];
  for (const f of signatureFields(doc)) {
    const role = f.label ?? f.name;
    const v = ctx.lookup(f.dict.get(PDFName.of('V')));
    if (!(v instanceof PDFDict)) {
      unsigned.push({ field: f.name, role });
      continue;
    }
    const br = ctx.lookup(v.get(PDFName.of('ByteRange')));
    let byteRange: number[] | null = null;
    if (br instanceof PDFArray && br.size() === 4) {
      const nums = [0, 1, 2, 3].map((i) => numberAt(br, i));
      if (nums.every((n) => n !== null && Number.isInteger(n) && n >= 0)) byteRange = nums as number[];
    }
    const m = textOf(v.get(PDFName.of('M')));
    signed.push({
      field: f.name,
      role,
      byteRange,
      subFilter: textOf(v.get(PDFName.of('SubFilter'))),
      dictTime: m ? parsePdfDate(m) : null,
      dictName: textOf(v.get(PDFName.of('Name'))),
      reason: textOf(v.get(PDFName.of('Reason'))),
      binding: readBinding(v),
    });
  }
  return { signed, unsigned };
}

function parsePdfDate(s: string): Date | null {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/.exec(s);
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', tz, th = '00', tm = '00'] = m;
  let t = Date.UTC(+y, +mo - 1, +d, +h, +mi, +se);
  if (tz === '+' || tz === '-') t -= (tz === '+' ? 1 : -1) * (+th * 60 + +tm) * 60_000;
  return new Date(t);
}

export async function checkSignature(
  bytes: Uint8Array,
  raw: RawSignature,
  anchors: pkijs.Certificate[],
  now: Date,
): Promise<SignatureReport> {
  const report: SignatureReport = {
    field: raw.field,
    role: raw.role,
    signerName: raw.dictName,
    signingTime: raw.dictTime,
    status: 'valid',
    statusLabel: '',
    intact: false,
    tone: 'bad',
    explanation: null,
    problems: [],
    notes: [],
    byteRange: raw.byteRange,
    signedLength: 0,
    coversWholeDocument: false,
    digestMatches: false,
    signatureVerified: false,
    chainTrusted: false,
    certificateValidAtSigning: false,
    subFilter: raw.subFilter,
    certificate: null,
    laterChanges: [],
    reason: raw.reason,
    // The record's name is compared in report.ts, which knows the form; the confirmation is the file's.
    identity: { recordName: null, matches: null, confirmed: raw.binding?.confirmed ?? false },
  };
  const fail = (status: SignatureStatus, problem: string) => {
    report.problems.push(problem);
    const rank: SignatureStatus[] = ['valid', 'key-usage', 'expired', 'untrusted', 'self-signed', 'invalid', 'altered'];
    if (rank.indexOf(status) > rank.indexOf(report.status)) report.status = status;
  };
  const br = raw.byteRange;
  const len = bytes.length;
  if (
    !br ||
    br[0] !== 0 ||
    br[1] >= br[2] ||
    br[2] + br[3] > len ||
    bytes[br[1]] !== 0x3c /* < */ ||
    bytes[br[2] - 1] !== 0x3e /* > */
  ) {
    fail('altered', '簽章範圍（ByteRange）與檔案內容對不上：檔案在簽署後被修改或重新存檔');
    return finish(report);
  }
  report.signedLength = br[2] + br[3];
  report.coversWholeDocument = report.signedLength === len;
  let gapText = '';
  for (let i = br[1] + 1; i < br[2] - 1; i++) gapText += String.fromCharCode(bytes[i]);
  const der = hexToBytes(gapText);
  let cms: ParsedCms;
  try {
    if (!der) throw new Error('hex');
    cms = parseCms(der);
  } catch {
    fail('altered', '簽章內容（Contents）無法解析：檔案在簽署後被修改');
    return finish(report);
  }
  if (cms.signingTime) report.signingTime = cms.signingTime;
  const cert = cms.signerCert;
  if (!cert) {
    fail('invalid', '簽章中找不到簽署人的憑證');
    return finish(report);
  }
  report.signerName = nameText(cert.subject);
  report.certificate = {
    subject: nameText(cert.subject),
    issuer: nameText(cert.issuer),
    serialNumber: Array.from(cert.serialNumber.valueBlock.valueHexView, (b) => b.toString(16).padStart(2, '0')).join(''),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    sha256: await sha256Fingerprint(cert),
    selfSigned: isSelfSigned(cert),
    keyUsage: keyUsages(cert),
    chain: [],
  };

  // The digest of the two ranges against the signed message-digest attribute.
  const hash = hashName(cms.digestAlgorithm);
  const signedContent = new Uint8Array(br[1] + br[3]);
  signedContent.set(bytes.subarray(0, br[1]), 0);
  signedContent.set(bytes.subarray(br[2], br[2] + br[3]), br[1]);
  if (!hash) {
    fail('invalid', `不支援的雜湊演算法（${cms.digestAlgorithm}）`);
    return finish(report);
  }
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest(hash, signedContent));
  report.digestMatches = cms.messageDigest !== null && sameBytes(digest, cms.messageDigest);
  if (!report.digestMatches) {
    fail('altered', '文件內容的雜湊值與簽章不符：簽署後內容被修改');
    return finish(report);
  }
  report.signatureVerified = await verifyCmsSignature(cms, signedContent);
  if (!report.signatureVerified) {
    fail('invalid', '簽章值驗證失敗');
    return finish(report);
  }
  if (raw.subFilter !== 'ETSI.CAdES.detached' && raw.subFilter !== 'adbe.pkcs7.detached') {
    report.notes.push(`簽章格式為 ${raw.subFilter ?? '未註明'}`);
  }
  if (raw.subFilter === 'ETSI.CAdES.detached' && !cms.hasSigningCertificateV2) {
    report.notes.push('CAdES 簽章缺少 signing-certificate-v2 屬性');
  }

  const chain = await buildChain(cert, cms.certificates, anchors);
  report.chainTrusted = chain.trusted;
  report.certificate.chain = await Promise.all(
    chain.path.map(async (c) => ({ subject: nameText(c.subject), issuer: nameText(c.issuer), sha256: await sha256Fingerprint(c), selfSigned: isSelfSigned(c) })),
  );
  if (!chain.trusted) {
    if (isSelfSigned(cert)) {
      fail('self-signed', `簽署憑證「${nameText(cert.subject)}」是自簽憑證（由持有人自行簽發，未經任何憑證機構核發），任何人都能以任意姓名製作，不能證明簽署人身分；SHA-256 指紋 ${report.certificate.sha256}`);
    } else {
      fail('untrusted', `簽署憑證（${nameText(cert.issuer)} 簽發）不在本公司信任的憑證機構清單中`);
    }
  }
  if (!allowsDocumentSigning(cert)) fail('key-usage', keyUsageProblem(cert));
  // No trusted timestamp: the signing time is only what the signer's computer said. As pyHanko
  // and Acrobat do without a timestamp, the certificate is judged at the time of verification.
  const claimed = report.signingTime;
  const expired = chain.path.find((c) => now.getTime() > c.notAfter.value.getTime() || (claimed !== null && claimed.getTime() > c.notAfter.value.getTime()));
  const early = chain.path.find((c) => now.getTime() < c.notBefore.value.getTime() || (claimed !== null && claimed.getTime() < c.notBefore.value.getTime()));
  report.certificateValidAtSigning = !expired && !early;
  if (expired) {
    fail(
      'expired',
      `憑證「${nameText(expired.subject)}」已於 ${formatDateTimeZh(expired.notAfter.value)} 過期。簽章未附可信任的時間戳記，所載簽署時間${claimed ? `（${formatDateTimeZh(claimed)}）` : ''}只是簽署人的聲明，不能證明簽署時憑證仍有效，因此以驗證當時（${formatDateTimeZh(now)}）判斷：憑證已過期`,
    );
  }
  if (early) {
    const at = claimed && claimed.getTime() < early.notBefore.value.getTime() ? claimed : now;
    fail('invalid', `${at === claimed ? '所載簽署時間' : '驗證時'}（${formatDateTimeZh(at)}）憑證「${nameText(early.subject)}」尚未生效（${formatDateTimeZh(early.notBefore.value)} 起生效）`);
  }
  report.notes.push(CLAIMED_TIME_NOTE);
  // PAdES baseline B-B puts the claimed time in /M only; files signed before that carry a
  // signing-time attribute too, and are still read (the attribute wins, as it always did).
  if (!cms.signingTime && !raw.dictTime) report.notes.push('簽章未註明簽署時間');
  else if (!cms.signingTime && raw.subFilter !== 'ETSI.CAdES.detached') report.notes.push('簽章未含簽署時間屬性，以 PDF 所載時間為準');
  return finish(report);
}

/** The badge tone of one signature in the table: valid, intact with a certificate problem, or broken. */
function signatureTone(s: SignatureReport): VerdictKind {
  return s.status === 'valid' ? 'ok' : s.intact ? 'warn' : 'bad';
}

/** One line under a signature's status explaining it, or null. */
function signatureExplanation(s: SignatureReport): string | null {
  if (s.status === 'untrusted' && s.intact) return `${TRUST_GAP}（簽發者：${s.certificate?.issuer ?? '不明'}）`;
  if (s.status === 'self-signed' && s.intact) return `簽章完整，但憑證是${SELF_SIGNED}，無法確認簽署人身分`;
  if (s.status === 'expired' && s.intact) return '簽章完整，但憑證已過期（沒有可信任的時間戳記，以驗證當時判斷）';
  if (s.status === 'key-usage' && s.intact) return '簽章完整，但憑證的金鑰用途不含數位簽章或不可否認';
  if (s.status === 'valid') return s.coversWholeDocument ? '簽章完整，涵蓋整份文件' : '簽章完整；其後的修訂只加上其他簽章';
  return null;
}

export function finish(r: SignatureReport): SignatureReport {
  r.statusLabel = SIGNATURE_STATUS_LABELS[r.status];
  r.intact = r.digestMatches && r.signatureVerified && r.status !== 'altered' && r.status !== 'invalid';
  r.tone = signatureTone(r);
  r.explanation = signatureExplanation(r);
  return r;
}
