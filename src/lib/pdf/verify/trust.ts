/**
 * The signer's certificate chain against the company trust list (PEM strings).
 */
import * as pkijs from 'pkijs';
import { pemToDer } from '../../shared/certificates.ts';

function derToPem(der: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < der.length; i++) bin += String.fromCharCode(der[i]);
  const b64 = btoa(bin).replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

export interface CaFile {
  /** Each certificate in the file, as PEM. */
  pems: string[];
  /** Subject common names, for showing what was chosen. */
  names: string[];
}

/**
 * A CA certificate file an auditor chooses (PEM with one or more certificates, or DER), read for
 * the trust list. Throws a zh-TW Error when it holds no certificate.
 */
export function caFileToPem(bytes: Uint8Array): CaFile {
  let text = '';
  for (let i = 0; i < Math.min(bytes.length, 1 << 20); i++) text += String.fromCharCode(bytes[i]);
  const found = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  const pems = found ? found.map((p) => `${p}\n`) : [derToPem(bytes)];
  const certs = pems.map((p) => {
    try {
      return pkijs.Certificate.fromBER(pemToDer(p).slice().buffer);
    } catch {
      return null;
    }
  });
  if (certs.length === 0 || certs.some((c) => c === null)) throw new Error('此檔案不是憑證檔（需為 PEM 或 DER 格式的 X.509 憑證）。');
  return { pems, names: certs.map((c) => nameOf(c!)) };
}

function nameOf(c: pkijs.Certificate): string {
  const cn = c.subject.typesAndValues.find((tv) => tv.type === '2.5.4.3');
  return cn ? String((cn.value as { valueBlock: { value: unknown } }).valueBlock.value) : '（未命名憑證）';
}

export function parseTrust(trust: string[]): pkijs.Certificate[] {
  const out: pkijs.Certificate[] = [];
  for (const pem of trust) {
    try {
      out.push(pkijs.Certificate.fromBER(pemToDer(pem).slice().buffer));
    } catch {
      // An unreadable entry trusts nothing.
    }
  }
  return out;
}

function derOf(c: pkijs.Certificate): Uint8Array {
  return new Uint8Array(c.toSchema().toBER(false));
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function issuedBy(cert: pkijs.Certificate, issuer: pkijs.Certificate): Promise<boolean> {
  if (!cert.issuer.isEqual(issuer.subject)) return false;
  try {
    return await cert.verify(issuer);
  } catch {
    return false;
  }
}

/** Path from the signer to a trusted CA, through the certificates the CMS carries. */
export async function buildChain(
  signer: pkijs.Certificate,
  pool: pkijs.Certificate[],
  anchors: pkijs.Certificate[],
): Promise<{ path: pkijs.Certificate[]; trusted: boolean }> {
  const path = [signer];
  let cur = signer;
  for (let depth = 0; depth < 8; depth++) {
    const curDer = derOf(cur);
    if (anchors.some((a) => sameBytes(derOf(a), curDer))) return { path, trusted: true };
    for (const a of anchors) {
      if (await issuedBy(cur, a)) {
        path.push(a);
        return { path, trusted: true };
      }
    }
    if (cur.subject.isEqual(cur.issuer)) return { path, trusted: false };
    let next: pkijs.Certificate | null = null;
    for (const c of pool) {
      if (c === cur || path.includes(c)) continue;
      if (await issuedBy(cur, c)) {
        next = c;
        break;
      }
    }
    if (!next) return { path, trusted: false };
    path.push(next);
    cur = next;
  }
  return { path, trusted: false };
}
