/**
 * Makes an approved procedure revision effective and supersedes the one it replaces:
 *
 *   npm run doc:release -- <procedure> <revision> --effective <YYYY-MM-DD> [--trust <dir|file>] [--sops <dir>] [--schemas <dir>]
 *
 * Refuses (exit 1, zh-TW) a revision without a valid 批准 signature (verified against the content
 * and the trust list); exit 2 on a usage error. A future date is allowed: the site says
 * 「將於 … 生效」 until then.
 */
import { parseCliArgs } from '../src/lib/shared/cli.ts';
import { join, resolve } from 'node:path';
import { loadTrustList, releaseRevisionFile } from '../src/lib/pdf/node.ts';
import { formatIsoDateZh, handbookDate } from '../src/lib/shared/time.ts';

const USAGE = '用法：npm run doc:release -- <程序> <版本，如 A/1> --effective <生效日期 YYYY-MM-DD> [--trust <信任清單>] [--sops <程序目錄>] [--schemas <表單結構目錄>]';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseCliArgs(
      {
        effective: { type: 'string' },
        trust: { type: 'string', default: 'trust' },
        sops: { type: 'string', default: join('content', 'sops') },
        schemas: { type: 'string', default: 'schemas' },
      },
      USAGE,
    );
  } catch (e) {
    // An unknown option, named in zh-TW with the usage line (not parseArgs's English message).
    console.error(e instanceof Error ? e.message : e);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 2 || !values.effective) {
    console.error(USAGE);
    return 2;
  }
  const [procedure, revision] = positionals;
  try {
    const r = await releaseRevisionFile({
      sopsDir: resolve(values.sops),
      schemasDir: resolve(values.schemas),
      trust: loadTrustList(resolve(values.trust)),
      procedure,
      revision,
      effective: values.effective,
    });
    const when = formatIsoDateZh(values.effective);
    console.log(
      values.effective > handbookDate()
        ? `已發布：${procedure} ${r.released} 將於 ${when} 生效，屆時 ${r.superseded} 作廢。`
        : `已發布：${procedure} ${r.released} 自 ${when} 起生效，${r.superseded} 同日作廢。`,
    );
    for (const f of r.forms) {
      console.log(f.from ? `　表單 ${f.formId}：改用版本 ${f.to}（版本 ${f.from} 保留於 schemas/revisions/）` : `　表單 ${f.formId}：版本 ${f.to} 不變，亦實施 ${r.released}`);
    }
    if (r.forms.length > 0) console.log('表單結構已更新：請執行 npm run forms:compile（或 npm run build）重新產生驗證程式。');
    return 0;
  } catch (e) {
    console.error(`未發布：${e instanceof Error ? e.message : e}`);
    return 1;
  }
}

process.exitCode = await main();
