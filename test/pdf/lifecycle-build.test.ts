/**
 * The whole life of a revision (issue 9) on a copy of the project, with test certificates:
 *
 *   1. a record is filled and signed under A/0 of the violations procedure;
 *   2. A/1 is approved: 編制 and 審核 with doc:approve (wrong order and one person twice refused), build,
 *      then 批准 in Chromium on /approve/ (its refusals too), the downloaded .p7s put beside A/1;
 *   3. doc:release makes A/1 effective today; build: /sops/violations/ is A/1 with three valid approvals,
 *      A/0 is bannered 已作廢 on screen, in print and in search, its blank form is stamped void, the
 *      register's date control answers before and after, the A/0 record still verifies under the A/0
 *      schema as 「填寫時生效、現已作廢」 and a new record is filled under A/1's schema;
 *   4. one character of the approved A/1 text changed: its approvals show 「簽署後內容已變更」 and the
 *      build fails.
 * Three builds (the third stops at the page that fails); this replaces the two of the earlier
 * approvals-build test, whose checks are here.
 */
import { pdfBrowserSetup } from '../browser/helpers-pdf/flow.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { revisionContentHash } from '../../src/lib/documents/approval.ts';
import { readRegister } from '../../src/lib/documents/register-files.ts';
import { loadTrustList, verifyRevisionFile } from '../../src/lib/pdf/node.ts';
import { formatIsoDateZh, handbookDate } from '../../src/lib/shared/time.ts';
import { withProjectCopyAsync, type ProjectCopy } from '../unit/helpers/project-copy.ts';
import { axeViolations, openSession } from '../browser/harness.ts';
import { startStaticServer } from '../browser/static-server.ts';
import { ASCII_PASSWORD, type TestPki } from './helpers/pki.ts';
import { ROOT } from './helpers/records.ts';
import { removeTempDirs, run } from './helpers/tools.ts';

let pki: TestPki;
let browser: Browser;

beforeAll(async () => {
  ({ pki, browser } = await pdfBrowserSetup('lifecycle-'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  removeTempDirs();
});

const BUILD_TIMEOUT = 600_000;

/** The build's steps in the copy (the fonts are copied with public/): validators of the moved schemas, blank forms, site, 简体 view. */
function build(copy: ProjectCopy) {
  const steps: [string, string[]][] = [
    [process.execPath, ['scripts/compile-validators.mjs']],
    [process.execPath, ['scripts/blank-forms.ts', 'public/blank-forms']],
    ['npx', ['astro', 'build']],
    [process.execPath, ['scripts/postbuild.ts']],
  ];
  let output = '';
  for (const [cmd, args] of steps) {
    const r = copy.run(cmd, args, BUILD_TIMEOUT);
    output += r.output;
    if (r.status !== 0) return { status: r.status, output };
  }
  return { status: 0, output };
}

async function serve(dir: string) {
  return startStaticServer(join(dir, 'dist'));
}

describe('the life of a revision', { timeout: 1_800_000 }, () => {
  it('approve A/1 in order, release it, and A/0 stays readable, void and able to verify its records', async () => {
    const today = handbookDate();
    await withProjectCopyAsync(async (copy) => {
      const dir = copy.dir;
      const sops = join(dir, 'content/sops/violations');
      writeFileSync(join(dir, 'trust', 'test-ca.pem'), pki.caPem);
      const pw = join(dir, 'pw.txt');
      writeFileSync(pw, `${ASCII_PASSWORD}\n`);
      const node = (script: string, ...args: string[]) => copy.run(process.execPath, [`scripts/${script}`, ...args], 240_000);

      // 1. A record under A/0, dated before the release, with a violation lettered as A/0 letters it (4.2.1 f).
      const example = JSON.parse(readFileSync(join(ROOT, 'schemas/violation-record.example.json'), 'utf8'));
      const a0Data = JSON.parse(JSON.stringify(example).replaceAll(/2026-03-1\d/g, '2026-11-30'));
      a0Data.category = '4.2.1f';
      // The record names the certificate's holder as 登記人 (another name needs --confirm-signer-mismatch).
      a0Data.registrar = '黃志強';
      writeFileSync(join(dir, 'a0.json'), JSON.stringify(a0Data));
      let r = node('pdf-cli.ts', 'violation-record', 'a0.json', '--sign', pki.staffB, '--password-file', pw, '--role', 'registrar', '-o', 'a0.pdf');
      expect(r.status, r.output).toBe(0);

      // 2. 編制 and 審核 by the CLI; wrong order and one person twice are refused in zh-TW.
      const approve = (role: string, p12: string, passwordFile = pw) =>
        node('doc-approve.ts', 'violations', 'A/1', '--role', role, '--sign', p12, '--password-file', passwordFile);
      r = approve('reviewedBy', pki.staffB);
      expect(r.status).toBe(1);
      expect(r.output).toContain('審核須在編制之後：本版本尚無有效的編制簽章');
      r = approve('preparedBy', pki.staffA, pki.passwordFile);
      expect(r.status, r.output).toBe(0);
      r = approve('reviewedBy', pki.staffA, pki.passwordFile);
      expect(r.status).toBe(1);
      expect(r.output).toContain('陳美玲 已是本版本的編制人，同一人不得在同一版本兼任兩個角色');
      r = approve('reviewedBy', pki.staffB);
      expect(r.status, r.output).toBe(0);
      r = node('doc-release.ts', 'violations', 'A/1', '--effective', today);
      expect(r.status).toBe(1);
      expect(r.output).toContain('未發布：版本 A/1 沒有有效的批准簽章（批准：未簽署）');

      r = build(copy);
      expect(r.status, r.output).toBe(0);
      const draft = readFileSync(join(dir, 'dist/sops/violations/a-1/index.html'), 'utf8');
      const block = draft.slice(draft.indexOf('data-approval-role="preparedBy"'));
      expect(block).toMatch(/data-approval-status="valid"[\s\S]*?陳美玲，編制，於 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d（UTC\+8） 簽署/);
      expect(block).toMatch(/data-approval-role="reviewedBy" data-approval-status="valid"[\s\S]*?黃志強，審核，於/);
      expect(block).toMatch(/data-approval-role="approvedBy" data-approval-status="unsigned"[\s\S]*?未簽署/);
      // Another procedure, never signed, stays 未簽署.
      expect(readFileSync(join(dir, 'dist/sops/complaints/index.html'), 'utf8').match(/data-approval-status="unsigned"/g)).toHaveLength(3);

      // 批准 in the browser: the page shows what is hashed, refuses what the CLI refuses, and downloads the file.
      const { url, server } = await serve(dir);
      const s = await openSession(browser);
      try {
        const { page } = s;
        page.setDefaultTimeout(60_000);
        await page.goto(`${url}/approve/`);
        await page.locator('[data-approve-ready="true"]').waitFor();
        expect(await axeViolations(page)).toEqual([]);
        const pick = async (docNumber: string, revision: string) => {
          const value = await page.locator('[data-approve-revision] option').evaluateAll(
            (opts, [n, rev]) => (opts as HTMLOptionElement[]).find((o) => o.text.includes(n) && o.text.includes(`版本/改次 ${rev}`))?.value,
            [docNumber, revision],
          );
          await page.locator('[data-approve-revision]').selectOption(value!);
        };
        const signAs = async (role: string, p12: string, password: string) => {
          await page.locator(`[data-approve-role="${role}"]`).check();
          await page.locator('[data-approve-p12]').setInputFiles(p12);
          await page.locator('[data-approve-password]').fill(password);
          await page.locator('[data-approve-sign]').click();
        };
        const message = page.locator('[data-approve-message]');

        await pick('HB-SOP-01', 'A/1');
        await signAs('reviewedBy', pki.staffB, ASCII_PASSWORD);
        await expect.poll(() => message.textContent(), { timeout: 60_000 }).toContain('審核須在編制之後');
        await expect(message.getAttribute('role')).resolves.toBe('alert');

        await pick('HB-SOP-02', 'A/1');
        const a1Source = readFileSync(join(sops, 'a-1.mdx'), 'utf8');
        await expect(page.locator('[data-content-hash]').textContent()).resolves.toBe(await revisionContentHash(a1Source));
        await expect(page.locator('[data-canonical]').textContent()).resolves.toContain('HB-REVISION-CONTENT/1');
        // The next role is preselected.
        await expect(page.locator('[data-approve-role="approvedBy"]').isChecked()).resolves.toBe(true);
        await signAs('approvedBy', pki.staffA, pki.password);
        await expect.poll(() => message.textContent(), { timeout: 60_000 }).toContain('同一人不得在同一版本兼任兩個角色');

        const download = page.waitForEvent('download');
        await signAs('approvedBy', pki.staffC, ASCII_PASSWORD);
        const file = await download;
        expect(file.suggestedFilename()).toBe('a-1.approvedBy.p7s');
        await file.saveAs(join(sops, 'a-1.approvedBy.p7s'));
        await expect.poll(() => message.textContent(), { timeout: 60_000 }).toContain('已由 林小芬 簽署批准');
        expect(s.consoleErrors).toEqual([]);
      } finally {
        await s.close();
        server.close();
      }
      // openssl agrees with the browser-made file.
      const trust = loadTrustList(join(dir, 'trust'));
      expect((await verifyRevisionFile(join(sops, 'a-1.mdx'), trust)).map((a) => a.status)).toEqual(['valid', 'valid', 'valid']);

      // 3. Release today and build.
      r = node('doc-release.ts', 'violations', 'A/1', '--effective', today);
      expect(r.status, r.output).toBe(0);
      expect(r.output).toContain('請執行 npm run forms:compile');
      // As the release says: the moved schemas' validators are generated again (a build does it too).
      r = node('compile-validators.mjs');
      expect(r.status, r.output).toBe(0);
      // A new record under A/1: its lettering (4.2.1 e) is accepted, A/0's 4.2.1 f is not.
      const a1Data = { ...a0Data, category: '4.2.1e' };
      writeFileSync(join(dir, 'a1.json'), JSON.stringify(a1Data));
      r = node('pdf-cli.ts', 'violation-record', 'a0.json', '-o', 'refused.pdf');
      expect(r.status).not.toBe(0);
      r = node('pdf-cli.ts', 'violation-record', 'a1.json', '-o', 'a1.pdf');
      expect(r.status, r.output).toBe(0);

      r = build(copy);
      expect(r.status, r.output).toBe(0);
      const dist = (p: string) => readFileSync(join(dir, 'dist', p), 'utf8');
      const current = dist('sops/violations/index.html');
      expect(current).toContain('data-revision>A/1<');
      expect(current.match(/data-approval-status="valid"/g)).toHaveLength(3);
      expect(current).toContain('林小芬，批准，於');
      expect(current).not.toContain('data-revision-banner');
      const old = dist('sops/violations/a-0/index.html');
      expect(old).toContain('data-revision>A/0<');
      expect(old).toMatch(/<div class="revision-banner revision-banner-superseded" role="note" aria-label="已作廢"/);
      expect(old).toContain(`已於 ${formatIsoDateZh(today)} 作廢`);
      expect(old).toContain('data-pagefind-meta="title:【已作廢】');
      expect(old).toMatch(/<a href="\/blank-forms\/violation-record@a-0\.pdf" data-void-blank>/);
      // The 简体 view keeps the banner, converted.
      expect(dist('zh-cn/sops/violations/a-0/index.html')).toContain('已作废');
      // The form page fills new records under A/1 (form revision A/1, procedure revision A/1).
      const form = dist('forms/violation-record/index.html');
      expect(form).toContain('<dd data-form-revision>A/1</dd>');
      expect(form).toContain('<span data-procedure-revision>A/1</span>');

      // The void blank form: 「已作廢，不得使用」 on every page, read by poppler.
      const blank = join(dir, 'dist/blank-forms/violation-record@a-0.pdf');
      expect(existsSync(blank)).toBe(true);
      const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [blank]).stdout)![1]);
      for (let p = 1; p <= pages; p++) {
        expect(run('pdftotext', ['-f', String(p), '-l', String(p), blank, '-']).stdout.replace(/\s/g, '')).toContain('已作廢，不得使用');
      }
      expect(run('pdftotext', [join(dir, 'dist/blank-forms/violation-record.pdf'), '-']).stdout).not.toContain('已作廢');

      // The A/0 record: validates and lays out under the A/0 schema, and was in force when filled.
      const json = (out: string) => JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1));
      const a0 = json(node('verify-cli.ts', 'a0.pdf', '--json').output);
      expect(a0.record.formRevision).toBe('A/0');
      expect(a0.rules).toEqual({ valid: true, errors: [] });
      expect(a0.content?.matches).toBe(true);
      expect(a0.revision).toMatchObject({ procedureRevision: 'A/0', standing: 'superseded', recordDate: '2026-11-30', inForceOnRecordDate: true, onRecordDateLabel: '填寫時生效、現已作廢' });
      expect(a0.ok).toBe(true);
      r = node('verify-cli.ts', 'a0.pdf');
      expect(r.output).toContain('已作廢版本；填寫時生效、現已作廢（記錄日期 2026-11-30）');
      const a1 = json(node('verify-cli.ts', 'a1.pdf', '--json').output);
      expect(a1.record).toMatchObject({ formRevision: 'A/1', procedureRevision: 'A/1' });
      expect(a1.revision.standing).toBe('effective');
      // Filled (by its date) before A/1 took effect.
      expect(a1.revision).toMatchObject({ inForceOnRecordDate: false, onRecordDateLabel: '填寫時未生效' });

      // The CLI register on a date.
      const before = node('doc-register.ts', '--on', '2026-11-30').output;
      expect(before).toMatch(/HB-SOP-02　物業公司業戶違章處理標準作業規程：版本\/改次 A\/0/);
      expect(before).toContain('A/1（生效），生效');
      expect(before).toContain('批准 林小芬');
      expect(node('doc-register.ts', '--on', today).output).toMatch(/HB-SOP-02　物業公司業戶違章處理標準作業規程：版本\/改次 A\/1/);

      // In Chromium: the banner on screen and in print, search, the register's date control.
      const site = await serve(dir);
      const s2 = await openSession(browser);
      try {
        const { page } = s2;
        page.setDefaultTimeout(60_000);
        await page.goto(`${site.url}/sops/violations/a-0/`);
        const banner = page.getByRole('note', { name: '已作廢' });
        await expect(banner.isVisible()).resolves.toBe(true);
        await page.emulateMedia({ media: 'print' });
        await expect(banner.isVisible()).resolves.toBe(true);
        const mark = await page.locator('.void-watermark').evaluate((e) => {
          const cs = getComputedStyle(e);
          return { display: cs.display, position: cs.position, text: e.textContent };
        });
        // Fixed in print: Chromium repeats it on every printed page.
        expect(mark).toEqual({ display: 'block', position: 'fixed', text: '已作廢' });
        const printed = join(dir, 'a0-print.pdf');
        writeFileSync(printed, await page.pdf({ format: 'A4' }));
        const printedPages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [printed]).stdout)![1]);
        expect(printedPages).toBeGreaterThan(1);
        for (let p = 1; p <= printedPages; p++) {
          expect(run('pdftotext', ['-f', String(p), '-l', String(p), printed, '-']).stdout).toContain('已作廢');
        }
        await page.emulateMedia({ media: 'screen' });

        // Search: a phrase only A/0 has finds it titled 【已作廢】.
        // A string, so the test runner does not rewrite the page's own import().
        const titles = (await page.evaluate(`(async () => {
          const pagefind = await import('/pagefind/pagefind.js');
          const found = await pagefind.search('違法亂紀');
          const data = await Promise.all(found.results.map((x) => x.data()));
          return data.map((d) => d.url + ' ' + d.meta.title);
        })()`)) as string[];
        expect(titles.find((t) => t.startsWith('/sops/violations/a-0/'))).toContain('【已作廢】');

        // The verify page: the A/0 record's rules and page are checked under the kept A/0 form (loaded
        // on demand in the browser), and it says 填寫時生效、現已作廢.
        await page.goto(`${site.url}/verify/`);
        await page.locator('[data-verify-ready="true"]').waitFor();
        await page.locator('[data-pdf-input]').setInputFiles(join(dir, 'a0.pdf'));
        await page.locator('[data-report]').waitFor({ timeout: 90_000 });
        // (The page trusts only the company CA list, not the test CA: its verdict is about the certificate, not asserted here.)
        await expect(page.locator('[data-rules]').getAttribute('data-rules')).resolves.toBe('valid');
        await expect(page.locator('[data-content]').getAttribute('data-content')).resolves.toBe('match');
        await expect(page.locator('[data-in-force-on-record-date]').textContent()).resolves.toBe('填寫時生效、現已作廢（記錄日期 2026-11-30）');

        await page.goto(`${site.url}/register/`);
        const cell = page.locator('[data-in-force-procedure="violations"] [data-in-force-revision]');
        await expect(cell.textContent()).resolves.toBe('A/1');
        await page.locator('#register-date').fill('2026-11-30');
        await expect.poll(() => cell.textContent(), { timeout: 60_000 }).toBe('A/0');
        await expect(page.locator('[data-register-date-status]').textContent()).resolves.toBe('2026年11月30日生效的版本如下。');
        await page.locator('#register-date').fill('2026-11-01');
        await expect.poll(() => cell.textContent(), { timeout: 60_000 }).toBe('當日尚無生效版本');
        await page.locator('#register-date').fill(today);
        await expect.poll(() => cell.textContent(), { timeout: 60_000 }).toBe('A/1');
        expect(s2.consoleErrors).toEqual([]);
      } finally {
        await s2.close();
        site.server.close();
      }

      // 4. One character of the approved, effective A/1 changed.
      const index = join(sops, 'index.mdx');
      const text = readFileSync(index, 'utf8');
      const i = text.lastIndexOf('違章');
      writeFileSync(index, `${text.slice(0, i)}違規${text.slice(i + 2)}`);
      expect((await verifyRevisionFile(index, trust)).map((a) => a.label)).toEqual(['簽署後內容已變更', '簽署後內容已變更', '簽署後內容已變更']);
      r = copy.run('npx', ['astro', 'build'], BUILD_TIMEOUT);
      expect(r.status).not.toBe(0);
      expect(r.output).toContain('生效版本 A/1 的編制、審核、批准簽章顯示「簽署後內容已變更」');
    });

    // The real handbook is untouched: A/0 (and TP/QP-09 A/1) in force, 未簽署.
    const real = readRegister(join(ROOT, 'content/sops'));
    expect(real.find((x) => x.procedure === 'violations' && x.status === 'effective')?.revision).toBe('A/0');
    expect(real.find((x) => x.docNumber === 'TP/QP-09' && x.status === 'effective')?.revision).toBe('A/1');
    const unsigned = await verifyRevisionFile(join(ROOT, 'content/sops/violations/index.mdx'), loadTrustList(join(ROOT, 'trust')));
    expect(unsigned.map((a) => a.status)).toEqual(['unsigned', 'unsigned', 'unsigned']);
  });
});
