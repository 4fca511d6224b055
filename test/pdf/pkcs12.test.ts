/**
 * readPkcs12 (src/lib/pdf/sign/pkcs12.ts) on its own, against what OpenSSL reads from the same
 * files: the certificate and chain, serial number, validity, and a private key that matches the
 * certificate. (Password and validity errors are tested in sign.test.ts.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPkcs12 } from '../../src/lib/pdf/sign/pkcs12.ts';
import { ASCII_PASSWORD, makeTestPki, type TestPki } from './helpers/pki.ts';
import { requireTools, run, tempDir } from './helpers/tools.ts';

let pki: TestPki;
let dir: string;

beforeAll(() => {
  requireTools();
  pki = makeTestPki();
  dir = tempDir('p12-');
}, 120_000);

/** DER of a PEM certificate file, as OpenSSL writes it. */
function opensslDer(pemFile: string): number[] {
  const out = join(dir, 'cert.der');
  expect(run('openssl', ['x509', '-in', pemFile, '-outform', 'DER', '-out', out]).status).toBe(0);
  return Array.from(readFileSync(out));
}

function opensslField(pemFile: string, flag: string): string {
  return run('openssl', ['x509', '-in', pemFile, '-noout', flag]).stdout.trim().replace(/^[^=]*=/, '');
}

describe.each([
  ['OpenSSL 3 AES file (RSA)', 'staffA', 'staff-a', '陳美玲'],
  ['legacy 3DES/RC2 file', 'staffB', 'staff-b', '黃志強'],
  ['elliptic-curve P-256 file', 'staffEc', 'staff-ec', '張家豪'],
] as const)('%s', (_name, key, file, cn) => {
  it('gives the signing certificate first, then the CA, byte for byte as OpenSSL has them', async () => {
    const s = await readPkcs12(readFileSync(pki[key]), key === 'staffA' ? pki.password : ASCII_PASSWORD);
    expect(s.name).toBe(cn);
    expect(s.chainDer).toHaveLength(2);
    expect(Array.from(s.chainDer[0])).toEqual(opensslDer(join(pki.dir, `${file}.pem`)));
    expect(Array.from(s.chainDer[1])).toEqual(opensslDer(join(pki.dir, 'ca.pem')));
    expect(s.serialNumber.toUpperCase().replace(/^0+/, '')).toBe(opensslField(join(pki.dir, `${file}.pem`), '-serial').replace(/^0+/, ''));
    expect(s.notAfter.getTime()).toBe(new Date(opensslField(join(pki.dir, `${file}.pem`), '-enddate')).getTime());
    expect(s.notBefore.getTime()).toBe(new Date(opensslField(join(pki.dir, `${file}.pem`), '-startdate')).getTime());
  });

  it('gives a private key that signs what the certificate\'s public key verifies (checked by OpenSSL)', async () => {
    const s = await readPkcs12(readFileSync(pki[key]), key === 'staffA' ? pki.password : ASCII_PASSWORD);
    const data = new TextEncoder().encode(`由 ${cn} 簽署的資料`);
    const ec = s.privateKey.algorithm.name === 'ECDSA';
    const sig = new Uint8Array(await crypto.subtle.sign(ec ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSASSA-PKCS1-v1_5' }, s.privateKey, data));
    writeFileSync(join(dir, 'data.bin'), data);
    // WebCrypto's ECDSA signature is r||s; OpenSSL wants DER.
    writeFileSync(join(dir, 'data.sig'), ec ? ecdsaDer(sig) : sig);
    writeFileSync(join(dir, 'pub.pem'), run('openssl', ['x509', '-in', join(pki.dir, `${file}.pem`), '-noout', '-pubkey']).stdout);
    const r = run('openssl', ['dgst', '-sha256', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'data.sig'), join(dir, 'data.bin')]);
    expect(r.stdout.trim()).toBe('Verified OK');
  });
});

/** r||s (WebCrypto) to a DER ECDSA-Sig-Value (OpenSSL), written here independently of the product. */
function ecdsaDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const int = (b: Uint8Array) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const v = b.subarray(i);
    return v[0] & 0x80 ? [0x02, v.length + 1, 0, ...v] : [0x02, v.length, ...v];
  };
  const body = [...int(raw.subarray(0, half)), ...int(raw.subarray(half))];
  return new Uint8Array([0x30, body.length, ...body]);
}
