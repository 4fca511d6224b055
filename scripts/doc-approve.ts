/**
 * Signs one approval (編制/審核/批准) of a procedure revision and writes its detached CMS beside it.
 *
 *   npm run doc:approve -- <procedure> <revision> --role <preparedBy|reviewedBy|approvedBy> --sign <p12> --password-file <f> [--trust <dir|file>] [--sops <dir>]
 *
 * Exit 0 when written, 1 when refused (order, same person, untrusted, bad .p12), 2 on a usage error.
 */
import { parseCliArgs } from '../src/lib/shared/cli.ts';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { APPROVAL_ROLES, ROLE_LABELS, isApprovalRole } from '../src/lib/documents/approval.ts';
import { approveRevisionFile, loadTrustList } from '../src/lib/pdf/node.ts';

const USAGE = `用法：npm run doc:approve -- <程序> <版本，如 A/1> --role <${APPROVAL_ROLES.join('|')}> --sign <憑證.p12> --password-file <密碼檔> [--trust <信任清單>] [--sops <程序目錄>]`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseCliArgs(
      {
        role: { type: 'string' },
        sign: { type: 'string' },
        'password-file': { type: 'string' },
        trust: { type: 'string', default: 'trust' },
        sops: { type: 'string', default: join('content', 'sops') },
      },
      USAGE,
    );
  } catch (e) {
    // An unknown option, named in zh-TW with the usage line (not parseArgs's English message).
    console.error(e instanceof Error ? e.message : e);
    return 2;
  }
  const { values, positionals } = parsed;
  const [procedure, revision] = positionals;
  if (positionals.length !== 2 || !values.role || !values.sign || !values['password-file']) {
    console.error(USAGE);
    return 2;
  }
  if (!isApprovalRole(values.role)) {
    console.error(`角色須為 ${APPROVAL_ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join('、')}\n${USAGE}`);
    return 2;
  }
  let p12: Uint8Array;
  let password: string;
  try {
    p12 = new Uint8Array(readFileSync(values.sign));
    password = readFileSync(values['password-file'], 'utf8').replace(/\r?\n$/, '');
  } catch (e) {
    console.error(`無法讀取憑證檔或密碼檔：${e instanceof Error ? e.message : e}`);
    return 2;
  }
  try {
    const out = await approveRevisionFile({
      sopsDir: resolve(values.sops),
      trust: loadTrustList(resolve(values.trust)),
      procedure,
      revision,
      role: values.role,
      p12,
      password,
    });
    console.log(`已簽署${ROLE_LABELS[values.role]}：${procedure} ${revision}，簽章檔 ${out}`);
    return 0;
  } catch (e) {
    console.error(`未簽署：${e instanceof Error ? e.message : e}`);
    return 1;
  }
}

process.exitCode = await main();
