/**
 * The training matrix in Chromium with signatures the site trusts: a copy of the project is built with the
 * test CA in its trust list, then a folder of acknowledgements is imported: one of the revision in force,
 * one of an older text of it (another content hash), one tampered with and one signed under an untrusted CA.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitFrontmatter } from '../../src/lib/shared/frontmatter.ts';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { axeViolations, openBrowser, openSession } from './harness.ts';
import { startStaticServer } from './static-server.ts';
import { withProjectCopy } from '../unit/helpers/project-copy.ts';
import { download } from './helpers-pdf/flow.ts';
import { makeTestPki, ASCII_PASSWORD } from '../pdf/helpers/pki.ts';
import { requireTools, run, tempDir } from '../pdf/helpers/tools.ts';
import { exportSignedRecordPdf } from '../../src/lib/pdf/document/export-signed.ts';
import { nodeFonts } from '../../src/lib/pdf/node.ts';
import { readPkcs12, type Signer } from '../../src/lib/pdf/sign/sign.ts';
import { ACKNOWLEDGEMENT_DEFINITION, ACKNOWLEDGEMENT_FORM, acknowledgementEnvelope } from '../../src/lib/training/acknowledgement-form.ts';
import type { AcknowledgementData } from '../../src/lib/training/acknowledgement.ts';
import { readTrainingRevisions } from '../../src/lib/training/load.ts';
import { revisionContentHash } from '../../src/lib/training/revision-hash.ts';

let browser: Browser;
let copy: string;
let server: Server;
let site: string;
let folder: string;

const form = ACKNOWLEDGEMENT_DEFINITION;

async function ack(signer: Signer, data: Partial<AcknowledgementData>): Promise<Uint8Array> {
  const full = { ...(ACKNOWLEDGEMENT_FORM.example as unknown as AcknowledgementData), ...data };
  return exportSignedRecordPdf({ form, record: acknowledgementEnvelope(full, '2026-12-01T04:00:00Z'), fonts: nodeFonts() }, { signer, role: 'trainee', fonts: nodeFonts() });
}

beforeAll(async () => {
  requireTools();
  const pki = makeTestPki();
  // A copy of the project that trusts the test CA; its built site is kept for the test.
  copy = tempDir('matrix-site-');
  withProjectCopy((project) => {
    writeFileSync(join(project.dir, 'trust/company-ca.json'), JSON.stringify({ certificates: [{ name: '測試 CA', pem: pki.caPem }] }));
    const built = project.run('npx', ['astro', 'build'], 300_000);
    if (built.status !== 0) throw new Error(`build of the copy failed:\n${built.output}`);
    cpSync(join(project.dir, 'dist'), join(copy, 'dist'), { recursive: true });
  });
  ({ server, url: site } = await startStaticServer(join(copy, 'dist')));

  // Each trainee signs with their own certificate (the matrix counts no one else's): 陳美玲, 黃志強.
  const trusted = await readPkcs12(readFileSync(pki.staffA), pki.password);
  const trusted2 = await readPkcs12(readFileSync(pki.staffB), ASCII_PASSWORD);
  const stranger = await readPkcs12(readFileSync(pki.untrusted), ASCII_PASSWORD);
  const tpqp = (await readTrainingRevisions('content/sops')).find((r) => r.procedure === 'communication')!;
  const inForce = tpqp.revisions.at(-1)!;
  const draft = splitFrontmatter(readFileSync('content/sops/communication/a-2.mdx', 'utf8')).body;
  const otherText = await revisionContentHash({ docNumber: tpqp.docNumber, revision: inForce.revision, title: tpqp.title, body: draft });
  const base = { procedure: 'communication', procedureNumber: tpqp.docNumber, procedureTitle: tpqp.title, revision: inForce.revision };
  folder = tempDir('acks-');
  writeFileSync(join(folder, 'E-1.pdf'), await ack(trusted, { ...base, name: '陳美玲', staffNumber: 'E-1', recordNo: 'PX-E-1', contentHash: inForce.contentHash }));
  writeFileSync(join(folder, 'E-2.pdf'), await ack(trusted2, { ...base, name: '黃志強', staffNumber: 'E-2', recordNo: 'PX-E-2', contentHash: otherText }));
  const tampered = (await ack(trusted, { ...base, name: '王五', staffNumber: 'E-3', recordNo: 'PX-E-3', contentHash: inForce.contentHash })).slice();
  const latin = Buffer.from(tampered).toString('latin1');
  tampered[latin.indexOf('stream', latin.indexOf('/Filter /FlateDecode')) + 40] ^= 0x01;
  writeFileSync(join(folder, 'E-3.pdf'), tampered);
  writeFileSync(join(folder, 'E-4.pdf'), await ack(stranger, { ...base, name: '趙六', staffNumber: 'E-4', recordNo: 'PX-E-4', contentHash: inForce.contentHash }));
  browser = await openBrowser();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('training matrix (trusted signatures)', () => {
  it('a folder of acknowledgements: current, retrain, missing; tampered and untrusted files not counted', async () => {
    const s = await openSession(browser);
    const { page } = s;
    await page.goto(`${site}/training/matrix/`);
    await page.locator('[data-matrix-ready]').waitFor();
    await page.locator('input[data-matrix-folder]').setInputFiles(folder);
    await page.locator('[data-matrix] tbody tr').first().waitFor({ timeout: 90_000 });
    const state = (staff: string, procedure: string) => page.locator(`tr[data-staff="${staff}"] td[data-procedure="${procedure}"]`);
    await expect(page.locator('[data-matrix] tbody tr').count()).resolves.toBe(2);
    await expect(state('E-1', 'communication').getAttribute('data-state')).resolves.toBe('current');
    expect(await state('E-1', 'communication').textContent()).toContain('已完成（現行版本）');
    await expect(state('E-2', 'communication').getAttribute('data-state')).resolves.toBe('retrain');
    expect(await state('E-2', 'communication').textContent()).toContain('須重新培訓（已簽舊版本）');
    await expect(state('E-1', 'complaints').getAttribute('data-state')).resolves.toBe('missing');
    expect(await state('E-1', 'complaints').textContent()).toContain('未完成');
    const rejected = await page.locator('[data-rejected] li').allTextContents();
    expect(rejected).toHaveLength(2);
    expect(rejected.find((r) => r.includes('E-3.pdf'))).toContain('文件於簽署後被修改');
    expect(rejected.find((r) => r.includes('E-4.pdf'))).toContain('憑證不受信任');
    expect(await axeViolations(page)).toEqual([]);

    const csv = await download(page, folder, () => page.locator('[data-matrix-csv]').click());
    const text = readFileSync(csv.path, 'utf8');
    expect(text).toMatch(/^\uFEFF員工編號,姓名,/);
    expect(text).toContain('E-1,陳美玲,');
    expect(text).toContain('已完成（現行版本）');
    const pdf = await download(page, folder, () => page.locator('[data-matrix-pdf]').click());
    const pdfText = run('pdftotext', ['-layout', pdf.path, '-']).stdout;
    expect(pdfText).toContain('培訓矩陣');
    expect(pdfText).toContain('須重新培訓（已簽舊版本）');
    expect(pdfText).toContain('E-3.pdf');
    expect(s.foreignRequests).toEqual([]);
    await s.close();
  });
});
