/**
 * Releasing a revision (issue 9, part 2) on copies of content/sops and schemas/: refused without a
 * valid 批准 (library and CLI, zh-TW), then A/1 takes the procedure's page and A/0 is superseded on
 * the same date, the approvals stay valid, the violation forms move to their A/1 revision with A/0
 * kept, and the point-in-time register answers for dates before and after.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRelease, ReleaseError } from '../../src/lib/documents/release.ts';
import { revisionContentHash } from '../../src/lib/documents/approval.ts';
import { readRegister } from '../../src/lib/documents/register-files.ts';
import { revisionInForceOn, standingOn } from '../../src/lib/documents/register.ts';
import { checkSchemas } from '../../src/lib/forms/build/check.ts';
import { approveRevisionFile, loadTrustList, releaseRevisionFile, verifyRevisionFile } from '../../src/lib/pdf/node.ts';
import { ASCII_PASSWORD, makeTestPki, trustFolderFor, type TestPki } from './helpers/pki.ts';
import { ROOT } from './helpers/records.ts';
import { removeTempDirs, runScript, tempDir } from './helpers/tools.ts';

const A0 = readFileSync(join(ROOT, 'content/sops/violations/index.mdx'), 'utf8');
const A1 = readFileSync(join(ROOT, 'content/sops/violations/a-1.mdx'), 'utf8');

let pki: TestPki;
let trustDir: string;

function project() {
  const dir = tempDir('release-');
  cpSync(join(ROOT, 'content/sops'), join(dir, 'sops'), { recursive: true });
  cpSync(join(ROOT, 'schemas'), join(dir, 'schemas'), { recursive: true });
  return { dir, sopsDir: join(dir, 'sops'), schemasDir: join(dir, 'schemas') };
}

beforeAll(() => {
  pki = makeTestPki();
  trustDir = trustFolderFor(pki, 'release-trust-');
}, 120_000);

afterAll(removeTempDirs);

describe('planRelease (the files a release writes)', () => {
  const files = [
    { name: 'index.mdx', source: A0 },
    { name: 'a-1.mdx', source: A1 },
  ];

  it('moves A/1 to the procedure page as effective and A/0 to its own page as superseded, without changing what was signed', async () => {
    const plan = planRelease(files, 'A/1', '2026-12-15');
    expect(plan.removes).toEqual(['a-1.mdx']);
    const index = plan.writes.find((w) => w.name === 'index.mdx')!.source;
    const old = plan.writes.find((w) => w.name === 'a-0.mdx')!.source;
    expect(index).toMatch(/^revision: A\/1$/m);
    expect(index).toMatch(/^status: effective$/m);
    expect(index).toMatch(/^effectiveDate: 2026-12-15$/m);
    expect(index).toMatch(/^title: "物業公司業戶違章處理標準作業規程"$/m);
    expect(index).not.toContain('修訂草案）"');
    expect(old).toMatch(/^status: superseded$/m);
    expect(old).toMatch(/^supersededDate: 2026-12-15$/m);
    expect(old).toMatch(/^effectiveDate: 2026-11-27$/m);
    expect(old).toContain('已由 A/1 取代，自 2026年12月15日 起作廢');
    // Only unsigned fields and page metadata changed: both hashes are the same as before.
    expect(await revisionContentHash(index)).toBe(await revisionContentHash(A1));
    expect(await revisionContentHash(old)).toBe(await revisionContentHash(A0));
  });

  it('refuses a bad or too early date and a revision already effective, in zh-TW', () => {
    expect(() => planRelease(files, 'A/1', '2026-13-01')).toThrow('生效日期格式不符');
    expect(() => planRelease(files, 'A/1', '2026-11-27')).toThrow('須晚於現行版本 A/0 的生效日期 2026-11-27');
    expect(() => planRelease(files, 'A/0', '2026-12-15')).toThrow('已是生效版本');
    expect(() => planRelease(files, 'B/0', '2026-12-15')).toThrow(ReleaseError);
  });

  it('a future effective date leaves the revision pending and the old one in force until then', () => {
    expect(standingOn({ status: 'effective', effectiveDate: '2027-01-01', supersededDate: null }, '2026-12-01')).toBe('pending');
    expect(standingOn({ status: 'superseded', effectiveDate: '2026-11-27', supersededDate: '2027-01-01' }, '2026-12-01')).toBe('superseded-pending');
    expect(standingOn({ status: 'superseded', effectiveDate: '2026-11-27', supersededDate: '2027-01-01' }, '2027-01-01')).toBe('superseded');
  });
});

describe('releaseRevisionFile and the doc:release CLI', { timeout: 300_000 }, () => {
  it('refuses without a valid 批准, then releases, moves the forms and keeps the register answering for any date', async () => {
    const p = project();
    const trust = loadTrustList(trustDir);
    const req = { sopsDir: p.sopsDir, schemasDir: p.schemasDir, trust, procedure: 'violations', revision: 'A/1', effective: '2026-12-15' };
    await expect(releaseRevisionFile(req)).rejects.toThrow('版本 A/1 沒有有效的批准簽章（批准：未簽署），不能發布生效');

    const approve = (role: 'preparedBy' | 'reviewedBy' | 'approvedBy', p12: string) =>
      approveRevisionFile({ sopsDir: p.sopsDir, trust, procedure: 'violations', revision: 'A/1', role, p12: new Uint8Array(readFileSync(p12)), password: ASCII_PASSWORD });
    await approve('preparedBy', pki.staffC);
    await approve('reviewedBy', pki.staffB);
    // The CLI says the same with exit 1 while 批准 is missing.
    const pw = join(p.dir, 'pw.txt');
    writeFileSync(pw, ASCII_PASSWORD);
    const cli = runScript('doc-release.ts', ['violations', 'A/1', '--effective', '2026-12-15', '--sops', p.sopsDir, '--schemas', p.schemasDir, '--trust', trustDir]);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('未發布：版本 A/1 沒有有效的批准簽章（批准：未簽署）');
    expect(runScript('doc-release.ts', ['violations']).status).toBe(2);
    const bogus = runScript('doc-release.ts', ['violations', 'A/1', '--bogus']);
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toContain('無法識別的選項 --bogus');

    // An untrusted 批准 does not count either.
    await expect(approve('approvedBy', pki.untrusted)).rejects.toThrow('憑證不受信任');
    await approve('approvedBy', pki.staffEc);
    const ok = runScript('doc-release.ts', ['violations', 'A/1', '--effective', '2026-12-15', '--sops', p.sopsDir, '--schemas', p.schemasDir, '--trust', trustDir]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('violations A/1');
    expect(ok.stdout).toContain('表單 violation-record：改用版本 A/1（版本 A/0 保留於 schemas/revisions/）');

    const dir = join(p.sopsDir, 'violations');
    expect(existsSync(join(dir, 'a-1.mdx'))).toBe(false);
    expect(readFileSync(join(dir, 'index.mdx'), 'utf8')).toMatch(/^revision: A\/1$/m);
    // The approvals beside it are named by revision and stay valid after the move.
    const approvals = await verifyRevisionFile(join(dir, 'index.mdx'), trust);
    expect(approvals.map((a) => a.status)).toEqual(['valid', 'valid', 'valid']);

    // Forms: A/1 current, A/0 kept; other procedures' forms untouched; the build check passes.
    const record = JSON.parse(readFileSync(join(p.schemasDir, 'violation-record.schema.json'), 'utf8'));
    expect(record['x-form'].revision).toBe('A/1');
    expect(record.$id).toBe('https://property-sop-handbook.invalid/schemas/violation-record.schema.json');
    expect(JSON.stringify(record)).toContain('"4.2.1e"');
    const kept = JSON.parse(readFileSync(join(p.schemasDir, 'revisions/violation-record@a-0.schema.json'), 'utf8'));
    expect(kept['x-form'].procedureRevisions).toEqual(['A/0']);
    expect(JSON.stringify(kept)).toContain('"4.2.1f"');
    expect(existsSync(join(p.schemasDir, 'revisions/violation-record@a-1.schema.json'))).toBe(false);
    expect(readFileSync(join(p.schemasDir, 'complaint-intake.schema.json'), 'utf8')).toBe(readFileSync(join(ROOT, 'schemas/complaint-intake.schema.json'), 'utf8'));
    expect(checkSchemas({ schemasDir: p.schemasDir, sopsDir: p.sopsDir, rootDir: p.dir }).problems).toEqual([]);

    // Point in time.
    const register = readRegister(p.sopsDir);
    expect(revisionInForceOn(register, 'HB-SOP-02', '2026-12-14')?.revision).toBe('A/0');
    expect(revisionInForceOn(register, 'HB-SOP-02', '2026-12-15')?.revision).toBe('A/1');
    expect(revisionInForceOn(register, 'violations', '2030-01-01')?.revision).toBe('A/1');
    expect(revisionInForceOn(register, 'HB-SOP-02', '2026-11-26')).toBeNull();
    expect(() => revisionInForceOn(register, 'HB-SOP-02', '15/12/2026')).toThrow('日期格式不符');

    // A second release of the same revision is refused.
    await expect(releaseRevisionFile(req)).rejects.toThrow('版本 A/1 已是生效版本');
  });
});
