/**
 * Signed approvals of a procedure revision (issue 9, part 1): the canonical content, signing in
 * order through the library and the doc:approve CLI, the zh-TW refusals, tampering, an untrusted
 * certificate, and OpenSSL's own `cms -verify` over the signed bytes.
 */

import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvalFileName,
  approvalSignedBytes,
  canonicalRevisionContent,
  revisionContentHash,
} from '../../src/lib/documents/approval.ts';
import { verifyApprovals } from '../../src/lib/pdf/approvals.ts';
import { approveRevisionFile, loadTrustList, readApprovalFiles, verifyRevisionFile } from '../../src/lib/pdf/node.ts';
import { ASCII_PASSWORD, makeTestPki, trustFolderFor, type TestPki } from './helpers/pki.ts';
import { ROOT } from './helpers/records.ts';
import { removeTempDirs, requireTools, run, tempDir, runScript } from './helpers/tools.ts';

const A1 = readFileSync(join(ROOT, 'content/sops/violations/a-1.mdx'), 'utf8');

let pki: TestPki;
let asciiPasswordFile: string;
let trustDir: string;

/** A fresh copy of content/sops with the test CA trusted. */
function project() {
  const dir = tempDir('approvals-');
  cpSync(join(ROOT, 'content/sops'), join(dir, 'sops'), { recursive: true });
  return { sopsDir: join(dir, 'sops'), mdx: join(dir, 'sops/violations/a-1.mdx') };
}

function approve(sopsDir: string, role: 'preparedBy' | 'reviewedBy' | 'approvedBy', p12: string, password = ASCII_PASSWORD) {
  return approveRevisionFile({ sopsDir, trust: loadTrustList(trustDir), procedure: 'violations', revision: 'A/1', role, p12: new Uint8Array(readFileSync(p12)), password });
}

beforeAll(() => {
  requireTools();
  pki = makeTestPki();
  trustDir = trustFolderFor(pki, 'approvals-trust-');
  asciiPasswordFile = join(pki.dir, 'ascii-password.txt');
}, 120_000);

afterAll(removeTempDirs);

describe('the canonical content of a revision', () => {
  const reformatted = () => {
    // CRLF, trailing spaces, extra blank lines, YAML re-laid out (key order, block style, quoting).
    let s = A1.replace('approvals: { preparedBy: null, reviewedBy: null, approvedBy: null }', 'approvals:\n  preparedBy: null\n  reviewedBy: null\n  approvedBy: null');
    s = s.replace('docNumber: HB-SOP-02\n', '').replace('order: 2\n', 'order: 2\ndocNumber: "HB-SOP-02"\n');
    const [, front, body] = /^(---\n[\s\S]*?\n---\n)([\s\S]*)$/.exec(s)!;
    const messyBody = `\n\n${body.replace(/\n\n/g, '\n\n\n\n').replace(/。\n/g, '。   \n')}\n\n`;
    return (front + messyBody).replace(/\n/g, '\r\n');
  };

  it('says what is signed: the control fields but not the sign-offs, status, dates or page metadata', () => {
    const c = canonicalRevisionContent(A1);
    expect(c.startsWith('HB-REVISION-CONTENT/1\n{"basedOn":"A/0","changes":[')).toBe(true);
    expect(c).toContain('"docNumber":"HB-SOP-02"');
    expect(c).toContain('"retention":"現行版本長期保存；被取代的版本自作廢日起保存三年。"');
    const fields = JSON.parse(c.split('\n')[1]) as Record<string, unknown>;
    expect(Object.keys(fields)).toEqual(['basedOn', 'changes', 'docNumber', 'issuedTitle', 'numberIssuer', 'order', 'procedure', 'relatedRecords', 'retention', 'revision']);
    expect(c).toContain('\n---\n');
  });

  it('is stable under re-formatting and under the fields a release sets', async () => {
    const base = await revisionContentHash(A1);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(await revisionContentHash(reformatted())).toBe(base);
    const released = A1.replace('status: draft', 'status: effective')
      .replace('effectiveDate: null', 'effectiveDate: 2027-01-01')
      .replace(/^title: .*$/m, 'title: 物業公司業戶違章處理標準作業規程');
    expect(await revisionContentHash(released)).toBe(base);
    // NFC: a decomposed character is the same text.
    const composed = A1.replace('---\n\n', '---\n\né\n');
    expect(await revisionContentHash(composed.replace('é', 'e\u0301'))).toBe(await revisionContentHash(composed));
  });

  it('changes with one character of the body or of a signed control field', async () => {
    const base = await revisionContentHash(A1);
    const i = A1.lastIndexOf('違章');
    expect(await revisionContentHash(A1.slice(0, i) + '違規' + A1.slice(i + 2))).not.toBe(base);
    expect(await revisionContentHash(A1.replace('保存三年', '保存二年'))).not.toBe(base);
    expect(await revisionContentHash(A1.replace('clause: "4.1.3"', 'clause: "4.1.4"'))).not.toBe(base);
  });
});

describe('approving a revision in order', () => {
  it('編制 -> 審核 -> 批准 by three people: each valid, with signer, role and date', async () => {
    const { sopsDir, mdx } = project();
    const before = Date.now();
    const p1 = await approve(sopsDir, 'preparedBy', pki.staffA, pki.password);
    expect(p1).toBe(join(sopsDir, 'violations', 'a-1.preparedBy.p7s'));
    await approve(sopsDir, 'reviewedBy', pki.staffB);
    await approve(sopsDir, 'approvedBy', pki.staffC);
    const results = await verifyRevisionFile(mdx, loadTrustList(trustDir));
    expect(results.map((r) => [r.role, r.status, r.signer])).toEqual([
      ['preparedBy', 'valid', '陳美玲'],
      ['reviewedBy', 'valid', '黃志強'],
      ['approvedBy', 'valid', '林小芬'],
    ]);
    for (const r of results) expect(r.signedAt!.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    // The real handbook's revisions have no CMS files: unsigned, nothing invented.
    const real = await verifyRevisionFile(join(ROOT, 'content/sops/violations/index.mdx'), loadTrustList(join(ROOT, 'trust')));
    expect(real.map((r) => r.status)).toEqual(['unsigned', 'unsigned', 'unsigned']);
  });

  it('refuses 審核 before 編制, and 批准 before 審核, in Chinese', async () => {
    const { sopsDir } = project();
    await expect(approve(sopsDir, 'reviewedBy', pki.staffB)).rejects.toThrow('審核須在編制之後：本版本尚無有效的編制簽章');
    await approve(sopsDir, 'preparedBy', pki.staffA, pki.password);
    await expect(approve(sopsDir, 'approvedBy', pki.staffC)).rejects.toThrow('批准須在審核之後：本版本尚無有效的審核簽章');
    expect(existsSync(join(sopsDir, 'violations', approvalFileName('A/1', 'approvedBy')))).toBe(false);
  });

  it('refuses one person in two roles, and a role signed twice', async () => {
    const { sopsDir } = project();
    await approve(sopsDir, 'preparedBy', pki.staffA, pki.password);
    await expect(approve(sopsDir, 'reviewedBy', pki.staffA, pki.password)).rejects.toThrow('陳美玲 已是本版本的編制人，同一人不得在同一版本兼任兩個角色');
    await expect(approve(sopsDir, 'preparedBy', pki.staffB)).rejects.toThrow('本版本已有有效的編制簽章（陳美玲）');
  });

  it('refuses a certificate outside the trust list', async () => {
    const { sopsDir } = project();
    await expect(approve(sopsDir, 'preparedBy', pki.untrusted)).rejects.toThrow('憑證不受信任：李四');
  });
});

describe('verification at build time', () => {
  it('one character changed after signing: every approval shows 「簽署後內容已變更」', async () => {
    const { sopsDir, mdx } = project();
    await approve(sopsDir, 'preparedBy', pki.staffA, pki.password);
    await approve(sopsDir, 'reviewedBy', pki.staffB);
    writeFileSync(mdx, readFileSync(mdx, 'utf8').replace('保存三年', '保存二年'));
    const results = await verifyRevisionFile(mdx, loadTrustList(trustDir));
    expect(results.map((r) => r.status)).toEqual(['altered', 'altered', 'unsigned']);
    expect(results[0].message).toBe('編制：簽署後內容已變更');
    // Re-formatting alone keeps them valid.
    writeFileSync(mdx, readFileSync(mdx, 'utf8').replace('保存二年', '保存三年').replace(/\n/g, '\r\n'));
    expect((await verifyRevisionFile(mdx, loadTrustList(trustDir))).map((r) => r.status)).toEqual(['valid', 'valid', 'unsigned']);
  });

  it('signatures by a certificate outside the trust list show 「憑證不受信任」', async () => {
    const { sopsDir, mdx } = project();
    await approve(sopsDir, 'preparedBy', pki.staffA, pki.password);
    await approve(sopsDir, 'reviewedBy', pki.staffB);
    await approve(sopsDir, 'approvedBy', pki.staffC);
    // With a trust list that lacks the test CA, the same files are untrusted.
    const other = tempDir('approvals-other-trust-');
    writeFileSync(join(other, 'other.pem'), pki.otherCaPem);
    const results = await verifyRevisionFile(mdx, loadTrustList(other));
    expect(results.map((r) => r.label)).toEqual(['憑證不受信任', '憑證不受信任', '憑證不受信任']);
    expect(results[0].message).toBe('編制：憑證不受信任（測試物業管理有限公司 根憑證 簽發）');
    expect(results[0].signer).toBe('陳美玲');
  });

  it('a 審核 file renamed into 批准 does not verify (the role is signed)', async () => {
    const { sopsDir, mdx } = project();
    await approve(sopsDir, 'preparedBy', pki.staffA, pki.password);
    await approve(sopsDir, 'reviewedBy', pki.staffB);
    const files = readApprovalFiles(mdx);
    const results = await verifyApprovals(readFileSync(mdx, 'utf8'), { ...files, approvedBy: files.reviewedBy }, [pki.caPem]);
    expect(results[2].status).not.toBe('valid');
  });
});

// Each run starts Node on a loaded machine: allow several minutes for the whole sequence.
describe('doc:approve CLI', { timeout: 300_000 }, () => {
  const cli = (args: string[]) => runScript('doc-approve.ts', args);

  it('signs in order, refuses wrong order and one person twice (exit 1), usage errors exit 2; openssl accepts the file', () => {
    const { sopsDir, mdx } = project();
    const common = (role: string, p12: string, pw = asciiPasswordFile) => ['violations', 'A/1', '--role', role, '--sign', p12, '--password-file', pw, '--sops', sopsDir, '--trust', trustDir];

    let r = cli(common('reviewedBy', pki.staffB));
    expect(r.out).toContain('審核須在編制之後');
    expect(r.status).toBe(1);

    r = cli(common('preparedBy', pki.staffA, pki.passwordFile));
    expect(r.out).toContain('已簽署編制');
    expect(r.status, r.out).toBe(0);

    r = cli(common('reviewedBy', pki.staffA, pki.passwordFile));
    expect(r.out).toContain('同一人不得在同一版本兼任兩個角色');
    expect(r.status).toBe(1);

    r = cli(common('reviewedBy', pki.staffB));
    expect(r.status, r.out).toBe(0);

    expect(cli(['violations', 'A/1', '--role', 'boss', '--sign', pki.staffB, '--password-file', asciiPasswordFile]).status).toBe(2);
    expect(cli(['violations', '--role', 'reviewedBy']).status).toBe(2);
    const bogus = cli(['violations', 'A/1', '--bogus']);
    expect(bogus.status).toBe(2);
    expect(bogus.out).toContain('無法識別的選項 --bogus');
    r = cli(['violations', 'Z/9', '--role', 'approvedBy', '--sign', pki.staffC, '--password-file', asciiPasswordFile, '--sops', sopsDir, '--trust', trustDir]);
    expect(r.out).toContain('沒有版本 Z/9');
    expect(r.status).toBe(1);

    // OpenSSL verifies each detached CMS over the signed bytes, chained to the test CA.
    const source = readFileSync(mdx, 'utf8');
    for (const role of ['preparedBy', 'reviewedBy'] as const) {
      const content = join(sopsDir, `${role}.content`);
      writeFileSync(content, approvalSignedBytes(source, role));
      const v = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(sopsDir, 'violations', approvalFileName('A/1', role)), '-content', content, '-CAfile', join(pki.dir, 'ca.pem'), '-purpose', 'any', '-out', '/dev/null']);
      expect(`${v.stdout}${v.stderr}`).toContain('Verification successful');
      // …and rejects it over the content with one character changed.
      writeFileSync(content, approvalSignedBytes(source.replace('保存三年', '保存二年'), role));
      const bad = run('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(sopsDir, 'violations', approvalFileName('A/1', role)), '-content', content, '-CAfile', join(pki.dir, 'ca.pem'), '-purpose', 'any', '-out', '/dev/null']);
      expect(`${bad.stdout}${bad.stderr}`).not.toContain('Verification successful');
    }
  });
});
