/**
 * Verifies a record PDF: every signature (ByteRange, digest, CMS signature, certificate chain
 * against the company trust list, validity at signing time), what changed after each
 * signature, the embedded record (form-data.json) and how its procedure revision stands in the
 * register. Framework-free: the caller passes the bytes, the trust list (PEM strings) and the
 * register (src/lib/documents/register.ts `readRegister` in Node; the site passes it to the page).
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFObject,
} from '@cantoo/pdf-lib';
import * as pkijs from 'pkijs';
import type { RecordEnvelope } from '../record/envelope.ts';
import { STANDING_LABELS, revisionStanding, type RegisterRevision, type RevisionStanding } from '../documents/register.ts';
import { signatureFields } from './acroform.ts';
import { FORM_DATA_NAME, readRecord } from './embedded.ts';
import { hashName, parseCms, verifyCmsSignature, type ParsedCms } from './cms.ts';
import { PdfError, formatDateTimeZh } from './errors.ts';
import type { BinaryData } from './fonts.ts';
import { toU8 } from '../shared/bytes.ts';
import { nameText, pemToDer } from '../shared/certificates.ts';
import { textOf } from '../shared/pdf-objects.ts';

export { FORM_DATA_NAME } from './embedded.ts';
export const NOT_OURS_MESSAGE = '此 PDF 不是本手冊產生的記錄';

export type SignatureStatus = 'valid' | 'altered' | 'invalid' | 'untrusted' | 'expired';

export const SIGNATURE_STATUS_LABELS: Record<SignatureStatus, string> = {
  valid: '有效',
  altered: '文件於簽署後被修改',
  invalid: '簽章無效',
  untrusted: '憑證不受信任',
  expired: '憑證已過期',
};

/** Kept under its earlier name for callers of this module. */
export const STANDING_LABELS_ZH = STANDING_LABELS;

export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
}

export interface SignatureReport {
  /** The field name: the x-form signature role. */
  field: string;
  /** The role's label (the field's /TU), else the field name. */
  role: string;
  signerName: string | null;
  /** signing-time attribute, else /M. */
  signingTime: Date | null;
  status: SignatureStatus;
  statusLabel: string;
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
}

export interface VerifyReport {
  /** Has our form-data.json. */
  ours: boolean;
  message: string | null;
  record: RecordEnvelope | null;
  recordError: string | null;
  revision: {
    procedureNumber: string;
    procedureRevision: string;
    standing: RevisionStanding;
    label: string;
    entry: RegisterRevision | null;
  } | null;
  signatures: SignatureReport[];
  /** Signature fields nobody has signed yet. */
  unsignedFields: { field: string; role: string }[];
  fileLength: number;
  /** Does the last signature cover every byte of the file? null without signatures. */
  lastSignatureCoversWholeDocument: boolean | null;
  /** Bytes appended after the last signed revision (0 when it covers the whole file). */
  bytesAfterLastSignature: number;
  /** Non-permitted changes in those appended bytes. */
  changesAfterLastSignature: string[];
  /** Everything valid, ours, and the revision known to the register. */
  ok: boolean;
  /** The report as zh-TW lines. */
  summary: string[];
}

export interface VerifyOptions {
  /** CA certificates (PEM) the company trusts. */
  trust: string[];
  /** The controlled-document register. */
  register: RegisterRevision[];
  /** Time for "has the certificate expired since" notes (default now). */
  now?: Date;
}

function parseTrust(trust: string[]): pkijs.Certificate[] {
  const out: pkijs.Certificate[] = [];
  for (const pem of trust) {
    try {
      out.push(pkijs.Certificate.fromBER(pemToDer(pem).slice().buffer));
    } catch {
      // An unreadable entry trusts nothing.
    }
  }
  return out;
}

function derOf(c: pkijs.Certificate): Uint8Array {
  return new Uint8Array(c.toSchema().toBER(false));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function issuedBy(cert: pkijs.Certificate, issuer: pkijs.Certificate): Promise<boolean> {
  if (!cert.issuer.isEqual(issuer.subject)) return false;
  try {
    return await cert.verify(issuer);
  } catch {
    return false;
  }
}

/** Path from the signer to a trusted CA, through the certificates the CMS carries. */
async function buildChain(
  signer: pkijs.Certificate,
  pool: pkijs.Certificate[],
  anchors: pkijs.Certificate[],
): Promise<{ path: pkijs.Certificate[]; trusted: boolean }> {
  const path = [signer];
  let cur = signer;
  for (let depth = 0; depth < 8; depth++) {
    const curDer = derOf(cur);
    if (anchors.some((a) => sameBytes(derOf(a), curDer))) return { path, trusted: true };
    for (const a of anchors) {
      if (await issuedBy(cur, a)) {
        path.push(a);
        return { path, trusted: true };
      }
    }
    if (cur.subject.isEqual(cur.issuer)) return { path, trusted: false };
    let next: pkijs.Certificate | null = null;
    for (const c of pool) {
      if (c === cur || path.includes(c)) continue;
      if (await issuedBy(cur, c)) {
        next = c;
        break;
      }
    }
    if (!next) return { path, trusted: false };
    path.push(next);
    cur = next;
  }
  return { path, trusted: false };
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

async function load(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
}

// ---- what changed between a signed revision and the final file -------------------------------

function serialize(obj: PDFObject | undefined): string {
  if (obj === undefined) return '∅';
  if (obj instanceof PDFRawStream) {
    const c = obj.getContents();
    let h = 0;
    for (let i = 0; i < c.length; i++) h = (h * 31 + c[i]) | 0;
    return `${obj.dict.toString()}stream:${c.length}:${h}`;
  }
  if (obj instanceof PDFStream) return `${obj.dict.toString()}stream`;
  return obj.toString();
}

function dictWithout(dict: PDFDict, keys: string[]): string {
  const entries = dict
    .entries()
    .filter(([k]) => !keys.includes(k.decodeText()))
    .map(([k, v]) => `${k.toString()} ${serialize(v)}`)
    .sort();
  return entries.join('\n');
}

/** Names what each object of the final document is, for the report. */
function describeObjects(doc: PDFDocument): Map<number, string> {
  const ctx = doc.context;
  const out = new Map<number, string>();
  const mark = (obj: PDFObject | undefined, label: string) => {
    if (obj instanceof PDFRef && !out.has(obj.objectNumber)) out.set(obj.objectNumber, label);
  };
  doc.getPages().forEach((page, i) => {
    const n = i + 1;
    mark(page.ref, `第 ${n} 頁`);
    const contents = page.node.get(PDFName.of('Contents'));
    mark(contents, `第 ${n} 頁內容`);
    const arr = ctx.lookup(contents);
    if (arr instanceof PDFArray) for (let k = 0; k < arr.size(); k++) mark(arr.get(k), `第 ${n} 頁內容`);
    const res = page.node.get(PDFName.of('Resources'));
    mark(res, `第 ${n} 頁資源`);
    const resDict = ctx.lookup(res);
    if (resDict instanceof PDFDict) {
      for (const key of ['Font', 'XObject']) {
        const sub = ctx.lookup(resDict.get(PDFName.of(key)));
        if (sub instanceof PDFDict) for (const [, v] of sub.entries()) mark(v, `第 ${n} 頁的字型或圖像`);
      }
    }
    const annots = page.node.get(PDFName.of('Annots'));
    mark(annots, `第 ${n} 頁註解`);
    const annArr = ctx.lookup(annots);
    if (annArr instanceof PDFArray) for (let k = 0; k < annArr.size(); k++) mark(annArr.get(k), `第 ${n} 頁註解`);
  });
  return out;
}

const ALLOWED_CATALOG_CHANGES = ['DSS', 'Extensions', 'Metadata', 'Perms'];
const ALLOWED_ACROFORM_CHANGES = ['SigFlags', 'DR', 'DA', 'NeedAppearances'];

/**
 * Changes from `signed` (the revision a signature covers) to `final` that a later signer may not
 * make: anything but filling an empty signature field (its /V and /AP), SigFlags, the document
 * information and XMP, and new objects. Returns zh-TW descriptions.
 */
function nonPermittedChanges(signed: PDFDocument, final: PDFDocument): string[] {
  const sctx = signed.context;
  const fctx = final.context;
  const labels = describeObjects(final);
  const sigFieldRefs = new Set(signatureFields(signed).filter((f) => !f.signed).map((f) => f.ref.objectNumber));
  const infoRef = sctx.trailerInfo.Info;
  const catalogRef = sctx.trailerInfo.Root;
  const acroRef = signed.catalog.get(PDFName.of('AcroForm'));
  const acroFieldsRef = (() => {
    const a = sctx.lookup(acroRef);
    return a instanceof PDFDict ? a.get(PDFName.of('Fields')) : undefined;
  })();
  const metadataRef = signed.catalog.get(PDFName.of('Metadata'));
  const problems = new Set<string>();
  let others = 0;
  for (const [ref, before] of sctx.enumerateIndirectObjects()) {
    const after = fctx.lookup(PDFRef.of(ref.objectNumber, ref.generationNumber));
    if (serialize(before) === serialize(after)) continue;
    const n = ref.objectNumber;
    if (infoRef instanceof PDFRef && n === infoRef.objectNumber) continue;
    if (metadataRef instanceof PDFRef && n === metadataRef.objectNumber) continue;
    if (catalogRef instanceof PDFRef && n === catalogRef.objectNumber && before instanceof PDFDict && after instanceof PDFDict) {
      if (dictWithout(before, ALLOWED_CATALOG_CHANGES) === dictWithout(after, ALLOWED_CATALOG_CHANGES)) continue;
      const names = serialize(before.get(PDFName.of('Names'))) !== serialize(after.get(PDFName.of('Names')));
      const af = serialize(before.get(PDFName.of('AF'))) !== serialize(after.get(PDFName.of('AF')));
      problems.add(names || af ? '內嵌的記錄資料' : '文件目錄（Catalog）');
      continue;
    }
    if (acroRef instanceof PDFRef && n === acroRef.objectNumber && before instanceof PDFDict && after instanceof PDFDict) {
      if (dictWithout(before, ALLOWED_ACROFORM_CHANGES) === dictWithout(after, ALLOWED_ACROFORM_CHANGES)) continue;
      problems.add('表單欄位');
      continue;
    }
    if (acroFieldsRef instanceof PDFRef && n === acroFieldsRef.objectNumber) {
      problems.add('表單欄位');
      continue;
    }
    if (sigFieldRefs.has(n) && before instanceof PDFDict && after instanceof PDFDict) {
      if (dictWithout(before, ['V', 'AP']) === dictWithout(after, ['V', 'AP'])) continue;
      problems.add('簽署欄位');
      continue;
    }
    const label = labels.get(n);
    if (label) problems.add(label);
    else others++;
  }
  const signedRecord = readRecord(signed);
  const finalRecord = readRecord(final);
  if (signedRecord.canonical !== finalRecord.canonical) problems.add('內嵌的記錄資料');
  if (signed.getPageCount() !== final.getPageCount()) problems.add('頁數');
  const out = [...problems];
  if (others > 0) out.push(`其他 PDF 物件 ${others} 個`);
  return out;
}

// ---- signatures --------------------------------------------------------------------------------

interface RawSignature {
  field: string;
  role: string;
  byteRange: number[] | null;
  subFilter: string | null;
  dictTime: Date | null;
  dictName: string | null;
}

function rawSignatures(doc: PDFDocument): { signed: RawSignature[]; unsigned: { field: string; role: string }[] } {
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

async function checkSignature(
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
  };
  const fail = (status: SignatureStatus, problem: string) => {
    report.problems.push(problem);
    const rank: SignatureStatus[] = ['valid', 'expired', 'untrusted', 'invalid', 'altered'];
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
  if (!chain.trusted) {
    fail('untrusted', `簽署憑證（${nameText(cert.issuer)} 簽發）不在本公司信任的憑證機構清單中`);
  }
  const at = report.signingTime ?? now;
  const expired = chain.path.find((c) => at.getTime() > c.notAfter.value.getTime());
  const early = chain.path.find((c) => at.getTime() < c.notBefore.value.getTime());
  report.certificateValidAtSigning = !expired && !early;
  if (expired) {
    fail('expired', `簽署時（${formatDateTimeZh(at)}）憑證「${nameText(expired.subject)}」已於 ${formatDateTimeZh(expired.notAfter.value)} 過期`);
  }
  if (early) {
    fail('invalid', `簽署時（${formatDateTimeZh(at)}）憑證「${nameText(early.subject)}」尚未生效（${formatDateTimeZh(early.notBefore.value)} 起生效）`);
  }
  if (!expired && now.getTime() > cert.notAfter.value.getTime()) {
    report.notes.push(`簽署時憑證有效；憑證已於 ${formatDateTimeZh(cert.notAfter.value)} 到期`);
  }
  if (!cms.signingTime) report.notes.push('簽章未含簽署時間屬性，以 PDF 所載時間為準');
  return finish(report);
}

function finish(r: SignatureReport): SignatureReport {
  r.statusLabel = SIGNATURE_STATUS_LABELS[r.status];
  return r;
}

// ---- the report --------------------------------------------------------------------------------

export async function verifyPdf(pdf: BinaryData, options: VerifyOptions): Promise<VerifyReport> {
  const bytes = toU8(pdf);
  const now = options.now ?? new Date();
  if (!/%PDF-/.test(String.fromCharCode(...bytes.subarray(0, 1024)))) {
    throw new PdfError('PDF_UNREADABLE', '此檔案不是 PDF。');
  }
  let doc: PDFDocument;
  try {
    doc = await load(bytes);
  } catch {
    throw new PdfError('PDF_UNREADABLE', '無法讀取此 PDF 檔，檔案可能已損毀。');
  }
  const anchors = parseTrust(options.trust);
  const rec = readRecord(doc);
  const { signed, unsigned } = rawSignatures(doc);
  const signatures: SignatureReport[] = [];
  for (const raw of signed) signatures.push(await checkSignature(bytes, raw, anchors, now));
  signatures.sort((a, b) => (a.signedLength || Infinity) - (b.signedLength || Infinity));

  // What later revisions changed in what each signature signed.
  const revisionCache = new Map<number, PDFDocument | null>();
  const revision = async (length: number) => {
    if (!revisionCache.has(length)) {
      try {
        revisionCache.set(length, await load(bytes.subarray(0, length)));
      } catch {
        revisionCache.set(length, null);
      }
    }
    return revisionCache.get(length)!;
  };
  for (const s of signatures) {
    if (s.signedLength === 0 || s.coversWholeDocument || s.status === 'altered') continue;
    const signedDoc = await revision(s.signedLength);
    if (!signedDoc) {
      s.notes.push('無法讀取此簽章所簽署的版本，未能比對其後的修改');
      continue;
    }
    s.laterChanges = nonPermittedChanges(signedDoc, doc);
    if (s.laterChanges.length > 0) {
      s.problems.push(`簽署後的修訂更改了：${s.laterChanges.join('、')}`);
      s.status = 'altered';
      finish(s);
    }
  }

  const located = signatures.filter((s) => s.signedLength > 0);
  const lastLength = located.length > 0 ? Math.max(...located.map((s) => s.signedLength)) : 0;
  const lastCovers = signatures.length === 0 ? null : lastLength === bytes.length;
  // Without any signature whose range fits the file there is no signed revision to measure from.
  let bytesAfter = located.length === 0 ? 0 : bytes.length - lastLength;
  let changesAfter: string[] = [];
  if (bytesAfter > 0 && lastLength > 0) {
    const tail = bytes.subarray(lastLength);
    if (tail.every((b) => b === 0x0a || b === 0x0d || b === 0x20 || b === 0x00)) {
      bytesAfter = 0; // trailing whitespace only
    } else {
      const signedDoc = await revision(lastLength);
      changesAfter = signedDoc ? nonPermittedChanges(signedDoc, doc) : ['（無法比對）'];
    }
  }

  let revisionInfo: VerifyReport['revision'] = null;
  if (rec.record) {
    const standing = revisionStanding(options.register, rec.record.procedureNumber, rec.record.procedureRevision);
    revisionInfo = {
      procedureNumber: rec.record.procedureNumber,
      procedureRevision: rec.record.procedureRevision,
      standing,
      label: STANDING_LABELS_ZH[standing],
      entry: options.register.find((r) => r.docNumber === rec.record!.procedureNumber && r.revision === rec.record!.procedureRevision) ?? null,
    };
  }

  const ours = rec.found;
  const ok =
    ours &&
    rec.record !== null &&
    revisionInfo !== null &&
    revisionInfo.standing !== 'unknown' &&
    signatures.every((s) => s.status === 'valid') &&
    bytesAfter === 0;

  const report: VerifyReport = {
    ours,
    message: ours ? null : NOT_OURS_MESSAGE,
    record: rec.record,
    recordError: rec.error,
    revision: revisionInfo,
    signatures,
    unsignedFields: unsigned,
    fileLength: bytes.length,
    lastSignatureCoversWholeDocument: lastCovers,
    bytesAfterLastSignature: bytesAfter,
    changesAfterLastSignature: changesAfter,
    ok,
    summary: [],
  };
  report.summary = summarize(report);
  return report;
}

/** The report in Chinese, one fact a line. */
export function summarize(r: VerifyReport): string[] {
  const out: string[] = [];
  if (!r.ours) out.push(`${NOT_OURS_MESSAGE}（檔案內沒有 ${FORM_DATA_NAME}）。`);
  if (r.recordError) out.push(`記錄資料：${r.recordError}。`);
  if (r.record) {
    out.push(`記錄：表單 ${r.record.formNumber}（${r.record.form}），版次 ${r.record.formRevision}，匯出於 ${formatDateTimeZh(new Date(r.record.savedAt))}。`);
  }
  if (r.revision) {
    out.push(`依據程序：${r.revision.procedureNumber} 第 ${r.revision.procedureRevision} 版 —— ${r.revision.label}。`);
  }
  if (r.signatures.length === 0) out.push('本文件未經數位簽章，無法證明內容在匯出後未被更改。');
  r.signatures.forEach((s, i) => {
    const who = s.signerName ?? '（不明）';
    const when = s.signingTime ? formatDateTimeZh(s.signingTime) : '（未註明時間）';
    out.push(`簽章 ${i + 1}：${s.role}　${who}　${when}　—— ${s.statusLabel}`);
    for (const p of s.problems) out.push(`　・${p}`);
    for (const n of s.notes) out.push(`　・註：${n}`);
  });
  for (const u of r.unsignedFields) out.push(`未簽署欄位：${u.role}`);
  if (r.lastSignatureCoversWholeDocument === true) out.push('最後一個簽章涵蓋整份文件。');
  if (r.lastSignatureCoversWholeDocument === false) {
    if (r.bytesAfterLastSignature > 0) {
      out.push(`警告：最後一個簽章之後，檔案另被附加了 ${r.bytesAfterLastSignature} 位元組的修改，未經任何簽章。`);
      if (r.changesAfterLastSignature.length > 0) out.push(`　・被更改的內容：${r.changesAfterLastSignature.join('、')}`);
    } else if (r.signatures.some((s) => s.signedLength > 0)) {
      out.push('最後一個簽章並未涵蓋整份文件。');
    } else {
      out.push('沒有任何簽章的範圍與檔案相符：檔案在簽署後被修改或以其他程式重新存檔。');
    }
  }
  if (!r.ok) out.push('結論：驗證未通過，請勿採信此文件，並向簽署人或管理員查證。');
  else if (r.signatures.length === 0) out.push('結論：記錄可讀取，依據的程序版本有效；但文件未經數位簽章。');
  else out.push('結論：文件完整，所有簽章有效。');
  return out;
}

