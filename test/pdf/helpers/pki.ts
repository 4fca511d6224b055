/**
 * A throwaway PKI for the tests, made by the tests: a company CA and staff certificates with
 * Chinese names (node-forge, keys from Node's native RSA keygen), PKCS#12 files written by
 * OpenSSL 3 (AES, its default) and in the legacy 3DES/RC2 format, an expired certificate, one
 * from a CA nobody trusts, a certificate-only .p12 and a file that is not a PKCS#12 at all.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { tempDir } from './tools.ts';

// forge UTF-8-encodes UTF8String values itself when writing (and hands back raw bytes when reading).
const utf8 = (s: string) => s;

function name(cn: string, o = '測試物業管理有限公司'): forge.pki.CertificateField[] {
  return [
    { shortName: 'C', value: 'TW' },
    { shortName: 'O', value: utf8(o), valueTagClass: forge.asn1.Type.UTF8 as never },
    { shortName: 'CN', value: utf8(cn), valueTagClass: forge.asn1.Type.UTF8 as never },
  ];
}

let serial = 0x1000;

function makeCert(opts: {
  cn: string;
  o?: string;
  keys: forge.pki.rsa.KeyPair;
  issuer?: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey };
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
}): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = opts.keys.publicKey;
  cert.serialNumber = (serial++).toString(16);
  cert.validity.notBefore = opts.notBefore;
  cert.validity.notAfter = opts.notAfter;
  cert.setSubject(name(opts.cn, opts.o));
  cert.setIssuer(opts.issuer ? opts.issuer.cert.subject.attributes : name(opts.cn, opts.o));
  const ext: object[] = [
    { name: 'basicConstraints', cA: opts.ca, critical: true },
    opts.ca
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ];
  if (opts.issuer) ext.push({ name: 'authorityKeyIdentifier', keyIdentifier: opts.issuer.cert.generateSubjectKeyIdentifier().getBytes() });
  cert.setExtensions(ext);
  cert.sign(opts.issuer ? opts.issuer.key : opts.keys.privateKey, forge.md.sha256.create());
  return cert;
}

export interface TestPki {
  dir: string;
  caPem: string;
  caDer: Uint8Array;
  /** 陳美玲, AES p12 written by OpenSSL 3. */
  staffA: string;
  /** 黃志強, legacy 3DES/RC2 p12 written by `openssl pkcs12 -legacy`. */
  staffB: string;
  /** 林小芬, 3DES p12 written by node-forge. */
  staffC: string;
  /** 王大文, expired last year. */
  expired: string;
  /** 何志明, not valid until next year. */
  future: string;
  /** 李四, issued by a CA that is not in the trust list. */
  untrusted: string;
  /** 張家豪, an elliptic-curve (P-256) key, AES p12 written by OpenSSL 3 (forge reads RSA certificates only). */
  staffEc: string;
  /** A .p12 with the certificate only. */
  noKey: string;
  /** A PEM text file. */
  notP12: string;
  password: string;
  passwordFile: string;
  /** A PEM of the untrusted CA, for tests that need it. */
  otherCaPem: string;
  /** 陳大文, a self-signed certificate (digitalSignature, nonRepudiation), AES p12, ASCII password. */
  selfSigned: string;
  /** 陳美玲's key under a certificate from the company CA for keyEncipherment / serverAuth only, AES p12, ASCII password. */
  encipherOnly: string;
  /** That certificate (PEM), for building a signer past readPkcs12's refusal. */
  encipherOnlyPem: string;
}

const DAY = 86_400_000;

export function makeTestPki(): TestPki {
  const dir = tempDir('pdf-pki-');
  const password = 'Test-密碼-2025';
  const asciiPassword = 'test-pass-2025';
  const now = Date.now();
  const gen = () => forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });

  const caKeys = gen();
  const ca = makeCert({ cn: '測試物業管理有限公司 根憑證', keys: caKeys, notBefore: new Date(now - 3650 * DAY), notAfter: new Date(now + 3650 * DAY), ca: true });
  const otherKeys = gen();
  const other = makeCert({ cn: '不明機構憑證中心', o: '不明機構', keys: otherKeys, notBefore: new Date(now - 365 * DAY), notAfter: new Date(now + 3650 * DAY), ca: true });
  const issuer = { cert: ca, key: caKeys.privateKey };

  const pem = (c: forge.pki.Certificate) => forge.pki.certificateToPem(c);
  const keyPem = (k: forge.pki.rsa.PrivateKey) => forge.pki.privateKeyToPem(k);
  writeFileSync(join(dir, 'ca.pem'), pem(ca));
  writeFileSync(join(dir, 'other-ca.pem'), pem(other));

  const staff = (file: string, cn: string, from: number, to: number, by = issuer, caPem = 'ca.pem') => {
    const keys = gen();
    const cert = makeCert({ cn, keys, issuer: by, notBefore: new Date(from), notAfter: new Date(to), ca: false });
    writeFileSync(join(dir, `${file}.pem`), pem(cert));
    writeFileSync(join(dir, `${file}.key`), keyPem(keys.privateKey));
    return { cert, keys, caPem };
  };
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

  staff('staff-a', '陳美玲', now - 30 * DAY, now + 365 * DAY);
  openssl(['pkcs12', '-export', '-inkey', 'staff-a.key', '-in', 'staff-a.pem', '-certfile', 'ca.pem', '-name', '陳美玲', '-out', 'staff-a.p12', '-passout', `pass:${password}`]);

  staff('staff-b', '黃志強', now - 30 * DAY, now + 365 * DAY);
  openssl(['pkcs12', '-export', '-legacy', '-inkey', 'staff-b.key', '-in', 'staff-b.pem', '-certfile', 'ca.pem', '-out', 'staff-b.p12', '-passout', `pass:${asciiPassword}`]);

  const c = staff('staff-c', '林小芬', now - 30 * DAY, now + 365 * DAY);
  const p12c = forge.pkcs12.toPkcs12Asn1(c.keys.privateKey, [c.cert, ca], asciiPassword, { algorithm: '3des', friendlyName: '林小芬' });
  writeFileSync(join(dir, 'staff-c.p12'), Buffer.from(forge.asn1.toDer(p12c).getBytes(), 'binary'));

  staff('expired', '王大文', now - 730 * DAY, now - 365 * DAY);
  openssl(['pkcs12', '-export', '-inkey', 'expired.key', '-in', 'expired.pem', '-certfile', 'ca.pem', '-out', 'expired.p12', '-passout', `pass:${asciiPassword}`]);

  staff('future', '何志明', now + 365 * DAY, now + 730 * DAY);
  openssl(['pkcs12', '-export', '-inkey', 'future.key', '-in', 'future.pem', '-certfile', 'ca.pem', '-out', 'future.p12', '-passout', `pass:${asciiPassword}`]);

  staff('untrusted', '李四', now - 30 * DAY, now + 365 * DAY, { cert: other, key: otherKeys.privateKey });
  openssl(['pkcs12', '-export', '-inkey', 'untrusted.key', '-in', 'untrusted.pem', '-certfile', 'other-ca.pem', '-out', 'untrusted.p12', '-passout', `pass:${asciiPassword}`]);

  // The CA key on disk so OpenSSL can issue the EC certificate (forge cannot make EC keys).
  writeFileSync(join(dir, 'ca.key'), keyPem(caKeys.privateKey));
  writeFileSync(join(dir, 'staff-ec.ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
  openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-utf8', '-subj', '/CN=張家豪/O=測試物業管理有限公司', '-keyout', 'staff-ec.key', '-out', 'staff-ec.csr']);
  openssl(['x509', '-req', '-in', 'staff-ec.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '4242', '-days', '365', '-sha256', '-extfile', 'staff-ec.ext', '-out', 'staff-ec.pem']);
  openssl(['pkcs12', '-export', '-inkey', 'staff-ec.key', '-in', 'staff-ec.pem', '-certfile', 'ca.pem', '-out', 'staff-ec.p12', '-passout', `pass:${asciiPassword}`]);

  // Self-signed 陳大文: anyone can make one with any name.
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-utf8', '-subj', '/CN=陳大文/O=測試物業管理有限公司', '-days', '365', '-sha256',
    '-addext', 'keyUsage=critical,digitalSignature,nonRepudiation', '-keyout', 'self.key', '-out', 'self.pem']);
  openssl(['pkcs12', '-export', '-inkey', 'self.key', '-in', 'self.pem', '-out', 'self.p12', '-passout', `pass:${asciiPassword}`]);
  // A TLS-style certificate (keyEncipherment, serverAuth) for 陳美玲's key, issued by the company CA.
  writeFileSync(join(dir, 'encipher.ext'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,keyEncipherment\nextendedKeyUsage=serverAuth\n');
  openssl(['req', '-new', '-key', 'staff-a.key', '-utf8', '-subj', '/CN=陳美玲/O=測試物業管理有限公司', '-out', 'encipher.csr']);
  openssl(['x509', '-req', '-in', 'encipher.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '4343', '-days', '365', '-sha256', '-extfile', 'encipher.ext', '-out', 'encipher.pem']);
  openssl(['pkcs12', '-export', '-inkey', 'staff-a.key', '-in', 'encipher.pem', '-certfile', 'ca.pem', '-out', 'encipher.p12', '-passout', `pass:${asciiPassword}`]);

  openssl(['pkcs12', '-export', '-nokeys', '-in', 'staff-a.pem', '-out', 'nokey.p12', '-passout', `pass:${asciiPassword}`]);
  writeFileSync(join(dir, 'not-a-p12.p12'), pem(ca));
  writeFileSync(join(dir, 'password.txt'), `${password}\n`);
  writeFileSync(join(dir, 'ascii-password.txt'), `${asciiPassword}\n`);

  return {
    dir,
    caPem: pem(ca),
    caDer: new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(ca)).getBytes(), 'binary')),
    staffA: join(dir, 'staff-a.p12'),
    staffB: join(dir, 'staff-b.p12'),
    staffC: join(dir, 'staff-c.p12'),
    expired: join(dir, 'expired.p12'),
    future: join(dir, 'future.p12'),
    untrusted: join(dir, 'untrusted.p12'),
    staffEc: join(dir, 'staff-ec.p12'),
    noKey: join(dir, 'nokey.p12'),
    notP12: join(dir, 'not-a-p12.p12'),
    password,
    passwordFile: join(dir, 'password.txt'),
    otherCaPem: pem(other),
    selfSigned: join(dir, 'self.p12'),
    encipherOnly: join(dir, 'encipher.p12'),
    encipherOnlyPem: readFileSync(join(dir, 'encipher.pem'), 'utf8'),
  };
}

export const ASCII_PASSWORD = 'test-pass-2025';

/** A folder trusting only the test CA, in the shape the CLIs' --trust reads. */
export function trustFolderFor(pki: TestPki, prefix = 'trust-'): string {
  const dir = tempDir(prefix);
  writeFileSync(join(dir, 'test-ca.pem'), pki.caPem);
  return dir;
}

/** A file holding ASCII_PASSWORD as the CLIs' --password-file reads it (one line). */
export function asciiPasswordFileIn(dir: string): string {
  const file = join(dir, 'pw.txt');
  writeFileSync(file, `${ASCII_PASSWORD}\n`);
  return file;
}
