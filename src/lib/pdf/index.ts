/**
 * The PDF library's public API, browser-safe (no node:* imports; fonts, trust list and register
 * are passed in by the caller). Node helpers (fonts from node_modules, schemas, trust/) are in
 * ./node.ts. The site's pages import the same functions through ./entries/ (one entry per job, so
 * verifying loads no fontkit or node-forge and an unsigned export no CMS code).
 *
 * Usage (the same in the browser):
 *
 *   const bytes = (url: string) => async () => new Uint8Array(await (await fetch(url)).arrayBuffer());
 *   // Create once per page: parsed faces are cached per source object.
 *   const fonts = {
 *     tcCommon: bytes('/fonts/NotoSansTC-Common.ttf'), // enough for most records
 *     tc: bytes('/fonts/NotoSansTC-Regular.ttf'),      // fetched only for a rarer character
 *     sc: bytes('/fonts/NotoSansSC-Regular.ttf'),      // fetched only for a character TC lacks
 *   };
 *   const form = formDefinition(formId);                             // src/lib/forms/definition/
 *   const pdf = await exportRecordPdf({ form, record, fonts });
 *   const signer = await readPkcs12(p12Bytes, password);            // PdfError with a zh-TW message
 *   const signed = await exportSignedRecordPdf({ form, record, fonts }, { signer, role, fonts, image });
 *   const second = await addSignature(signed, { signer: other, role: 'owner', fonts });
 *   const report = await verifyPdf(second, { trust: companyCa.certificates.map((c) => c.pem), register });
 */
export { exportRecordPdf, blankFormPdf, VOID_FORM_TEXT, type RecordPdfInput, type BlankFormInput, type DrawnSignatureInput } from './document/export.ts';
export { exportSignedRecordPdf } from './document/export-signed.ts';
export { addSignature, readPkcs12, type SignRequest, type Signer, type SignerBinding } from './sign/sign.ts';
export type { ReadPkcs12Options } from './sign/pkcs12.ts';
export {
  verifyPdf,
  refuseToSign,
  summarize,
  NOT_OURS_MESSAGE,
  ENCRYPTED_MESSAGE,
  CONTENT_MISMATCH,
  RULES_BROKEN,
  IDENTITY_MISMATCH,
  type RecordRules,
  SIGNATURE_STATUS_LABELS,
  STANDING_LABELS_ZH,
  type VerifyOptions,
  type VerifyReport,
  type SignatureReport,
  type SignatureStatus,
  type Verdict,
  type VerdictKind,
} from './verify/report.ts';
export { caFileToPem, type CaFile } from './verify/trust.ts';
export { allowsDocumentSigning, keyUsageProblem } from './verify/certificate.ts';
export { FORM_DATA_NAME, readRecord } from './document/embedded.ts';
export { recordIdentity, looksTruncated, TRUNCATED_MESSAGE, type RecordIdentity } from './verify/identity.ts';
export { PdfError, type PdfErrorCode, formatDateTimeZh } from './errors.ts';
export type { PdfFontSources, FontSource, BinaryData } from './layout/fonts.ts';
export { formModel, displayValue, valueAt, type FormDefinition, type FormMeta, type JsonSchema, type UiSchema } from './document/form-model.ts';
export { UNSIGNED_MARK_TEXT } from './sign/appearance.ts';
export { ApprovalError, approveRevision, checkApprovalSignature, signApproval, verifyApprovals, type ApprovalFiles, type ApproveRequest } from './approvals.ts';
