/**
 * What every command-line tool shares so a user never meets a Node stack trace: reading the files
 * named on the command line and writing the output with zh-TW messages for each way that fails, and a
 * runner that turns any error into a message and an exit code. Node only (scripts/ and their tests).
 *
 * Exit codes: 0 done; 1 the work failed on sound input (a PDF that does not verify, a wrong password);
 * 2 the arguments or the files they name are wrong (usage).
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { sizeText } from './size.ts';

export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** An error meant for the user: its message is zh-TW and complete; the runner prints only that. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT_USAGE) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

const CODES: Record<string, string> = {
  EACCES: '沒有權限',
  EPERM: '沒有權限',
  EROFS: '所在的磁碟只能讀取',
  ENOSPC: '磁碟空間不足',
  EDQUOT: '磁碟配額已滿',
  ENAMETOOLONG: '路徑太長',
  ELOOP: '路徑的連結形成迴圈',
  EIO: '讀寫裝置出錯',
  EMFILE: '同時開啟的檔案太多',
  EBUSY: '檔案正被其他程式使用',
};

/** zh-TW reason for a file-system error code (ENOENT and the like), or null if it is not one. */
export function fsReason(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code === 'ENOENT') return '不存在';
  if (code === 'EISDIR') return '是資料夾，不是檔案';
  if (code === 'ENOTDIR') return '路徑中有一段不是資料夾';
  return CODES[code] ?? `系統錯誤 ${code}`;
}

/**
 * The command line parsed with node:util's parseArgs (positionals allowed); an unknown option is a
 * CliError naming it in zh-TW with the tool's usage line, never parseArgs's English message.
 */
export function parseCliArgs<const O extends NonNullable<ParseArgsConfig['options']>>(options: O, usage: string, args = process.argv.slice(2)) {
  try {
    return parseArgs({ args, allowPositionals: true, options });
  } catch (e) {
    const option = /'(-[^' ]+)/.exec(e instanceof Error ? e.message : '')?.[1];
    throw new CliError(`無法識別的選項${option ? ` ${option}` : ''}。\n${usage}`);
  }
}

/**
 * The bytes of a file named on the command line (`what` names it: 「記錄檔」, 「憑證檔」). Refuses a
 * missing file, a folder and, when `maxBytes` is given, a larger file before reading any of it.
 */
export function readInputFile(path: string, what: string, maxBytes?: number): Buffer {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new CliError(`${what}「${path}」是資料夾，不是檔案。`);
    size = st.size;
  } catch (e) {
    if (e instanceof CliError) throw e;
    if ((e as { code?: string }).code === 'ENOENT') throw new CliError(`找不到${what}：${path}`);
    throw new CliError(`無法讀取${what}「${path}」：${fsReason(e) ?? String(e)}。`);
  }
  if (maxBytes !== undefined && size > maxBytes) {
    throw new CliError(`${what}「${path}」有 ${sizeText(size)}，超過 ${sizeText(maxBytes)} 的上限，未讀取。`);
  }
  try {
    return readFileSync(path);
  } catch (e) {
    throw new CliError(`無法讀取${what}「${path}」：${fsReason(e) ?? String(e)}。`);
  }
}

/** Writes the output file, saying in zh-TW why it cannot be written (missing folder, a folder, full disk). */
export function writeOutputFile(path: string, bytes: Uint8Array, what = '輸出檔'): void {
  const folder = dirname(resolve(path));
  const folderStat = statSync(folder, { throwIfNoEntry: false });
  if (!folderStat) throw new CliError(`無法寫入${what}「${path}」：資料夾不存在（${folder}）。`);
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new CliError(`無法寫入${what}「${path}」：這個路徑是資料夾，請指定檔案名稱（例如 ${path.replace(/\/?$/, '/記錄.pdf')}）。`);
  }
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    throw new CliError(`無法寫入${what}「${path}」：${fsReason(e) ?? String(e)}。`);
  }
}

/**
 * Runs a tool's main and sets the exit code. A CliError prints its message; any other error prints a
 * zh-TW line naming it, without the stack (set HANDBOOK_DEBUG=1 to see the stack when reporting a bug).
 */
export async function runCli(main: () => Promise<number | void>, print: (line: string) => void = (l) => console.error(l)): Promise<number> {
  let code: number;
  try {
    code = (await main()) ?? 0;
  } catch (e) {
    if (e instanceof CliError) {
      print(e.message);
      code = e.exitCode;
    } else {
      print(`發生未預期的錯誤，工作未完成。回報問題時請附上：${e instanceof Error ? e.message : String(e)}`);
      if (process.env.HANDBOOK_DEBUG && e instanceof Error && e.stack) print(e.stack);
      code = EXIT_FAILED;
    }
  }
  process.exitCode = code;
  return code;
}
