/**
 * The CAdES signature builder and parser (src/lib/pdf/sign/cms.ts) on their own, checked with
 * `openssl cms`: what we sign, OpenSSL verifies; what OpenSSL signs, we parse and verify.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OID, createCadesSignature, hashName, parseCms, sha256, verifyCmsSignature } from '../../src/lib/pdf/sign/cms.ts';
import { nameText } from '../../src/lib/shared/certificates.ts';
import { readPkcs12, type Signer } from '../../src/lib/pdf/sign/pkcs12.ts';
import { makeTestPki, type TestPki } from './helpers/pki.ts';
import { requireTools, run, tempDir } from './helpers/tools.ts';

let pki: TestPki;
let dir: string;
let signer: Signer;
const content = new TextEncoder().encode('%PDF-1.7 簽署範圍內的位元組 ' + 'x'.repeat(5000));
const time = new Date('2026-03-10T02:03:04.000Z');

beforeAll(async () => {
  requireTools();
  pki = makeTestPki();
  dir = tempDir('cms-');
  signer = await readPkcs12(readFileSync(pki.staffA), pki.password);
  writeFileSync(join(dir, 'content.bin'), content);
}, 120_000);

function openssl(args: string[]) {
  return run('openssl', args);
}

describe('createCadesSignature', () => {
  it('OpenSSL verifies it as a detached signature of the content, chained to the test CA', async () => {
    const der = await createCadesSignature(signer, await sha256(content), time);
    writeFileSync(join(dir, 'ours.der'), der);
    const r = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'ours.der'), '-content', join(dir, 'content.bin'), '-CAfile', join(pki.dir, 'ca.pem'), '-purpose', 'any', '-out', '/dev/null']);
    expect(r.stderr).toContain('Verification successful');
    expect(r.status).toBe(0);
  });

  it('OpenSSL refuses it for other content (the message digest is signed)', async () => {
    const der = await createCadesSignature(signer, await sha256(content), time);
    writeFileSync(join(dir, 'ours2.der'), der);
    writeFileSync(join(dir, 'other.bin'), new TextEncoder().encode('something else'));
    const r = openssl(['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'ours2.der'), '-content', join(dir, 'other.bin'), '-CAfile', join(pki.dir, 'ca.pem'), '-purpose', 'any', '-out', '/dev/null']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/digest failure|verification failure/i);
  });

  it('carries content-type, signing-time, message-digest and signing-certificate-v2, and the chain', async () => {
    const der = await createCadesSignature(signer, await sha256(content), time);
    writeFileSync(join(dir, 'print.der'), der);
    const printed = openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', join(dir, 'print.der')]).stdout;
    expect(printed).toContain('contentType');
    expect(printed).toContain('signingTime');
    expect(printed).toContain('messageDigest');
    expect(printed).toMatch(/id-smime-aa-signingCertificateV2|1\.2\.840\.113549\.1\.9\.16\.2\.47/);
    expect(printed).toContain('eContent: <ABSENT>');
    const certs = openssl(['pkcs7', '-print_certs', '-inform', 'DER', '-in', join(dir, 'print.der')]);
    // pkcs7 reads a CMS SignedData too: both the signer's and the CA's certificate are carried.
    expect(certs.stdout.split('-----BEGIN CERTIFICATE-----').length - 1).toBe(2);
  });
});

describe('parseCms and verifyCmsSignature', () => {
  it('read back what we sign: signer, time, digest, algorithm', async () => {
    const digest = await sha256(content);
    const parsed = parseCms(await createCadesSignature(signer, digest, time));
    expect(parsed.signerCert && nameText(parsed.signerCert.subject)).toBe('陳美玲');
    expect(parsed.signingTime?.toISOString()).toBe(time.toISOString());
    expect(Array.from(parsed.messageDigest ?? [])).toEqual(Array.from(digest));
    expect(parsed.digestAlgorithm).toBe(OID.sha256);
    expect(hashName(parsed.digestAlgorithm)).toBe('SHA-256');
    expect(parsed.hasSigningCertificateV2).toBe(true);
    expect(parsed.certificates).toHaveLength(2);
    expect(await verifyCmsSignature(parsed, content)).toBe(true);
  });

  it('ignore the zero padding of a /Contents placeholder', async () => {
    const der = await createCadesSignature(signer, await sha256(content), time);
    const padded = new Uint8Array(der.length + 2000);
    padded.set(der);
    expect(await verifyCmsSignature(parseCms(padded), content)).toBe(true);
  });

  it('a changed signature value or other content does not verify', async () => {
    const der = await createCadesSignature(signer, await sha256(content), time);
    // The SignerInfo's signature value is the last element (there are no unsigned attributes).
    const flipped = new Uint8Array(der);
    flipped[flipped.length - 1] ^= 0x01;
    expect(await verifyCmsSignature(parseCms(flipped), content)).toBe(false);
    expect(await verifyCmsSignature(parseCms(der), new TextEncoder().encode('other'))).toBe(false);
  });

  it('read and verify a detached signature made by OpenSSL', () => {
    const out = join(dir, 'openssl.der');
    const r = openssl(['cms', '-sign', '-binary', '-in', join(dir, 'content.bin'), '-signer', join(pki.dir, 'staff-a.pem'), '-inkey', join(pki.dir, 'staff-a.key'), '-outform', 'DER', '-out', out, '-md', 'sha256']);
    expect(r.status, r.stderr).toBe(0);
    const parsed = parseCms(new Uint8Array(readFileSync(out)));
    expect(parsed.signerCert && nameText(parsed.signerCert.subject)).toBe('陳美玲');
    expect(hashName(parsed.digestAlgorithm)).toBe('SHA-256');
    return Promise.all([sha256(content), verifyCmsSignature(parsed, content)]).then(([digest, ok]) => {
      expect(Array.from(parsed.messageDigest ?? [])).toEqual(Array.from(digest));
      expect(ok).toBe(true);
    });
  });

  it('refuse what is not a SignedData', () => {
    expect(() => parseCms(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow();
    expect(() => parseCms(new TextEncoder().encode('not DER at all'))).toThrow();
  });
});
