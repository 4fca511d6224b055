/**
 * The CA certificates an auditor adds on /verify/ (kept in localStorage): PEM or DER files, no
 * duplicates, removal, and a zh-TW error for a file that is not a certificate.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AUDITOR_TRUST_KEY, addAuditorCaFile, readAuditorCas, removeAuditorCa } from '../../src/lib/pdf/auditor-trust.ts';
import { MemoryStorage } from '../../src/lib/record/drafts.ts';
import { removeTempDirs, run, tempDir } from './helpers/tools.ts';

afterAll(() => removeTempDirs());

describe('auditor trust list', () => {
  it('adds PEM and DER files once each, removes, and refuses a non-certificate', async () => {
    const dir = tempDir('auditor-ca-');
    const made = run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-utf8', '-subj', '/CN=稽核用憑證機構', '-days', '30', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'ca.pem')]);
    expect(made.status).toBe(0);
    expect(run('openssl', ['x509', '-in', join(dir, 'ca.pem'), '-outform', 'DER', '-out', join(dir, 'ca.der')]).status).toBe(0);
    const storage = new MemoryStorage();
    const list = await addAuditorCaFile(storage, new Uint8Array(readFileSync(join(dir, 'ca.pem'))));
    expect(list.map((c) => c.name)).toEqual(['稽核用憑證機構']);
    // The same certificate as DER is the same entry; its PEM is what openssl reads back.
    expect(await addAuditorCaFile(storage, new Uint8Array(readFileSync(join(dir, 'ca.der'))))).toHaveLength(1);
    expect(readAuditorCas(storage)[0].pem.replace(/\s+/g, '')).toBe(readFileSync(join(dir, 'ca.pem'), 'utf8').replace(/\s+/g, ''));
    await expect(addAuditorCaFile(storage, new TextEncoder().encode('not a certificate'))).rejects.toThrow('此檔案不是憑證檔');
    expect(removeAuditorCa(storage, 0)).toEqual([]);
    expect(storage.getItem(AUDITOR_TRUST_KEY)).toBeNull();
  });
});
