/**
 * Prints the controlled-document register on a date: which revision of each procedure was in force,
 * with every revision's approval and effective/superseded dates.
 *
 *   npm run doc:register -- [--on <YYYY-MM-DD>] [--trust <dir|file>] [--sops <dir>] [--json]
 *
 * Without --on: today in the handbook's time (UTC+8). Exit 2 on a usage error.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isIsoDate, registerOn, registerOnText } from '../src/lib/documents/register.ts';
import { loadTrustList, registerWithApprovals } from '../src/lib/pdf/node.ts';
import { handbookDate } from '../src/lib/shared/time.ts';

const USAGE = '用法：npm run doc:register -- [--on <日期 YYYY-MM-DD>] [--trust <信任清單>] [--sops <程序目錄>] [--json]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        on: { type: 'string' },
        trust: { type: 'string', default: 'trust' },
        sops: { type: 'string', default: join('content', 'sops') },
        json: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    console.error(`參數有誤：${e instanceof Error ? e.message : e}\n${USAGE}`);
    return 2;
  }
  const date = values.on ?? handbookDate();
  if (!isIsoDate(date)) {
    console.error(`日期格式不符：「${date}」（應為 YYYY-MM-DD，例如 2026-12-01）\n${USAGE}`);
    return 2;
  }
  const register = await registerWithApprovals(resolve(values.sops), loadTrustList(resolve(values.trust)));
  if (values.json) console.log(JSON.stringify(registerOn(register, date), null, 2));
  else for (const line of registerOnText(register, date)) console.log(line);
  return 0;
}

process.exitCode = await main();
