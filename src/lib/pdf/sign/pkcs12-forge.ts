/**
 * node-forge's PKCS#12 reader, for the files WebCrypto cannot open (pkcs12.ts tries pkijs first):
 * legacy ones (3DES, RC2: PKCS#12 PBE, `openssl pkcs12 -legacy`, older Windows exports) and any
 * file pkijs refuses, whose error (wrong password, not a .p12) forge then gives. Imported on demand,
 * so signing with an OpenSSL 3 (AES) file never loads forge in the browser.
 */
import forge from 'node-forge';
import { PdfError } from '../errors.ts';
import { binaryString, fromBinaryString, toHex } from '../../shared/bytes.ts';
import type { Pkcs12Contents } from './pkcs12.ts';

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

/** The key and certificate bags of a .p12, or a zh-TW PdfError (not a .p12, wrong password). */
export function readPkcs12WithForge(bytes: Uint8Array, password: string): Pkcs12Contents {
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
  const keyId = (b: forge.pkcs12.Bag) => {
    const id = b.attributes?.localKeyId?.[0] as string | undefined;
    return id === undefined ? null : toHex(fromBinaryString(id));
  };
  const der = (asn1: forge.asn1.Asn1) => fromBinaryString(forge.asn1.toDer(asn1).getBytes());
  const keys = [...bagsOf(forge.pki.oids.pkcs8ShroudedKeyBag), ...bagsOf(forge.pki.oids.keyBag)].map((bag) => {
    // forge parses RSA keys; any other (EC) stays as the PKCS#8 ASN.1 it decrypted.
    const rsa = bag.key as forge.pki.rsa.PrivateKey | undefined;
    const raw = (bag as { asn1?: forge.asn1.Asn1 }).asn1;
    const pkcs8 = rsa ? der(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(rsa))) : raw ? der(raw) : null;
    return { pkcs8, localKeyId: keyId(bag) };
  });
  // forge parses RSA certificates only and keeps any other as ASN.1.
  const certs = bagsOf(forge.pki.oids.certBag).flatMap((bag) => {
    const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : (bag as { asn1?: forge.asn1.Asn1 }).asn1;
    return asn1 ? [{ der: der(asn1), localKeyId: keyId(bag) }] : [];
  });
  return { keys, certs };
}
