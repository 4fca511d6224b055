/**
 * Record -> PDF and blank form -> PDF. Framework-free (browser and Node): fonts come in as
 * bytes or loaders, nothing here imports node:*.
 *
 * A record PDF is PDF/A-3b with the record envelope embedded as form-data.json
 * (AFRelationship Data), Info + XMP metadata in Chinese, /Lang zh-TW, one signature field per
 * role in x-form.signatures, and — while unsigned — a 「本文件未經數位簽章」 stamp on every page.
 */
import { signatureImageBytesProblem } from '../../record/signature-image.ts';
import { PDFDocument } from '@cantoo/pdf-lib';
import type { RecordEnvelope } from '../../record/envelope.ts';
import { addSignatureFields } from '../sign/acroform.ts';
import { addUnsignedMark, appearanceTexts, UNSIGNED_MARK_TEXT } from '../sign/appearance.ts';
import { embedRecord } from './embedded.ts';
import { setMetadata } from './metadata.ts';
import { schemaTexts, valueTexts } from './texts.ts';
import { PdfError, formatDateTimeZh } from '../errors.ts';
import { DocFonts, type BinaryData, type LabelledText, type PdfFontSources } from '../layout/fonts.ts';
import { metricsEngine, needsShaping } from '../layout/font-metrics.ts';
import {
  type FormDefinition,
  type FormModel,
  blankRetentionText,
  dataSignature,
  decodeDataUrl,
  displayValue,
  formModel,
  retentionText,
  signatureRequirement,
  valueAt,
} from './form-model.ts';
import { renderForm, type DrawnSignature, type RenderResult } from '../layout/form-renderer.ts';
import { PageSurface, Painter, RED } from '../layout/painter.ts';
import type { SignRequest } from '../sign/sign.ts';
import { bindSigner, onBehalfCaption } from '../sign/binding.ts';

/** Overrides what the record's `signatures.<role>` holds ({ name, signedOn, image }). */
export interface DrawnSignatureInput {
  /** PNG or JPEG bytes of the drawn signature. */
  image?: BinaryData;
  name: string;
  /** As it should read, e.g. 2026-03-04. */
  date: string;
}

export interface RecordPdfInput {
  form: FormDefinition;
  record: RecordEnvelope;
  fonts: PdfFontSources;
  /**
   * Signatures to draw in the boxes, by role. Default: the record's own `data.signatures`
   * (name, signedOn, and the drawn image as a data: URL).
   */
  drawnSignatures?: Record<string, DrawnSignatureInput>;
  /** Info /Author; default the handbook's name. */
  author?: string;
  /** Creation time (default now). */
  now?: Date;
}

export interface BlankFormInput {
  form: FormDefinition;
  fonts: PdfFontSources;
  /**
   * The procedure revision in force (from the register), printed as 「依 <number> 第 <revision>
   * 版填寫」. Omitted: a blank to fill in by hand.
   */
  procedureRevision?: string;
  /**
   * The blank form of a superseded procedure revision: 「已作廢，不得使用」 (VOID_FORM_TEXT) is
   * stamped across every page, so a printed copy cannot be taken for the form in force.
   */
  void?: boolean;
  now?: Date;
}

export const VOID_FORM_TEXT = '已作廢，不得使用';

/** 「已作廢，不得使用」 in red across the top of every page, boxed, drawn into the page content. */
export function stampVoid(doc: PDFDocument, fonts: DocFonts): void {
  const size = 30;
  for (const page of doc.getPages()) {
    const surface = new PageSurface(page);
    const p = new Painter(fonts, surface);
    const w = p.width(VOID_FORM_TEXT, size) + 24;
    const x = (page.getWidth() - w) / 2;
    const y = page.getHeight() / 2;
    p.rect(x, y - 10, w, size + 18, { stroke: RED, lineWidth: 2.5 });
    p.textCentered(VOID_FORM_TEXT, page.getWidth() / 2, y, { size, color: RED, bold: true });
    surface.flush();
  }
}

/** The record as an unsigned PDF (stamped 「本文件未經數位簽章」). */
export async function exportRecordPdf(input: RecordPdfInput): Promise<Uint8Array> {
  const { doc } = await buildRecordDocument(input, { unsignedMark: true });
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

/** A blank form for handwriting, same layout as the record. */
export async function blankFormPdf(input: BlankFormInput): Promise<Uint8Array> {
  const model = formModel(input.form);
  const m = model.meta;
  const doc = await PDFDocument.create({ updateMetadata: false });
  const retention = blankRetentionText(model);
  const requirement = Object.fromEntries(m.signatures.map((s) => [s.role, signatureRequirement(m, s)]));
  const texts: LabelledText[] = [
    ...schemaTexts(model, true),
    { label: '保存期限', text: retention },
    ...Object.values(requirement).map((text) => ({ label: '表單設定', text })),
    ...(input.void ? [{ label: '表單設定', text: VOID_FORM_TEXT }] : []),
  ];
  const fonts = await DocFonts.create(doc, input.fonts, texts);
  renderForm({
    doc,
    model,
    fonts,
    mode: 'blank',
    procedureNumber: m.procedureNumber,
    procedureRevision: input.procedureRevision ?? '',
    formRevision: m.revision,
    recordNumber: '',
    retention,
    requirement,
  });
  if (input.void) stampVoid(doc, fonts);
  setMetadata(doc, {
    title: `${input.void ? '【已作廢】' : ''}${m.title}（${m.number}）空白表單`,
    subject: `${m.title}空白表單，依 ${m.procedureNumber}${input.procedureRevision ? ` 第 ${input.procedureRevision} 版` : ''}`,
    keywords: [m.number, m.id, m.procedureNumber, '空白表單'],
    now: input.now ?? new Date(),
  });
  doc.convertToPDFA({ conformance: '3B' });
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}

function dataUrl(image: BinaryData): string {
  const bytes = image instanceof Uint8Array ? image : new Uint8Array(image);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/${bytes[0] === 0xff && bytes[1] === 0xd8 ? 'jpeg' : 'png'};base64,${btoa(bin)}`;
}

function drawnToEnvelope(drawn: Record<string, DrawnSignatureInput>): NonNullable<RecordEnvelope['drawn']> {
  return Object.fromEntries(Object.entries(drawn).map(([role, d]) => [role, { name: d.name, date: d.date, ...(d.image ? { image: dataUrl(d.image) } : {}) }]));
}

function drawnFromEnvelope(env: RecordEnvelope): Record<string, DrawnSignatureInput> | undefined {
  if (!env.drawn || typeof env.drawn !== 'object') return undefined;
  const out: Record<string, DrawnSignatureInput> = {};
  for (const [role, d] of Object.entries(env.drawn)) {
    if (!d || typeof d.name !== 'string' || typeof d.date !== 'string') continue;
    const image = typeof d.image === 'string' ? decodeDataUrl(d.image)?.bytes : undefined;
    out[role] = { name: d.name, date: d.date, ...(image ? { image } : {}) };
  }
  return out;
}

interface BuiltRecord {
  doc: PDFDocument;
  fonts: DocFonts;
  model: FormModel;
  render: RenderResult;
}

export async function buildRecordDocument(
  input: RecordPdfInput,
  opts: {
    unsignedMark: boolean;
    sign?: SignRequest;
    /**
     * The document is only read back for its text (verify/content.ts): laid out with the metrics
     * reader instead of fontkit unless a text needs shaping (font-metrics.ts).
     */
    readBack?: boolean;
  },
): Promise<BuiltRecord> {
  const model = formModel(input.form);
  const m = model.meta;
  // Signatures drawn at export go into the embedded record, and a record read back draws them
  // again: what the page shows is always what the JSON says (the verifier relies on it).
  const overrides = input.drawnSignatures ?? drawnFromEnvelope(input.record);
  const env: RecordEnvelope = input.drawnSignatures ? { ...input.record, drawn: drawnToEnvelope(input.drawnSignatures) } : input.record;
  if (env.form !== m.id) {
    throw new PdfError('SCHEMA_INVALID', `記錄屬於表單「${env.form}」，與所選表單「${m.id}」（${m.title}）不符。`);
  }
  const data = env.data;
  const now = input.now ?? new Date();
  const recordNumber = displayValue(
    { type: 'scalar', key: m.recordNumberField, path: [m.recordNumberField], title: '', kind: 'text', wide: false, blankLines: 1, options: [] },
    valueAt(data, m.recordNumberField.split('.')),
  );
  const retention = retentionText(m, data);

  const doc = await PDFDocument.create({ updateMetadata: false });
  const drawnInfo: { role: string; name: string; date: string; image: { bytes: Uint8Array; type: 'png' | 'jpg' } | null }[] = [];
  for (const sig of m.signatures) {
    const override = overrides?.[sig.role];
    if (override) {
      const bytes = override.image ? (override.image instanceof Uint8Array ? override.image : new Uint8Array(override.image)) : null;
      const type = bytes && bytes[0] === 0xff && bytes[1] === 0xd8 ? 'jpg' : 'png';
      drawnInfo.push({ role: sig.role, name: override.name, date: override.date, image: bytes ? { bytes, type } : null });
      continue;
    }
    const fromData = dataSignature(model, data, sig.role);
    if (fromData) {
      drawnInfo.push({ role: sig.role, name: fromData.name, date: fromData.signedOn, image: fromData.image ? decodeDataUrl(fromData.image) : null });
    }
  }
  const requirement = Object.fromEntries(m.signatures.map((s) => [s.role, signatureRequirement(m, s, data)]));
  const texts: LabelledText[] = [
    ...schemaTexts(model, false),
    ...valueTexts(model.fields, data),
    { label: '表單設定', text: `${env.procedureNumber}${env.procedureRevision}${env.formRevision}` },
    { label: '保存期限', text: retention },
    { label: '記錄編號', text: recordNumber },
    ...drawnInfo.flatMap((d) => [
      { label: '簽署人姓名', text: d.name },
      { label: '簽署日期', text: d.date },
    ]),
    ...Object.values(requirement).map((text) => ({ label: '表單設定', text })),
  ];
  if (opts.sign) {
    const label = m.signatures.find((s) => s.role === opts.sign!.role)?.label ?? opts.sign.role;
    const time = formatDateTimeZh(opts.sign.time ?? now, opts.sign.timeZoneOffsetMinutes);
    // Refused here, before the document is built, when the certificate is not the record's signer.
    const bound = opts.sign.binding ? bindSigner(opts.sign.binding, env, opts.sign.role, label, opts.sign.signer.name) : null;
    const onBehalf = onBehalfCaption(opts.sign.signer.name, bound);
    for (const text of appearanceTexts({ name: opts.sign.signer.name, label, time, onBehalf })) texts.push({ label: '簽署人姓名', text });
  }
  if (opts.unsignedMark) texts.push({ label: '表單設定', text: UNSIGNED_MARK_TEXT });
  const engine = opts.readBack && !texts.some((t) => needsShaping(t.text)) ? metricsEngine : undefined;
  const fonts = await DocFonts.create(doc, (engine && input.fonts.metrics) || input.fonts, texts, engine);

  const drawn: Record<string, DrawnSignature> = {};
  for (const d of drawnInfo) {
    let image = null;
    if (d.image) {
      const problem = signatureImageBytesProblem(d.image.bytes);
      if (problem) {
        const label = m.signatures.find((s) => s.role === d.role)?.label ?? d.role;
        throw new PdfError('IMAGE_INVALID', `「${label}」的${problem}。`);
      }
      try {
        image = d.image.type === 'jpg' ? await doc.embedJpg(d.image.bytes) : await doc.embedPng(d.image.bytes);
      } catch {
        const label = m.signatures.find((s) => s.role === d.role)?.label ?? d.role;
        throw new PdfError('IMAGE_INVALID', `「${label}」的簽名圖像無法讀取（需為 PNG 或 JPEG 格式）。`);
      }
    }
    drawn[d.role] = { image, name: d.name, date: d.date };
  }

  const render = renderForm({
    doc,
    model,
    fonts,
    mode: 'record',
    data,
    procedureNumber: env.procedureNumber,
    procedureRevision: env.procedureRevision,
    formRevision: env.formRevision,
    recordNumber,
    retention,
    drawn,
    requirement,
  });
  addSignatureFields(doc, render.pages, render.signatureBoxes);
  if (opts.unsignedMark) addUnsignedMark(doc, fonts, render.pages);

  await embedRecord(doc, env, `${m.title}記錄資料（JSON）`, now);
  setMetadata(doc, {
    title: recordNumber ? `${m.title}（${m.number}）${recordNumber}` : `${m.title}（${m.number}）`,
    subject: `${m.title}，依 ${env.procedureNumber} 第 ${env.procedureRevision} 版填寫`,
    keywords: [m.number, m.id, env.procedureNumber, env.procedureRevision, recordNumber].filter(Boolean),
    author: input.author,
    now,
  });
  doc.convertToPDFA({ conformance: '3B' });
  return { doc, fonts, model, render };
}
