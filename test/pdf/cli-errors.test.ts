/**
 * The CLIs over a table of bad arguments and broken inputs: each ends with a zh-TW message naming
 * the problem, never a Node stack trace, and a meaningful exit code (2: the arguments or input
 * files are wrong; 1: the PDF does not verify, or signing/exporting failed on a sound input).
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestPki, type TestPki } from './helpers/pki.ts';
import { ROOT } from './helpers/records.ts';
import { removeTempDirs, tempDir, runScript } from './helpers/tools.ts';

let pki: TestPki;
let dir: string;
/** A record as the site exports it, and the PDF made from it. */
let record: string;
let pdf: string;

const cli = (script: string, args: string[]) => runScript(script, args);

/** A copy of `pdf` with an incremental update whose catalog is a number, not a dictionary. */
function appendedBrokenObjects(bytes: Buffer): Buffer {
  const tail = `\n99 0 obj\n42\nendobj\n`;
  const xrefAt = bytes.length + tail.length;
  const prev = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(bytes.toString('latin1'))![1];
  const update = `${tail}xref\n99 1\n${String(bytes.length + 1).padStart(10, '0')} 00000 n \ntrailer\n<< /Size 100 /Root 99 0 R /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([bytes, Buffer.from(update, 'latin1')]);
}

beforeAll(() => {
  pki = makeTestPki();
  dir = tempDir('cli-errors-');
  record = join(ROOT, 'schemas', 'qr-gr-036.example.json');
  pdf = join(dir, 'record.pdf');
  const r = cli('pdf-cli.ts', ['qr-gr-036', record, '-o', pdf]);
  expect(r.status, r.stderr).toBe(0);
  writeFileSync(join(dir, 'broken-objects.pdf'), appendedBrokenObjects(readFileSync(pdf)));
  writeFileSync(join(dir, 'not-json.json'), '業戶姓名：陳大文');
  writeFileSync(join(dir, 'empty.pdf'), '');
  writeFileSync(join(dir, 'random.pdf'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  writeFileSync(join(dir, 'a-file'), 'x');
  mkdirSync(join(dir, 'a-dir'));
  // 50 MB: one field of 50 million characters.
  const big = JSON.parse(readFileSync(record, 'utf8'));
  big.content = '漏'.repeat(17_000_000);
  writeFileSync(join(dir, 'big.json'), JSON.stringify(big));
}, 120_000);

afterAll(removeTempDirs);

interface Case {
  what: string;
  script: 'pdf-cli.ts' | 'verify-cli.ts';
  args: () => string[];
  status: 0 | 1 | 2;
  /** A piece of the zh-TW message. */
  says: RegExp;
}

const out = () => join(dir, 'out.pdf');
const signArgs = () => ['--sign', pki.staffA, '--password-file', pki.passwordFile, '--role', 'receptionist'];

const CASES: Case[] = [
  { what: 'no arguments', script: 'pdf-cli.ts', args: () => [], status: 2, says: /用法/ },
  { what: 'an unknown option', script: 'pdf-cli.ts', args: () => ['qr-gr-036', record, '--bogus', '-o', out()], status: 2, says: /無法識別的選項 --bogus/ },
  { what: '-o without a value', script: 'pdf-cli.ts', args: () => ['qr-gr-036', record, '-o'], status: 2, says: /-o/ },
  { what: 'an unknown form id', script: 'pdf-cli.ts', args: () => ['no-such-form', record, '-o', out()], status: 2, says: /沒有表單「no-such-form」/ },
  { what: 'a form id climbing out (../)', script: 'pdf-cli.ts', args: () => ['../schemas/qr-gr-036', record, '-o', out()], status: 2, says: /沒有表單「\.\.\/schemas\/qr-gr-036」/ },
  { what: 'a form id that is a path', script: 'pdf-cli.ts', args: () => ['../../../../etc/passwd', record, '-o', out()], status: 2, says: /沒有表單/ },
  { what: 'a missing record file', script: 'pdf-cli.ts', args: () => ['qr-gr-036', join(dir, 'none.json'), '-o', out()], status: 2, says: /找不到記錄檔/ },
  { what: 'a record that is a directory', script: 'pdf-cli.ts', args: () => ['qr-gr-036', join(dir, 'a-dir'), '-o', out()], status: 2, says: /記錄檔.*是資料夾/ },
  { what: 'a record that is not JSON', script: 'pdf-cli.ts', args: () => ['qr-gr-036', join(dir, 'not-json.json'), '-o', out()], status: 2, says: /不是有效的 JSON/ },
  { what: 'a 50 MB record', script: 'pdf-cli.ts', args: () => ['qr-gr-036', join(dir, 'big.json'), '-o', out()], status: 2, says: /超過.*上限/ },
  { what: 'an output folder that does not exist', script: 'pdf-cli.ts', args: () => ['qr-gr-036', record, '-o', join(dir, 'no-such-folder', 'out.pdf')], status: 2, says: /資料夾不存在/ },
  { what: 'an output path that is a directory', script: 'pdf-cli.ts', args: () => ['qr-gr-036', record, '-o', join(dir, 'a-dir')], status: 2, says: /是資料夾/ },
  { what: 'an output path under a file', script: 'pdf-cli.ts', args: () => ['qr-gr-036', record, '-o', join(dir, 'a-file', 'out.pdf')], status: 2, says: /無法寫入/ },
  { what: 'an output device that is full', script: 'pdf-cli.ts', args: () => ['qr-gr-036', record, '-o', '/dev/full'], status: 2, says: /無法寫入.*空間不足/ },
  { what: 'a .p12 that is a directory', script: 'pdf-cli.ts', args: () => ['qr-gr-036', record, '--sign', join(dir, 'a-dir'), '--password-file', pki.passwordFile, '--role', 'receptionist', '-o', out()], status: 2, says: /憑證檔.*是資料夾/ },
  { what: 'a password file that is a directory', script: 'pdf-cli.ts', args: () => ['qr-gr-036', record, '--sign', pki.staffA, '--password-file', join(dir, 'a-dir'), '--role', 'receptionist', '-o', out()], status: 2, says: /密碼檔.*是資料夾/ },
  { what: 'a missing .p12', script: 'pdf-cli.ts', args: () => ['qr-gr-036', record, '--sign', join(dir, 'none.p12'), '--password-file', pki.passwordFile, '--role', 'receptionist', '-o', out()], status: 2, says: /找不到憑證檔/ },
  { what: 'an unknown signing role', script: 'pdf-cli.ts', args: () => ['qr-gr-036', record, ...signArgs().slice(0, 4), '--role', 'janitor', '-o', out()], status: 2, says: /沒有「janitor」這個簽署角色/ },
  { what: 'countersigning a directory', script: 'pdf-cli.ts', args: () => ['--add-signature', join(dir, 'a-dir'), ...signArgs(), '-o', out()], status: 2, says: /PDF 檔.*是資料夾/ },
  { what: 'countersigning a file that is not a PDF', script: 'pdf-cli.ts', args: () => ['--add-signature', join(dir, 'random.pdf'), ...signArgs(), '-o', out()], status: 1, says: /PDF/ },
  { what: 'verify with no arguments', script: 'verify-cli.ts', args: () => [], status: 2, says: /用法/ },
  { what: 'verify a missing file', script: 'verify-cli.ts', args: () => [join(dir, 'none.pdf')], status: 2, says: /找不到PDF 檔/ },
  { what: 'verify a directory', script: 'verify-cli.ts', args: () => [join(dir, 'a-dir')], status: 2, says: /是資料夾/ },
  { what: 'verify an empty file', script: 'verify-cli.ts', args: () => [join(dir, 'empty.pdf')], status: 1, says: /PDF/ },
  { what: 'verify random bytes', script: 'verify-cli.ts', args: () => [join(dir, 'random.pdf')], status: 1, says: /PDF/ },
  // An unsigned record with an update appended whose catalog is a number: read without a crash (the
  // verdict for an unsigned record: exit 0 with its warning).
  { what: 'verify a PDF with appended broken objects', script: 'verify-cli.ts', args: () => [join(dir, 'broken-objects.pdf')], status: 0, says: /未經數位簽章/ },
  { what: 'verify with a missing trust list', script: 'verify-cli.ts', args: () => [pdf, '--trust', join(dir, 'none')], status: 2, says: /找不到信任清單/ },
  { what: 'verify with an unknown option', script: 'verify-cli.ts', args: () => [pdf, '--bogus'], status: 2, says: /--bogus/ },
];

describe.each(CASES)('$script: $what', (c) => {
  it(`exits ${c.status} with a zh-TW message and no stack trace`, () => {
    const r = cli(c.script, c.args());
    const text = `${r.stdout}${r.stderr}`;
    expect(r.stderr).not.toContain('    at ');
    expect(text).not.toMatch(/\b(TypeError|RangeError|ReferenceError|SyntaxError|Error): /);
    // Each case has its own message, not the runner's catch-all.
    expect(text).not.toContain('發生未預期的錯誤');
    expect(text, text).toMatch(c.says);
    expect(r.status, text).toBe(c.status);
  }, 60_000);
});
