/**
 * Approvals at build time, on a copy of the project: the control block shows each verified
 * signature, and an effective revision changed after it was signed fails the build.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { withProjectCopy } from '../unit/helpers/project-copy.ts';
import { ASCII_PASSWORD, makeTestPki, type TestPki } from './helpers/pki.ts';

let pki: TestPki;

beforeAll(() => {
  pki = makeTestPki();
}, 120_000);

// Two whole `astro build`s on a loaded machine.
describe('approvals in the build', { timeout: 600_000 }, () => {
  it('shows signer, role and date; a one-character change to the signed effective revision fails the build', () => {
    withProjectCopy((copy) => {
      writeFileSync(join(copy.dir, 'trust', 'test-ca.pem'), pki.caPem);
      const pw = join(copy.dir, 'pw.txt');
      writeFileSync(pw, `${ASCII_PASSWORD}\n`);
      const sign = (role: string, p12: string, passwordFile: string) =>
        copy.run(process.execPath, ['scripts/doc-approve.ts', 'violations', 'A/0', '--role', role, '--sign', p12, '--password-file', passwordFile]);
      let r = sign('preparedBy', pki.staffA, pki.passwordFile);
      expect(r.status, r.output).toBe(0);
      r = sign('reviewedBy', pki.staffB, pw);
      expect(r.status, r.output).toBe(0);

      r = copy.build();
      expect(r.status, r.output).toBe(0);
      const page = readFileSync(join(copy.dir, 'dist/sops/violations/index.html'), 'utf8');
      const block = page.slice(page.indexOf('data-approval-role="preparedBy"'));
      expect(block).toMatch(/data-approval-status="valid"[\s\S]*?陳美玲，編制，於 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d（UTC\+8） 簽署/);
      expect(block).toMatch(/data-approval-role="reviewedBy" data-approval-status="valid"[\s\S]*?黃志強，審核，於/);
      expect(block).toMatch(/data-approval-role="approvedBy" data-approval-status="unsigned"[\s\S]*?未簽署/);
      // Another procedure, never signed, stays 未簽署.
      const other = readFileSync(join(copy.dir, 'dist/sops/complaints/index.html'), 'utf8');
      expect(other.match(/data-approval-status="unsigned"/g)).toHaveLength(3);

      const mdx = join(copy.dir, 'content/sops/violations/index.mdx');
      const source = readFileSync(mdx, 'utf8');
      const i = source.lastIndexOf('違章');
      expect(i).toBeGreaterThan(0);
      writeFileSync(mdx, source.slice(0, i) + '違規' + source.slice(i + 2));
      r = copy.build();
      expect(r.status).not.toBe(0);
      expect(r.output).toContain('生效版本 A/0 的編制、審核簽章顯示「簽署後內容已變更」');
    });
  });
});
