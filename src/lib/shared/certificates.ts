/** PEM text and X.509 names, for the signer, the verifier and the trust list. */
import type * as pkijs from 'pkijs';
import { base64ToBytes } from './bytes.ts';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Every PEM certificate block in a text (a file or a trust-list entry may hold several). */
export function pemCertificates(text: string): string[] {
  return text.match(PEM_CERTIFICATE) ?? [];
}

/** The DER bytes of one PEM certificate. */
export function pemToDer(pem: string): Uint8Array {
  return base64ToBytes(pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, ''));
}

/** A name's common name, else all its values (pkijs decodes UTF8String, BMPString and the rest). */
export function nameText(name: pkijs.RelativeDistinguishedNames): string {
  const values = name.typesAndValues.map((tv) => ({
    type: tv.type,
    text: String((tv.value as { valueBlock?: { value?: unknown } }).valueBlock?.value ?? ''),
  }));
  return values.find((v) => v.type === '2.5.4.3' && v.text)?.text ?? values.map((v) => v.text).filter(Boolean).join(', ');
}
