/**
 * Reads a staff member's PKCS#12 (.p12/.pfx) with its password. OpenSSL 3's default files (PBES2:
 * PBKDF2 and AES-CBC, HMAC-SHA-256 MAC) are read by pkijs over WebCrypto; legacy ones (3DES, RC2)
 * and any file pkijs refuses go to node-forge (pkcs12-forge.ts, imported only then), which also
 * gives the zh-TW error for a wrong password or a file that is not a .p12. The key goes to
 * WebCrypto, the certificates to pkijs. Errors are zh-TW and never touch the user's record.
 */
import { allowsDocumentSigning, keyUsageProblem, keyUsages } from '../verify/certificate.ts';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { PdfError, formatDateTimeZh } from '../errors.ts';
import type { BinaryData } from '../layout/fonts.ts';
import { toHex } from '../../shared/bytes.ts';
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

/** What a .p12 holds, whichever reader opened it: key bags (PKCS#8) and certificate bags (DER), with their localKeyId (hex). */
export interface Pkcs12Contents {
  /** null: a key the reader could not turn into PKCS#8. */
  keys: { pkcs8: Uint8Array | null; localKeyId: string | null }[];
  certs: { der: Uint8Array; localKeyId: string | null }[];
}

const LOCAL_KEY_ID = '1.2.840.113549.1.9.21';
const KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';
const X509_CERTIFICATE = '1.2.840.113549.1.9.22.1';
const PBES2 = '1.2.840.113549.1.5.13';

/**
 * A PBES2 file read with pkijs over WebCrypto (MAC checked, PBKDF2 over the password's UTF-8 as
 * OpenSSL writes it), or null when pkijs cannot (a legacy algorithm, a wrong password, not a
 * .p12): forge then reads it or says why.
 */
async function readWithWebCrypto(bytes: Uint8Array, password: string): Promise<Pkcs12Contents | null> {
  try {
    const pw = new TextEncoder().encode(password).buffer as ArrayBuffer;
    // A copy: a Node Buffer's slice() shares its pool, so .buffer would be more than the file.
    const pfx = pkijs.PFX.fromBER(new Uint8Array(bytes).buffer);
    // A legacy file goes to forge before the MAC key is derived for nothing.
    await pfx.parseInternalValues({ password: pw, checkIntegrity: false });
    const encrypted = pfx.parsedValue?.authenticatedSafe?.safeContents.filter((c) => c.contentType === pkijs.ContentInfo.ENCRYPTED_DATA) ?? [];
    if (encrypted.some((c) => new pkijs.EncryptedData({ schema: c.content }).encryptedContentInfo.contentEncryptionAlgorithm.algorithmId !== PBES2)) return null;
    await pfx.parseInternalValues({ password: pw, checkIntegrity: true });
    const safe = pfx.parsedValue?.authenticatedSafe;
    if (!safe) return null;
    await safe.parseInternalValues({ safeContents: safe.safeContents.map((c) => (c.contentType === pkijs.ContentInfo.ENCRYPTED_DATA ? { password: pw } : {})) });
    const out: Pkcs12Contents = { keys: [], certs: [] };
    for (const { value } of safe.parsedValue?.safeContents ?? []) {
      for (const bag of value.safeBags) {
        const idAttr = bag.bagAttributes?.find((a: pkijs.Attribute) => a.type === LOCAL_KEY_ID)?.values[0];
        const localKeyId = idAttr instanceof asn1js.OctetString ? toHex(idAttr.valueBlock.valueHexView) : null;
        if (bag.bagId === SHROUDED_KEY_BAG) {
          // parseInternalValues is public at run time (pkijs's own PKCS#12 examples call it); its typing is protected.
          const shrouded = bag.bagValue as unknown as { parseInternalValues(p: { password: ArrayBuffer }): Promise<void>; parsedValue?: pkijs.PrivateKeyInfo };
          await shrouded.parseInternalValues({ password: pw });
          out.keys.push({ pkcs8: new Uint8Array(shrouded.parsedValue!.toSchema().toBER()), localKeyId });
        } else if (bag.bagId === KEY_BAG) {
          out.keys.push({ pkcs8: new Uint8Array((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER()), localKeyId });
        } else if (bag.bagId === CERT_BAG) {
          const cert = bag.bagValue as pkijs.CertBag;
          if (cert.certId === X509_CERTIFICATE && cert.certValue instanceof asn1js.OctetString) out.certs.push({ der: cert.certValue.valueBlock.valueHexView.slice(), localKeyId });
        }
      }
    }
    return out;
  } catch {
    return null;
  }
}

/** The RSA modulus of a certificate or a PKCS#8 key (hex, no leading zeros), null for other keys. */
function rsaModulus(source: pkijs.Certificate | Uint8Array | null): string | null {
  try {
    const parsed =
      source instanceof Uint8Array ? pkijs.PrivateKeyInfo.fromBER(source.slice().buffer).parsedKey : source?.subjectPublicKeyInfo.parsedKey;
    const modulus = (parsed as { modulus?: asn1js.Integer } | undefined)?.modulus;
    return modulus ? toHex(modulus.valueBlock.valueHexView).replace(/^0+/, '') : null;
  } catch {
    return null;
  }
}

const EC_CURVES: Record<string, string> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
};

export async function readPkcs12(file: BinaryData, password: string, options: ReadPkcs12Options = {}): Promise<Signer> {
  const bytes = file instanceof Uint8Array ? file : new Uint8Array(file);
  const p12 = (await readWithWebCrypto(bytes, password)) ?? (await import('./pkcs12-forge.ts')).readPkcs12WithForge(bytes, password);
  const certs = p12.certs.flatMap((c) => {
    try {
      return [{ ...c, certificate: pkijs.Certificate.fromBER(c.der.slice().buffer) }];
    } catch {
      return [];
    }
  });
  if (p12.keys.length === 0) {
    throw new PdfError('NO_PRIVATE_KEY', '此憑證檔不含私鑰，無法用於簽署；請使用含私鑰的個人憑證檔（.p12）。');
  }
  if (certs.length === 0) {
    throw new PdfError('NO_CERTIFICATE', '此憑證檔不含憑證，無法用於簽署。');
  }
  const key = p12.keys[0];

  // The signing certificate: same localKeyId as the key, else same RSA modulus, else the end-entity one.
  let signing = certs.find((c) => c.localKeyId !== null && c.localKeyId === key.localKeyId);
  const modulus = rsaModulus(key.pkcs8);
  if (!signing && modulus) signing = certs.find((c) => rsaModulus(c.certificate) === modulus);
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

  // Private key (PKCS#8) -> WebCrypto.
  const pkcs8 = key.pkcs8;
  if (!pkcs8) throw new PdfError('NO_PRIVATE_KEY', '無法讀取憑證檔中的私鑰。');
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
    serialNumber: toHex(certificate.serialNumber.valueBlock.valueHexView),
  };
}
