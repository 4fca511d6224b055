/**
 * Digital signatures in the role's signature box. The first signature is written with a full
 * save (classic xref, no object streams); every later one as an incremental update appended to
 * the file, so the bytes earlier signers signed stay byte-identical and their signatures valid.
 *
 * The /Sig dictionary carries a ByteRange placeholder and a zero-filled /Contents; after
 * saving, the ByteRange is written in place, the two ranges are hashed, and the CAdES CMS
 * (cms.ts) is written into /Contents.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString, type PDFImage } from '@cantoo/pdf-lib';
import { pdfText, signatureFields, type SigField } from './acroform.ts';
import { appearanceTexts, removeUnsignedMark, signedAppearance } from './appearance.ts';
import { createCadesSignature, sha256 } from './cms.ts';
import { PdfError, formatDateTimeZh } from '../errors.ts';
import { readRecord } from '../document/embedded.ts';
import type { RecordEnvelope } from '../../record/envelope.ts';
import { DocFonts, type BinaryData, type PdfFontSources } from '../layout/fonts.ts';
import { decodeDataUrl } from '../document/form-model.ts';
import { signatureImageBytesProblem } from '../../record/signature-image.ts';
import type { Signer } from './pkcs12.ts';
import { binaryString, toU8 } from '../../shared/bytes.ts';

export type { Signer } from './pkcs12.ts';
export { readPkcs12 } from './pkcs12.ts';

export interface SignRequest {
  signer: Signer;
  /** The x-form signature role whose box is signed (the PDF field name). */
  role: string;
  fonts: PdfFontSources;
  /**
   * The signer's drawn signature (PNG or JPEG, e.g. from signature_pad), shown in the box.
   * Default: the image in the embedded record's data.signatures.<role>, if any.
   */
  image?: BinaryData;
  /** Signing time (default: now). */
  time?: Date;
  /** /Reason; default 「<role label>簽署」. */
  reason?: string;
  location?: string;
  /** Offset of the time shown in the box, minutes east of UTC (default 480: UTC+8). */
  timeZoneOffsetMinutes?: number;
}

const BYTE_RANGE_PLACEHOLDER = [0, 1111111111, 2222222222, 3333333333];
const BYTE_RANGE_RE = /\/ByteRange\s*\[\s*0\s+1111111111\s+2222222222\s+3333333333\s*\]/g;

/** Room for the CMS: the certificates it carries plus the signature and attributes. */
function contentsSize(signer: Signer): number {
  const certs = signer.chainDer.reduce((n, c) => n + c.byteLength, 0);
  return Math.ceil((certs + 3072) / 1024) * 1024;
}

async function embedSignatureImage(doc: PDFDocument, image: BinaryData | undefined): Promise<PDFImage | undefined> {
  if (!image) return undefined;
  const bytes = toU8(image);
  const problem = signatureImageBytesProblem(bytes);
  if (problem) throw new PdfError('IMAGE_INVALID', `手寫${problem}。`);
  try {
    return bytes[0] === 0xff && bytes[1] === 0xd8 ? await doc.embedJpg(bytes) : await doc.embedPng(bytes);
  } catch {
    throw new PdfError('IMAGE_INVALID', '手寫簽名圖檔無法讀取（需為 PNG 或 JPEG 格式）。');
  }
}

/** The role's drawn signature in the record (data.signatures.<role>.image), if any. */
function recordImage(rec: RecordEnvelope | null, role: string): Uint8Array | undefined {
  const sigs = rec?.data?.signatures;
  const entry = sigs && typeof sigs === 'object' ? (sigs as Record<string, unknown>)[role] : undefined;
  const url = entry && typeof entry === 'object' ? (entry as { image?: unknown }).image : undefined;
  return typeof url === 'string' ? decodeDataUrl(url)?.bytes : undefined;
}

/**
 * Fills the role's field with a /Sig dictionary (placeholders) and its visible appearance.
 * `fonts` may be the document's own (export + sign) or null to embed a fresh subset. `record` is
 * the record the export just embedded (passed along, not read back); by default it is read from
 * the PDF (adding a signature to a file).
 */
export async function prepareSignatureField(
  doc: PDFDocument,
  req: SignRequest,
  fonts: DocFonts | null,
  record: RecordEnvelope | null = readRecord(doc).record,
): Promise<{ field: SigField; time: Date }> {
  const fields = signatureFields(doc);
  const field = fields.find((f) => f.name === req.role || f.name === req.role.replace(/\./g, '_'));
  if (!field) {
    const roles = fields.map((f) => (f.label ? `${f.label}（${f.name}）` : f.name)).join('、') || '（無）';
    throw new PdfError('ROLE_UNKNOWN', `此 PDF 沒有「${req.role}」的簽署欄位。可簽署的欄位：${roles}。`);
  }
  const label = field.label ?? req.role;
  if (field.signed) {
    throw new PdfError('ROLE_ALREADY_SIGNED', `「${label}」欄位已經簽署，不能重複簽署。`);
  }
  const time = req.time ?? new Date();
  const timeText = formatDateTimeZh(time, req.timeZoneOffsetMinutes);
  const info = { name: req.signer.name, label, time: timeText };
  const docFonts =
    fonts ?? (await DocFonts.create(doc, req.fonts, appearanceTexts(info).map((text) => ({ label: '簽署人姓名', text }))));
  const image = await embedSignatureImage(doc, req.image ?? recordImage(record, req.role));
  const [x1, y1, x2, y2] = field.rect;
  const ap = signedAppearance(doc, docFonts, x2 - x1, y2 - y1, { ...info, image });

  const ctx = doc.context;
  const size = contentsSize(req.signer);
  const sig = ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: ctx.obj(BYTE_RANGE_PLACEHOLDER.map((n) => PDFNumber.of(n))) as PDFArray,
    Contents: PDFHexString.of('0'.repeat(size * 2)),
    M: PDFString.fromDate(time),
    Name: pdfText(req.signer.name),
    Reason: pdfText(req.reason ?? `${label}簽署`),
    ...(req.location ? { Location: pdfText(req.location) } : {}),
  });
  const sigRef = ctx.register(sig);
  field.dict.set(PDFName.of('V'), sigRef);
  field.dict.set(PDFName.of('AP'), ctx.obj({ N: ap }));

  // SigFlags 3: signatures exist, append only (viewers must save incrementally).
  const acroRef = doc.catalog.get(PDFName.of('AcroForm'));
  const acro = acroRef ? ctx.lookup(acroRef) : undefined;
  if (acro instanceof PDFDict) {
    const flags = acro.get(PDFName.of('SigFlags'));
    if (!(flags instanceof PDFNumber) || flags.asNumber() !== 3) acro.set(PDFName.of('SigFlags'), PDFNumber.of(3));
  }
  return { field, time };
}

/** Writes the ByteRange and the CMS into the placeholder found after `from`. */
export async function finalizeSignature(bytes: Uint8Array, from: number, signer: Signer, time: Date): Promise<Uint8Array> {
  const text = binaryString(bytes, from);
  let m: RegExpExecArray | null;
  let last: RegExpExecArray | null = null;
  BYTE_RANGE_RE.lastIndex = 0;
  while ((m = BYTE_RANGE_RE.exec(text))) last = m;
  if (!last) throw new PdfError('SIGNING_FAILED', '簽署失敗：找不到簽章預留位置。');
  const brStart = from + last.index;
  const brLength = last[0].length;
  const zeros = /<(0{200,})>/g;
  zeros.lastIndex = last.index;
  const cm = zeros.exec(text);
  if (!cm) throw new PdfError('SIGNING_FAILED', '簽署失敗：找不到簽章內容預留位置。');
  const contentsStart = from + cm.index; // at '<'
  const contentsEnd = contentsStart + cm[0].length; // after '>'
  const hexLength = cm[1].length;

  const out = new Uint8Array(bytes);
  const range = [0, contentsStart, contentsEnd, out.length - contentsEnd];
  let brText = `/ByteRange [${range.join(' ')}]`;
  if (brText.length > brLength) throw new PdfError('SIGNING_FAILED', '簽署失敗：檔案過大。');
  brText = brText.padEnd(brLength, ' ');
  for (let i = 0; i < brLength; i++) out[brStart + i] = brText.charCodeAt(i);

  const digest = await sha256(out.subarray(0, contentsStart), out.subarray(contentsEnd));
  let cms: Uint8Array;
  try {
    cms = await createCadesSignature(signer, digest, time);
  } catch (e) {
    throw new PdfError('SIGNING_FAILED', `簽署失敗：無法產生數位簽章（${e instanceof Error ? e.message : String(e)}）。`);
  }
  if (cms.length * 2 > hexLength) throw new PdfError('SIGNATURE_TOO_LARGE', '簽署失敗：簽章資料超過預留空間。');
  const hex = Array.from(cms, (b) => b.toString(16).padStart(2, '0')).join('');
  for (let i = 0; i < hex.length; i++) out[contentsStart + 1 + i] = hex.charCodeAt(i);
  return out;
}

/**
 * Signs a loaded, not yet signed document with a full save. Used by exportSignedRecordPdf and by
 * addSignature on an unsigned export (its 「未經數位簽章」 stamps are removed first).
 */
export async function signDocumentFull(doc: PDFDocument, req: SignRequest, fonts: DocFonts | null, record?: RecordEnvelope | null): Promise<Uint8Array> {
  removeUnsignedMark(doc);
  const { time } = await prepareSignatureField(doc, req, fonts, record);
  const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false, addDefaultPage: false });
  return finalizeSignature(bytes, 0, req.signer, time);
}

function hasSignature(doc: PDFDocument): boolean {
  return signatureFields(doc).some((f) => f.signed);
}

async function load(pdf: Uint8Array, incremental: boolean): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(pdf, { updateMetadata: false, forIncrementalUpdate: incremental });
  } catch (e) {
    if (e instanceof Error && /encrypt/i.test(e.message)) throw new PdfError('PDF_ENCRYPTED', '此 PDF 已加密，無法簽署。');
    throw new PdfError('PDF_UNREADABLE', '無法讀取此 PDF 檔，檔案可能已損毀。');
  }
}

/**
 * Adds a signature to an exported record PDF. If nobody has signed yet this is the first
 * signature (full save, the unsigned stamp removed); otherwise an incremental update that
 * leaves every earlier byte, and so every earlier signature, intact.
 */
export async function addSignature(pdf: BinaryData, req: SignRequest): Promise<Uint8Array> {
  const bytes = toU8(pdf);
  const doc = await load(bytes, true);
  if (!hasSignature(doc)) {
    const full = await load(bytes, false);
    // Keep Info and XMP in step for PDF/A (pdf-lib manages the XMP once converted).
    full.setModificationDate(req.time ?? new Date());
    full.convertToPDFA({ conformance: '3B' });
    return signDocumentFull(full, req, null);
  }
  const { time } = await prepareSignatureField(doc, req, null);
  const updated = await doc.commit({ useObjectStreams: false });
  return finalizeSignature(updated, bytes.length, req.signer, time);
}

