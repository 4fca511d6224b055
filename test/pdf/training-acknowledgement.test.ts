/**
 * The 培訓確認記錄 as a signed PDF, checked with poppler (pdfsig, pdfdetach, pdftotext) and qpdf, and the
 * training matrix built from real signed files: one of the revision in force, one of an older revision and
 * one tampered with (never counted).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { splitFrontmatter } from '../../src/lib/shared/frontmatter.ts';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportSignedRecordPdf } from '../../src/lib/pdf/document/export-signed.ts';
import { nodeFonts } from '../../src/lib/pdf/node.ts';
import { readPkcs12, type Signer } from '../../src/lib/pdf/sign/sign.ts';
import { verifyPdf } from '../../src/lib/pdf/index.ts';
import { readRegister } from '../../src/lib/documents/register-files.ts';
import { ACKNOWLEDGEMENT_DEFINITION, ACKNOWLEDGEMENT_FORM, acknowledgementEnvelope } from '../../src/lib/training/acknowledgement-form.ts';
import { buildAcknowledgement } from '../../src/lib/training/acknowledgement.ts';
import { emptyProgress, markRead, procedureStatus, recordAttempt } from '../../src/lib/training/progress.ts';
import { readTrainingRevisions } from '../../src/lib/training/load.ts';
import { revisionContentHash } from '../../src/lib/training/revision-hash.ts';
import { buildMatrix, type MatrixProcedure } from '../../src/lib/training/matrix.ts';
import { verifiedFile } from '../../src/lib/training/matrix-files.ts';
import { recordFormDefinition } from '../../src/lib/forms/definition/index.ts';
import type { AttemptResult } from '../../src/lib/training/attempt.ts';
import { makeTestPki, type TestPki } from './helpers/pki.ts';
import { nssDbTrusting, requireTools, run, signaturePng, workDir } from './helpers/tools.ts';

const form = ACKNOWLEDGEMENT_DEFINITION;
const register = readRegister('content/sops');
let pki: TestPki;
let nssDb: string;
let signer: Signer;
let revisions: MatrixProcedure[];

const passed = (score: number) => ({ correct: 0, total: 10, score, passMark: 80, passed: score >= 80, wrong: [], unanswered: [] }) as AttemptResult;

/** An acknowledgement by a trainee who read the revision, failed once and passed. */
function ackData(p: { procedure: string; docNumber: string; title: string; revision: string; contentHash: string }, staffNumber: string, name: string) {
  let progress = markRead(emptyProgress(), p.procedure, p.revision, new Date('2026-12-01T01:00:00Z'));
  progress = recordAttempt(progress, p.procedure, p.revision, passed(60), new Date('2026-12-01T02:00:00Z'));
  progress = recordAttempt(progress, p.procedure, p.revision, passed(90), new Date('2026-12-01T03:00:00Z'));
  return buildAcknowledgement({ ...p, passMark: 80 }, procedureStatus(progress, p.procedure, p.revision), { name, staffNumber }, new Date('2026-12-01T04:00:00Z'));
}

async function signedAck(data: ReturnType<typeof ackData>): Promise<Uint8Array> {
  const record = acknowledgementEnvelope(data, '2026-12-01T04:00:00Z');
  const png = signaturePng();
  return exportSignedRecordPdf(
    { form, record, fonts: nodeFonts(), drawnSignatures: { trainee: { name: data.name, date: data.date, image: png } } },
    { signer, role: 'trainee', fonts: nodeFonts(), image: png },
  );
}

beforeAll(async () => {
  requireTools();
  pki = makeTestPki();
  nssDb = nssDbTrusting(pki.caPem);
  signer = await readPkcs12(readFileSync(pki.staffA), pki.password);
  revisions = await readTrainingRevisions('content/sops');
}, 120_000);

describe('the acknowledgement record', () => {
  it('the example and a built acknowledgement meet the schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(ACKNOWLEDGEMENT_FORM.schema);
    expect(validate(ACKNOWLEDGEMENT_FORM.example), JSON.stringify(validate.errors)).toBe(true);
    const complaints = revisions.find((r) => r.procedure === 'complaints')!;
    const data = ackData({ procedure: 'complaints', docNumber: complaints.docNumber, title: complaints.title, ...complaints.revisions.at(-1)! }, 'E-0123', '陳小明');
    expect(validate(acknowledgementEnvelope(data).data), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...ACKNOWLEDGEMENT_FORM.example, contentHash: 'md5:abc' })).toBe(false);
  });

  it('signed with a .p12 and a drawing: pdfsig finds it valid, the embedded JSON carries the revision hash', async () => {
    const tpqp = revisions.find((r) => r.procedure === 'communication')!;
    const current = tpqp.revisions.at(-1)!;
    const data = ackData({ procedure: 'communication', docNumber: tpqp.docNumber, title: tpqp.title, ...current }, 'E-0456', '李美華');
    const file = join(workDir(), 'ack.pdf');
    writeFileSync(file, await signedAck(data));
    const sig = run('pdfsig', ['-nssdir', nssDb, file]);
    expect(sig.stdout).toContain('Signature Validation: Signature is Valid.');
    expect(sig.stdout).toContain('Certificate Validation: Certificate is Trusted.');
    expect(run('qpdf', ['--check', file]).status).toBe(0);
    const json = join(workDir(), 'ack.json');
    run('pdfdetach', ['-save', '1', '-o', json, file]);
    const embedded = JSON.parse(readFileSync(json, 'utf8'));
    expect(embedded.form).toBe('training-acknowledgement');
    expect(embedded.procedureNumber).toBe('TP/QP-09');
    expect(embedded.procedureRevision).toBe('A/1');
    expect(embedded.data.contentHash).toBe(current.contentHash);
    // The hash is the revision's own, recomputed here from the source.
    const source = readFileSync('content/sops/communication/index.mdx', 'utf8');
    const body = splitFrontmatter(source).body;
    expect(await revisionContentHash({ docNumber: 'TP/QP-09', revision: 'A/1', title: tpqp.title, body })).toBe(embedded.data.contentHash);
    const text = run('pdftotext', ['-layout', file, '-']).stdout.replace(/\s+/g, ' ');
    for (const s of ['培訓確認記錄', '李美華', 'E-0456', '依 TP/QP-09 第 A/1 版填寫']) expect(text).toContain(s);
    // The hash wraps inside its cell, so read the page in content order and join the lines.
    const inOrder = run('pdftotext', [file, '-']).stdout.replace(/\s+/g, '');
    expect(inOrder).toContain(current.contentHash);
  }, 60_000);
});

describe('the matrix from signed files', () => {
  it('current, older revision and tampered: three states, the tampered file never counted', async () => {
    // Violations as if its draft A/1 had taken effect: A/0 superseded, A/1 in force.
    const a0 = revisions.find((r) => r.procedure === 'violations')!;
    const a1Source = readFileSync('content/sops/violations/a-1.mdx', 'utf8');
    const a1Hash = await revisionContentHash({ docNumber: a0.docNumber, revision: 'A/1', title: a0.title, body: splitFrontmatter(a1Source).body });
    const procedures: MatrixProcedure[] = [{ ...a0, revisions: [{ ...a0.revisions[0], retraining: true }, { revision: 'A/1', contentHash: a1Hash, retraining: true }] }];
    const base = { procedure: 'violations', docNumber: a0.docNumber, title: a0.title };
    const current = await signedAck(ackData({ ...base, revision: 'A/1', contentHash: a1Hash }, 'E-1', '陳小明'));
    const older = await signedAck(ackData({ ...base, ...a0.revisions[0] }, 'E-2', '李四'));
    const tampered = (await signedAck(ackData({ ...base, revision: 'A/1', contentHash: a1Hash }, 'E-3', '王五'))).slice();
    const text = Buffer.from(tampered).toString('latin1');
    tampered[text.indexOf('stream', text.indexOf('/Filter /FlateDecode')) + 40] ^= 0x01;

    const files = await Promise.all(
      [['current.pdf', current], ['older.pdf', older], ['tampered.pdf', tampered]].map(async ([name, bytes]) =>
        verifiedFile(name as string, await verifyPdf(bytes as Uint8Array, { trust: [pki.caPem], register })),
      ),
    );
    const m = buildMatrix(procedures, files);
    expect(m.rows.map((r) => [r.staffNumber, r.cells.violations.state])).toEqual([
      ['E-1', 'current'],
      ['E-2', 'retrain'],
    ]);
    expect(m.rejected).toHaveLength(1);
    expect(m.rejected[0].file).toBe('tampered.pdf');
    expect(m.rejected[0].reason).toContain('文件於簽署後被修改');

    // 陳小明's acknowledgement signed with 陳美玲's certificate is not his: compared, it is not counted.
    const forms = recordFormDefinition;
    const notHis = verifiedFile('current.pdf', await verifyPdf(current, { trust: [pki.caPem], register, forms }));
    expect(notHis.accepted).toBe(false);
    expect(notHis.reason).toBe('受訓人：簽署人與記錄所載不符（記錄所載：陳小明；憑證：陳美玲）');
    const own = await signedAck(ackData({ ...base, revision: 'A/1', contentHash: a1Hash }, 'E-9', '陳美玲'));
    expect(verifiedFile('own.pdf', await verifyPdf(own, { trust: [pki.caPem], register, forms })).accepted).toBe(true);

    // The same current file, verified without the test CA: untrusted, not counted.
    const untrusted = verifiedFile('current.pdf', await verifyPdf(current, { trust: [], register }));
    expect(untrusted.accepted).toBe(false);
    expect(untrusted.reason).toContain('憑證不受信任');
  }, 120_000);
});
