/**
 * The signer bound to the record (issue 11): before a role is signed, the certificate's name is
 * compared with the name the record gives that role's signer (x-form `nameField`,
 * forms/definition/signers.ts). A difference is refused unless the signer confirms signing on
 * behalf of the person the record names; the signature then says so in its box and in what is
 * signed.
 *
 * What the signature means is signed in the signature dictionary, which the ByteRange covers:
 * - /Reason: 「以查閱人身分簽署」, or 「以查閱人身分代 吳國華 簽署（憑證：陳美玲）」. /Reason rather
 *   than a CAdES commitment-type-indication attribute because the ETSI commitment types
 *   (proof of origin, approval, receipt…) do not name our roles (查閱人, 登記人, 業戶簽收), PAdES
 *   takes the reason from one place or the other, not both, and /Reason is what PDF viewers show
 *   in their signature panels.
 * - /HB_SignerBinding << /NameField /RecordName /Matches /Confirmed >>: the same facts for the
 *   verifier to read back without parsing words, so a confirmed 代簽 is told from a mismatch
 *   nobody was asked about (a file signed by another tool). A private key: readers ignore it.
 */
import { PDFBool, PDFDict, PDFName, type PDFContext } from '@cantoo/pdf-lib';
import type { FormDefinition } from '../../forms/definition/define.ts';
import { recordSignerName, signerMatches, signerNameField } from '../../forms/definition/signers.ts';
import { textOf } from '../../shared/pdf-objects.ts';
import { PdfError } from '../errors.ts';
import { pdfText } from './acroform.ts';
import { mismatchMessage } from '../file-text.ts';

export const BINDING_KEY = 'HB_SignerBinding';

/** What the caller (sign page, form page, CLI) asks: compare against this form, and whether the signer confirmed a difference. */
export interface SignerBinding {
  /** The definition of the record's form (by the id the record names), null if unknown. */
  forms: (formId: string) => Pick<FormDefinition, 'meta'> | null;
  /** The signer ticked 「我確認以此憑證代表記錄所載之 X 簽署」 (or passed --confirm-signer-mismatch). */
  confirmMismatch: boolean;
}

/** The outcome of the comparison at signing, as recorded in the signature. */
export interface BoundSigner {
  nameField: string | null;
  recordName: string | null;
  /** null when the record names nobody for the role. */
  matches: boolean | null;
  /** The signer confirmed signing although the names differ. */
  confirmed: boolean;
}

/**
 * Compares the certificate with the record for the role; throws SIGNER_MISMATCH (with the record's
 * name in `details`) for an unconfirmed difference.
 */
export function bindSigner(binding: SignerBinding, record: { form: string; data: unknown } | null, role: string, label: string, certificateName: string): BoundSigner {
  const form = record ? binding.forms(record.form) : null;
  const nameField = form ? signerNameField(form.meta.signatures.find((s) => s.role === role)) : null;
  const recordName = form && record ? recordSignerName(form.meta, record.data, role) : null;
  const matches = signerMatches(certificateName, recordName);
  if (matches === false && !binding.confirmMismatch) {
    throw new PdfError('SIGNER_MISMATCH', mismatchMessage(label, certificateName, recordName!), { recordName, certificateName, label });
  }
  return { nameField, recordName, matches, confirmed: matches === false };
}

/** /Reason: the role the signature is given in, and on whose behalf when the names differ. */
export function signatureReason(label: string, certificateName: string, bound: BoundSigner | null): string {
  return bound?.confirmed && bound.recordName ? `以${label}身分代 ${bound.recordName} 簽署（憑證：${certificateName}）` : `以${label}身分簽署`;
}

/** The line the signature box shows under the name when the signer signed for someone else. */
export function onBehalfCaption(certificateName: string, bound: BoundSigner | null): string | null {
  return bound?.confirmed && bound.recordName ? `代 ${bound.recordName} 簽署（憑證：${certificateName}）` : null;
}

export function bindingDict(ctx: PDFContext, bound: BoundSigner): PDFDict {
  return ctx.obj({
    ...(bound.nameField ? { NameField: pdfText(bound.nameField) } : {}),
    ...(bound.recordName ? { RecordName: pdfText(bound.recordName) } : {}),
    ...(bound.matches !== null ? { Matches: bound.matches ? PDFBool.True : PDFBool.False } : {}),
    Confirmed: bound.confirmed ? PDFBool.True : PDFBool.False,
  }) as PDFDict;
}

/** What a signature dictionary recorded of the comparison; null when it recorded none. */
export function readBinding(sig: PDFDict): { recordName: string | null; confirmed: boolean } | null {
  const dict = sig.context.lookup(sig.get(PDFName.of(BINDING_KEY)));
  if (!(dict instanceof PDFDict)) return null;
  const confirmed = dict.context.lookup(dict.get(PDFName.of('Confirmed')));
  return { recordName: textOf(dict.get(PDFName.of('RecordName'))), confirmed: confirmed instanceof PDFBool && confirmed.asBoolean() };
}
