/**
 * Facts about one X.509 certificate that a signer and an auditor are told: whether its key usage
 * allows signing documents, its SHA-256 fingerprint, whether it is self-signed. Browser-safe.
 */
import type * as pkijs from 'pkijs';
import { nameText } from '../../shared/certificates.ts';

const KEY_USAGE_OID = '2.5.29.15';

/** The key usages a document signature needs one of (RFC 5280 4.2.1.3 bits 0 and 1). */
export const SIGNING_USAGE_TEXT = '數位簽章（digitalSignature）或不可否認（nonRepudiation）';

const USAGE_NAMES = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'];

/** The key usage bits named, or null when the certificate has no key usage extension (no restriction). */
export function keyUsages(cert: pkijs.Certificate): string[] | null {
  const ext = cert.extensions?.find((e) => e.extnID === KEY_USAGE_OID);
  if (!ext) return null;
  const bits = (ext.parsedValue as { valueBlock?: { valueHexView?: Uint8Array } } | undefined)?.valueBlock?.valueHexView;
  if (!bits) return [];
  const out: string[] = [];
  USAGE_NAMES.forEach((name, i) => {
    const byte = bits[i >> 3] ?? 0;
    if (byte & (0x80 >> (i & 7))) out.push(name);
  });
  return out;
}

/** A certificate may sign documents: no key usage extension, or digitalSignature / nonRepudiation in it. */
export function allowsDocumentSigning(cert: pkijs.Certificate): boolean {
  const usages = keyUsages(cert);
  return usages === null || usages.includes('digitalSignature') || usages.includes('nonRepudiation');
}

/** zh-TW: why this certificate may not sign documents (its usages named). */
export function keyUsageProblem(cert: pkijs.Certificate): string {
  const usages = keyUsages(cert) ?? [];
  return `憑證「${nameText(cert.subject)}」的金鑰用途（${usages.join('、') || '無'}）不含${SIGNING_USAGE_TEXT}，不能用於簽署文件`;
}

export function isSelfSigned(cert: pkijs.Certificate): boolean {
  return cert.subject.isEqual(cert.issuer);
}

export function certificateDer(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema().toBER(false));
}

/** SHA-256 of the DER, as colon-separated upper-case hex (as browsers and openssl show it). */
export async function sha256Fingerprint(cert: pkijs.Certificate): Promise<string> {
  const der = certificateDer(cert);
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', der.slice().buffer));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
}
