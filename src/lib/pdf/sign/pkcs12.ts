/**
 * Reads a staff member's PKCS#12 (.p12/.pfx) with its password: node-forge reads OpenSSL 3's
 * default (AES/PBES2) and legacy (3DES/RC2) files alike; the key goes to WebCrypto, the
 * certificates to pkijs. Errors are zh-TW and never touch the user's record.
 */
import { allowsDocumentSigning, keyUsageProblem, keyUsages } from '../verify/certificate.ts';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import { PdfError, formatDateTimeZh } from '../errors.ts';
import type { BinaryData } from '../layout/fonts.ts';
import { binaryString, fromBinaryString } from '../../shared/bytes.ts';
import { nameText } from '../../shared/certificates.ts';

export interface Signer {
  /** The signing certificate. */
  certificate: pkijs.Certificate;
  /** DER of the signing certificate followed by the rest of the chain found in the file. */
  chainDer: Uint8Array[];
  privateKey: CryptoKey;
  /** Common name (Chinese names decoded from UTF-8). */
  name: string;
  /** Issuer common name. */
  issuerName: string;
  notBefore: Date;
  notAfter: Date;
  /** Serial number, hex. */
  serialNumber: string;
}

export interface ReadPkcs12Options {
  /** Time the certificate must be valid at (default: now). */
  now?: Date;
}

function isCaCertificate(c: pkijs.Certificate): boolean {
  const bc = c.extensions?.find((e) => e.extnID === '2.5.29.19')?.parsedValue as { cA?: boolean } | undefined;
  return bc?.cA === true;
}

/** A certificate bag's certificate. forge parses RSA certificates only and keeps any other as ASN.1. */
interface BagCertificate {
  bag: forge.pkcs12.Bag;
  der: Uint8Array;
  certificate: pkijs.Certificate;
}

const EC_CURVES: Record<string, string> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
};

const MAC_FAILED = /MAC could not be verified/;

/**
 * forge uses one password string for the MAC (PKCS#12 KDF: UTF-16, right for any JS string)
 * and for PBES2/AES bags (PBKDF2 over the string's bytes, where OpenSSL uses UTF-8). With a
 * non-ASCII password an AES file passes the MAC and then fails to decrypt: read it again with
 * the UTF-8 bytes, the already verified MAC left out.
 */
function readPfx(asn1: forge.asn1.Asn1, password: string): forge.pkcs12.Pkcs12Pfx {
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const hasMac = Array.isArray(asn1.value) && asn1.value.length > 2;
    if (!hasMac || MAC_FAILED.test(msg) || /^[\x00-\x7f]*$/.test(password)) throw e;
    try {
      const withoutMac = { ...asn1, value: (asn1.value as forge.asn1.Asn1[]).slice(0, 2) };
      return forge.pkcs12.pkcs12FromAsn1(withoutMac, false, forge.util.encodeUtf8(password));
    } catch {
      throw e;
    }
  }
}

export async function readPkcs12(file: BinaryData, password: string, options: ReadPkcs12Options = {}): Promise<Signer> {
  const bytes = file instanceof Uint8Array ? file : new Uint8Array(file);
  let p12: forge.pkcs12.Pkcs12Pfx;
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(binaryString(bytes), { strict: false } as never);
  } catch {
    throw new PdfError('NOT_PKCS12', '此檔案不是 PKCS#12 憑證檔（.p12 或 .pfx），請選擇含私鑰的個人憑證檔。');
  }
  try {
    p12 = readPfx(asn1, password);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password|decrypt|MAC could not be verified/i.test(msg)) {
      throw new PdfError('BAD_PASSWORD', '憑證密碼不正確，請重新輸入。');
    }
    if (/not an PKCS#12 PFX|Cannot read PKCS#12|Too few bytes|Unparsed DER|ASN\.1/i.test(msg)) {
      throw new PdfError('NOT_PKCS12', '此檔案不是 PKCS#12 憑證檔（.p12 或 .pfx），請選擇含私鑰的個人憑證檔。');
    }
    // Corrupt encrypted contents after a MAC-less file: almost always a wrong password.
    throw new PdfError('BAD_PASSWORD', '憑證密碼不正確，或憑證檔已損毀，無法讀取。');
  }

  const bagsOf = (type: string) => (p12.getBags({ bagType: type })[type] ?? []) as forge.pkcs12.Bag[];
  const keyBags = [...bagsOf(forge.pki.oids.pkcs8ShroudedKeyBag), ...bagsOf(forge.pki.oids.keyBag)];
  const certs: BagCertificate[] = bagsOf(forge.pki.oids.certBag).flatMap((bag) => {
    const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : (bag as { asn1?: forge.asn1.Asn1 }).asn1;
    if (!asn1) return [];
    const der = fromBinaryString(forge.asn1.toDer(asn1).getBytes());
    try {
      return [{ bag, der, certificate: pkijs.Certificate.fromBER(der.slice().buffer) }];
    } catch {
      return [];
    }
  });
  if (keyBags.length === 0) {
    throw new PdfError('NO_PRIVATE_KEY', '此憑證檔不含私鑰，無法用於簽署；請使用含私鑰的個人憑證檔（.p12）。');
  }
  if (certs.length === 0) {
    throw new PdfError('NO_CERTIFICATE', '此憑證檔不含憑證，無法用於簽署。');
  }
  const keyBag = keyBags[0];

  // The signing certificate: same localKeyId as the key, else same RSA modulus, else the end-entity one.
  const keyId = (b: forge.pkcs12.Bag) => (b.attributes?.localKeyId?.[0] as string | undefined) ?? null;
  let signing = certs.find((c) => keyId(c.bag) !== null && keyId(c.bag) === keyId(keyBag));
  const rsaKey = keyBag.key as forge.pki.rsa.PrivateKey | undefined;
  if (!signing && rsaKey) {
    signing = certs.find((c) => {
      const pub = c.bag.cert?.publicKey as forge.pki.rsa.PublicKey | undefined;
      return pub?.n && pub.n.equals(rsaKey.n);
    });
  }
  signing ??= certs.find((c) => !isCaCertificate(c.certificate)) ?? certs[0];
  const certificate = signing.certificate;
  const chainDer = [signing.der, ...certs.filter((c) => c !== signing).map((c) => c.der)];

  const now = options.now ?? new Date();
  const notBefore = certificate.notBefore.value;
  const notAfter = certificate.notAfter.value;
  if (now.getTime() > notAfter.getTime()) {
    throw new PdfError(
      'CERT_EXPIRED',
      `憑證已於 ${formatDateTimeZh(notAfter)} 過期（有效期間 ${formatDateTimeZh(notBefore)} 至 ${formatDateTimeZh(notAfter)}），不能用於簽署；請向管理員申請新憑證。`,
      { notBefore, notAfter },
    );
  }
  if (now.getTime() < notBefore.getTime()) {
    throw new PdfError(
      'CERT_NOT_YET_VALID',
      `憑證尚未生效，要到 ${formatDateTimeZh(notBefore)} 才能使用（有效期間 ${formatDateTimeZh(notBefore)} 至 ${formatDateTimeZh(notAfter)}）。`,
      { notBefore, notAfter },
    );
  }

  // A key meant for encryption or TLS (keyEncipherment, serverAuth) must not sign records.
  if (!allowsDocumentSigning(certificate)) {
    throw new PdfError('CERT_KEY_USAGE', `${keyUsageProblem(certificate)}；請向管理員申請簽章用的個人憑證。`, { usages: keyUsages(certificate) });
  }

  // Private key -> PKCS#8 -> WebCrypto.
  let pkcs8: Uint8Array;
  if (rsaKey) {
    pkcs8 = fromBinaryString(forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(rsaKey))).getBytes());
  } else if ((keyBag as { asn1?: forge.asn1.Asn1 }).asn1) {
    pkcs8 = fromBinaryString(forge.asn1.toDer((keyBag as { asn1: forge.asn1.Asn1 }).asn1).getBytes());
  } else {
    throw new PdfError('NO_PRIVATE_KEY', '無法讀取憑證檔中的私鑰。');
  }
  const spkiAlg = certificate.subjectPublicKeyInfo.algorithm.algorithmId;
  let algorithm: RsaHashedImportParams | EcKeyImportParams;
  if (spkiAlg === '1.2.840.113549.1.1.1') {
    algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  } else if (spkiAlg === '1.2.840.10045.2.1') {
    const params = certificate.subjectPublicKeyInfo.algorithm.algorithmParams as { valueBlock?: { toString(): string } } | undefined;
    const curve = EC_CURVES[params?.valueBlock?.toString() ?? ''];
    if (!curve) throw new PdfError('UNSUPPORTED_KEY', '不支援此憑證的橢圓曲線金鑰類型。');
    algorithm = { name: 'ECDSA', namedCurve: curve };
  } else {
    throw new PdfError('UNSUPPORTED_KEY', `不支援此憑證的金鑰類型（${spkiAlg}），請使用 RSA 或 ECDSA 憑證。`);
  }
  let privateKey: CryptoKey;
  try {
    privateKey = await globalThis.crypto.subtle.importKey('pkcs8', pkcs8.slice().buffer, algorithm, false, ['sign']);
  } catch {
    throw new PdfError('UNSUPPORTED_KEY', '無法載入憑證檔中的私鑰。');
  }

  return {
    certificate,
    chainDer,
    privateKey,
    name: nameText(certificate.subject),
    issuerName: nameText(certificate.issuer),
    notBefore,
    notAfter,
    serialNumber: [...certificate.serialNumber.valueBlock.valueHexView].map((b) => b.toString(16).padStart(2, '0')).join(''),
  };
}
