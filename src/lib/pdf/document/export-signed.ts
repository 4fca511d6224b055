/**
 * The record as a signed PDF in one step. Apart from export.ts so that an unsigned export (and
 * verifying, which lays records out with export.ts) loads no CMS or .p12 code.
 */
import { buildRecordDocument, type RecordPdfInput } from './export.ts';
import { signDocumentFull, type SignRequest } from '../sign/sign.ts';

/** The record as a PDF signed by its first signer, in one step (full save). */
export async function exportSignedRecordPdf(input: RecordPdfInput, sign: SignRequest): Promise<Uint8Array> {
  const { doc, fonts } = await buildRecordDocument(input, { unsignedMark: false, sign });
  return signDocumentFull(doc, sign, fonts, input.record);
}
