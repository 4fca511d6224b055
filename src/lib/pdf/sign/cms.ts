/**
 * CAdES detached signatures with pkijs over WebCrypto: content-type, message-digest and
 * signing-certificate-v2 as signed attributes, and signing-time only when asked for. A PDF
 * signature (PAdES baseline B-B, SubFilter ETSI.CAdES.detached) must not carry signing-time
 * (ETSI EN 319 142-1: the claimed time is the signature dictionary's /M); a detached approval
 * file has no /M, so it keeps the attribute (CAdES baseline B-B wants it there).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { Signer } from './pkcs12.ts';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

function buf(u: Uint8Array): ArrayBuffer {
  return u.buffer.slice(u.byteOffset, u.byteOffset + u.byteLength) as ArrayBuffer;
}

export async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const all = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.byteLength;
  }
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', all));
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * Builds the DER ContentInfo of a detached CAdES signature over `digest` (SHA-256 of the signed
 * bytes). `signingTime` null: no signing-time attribute (a PDF signature, whose time is /M).
 */
export async function createCadesSignature(signer: Signer, digest: Uint8Array, signingTime: Date | null): Promise<Uint8Array> {
  const cert = signer.certificate;
  const certHash = await sha256(signer.chainDer[0]);

  // ESSCertIDv2 with the default hash (SHA-256) omitted, and IssuerSerial.
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })],
      }),
      new asn1js.Integer({ valueHex: buf(cert.serialNumber.valueBlock.valueHexView) }),
    ],
  });
  const signingCertificateV2 = new asn1js.Sequence({
    value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: buf(certHash) }), issuerSerial] })] })],
  });

  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    ...(signingTime
      ? [
          new pkijs.Attribute({
            type: OID.signingTime,
            values: [signingTime.getUTCFullYear() < 2050 ? new asn1js.UTCTime({ valueDate: signingTime }) : new asn1js.GeneralizedTime({ valueDate: signingTime })],
          }),
        ]
      : []),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: buf(digest) })] }),
    new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2] }),
  ];
  // DER: a SET OF is sorted by its elements' encodings (some verifiers re-encode before checking).
  const sorted = attributes
    .map((a) => ({ a, der: new Uint8Array(a.toSchema().toBER(false)) }))
    .sort((x, y) => compareBytes(x.der, y.der))
    .map((x) => x.a);

  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: sorted }),
      }),
    ],
    certificates: signer.chainDer.map((der) => pkijs.Certificate.fromBER(buf(der))),
  });
  await signedData.sign(signer.privateKey, 0, 'SHA-256');
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

export interface ParsedCms {
  signedData: pkijs.SignedData;
  signerInfo: pkijs.SignerInfo;
  signerCert: pkijs.Certificate | null;
  certificates: pkijs.Certificate[];
  messageDigest: Uint8Array | null;
  signingTime: Date | null;
  digestAlgorithm: string;
  hasSigningCertificateV2: boolean;
}

/** Parses a CMS ContentInfo (trailing zero padding of the /Contents placeholder is ignored). */
export function parseCms(der: Uint8Array): ParsedCms {
  const asn = asn1js.fromBER(buf(der));
  if (asn.offset === -1) throw new Error('CMS 結構無法解析');
  const ci = new pkijs.ContentInfo({ schema: asn.result });
  if (ci.contentType !== OID.signedData) throw new Error('不是 SignedData');
  const signedData = new pkijs.SignedData({ schema: ci.content });
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error('沒有簽署者資訊');
  const certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  let signerCert: pkijs.Certificate | null = null;
  if (signerInfo.sid instanceof pkijs.IssuerAndSerialNumber) {
    const sid = signerInfo.sid;
    signerCert = certificates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  let messageDigest: Uint8Array | null = null;
  let signingTime: Date | null = null;
  let hasSigningCertificateV2 = false;
  for (const attr of signerInfo.signedAttrs?.attributes ?? []) {
    if (attr.type === OID.messageDigest) messageDigest = new Uint8Array((attr.values[0] as asn1js.OctetString).valueBlock.valueHexView);
    if (attr.type === OID.signingTime) signingTime = (attr.values[0] as asn1js.UTCTime).toDate();
    if (attr.type === OID.signingCertificateV2) hasSigningCertificateV2 = true;
  }
  return {
    signedData,
    signerInfo,
    signerCert,
    certificates,
    messageDigest,
    signingTime,
    digestAlgorithm: signerInfo.digestAlgorithm.algorithmId,
    hasSigningCertificateV2,
  };
}

const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

export function hashName(oid: string): string | null {
  return HASHES[oid] ?? null;
}

/** Verifies the signature value over the signed attributes (pkijs also re-checks the digest). */
export async function verifyCmsSignature(parsed: ParsedCms, signedContent: Uint8Array): Promise<boolean> {
  try {
    const result = await parsed.signedData.verify({ signer: 0, data: buf(signedContent), extendedMode: true, checkChain: false });
    return typeof result === 'boolean' ? result : result.signatureVerified === true;
  } catch {
    return false;
  }
}
