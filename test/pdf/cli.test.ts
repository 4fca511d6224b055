/**
 * The command-line tools as a user runs them: export, sign, add a second signature, verify.
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, trustFolderFor, asciiPasswordFileIn, type TestPki } from './helpers/pki.ts';
import { ROOT, namingSigners } from './helpers/records.ts';
import { listFormIds, loadExample, loadFormDefinition } from '../../src/lib/pdf/node.ts';
import { removeTempDirs, requireTools, run, tempDir, runScript } from './helpers/tools.ts';

let pki: TestPki;
let dir: string;
let trustDir: string;
let asciiPasswordFile: string;

const cli = (script: string, args: string[]) => runScript(script, args);

beforeAll(() => {
  requireTools();
  pki = makeTestPki();
  dir = tempDir('pdf-cli-');
  trustDir = trustFolderFor(pki, 'trust-');
  asciiPasswordFile = asciiPasswordFileIn(dir);
}, 120_000);

describe('every real form through the CLI: example → signed → second signer → verified', () => {
  const forms = listFormIds();
  it('covers all 13 forms', () => expect(forms).toHaveLength(13));
  it.each(forms)('%s', (formId) => {
    const roles = loadFormDefinition(formId).schema['x-form']!.signatures.map((x) => x.role);
    const one = join(dir, `${formId}-1.pdf`);
    const two = join(dir, `${formId}-2.pdf`);
    // The example, naming the two certificate holders as the signers of those roles.
    const form = loadFormDefinition(formId);
    const record = join(dir, `${formId}.json`);
    writeFileSync(record, JSON.stringify(namingSigners(form, loadExample(formId) as Record<string, unknown>, { [roles[0]]: '陳美玲', [roles[1]]: '黃志強' })));
    let r = cli('pdf-cli.ts', [formId, record, '--sign', pki.staffA, '--password-file', pki.passwordFile, '--role', roles[0], '-o', one]);
    expect(r.status, r.out).toBe(0);
    r = cli('pdf-cli.ts', ['--add-signature', one, '--sign', pki.staffB, '--password-file', asciiPasswordFile, '--role', roles[1], '-o', two]);
    expect(r.status, r.out).toBe(0);
    r = cli('verify-cli.ts', [two, '--trust', trustDir]);
    expect(r.out).toContain('結論：文件完整，所有簽章有效。');
    expect(r.status).toBe(0);
    expect(run('pdfsig', [two]).stdout.split('Signature is Valid.').length - 1).toBe(2);
  });
});

describe('pdf-cli and verify-cli', () => {
  const fixtureArgs = () => ['fixture-form', join(ROOT, 'test/fixtures/pdf/fixture-form.example.json'), '--schemas', join(ROOT, 'test/fixtures/pdf'), '--skip-validation'];

  it('exports, signs, adds a second signature; verify says valid (exit 0)', () => {
    const one = join(dir, 'one.pdf');
    const two = join(dir, 'two.pdf');
    let r = cli('pdf-cli.ts', [...fixtureArgs(), '--sign', pki.staffA, '--password-file', pki.passwordFile, '--role', 'receiver', '-o', one]);
    expect(r.out).toContain('陳美玲');
    expect(r.status).toBe(0);
    r = cli('pdf-cli.ts', ['--add-signature', one, '--sign', pki.staffB, '--password-file', asciiPasswordFile, '--role', 'owner', '-o', two]);
    expect(r.out).toContain('黃志強');
    expect(r.status).toBe(0);
    r = cli('verify-cli.ts', [two, '--trust', trustDir]);
    expect(r.out).toContain('簽章 1：受理人　陳美玲');
    expect(r.out).toContain('簽章 2：業戶　黃志強');
    expect(r.out).toContain('結論：文件完整，所有簽章有效。');
    expect(r.status).toBe(0);
    expect(run('pdfsig', [two]).stdout.split('Signature is Valid.').length - 1).toBe(2);
  });

  it('verify exits 1 for an untrusted signer and for a foreign PDF', () => {
    const one = join(dir, 'one.pdf');
    const r = cli('verify-cli.ts', [one, '--trust', tempDir('empty-trust-')]);
    expect(r.out).toContain('憑證不受信任');
    expect(r.status).toBe(1);
    const foreign = join(dir, 'foreign.pdf');
    writeFileSync(foreign, '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const f = cli('verify-cli.ts', [foreign, '--trust', trustDir]);
    expect(f.out).toContain('此 PDF 不是本手冊產生的記錄');
    expect(f.status).toBe(1);
  });

  it('reports a wrong password in Chinese and writes nothing', () => {
    const bad = join(dir, 'bad-pw.txt');
    writeFileSync(bad, 'nope\n');
    const out = join(dir, 'never.pdf');
    const r = cli('pdf-cli.ts', [...fixtureArgs(), '--sign', pki.staffA, '--password-file', bad, '--role', 'receiver', '-o', out]);
    expect(r.out).toContain('憑證密碼不正確');
    expect(r.status).toBe(1);
    expect(run('test', ['-e', out]).status).not.toBe(0);
  });

  it('validates a real form\'s record before exporting, with the rules in Chinese', () => {
    const data = join(dir, 'bad-record.json');
    writeFileSync(data, JSON.stringify({ intakeNo: 'TS-1', isMajor: true }));
    const r = cli('pdf-cli.ts', ['complaint-intake', data, '-o', join(dir, 'bad.pdf')]);
    expect(r.out).toContain('記錄不符合表單規則');
    expect(r.out).toContain('依 4.1.6');
    expect(r.status).toBe(1);
  });

  it('exports a real form\'s example as bare data, wrapped with the revision in force', () => {
    const out = join(dir, 'intake.pdf');
    const r = cli('pdf-cli.ts', ['complaint-intake', join(ROOT, 'schemas/complaint-intake.example.json'), '-o', out]);
    expect(r.out).toContain('未經數位簽章');
    expect(r.status).toBe(0);
    const v = cli('verify-cli.ts', [out, '--trust', trustDir]);
    expect(v.out).toContain('現行生效版本');
    expect(v.status).toBe(0);
  });
});

afterAll(() => removeTempDirs());
