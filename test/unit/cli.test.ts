/**
 * The CLIs' shared file handling and runner (src/lib/shared/cli.ts): each way reading or writing fails
 * gives a zh-TW message and a usage exit code; an unexpected error prints no stack.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError, EXIT_FAILED, EXIT_USAGE, readInputFile, runCli, writeOutputFile } from '../../src/lib/shared/cli.ts';
import { sizeText } from '../../src/lib/shared/size.ts';

const dir = mkdtempSync(join(tmpdir(), 'cli-'));
writeFileSync(join(dir, 'record.json'), '{"a":1}');
mkdirSync(join(dir, 'folder'));

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).exitCode).toBe(EXIT_USAGE);
    return (e as Error).message;
  }
  throw new Error('did not throw');
}

afterEach(() => {
  process.exitCode = 0;
});

describe('readInputFile', () => {
  it('reads a file', () => expect(readInputFile(join(dir, 'record.json'), '記錄檔').toString()).toBe('{"a":1}'));
  it('a missing file', () => expect(message(() => readInputFile(join(dir, 'none.json'), '記錄檔'))).toBe(`找不到記錄檔：${join(dir, 'none.json')}`));
  it('a folder', () => expect(message(() => readInputFile(join(dir, 'folder'), '憑證檔'))).toContain('是資料夾，不是檔案'));
  it('a file over the limit, refused before reading, the limit stated', () => {
    expect(message(() => readInputFile(join(dir, 'record.json'), '記錄檔', 4))).toMatch(/有 7 位元組，超過 4 位元組 的上限/);
  });
});

describe('writeOutputFile', () => {
  it('writes', () => {
    writeOutputFile(join(dir, 'out.pdf'), new Uint8Array([37, 80]));
    expect(readFileSync(join(dir, 'out.pdf'))).toEqual(Buffer.from('%P'));
  });
  it('a folder that does not exist', () => expect(message(() => writeOutputFile(join(dir, 'no', 'out.pdf'), new Uint8Array()))).toContain('資料夾不存在'));
  it('a path that is a folder', () => expect(message(() => writeOutputFile(join(dir, 'folder'), new Uint8Array()))).toContain('這個路徑是資料夾'));
  it('a path under a file', () => expect(message(() => writeOutputFile(join(dir, 'record.json', 'out.pdf'), new Uint8Array()))).toMatch(/無法寫入/));
  it('a full disk', () => expect(message(() => writeOutputFile('/dev/full', new Uint8Array([1])))).toContain('磁碟空間不足'));
});

describe('runCli', () => {
  it('prints a CliError’s message and exits with its code', async () => {
    const lines: string[] = [];
    expect(await runCli(async () => { throw new CliError('簽章無效。', EXIT_FAILED); }, (l) => lines.push(l))).toBe(1);
    expect(lines).toEqual(['簽章無效。']);
    expect(process.exitCode).toBe(1);
  });
  it('an unexpected error: a zh-TW line, no stack, exit 1', async () => {
    const lines: string[] = [];
    expect(await runCli(async () => { throw new RangeError('Maximum call stack size exceeded'); }, (l) => lines.push(l))).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^發生未預期的錯誤，工作未完成。/);
    expect(lines[0]).not.toContain('    at ');
  });
  it('passes the main’s own exit code through', async () => {
    expect(await runCli(async () => 2, () => {})).toBe(2);
    expect(await runCli(async () => {}, () => {})).toBe(0);
  });
  it('formats sizes as a user reads them', () => {
    expect(sizeText(5 * 1024 * 1024)).toBe('5 MB');
    expect(sizeText(1536 * 1024)).toBe('1.5 MB');
    expect(sizeText(200 * 1024)).toBe('200 KB');
    expect(sizeText(300)).toBe('300 位元組');
  });
});
