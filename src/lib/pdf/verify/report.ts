/**
 * Verifies a record PDF: every signature (ByteRange, digest, CMS signature, certificate chain
 * against the company trust list, validity at signing time), what changed after each
 * signature, the embedded record (form-data.json) and how its procedure revision stands in the
 * register. Framework-free: the caller passes the bytes, the trust list (PEM strings) and the
 * register (src/lib/documents/register.ts `readRegister` in Node; the site passes it to the page).
 */
import { PDFDocument } from '@cantoo/pdf-lib';
import { belongsToNoProcedure, type RecordEnvelope } from '../../record/envelope.ts';
import { STANDING_LABELS, inForceOn, revisionStanding, type RegisterRevision, type RevisionStanding } from '../../documents/register.ts';
import { getFormMeta, isFormId } from '../../forms/definition/index.ts';
import { dateOf } from '../../shared/time.ts';
import { toU8 } from '../../shared/bytes.ts';
import { FORM_DATA_NAME, readRecord } from '../document/embedded.ts';
import { PdfError, formatDateTimeZh } from '../errors.ts';
import type { BinaryData } from '../layout/fonts.ts';
import type { FormDefinition } from '../document/form-model.ts';
import type { PdfFontSources } from '../layout/fonts.ts';
import { nonPermittedChanges } from './changes.ts';
import { CONTENT_MISMATCH, recordPageMismatches } from './content.ts';
import { looksTruncated, TRUNCATED_MESSAGE } from './identity.ts';
import { SELF_SIGNED, TRUST_GAP, checkSignature, finish, rawSignatures, type SignatureReport, type VerdictKind } from './signature.ts';
import { parseTrust } from './trust.ts';
import { IDENTITY_MISMATCH } from '../file-text.ts';
import { recordSignerName, signerMatches } from '../../forms/definition/signers.ts';

export { FORM_DATA_NAME } from '../document/embedded.ts';
export { SIGNATURE_STATUS_LABELS, type VerdictKind, type CertificateInfo, type SignatureReport, type SignatureStatus } from './signature.ts';
export const NOT_OURS_MESSAGE = '此 PDF 不是本手冊產生的記錄';
export const ENCRYPTED_MESSAGE = '此 PDF 已加密，無法核對其內容及簽章';
export const RULES_BROKEN = '記錄內容違反表單規則';
/** A signature whose certificate names someone other than the record's signer for that role (issue 11). */
export { IDENTITY_MISMATCH } from '../file-text.ts';
export { CONTENT_MISMATCH } from './content.ts';

export { IN_FORCE_WHEN_FILLED_NOW_SUPERSEDED, NOT_IN_FORCE_WHEN_FILLED } from '../../documents/register.ts';
import { IN_FORCE_WHEN_FILLED_NOW_SUPERSEDED, NOT_IN_FORCE_WHEN_FILLED } from '../../documents/register.ts';

/** The record's own date: its form's date field (x-form dateField), else its export time; YYYY-MM-DD in UTC+8. */
function recordDateOf(record: RecordEnvelope): string | null {
  const field = isFormId(record.form) ? getFormMeta(record.form).dateField : undefined;
  const data = record.data && typeof record.data === 'object' ? (record.data as Record<string, unknown>) : {};
  return (field ? dateOf(data[field]) : undefined) ?? dateOf(record.savedAt) ?? null;
}

/** The form's rules run on a record's data (the precompiled validators: src/lib/forms). */
export type RecordRules = (formId: string, data: unknown, formRevision?: string) => Promise<{ valid: boolean; errors: { message: string }[] } | null>;

/** Kept under its earlier name for callers of this module. */
export const STANDING_LABELS_ZH = STANDING_LABELS;

export interface VerifyReport {
  /** Has our form-data.json. */
  ours: boolean;
  /** The file is encrypted (its contents cannot be read or checked). */
  encrypted: boolean;
  /** The file ends before its %%EOF (cut off in a download or copy). */
  truncated: boolean;
  /** The form's rules re-run on the embedded data: null when not run (no rules given, record unreadable). */
  rules: { valid: boolean; errors: string[] } | null;
  /** The embedded JSON laid out again vs the page text: null when not compared (no forms or fonts given). */
  content: { matches: boolean; differences: string[] } | null;
  /** Why the page could not be compared although it should have been (e.g. the font could not be fetched). */
  contentUnchecked: string | null;
  message: string | null;
  record: RecordEnvelope | null;
  recordError: string | null;
  revision: {
    procedureNumber: string;
    procedureRevision: string;
    standing: RevisionStanding;
    label: string;
    entry: RegisterRevision | null;
    /** The record's own date (YYYY-MM-DD, UTC+8): the form's date field, else when it was exported. */
    recordDate: string | null;
    /** Whether that revision was in force on the record's date (null when the register does not know it or there is no date). */
    inForceOnRecordDate: boolean | null;
    /** 「填寫時生效、現已作廢」, 「填寫時未生效」, 「填寫時生效」, or null. */
    onRecordDateLabel: string | null;
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
  /**
   * Passed: ours, readable, the revision known to the register, every signature valid (trusted,
   * certificate valid at signing), every signer the one the record names, and nothing appended.
   * `verdict.kind !== 'bad'`, except that a signer other than the record's (IDENTITY_MISMATCH)
   * fails with a warning-toned verdict: the signature itself is sound, whom it binds is in doubt.
   */
  ok: boolean;
  /** The one verdict (page box, sign page, CLI exit status): decideVerdict. */
  verdict: Verdict;
  /** Why the sign page refuses to add a signature (zh-TW), or null: cannotSignReason. */
  cannotSign: string | null;
  /** The report as zh-TW lines. */
  summary: string[];
}

export interface VerifyOptions {
  /** CA certificates (PEM) the company trusts. */
  trust: string[];
  /** The controlled-document register. */
  register: RegisterRevision[];
  /** Time of verification: certificates are judged at it (no trusted timestamps). Default now. */
  now?: Date;
  /** Re-runs the form's rules on the embedded data (the CLIs and pages always pass it). */
  rules?: RecordRules;
  /**
   * The record's form definition, to compare each signer with the name the record gives the role
   * (x-form nameField). Default: layout.form. Without either, identity is not compared.
   */
  forms?: (formId: string, formRevision?: string) => Pick<FormDefinition, 'meta'> | null | Promise<Pick<FormDefinition, 'meta'> | null>;
  /** To compare the embedded JSON with the page: the record's form definition and the fonts to lay it out. */
  layout?: { form: (formId: string, formRevision?: string) => FormDefinition | null | Promise<FormDefinition | null>; fonts: PdfFontSources };
}

async function load(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
}

// ---- the verdict -------------------------------------------------------------------------------

/*
 * The one verdict on a verified record PDF: the CLI's exit status, the verify page's verdict box
 * and the sign page's refusal to co-sign all read what is decided here, so they cannot disagree.
 * The rule is the strict one: a signature counts only if it is intact, its certificate chains to
 * the company trust list and was valid when signing (an expired certificate fails), the record
 * is ours and readable, and its procedure revision is known to the register. An unsigned record
 * passes with a reservation (it proves nothing about later edits, but nothing is wrong with it).
 */
export interface Verdict {
  /** 'bad' exactly when the verification fails (the CLI exits 1). */
  kind: VerdictKind;
  /** zh-TW title of the verdict box. */
  title: string;
  /** zh-TW reasons, one a line. */
  lines: string[];
}

const DO_NOT_TRUST = '請勿採信此文件，並向簽署人查證。';

const who = (list: SignatureReport[]) => list.map((s) => `「${s.role}」（${s.signerName ?? '不明'}）`).join('、');

type Facts = Omit<VerifyReport, 'verdict' | 'ok' | 'summary' | 'cannotSign'>;

export function decideVerdict(r: Facts): Verdict {
  if (r.encrypted) {
    return { kind: 'bad', title: ENCRYPTED_MESSAGE, lines: ['檔案經過加密，無法讀取內嵌的記錄資料，也無法核對簽章與頁面內容。請向提供者索取未加密的原始記錄 PDF。'] };
  }
  if (r.truncated) {
    return { kind: 'bad', title: '驗證未通過：檔案不完整', lines: [TRUNCATED_MESSAGE] };
  }
  if (!r.ours) {
    return { kind: 'bad', title: r.message ?? NOT_OURS_MESSAGE, lines: ['檔案內沒有本手冊匯出時內嵌的記錄資料（form-data.json），無法核對其內容及簽章。'] };
  }
  const altered = r.signatures.filter((s) => s.status === 'altered');
  const invalid = r.signatures.filter((s) => s.status === 'invalid');
  if (altered.length > 0 || r.changesAfterLastSignature.length > 0 || r.bytesAfterLastSignature > 0) {
    const lines: string[] = [];
    if (altered.length > 0) lines.push(`${altered.map((s) => `「${s.role}」`).join('、')}的簽章顯示文件在簽署後被修改。`);
    if (r.bytesAfterLastSignature > 0) lines.push(`最後一個簽章之後，檔案另被加入 ${r.bytesAfterLastSignature} 位元組未經簽章的內容。`);
    return { kind: 'bad', title: '驗證未通過：文件於簽署後被修改', lines: [...lines, DO_NOT_TRUST] };
  }
  if (invalid.length > 0) {
    return { kind: 'bad', title: '驗證未通過：簽章無效', lines: [...invalid.flatMap((s) => s.problems), DO_NOT_TRUST] };
  }
  if (r.recordError || !r.record) {
    return { kind: 'bad', title: '驗證未通過：內嵌的記錄資料無法讀取', lines: [r.recordError ?? '內嵌的記錄資料無法讀取'] };
  }
  // Each failure: its own title (used when it is the only one) and its line.
  const failures: { title: string; line: string }[] = [];
  if (r.content && !r.content.matches) {
    failures.push({
      title: `驗證未通過：${CONTENT_MISMATCH}`,
      line: `${CONTENT_MISMATCH}：${r.content.differences.join('；')}。頁面所見與檔案內的記錄資料不是同一份內容。`,
    });
  }
  if (r.rules && !r.rules.valid) {
    failures.push({
      title: `驗證未通過：${RULES_BROKEN}`,
      line: `${RULES_BROKEN}（${r.rules.errors.length} 項）：${r.rules.errors.join('；')}`,
    });
  }
  if (r.revision && (r.revision.standing === 'draft' || r.revision.standing === 'in-review')) {
    failures.push({
      title: '驗證未通過：記錄依據未生效的程序版本',
      line: `記錄依據 ${r.revision.procedureNumber} 第 ${r.revision.procedureRevision} 版填寫，該版本是${r.revision.standing === 'draft' ? '修訂草案' : '審核中的修訂'}（${r.revision.label}），從未生效；依未生效版本填寫的記錄不是受控程序下的正式記錄。`,
    });
  }
  const untrusted = r.signatures.filter((s) => s.status === 'untrusted');
  const selfSigned = r.signatures.filter((s) => s.status === 'self-signed');
  const expired = r.signatures.filter((s) => s.status === 'expired');
  const usage = r.signatures.filter((s) => s.status === 'key-usage');
  if (selfSigned.length > 0) {
    failures.push({
      title: `驗證未通過：${SELF_SIGNED}，無法確認簽署人身分`,
      line: `${SELF_SIGNED}：${who(selfSigned)}。憑證由持有人自行簽發，未經任何憑證機構核發，任何人都能以任意姓名製作（SHA-256 指紋：${selfSigned.map((s) => s.certificate?.sha256 ?? '不明').join('、')}）。`,
    });
  }
  if (untrusted.length > 0) {
    failures.push({
      title: `驗證未通過：${TRUST_GAP}`,
      line: `${TRUST_GAP}：${who(untrusted)}。文件內容自簽署後未被更改，但無法確認簽署人身分屬本公司。`,
    });
  }
  if (expired.length > 0) {
    failures.push({
      title: '驗證未通過：憑證已過期',
      line: `憑證已過期：${who(expired)}。簽章未附可信任的時間戳記，所載簽署時間只是簽署人的聲明，因此以驗證當時判斷憑證的有效性；過期憑證所作的簽章不視為有效簽章。`,
    });
  }
  if (usage.length > 0) {
    failures.push({
      title: '驗證未通過：憑證不可用於簽署文件',
      line: `憑證的金鑰用途不含數位簽章（digitalSignature）或不可否認（nonRepudiation）：${who(usage)}。此類憑證（例如加密或伺服器憑證）不應用於簽署記錄。`,
    });
  }
  if ((!r.revision || r.revision.standing === 'unknown') && !(r.record && belongsToNoProcedure(r.record))) {
    failures.push({
      title: '驗證未通過：依據的程序版本不在受控文件清單內',
      line: r.revision
        ? `記錄所依據的 ${r.revision.procedureNumber} 第 ${r.revision.procedureRevision} 版不在本手冊的受控文件清單內。`
        : '記錄未載明所依據的程序版本。',
    });
  }
  const mismatched = r.signatures.filter((s) => s.identity.matches === false);
  const identityLines = mismatched.map(identityLine);
  if (failures.length > 0) {
    const lines = [...failures.map((f) => f.line), ...identityLines];
    if (r.signatures.length === 0) lines.push('本文件未經數位簽章，無法證明內容在匯出後未被更改。');
    return { kind: 'bad', title: failures.length === 1 ? failures[0].title : '驗證未通過', lines };
  }
  if (mismatched.length > 0) {
    return { kind: 'warn', title: `${IDENTITY_MISMATCH}，須查證`, lines: [...identityLines, '簽章本身完整有效；請向簽署人查證其是否獲授權代表記錄所載之人簽署。'] };
  }
  const unchecked = r.contentUnchecked ? [`未能比對頁面內容與內嵌資料：${r.contentUnchecked}`] : [];
  if (r.signatures.length === 0) {
    return { kind: 'warn', title: '文件未經數位簽章', lines: ['本文件未經數位簽章，無法證明內容在匯出後未被更改。', ...unchecked] };
  }
  if (unchecked.length > 0) return { kind: 'warn', title: '簽章有效，但未能比對頁面內容', lines: unchecked };
  return { kind: 'ok', title: '驗證通過：文件完整，所有簽章有效', lines: ['文件自最後一個簽章後未被更改，簽署人憑證均由公司信任的憑證機構簽發。'] };
}

/** One verdict line for a signature whose signer is not the one the record names. */
function identityLine(s: SignatureReport): string {
  const how = s.identity.confirmed ? `簽署人於簽署時已確認代 ${s.identity.recordName} 簽署` : '簽署時未經確認';
  return `${IDENTITY_MISMATCH}：「${s.role}」由「${s.signerName ?? '不明'}」的憑證簽署，記錄所載為「${s.identity.recordName}」（${how}）。`;
}

/** Compares each signer with the name the record gives the role (x-form nameField). */
function compareSigners(signatures: SignatureReport[], form: Pick<FormDefinition, 'meta'>, data: unknown): void {
  for (const s of signatures) {
    const recordName = recordSignerName(form.meta, data, s.field);
    // Only a certificate that was found and parsed names the signer.
    const matches = s.certificate && s.signerName ? signerMatches(s.signerName, recordName) : null;
    s.identity = { recordName, matches, confirmed: s.identity.confirmed && matches === false };
    if (matches === false) {
      s.problems.push(IDENTITY_MISMATCH);
      s.notes.push(`記錄所載的${s.role}是「${recordName}」，憑證是「${s.signerName}」；${s.identity.confirmed ? '簽署人於簽署時已確認代為簽署' : '簽署時未經確認'}`);
    }
  }
}

/**
 * Why the sign page refuses to add a signature to this file, or null. Co-signing needs every
 * existing signature intact and nothing appended after the last; a certificate problem of an
 * earlier signer does not stop a later one (the verdict still reports it).
 */
export function cannotSignReason(r: Facts): string | null {
  if (r.encrypted) return `${ENCRYPTED_MESSAGE}，不能在此簽署。請使用本手冊匯出的未加密記錄 PDF。`;
  if (r.truncated) return `${TRUNCATED_MESSAGE}不能加簽。`;
  if (!r.ours) return `${r.message ?? NOT_OURS_MESSAGE}，不能在此簽署。請使用本手冊匯出的記錄 PDF。`;
  if (r.signatures.some((s) => !s.intact) || r.bytesAfterLastSignature > 0) {
    return '此文件的既有簽章顯示文件在簽署後被修改或簽章無效，不能加簽。請向前一位簽署人索取原本的檔案。';
  }
  if (r.content && !r.content.matches) return `${CONTENT_MISMATCH}，不能加簽：簽署會為與頁面不同的資料背書。`;
  if (r.rules && !r.rules.valid) return `${RULES_BROKEN}，不能加簽：請退回填寫人更正後重新匯出。`;
  if (r.unsignedFields.length === 0) return '此文件所有簽署欄都已簽署，沒有可加簽的欄位。';
  return null;
}

// ---- the report --------------------------------------------------------------------------------

/** What a later revision changed; a revision too broken to compare counts as a change. */
function safeChanges(signed: PDFDocument, current: PDFDocument): string[] {
  try {
    return nonPermittedChanges(signed, current);
  } catch {
    return ['（檔案結構損毀，無法比對）'];
  }
}

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
  const encrypted = doc.isEncrypted;
  const truncated = looksTruncated(bytes);
  const anchors = parseTrust(options.trust);
  const rec = encrypted ? { found: false, record: null, error: null, canonical: null } : readRecord(doc);
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
    s.laterChanges = safeChanges(signedDoc, doc);
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
      changesAfter = signedDoc ? safeChanges(signedDoc, doc) : ['（無法比對）'];
    }
  }

  let revisionInfo: VerifyReport['revision'] = null;
  if (rec.record && !belongsToNoProcedure(rec.record)) {
    const standing = revisionStanding(options.register, rec.record.procedureNumber, rec.record.procedureRevision);
    const entry = options.register.find((r) => r.docNumber === rec.record!.procedureNumber && r.revision === rec.record!.procedureRevision) ?? null;
    const recordDate = recordDateOf(rec.record);
    const inForceOnRecordDate = entry && recordDate ? inForceOn(entry, recordDate) : null;
    revisionInfo = {
      procedureNumber: rec.record.procedureNumber,
      procedureRevision: rec.record.procedureRevision,
      standing,
      label: STANDING_LABELS_ZH[standing],
      entry,
      recordDate,
      inForceOnRecordDate,
      onRecordDateLabel:
        inForceOnRecordDate === null ? null : !inForceOnRecordDate ? NOT_IN_FORCE_WHEN_FILLED : standing === 'superseded' ? IN_FORCE_WHEN_FILLED_NOW_SUPERSEDED : '填寫時生效',
    };
  }

  const formFor = options.forms ?? options.layout?.form;
  // The form revision the record was filled on names its signers' fields.
  const identityForm = rec.record && !encrypted && formFor ? await formFor(rec.record.form, rec.record.formRevision) : null;
  if (identityForm && rec.record) compareSigners(signatures, identityForm, rec.record.data);

  let rules: VerifyReport['rules'] = null;
  let content: VerifyReport['content'] = null;
  let contentUnchecked: string | null = null;
  if (rec.record && !encrypted) {
    const result = options.rules ? await options.rules(rec.record.form, rec.record.data, rec.record.formRevision) : null;
    if (result) rules = { valid: result.valid, errors: result.errors.map((e) => e.message) };
    // The record validates and is laid out under the form revision it was filled under.
    const form = options.layout ? await options.layout.form(rec.record.form, rec.record.formRevision) : null;
    if (form && options.layout) {
      const compared = await recordPageMismatches(doc, rec.record, form, options.layout.fonts);
      if ('unchecked' in compared) contentUnchecked = compared.unchecked;
      else content = { matches: compared.differences.length === 0, differences: compared.differences };
    }
  }

  const ours = rec.found;
  const facts: Facts = {
    ours,
    encrypted,
    truncated,
    rules,
    content,
    contentUnchecked,
    message: encrypted ? ENCRYPTED_MESSAGE : ours ? null : NOT_OURS_MESSAGE,
    record: rec.record,
    recordError: rec.error,
    revision: revisionInfo,
    signatures,
    unsignedFields: unsigned,
    fileLength: bytes.length,
    lastSignatureCoversWholeDocument: lastCovers,
    bytesAfterLastSignature: bytesAfter,
    changesAfterLastSignature: changesAfter,
  };
  const verdict = decideVerdict(facts);
  const ok = verdict.kind !== 'bad' && !signatures.some((s) => s.identity.matches === false);
  const report: VerifyReport = { ...facts, ok, verdict, cannotSign: cannotSignReason(facts), summary: [] };
  report.summary = summarize(report);
  return report;
}

/**
 * Why a signature may not be added to this file, or null: the sign page and the CLI's
 * --add-signature both ask this (cannotSignReason on the full report), so they refuse alike.
 */
export async function refuseToSign(pdf: BinaryData, options: VerifyOptions): Promise<string | null> {
  try {
    return (await verifyPdf(pdf, options)).cannotSign;
  } catch (e) {
    // A file too broken to verify is too broken to sign.
    return `${e instanceof PdfError ? e.message : '無法讀取此 PDF 檔，檔案可能已損毀。'}不能加簽。`;
  }
}

/** The report in Chinese, one fact a line. */
export function summarize(r: VerifyReport): string[] {
  const out: string[] = [];
  if (r.encrypted) out.push(`${ENCRYPTED_MESSAGE}。`);
  else if (!r.ours) out.push(`${NOT_OURS_MESSAGE}（檔案內沒有 ${FORM_DATA_NAME}）。`);
  if (r.truncated) out.push(TRUNCATED_MESSAGE);
  if (r.recordError) out.push(`記錄資料：${r.recordError}。`);
  if (r.record) {
    out.push(`記錄：表單 ${r.record.formNumber}（${r.record.form}），版次 ${r.record.formRevision}，匯出於 ${formatDateTimeZh(new Date(r.record.savedAt))}。`);
  }
  if (r.revision) {
    out.push(
      `依據程序：${r.revision.procedureNumber} 第 ${r.revision.procedureRevision} 版 —— ${r.revision.label}${r.revision.onRecordDateLabel ? `；${r.revision.onRecordDateLabel}（記錄日期 ${r.revision.recordDate}）` : ''}。`,
    );
  }
  if (r.rules) out.push(r.rules.valid ? '表單規則：內嵌資料符合表單規則。' : `表單規則：${RULES_BROKEN}：${r.rules.errors.join('；')}。`);
  else if (r.record) out.push('表單規則：未重新檢查。');
  if (r.content) out.push(r.content.matches ? '頁面內容：與內嵌資料一致。' : `頁面內容：${CONTENT_MISMATCH}：${r.content.differences.join('；')}。`);
  else if (r.record) out.push(`頁面內容：未與內嵌資料比對${r.contentUnchecked ? `（${r.contentUnchecked}）` : ''}。`);
  if (r.signatures.length === 0) out.push('本文件未經數位簽章，無法證明內容在匯出後未被更改。');
  r.signatures.forEach((s, i) => {
    const who = s.signerName ?? '（不明）';
    const when = s.signingTime ? formatDateTimeZh(s.signingTime) : '（未註明時間）';
    out.push(`簽章 ${i + 1}：${s.role}　${who}　${when}　—— ${s.statusLabel}`);
    if (s.reason) out.push(`　・簽署意義：${s.reason}`);
    if (s.identity.matches === true) out.push(`　・簽署人與記錄所載的${s.role}相符（${s.identity.recordName}）`);
    for (const p of s.problems) out.push(`　・${p}`);
    for (const n of s.notes) out.push(`　・註：${n}`);
    if (s.certificate) {
      out.push(`　・憑證鏈：${s.certificate.chain.map((c) => `${c.subject}${c.selfSigned ? `（${SELF_SIGNED}）` : ''}`).join(' ← ')}${s.chainTrusted ? '（止於公司信任的憑證機構）' : '（未連到公司信任的憑證機構）'}`);
      out.push(`　・憑證 SHA-256 指紋：${s.certificate.sha256}`);
    }
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
  if (!r.ok && r.verdict.kind === 'warn') out.push(`結論：簽章有效，但${IDENTITY_MISMATCH}，須向簽署人查證後方可採信。`);
  else if (!r.ok) out.push('結論：驗證未通過，請勿採信此文件，並向簽署人或管理員查證。');
  else if (r.signatures.length === 0) out.push('結論：記錄可讀取，依據的程序版本有效；但文件未經數位簽章。');
  else out.push('結論：文件完整，所有簽章有效。');
  return out;
}

