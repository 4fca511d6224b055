/**
 * Which reader opens which .p12 (src/lib/pdf/sign/pkcs12.ts): OpenSSL 3's PBES2/AES files, RSA and
 * EC, with an ASCII or a Chinese password, through pkijs over WebCrypto without node-forge; legacy
 * 3DES/RC2 files (OpenSSL's -legacy and forge's own) and wrong passwords through node-forge, which
 * gives the error. readPkcs12's results are compared with OpenSSL in pkcs12.test.ts.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { readPkcs12 } from '../../src/lib/pdf/sign/pkcs12.ts';
import { ASCII_PASSWORD, makeTestPki, type TestPki } from './helpers/pki.ts';
import { requireTools } from './helpers/tools.ts';

const forgeReads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/lib/pdf/sign/pkcs12-forge.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/lib/pdf/sign/pkcs12-forge.ts')>();
  return {
    readPkcs12WithForge: (...args: Parameters<typeof real.readPkcs12WithForge>) => {
      forgeReads.count++;
      return real.readPkcs12WithForge(...args);
    },
  };
});

let pki: TestPki;
beforeAll(() => {
  requireTools();
  pki = makeTestPki();
}, 120_000);
beforeEach(() => {
  forgeReads.count = 0;
});

it('reads OpenSSL 3 AES files with WebCrypto, node-forge untouched', async () => {
  expect((await readPkcs12(readFileSync(pki.staffA), pki.password)).name).toBe('陳美玲');
  expect((await readPkcs12(readFileSync(pki.staffEc), ASCII_PASSWORD)).name).toBe('張家豪');
  expect(forgeReads.count).toBe(0);
});

it('reads legacy 3DES/RC2 files with node-forge', async () => {
  expect((await readPkcs12(readFileSync(pki.staffB), ASCII_PASSWORD)).name).toBe('黃志強');
  expect(forgeReads.count).toBe(1);
  expect((await readPkcs12(readFileSync(pki.staffC), ASCII_PASSWORD)).name).toBe('林小芬');
  expect(forgeReads.count).toBe(2);
});

it('a wrong password on an AES file is told by node-forge, as before', async () => {
  await expect(readPkcs12(readFileSync(pki.staffA), 'wrong-password')).rejects.toMatchObject({ code: 'BAD_PASSWORD', message: '憑證密碼不正確，請重新輸入。' });
  expect(forgeReads.count).toBe(1);
});
