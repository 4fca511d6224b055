/**
 * The signer's certificate chain against the company trust list (PEM strings).
 */
import * as pkijs from 'pkijs';
import { pemToDer } from '../../shared/certificates.ts';

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
