/**
 * Releasing a procedure revision (`npm run doc:release`): the released revision becomes the
 * effective one and takes the procedure's page (`index.mdx`, so /sops/<procedure>/), the revision it
 * replaces becomes superseded on the same date and moves to its own page (`a-0.mdx`). Only the
 * release fields change (status, effectiveDate, effectiveDateNote, supersededDate: none is signed,
 * see approval.ts) and the page title/description (Starlight metadata, not signed), so the
 * approvals stay valid. Pure: the caller reads and writes the files (src/lib/pdf/approvals-node.ts,
 * which also checks the 批准 signature first). Browser-safe.
 */
import { readFrontmatter, splitFrontmatter } from '../shared/frontmatter.ts';
import { formatIsoDateZh } from '../shared/time.ts';
import { revisionSlug } from './doc-control.ts';
import { isIsoDate } from './register.ts';

export interface RevisionFile {
  /** File name in content/sops/<procedure>/: index.mdx or a-1.mdx. */
  name: string;
  source: string;
}

export interface ReleasePlan {
  /** Files to write (name -> new source). */
  writes: RevisionFile[];
  /** Files to delete (the released revision's old name). */
  removes: string[];
  released: string;
  superseded: string;
}

/** A refused release, with a zh-TW message. */
export class ReleaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReleaseError';
  }
}

const yamlString = (s: string) => JSON.stringify(s);

/**
 * Sets (or with null removes) one top-level scalar key of the frontmatter, keeping every other line
 * as it is; a new key goes after `after` (or at the end).
 */
export function setFrontmatterField(source: string, key: string, value: string | null, after?: string): string {
  const { front, body } = splitFrontmatter(source);
  if (front === null) throw new ReleaseError('檔案沒有文件管制資料（frontmatter）');
  const lines = front.split(/\r?\n/);
  const at = lines.findIndex((l) => l.startsWith(`${key}:`));
  if (at >= 0 && lines[at + 1]?.startsWith(' ')) throw new ReleaseError(`「${key}」不是單行欄位，無法自動更新`);
  if (value === null) {
    if (at >= 0) lines.splice(at, 1);
  } else if (at >= 0) {
    lines[at] = `${key}: ${value}`;
  } else {
    const anchor = after ? lines.findIndex((l) => l.startsWith(`${after}:`)) : -1;
    lines.splice(anchor >= 0 ? anchor + 1 : lines.length, 0, `${key}: ${value}`);
  }
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

const DRAFT_SUFFIX = /（[A-Z]\/\d+\s*修訂草案）$/;

/**
 * The files to write so that `revision` takes effect on `effective` (YYYY-MM-DD) and the effective
 * revision before it is superseded on that date. Throws ReleaseError (zh-TW) when the revision is
 * missing, already effective or superseded, or the date is invalid or not after the current
 * revision's effective date. A future date is allowed: the site says 「將於 … 生效」 until then.
 */
export function planRelease(files: RevisionFile[], revision: string, effective: string): ReleasePlan {
  if (!isIsoDate(effective)) throw new ReleaseError(`生效日期格式不符：「${effective}」（應為 YYYY-MM-DD，例如 2026-12-01）`);
  const docs = files.map((f) => ({ ...f, data: readFrontmatter(f.source) ?? {} }));
  const target = docs.find((d) => d.data.revision === revision);
  if (!target) throw new ReleaseError(`沒有版本 ${revision}`);
  if (target.data.status === 'effective') throw new ReleaseError(`版本 ${revision} 已是生效版本`);
  if (target.data.status === 'superseded') throw new ReleaseError(`版本 ${revision} 已作廢，不能再發布生效`);
  const current = docs.filter((d) => d.data.status === 'effective');
  if (current.length !== 1) throw new ReleaseError(`應恰有一個生效版本，實有 ${current.length} 個`);
  const prev = current[0];
  const prevRevision = String(prev.data.revision);
  const prevDate = prev.data.effectiveDate instanceof Date ? prev.data.effectiveDate.toISOString().slice(0, 10) : null;
  if (prevDate && effective <= prevDate) {
    throw new ReleaseError(`生效日期 ${effective} 須晚於現行版本 ${prevRevision} 的生效日期 ${prevDate}`);
  }
  const prevName = `${revisionSlug(prevRevision)}.mdx`;
  if (docs.some((d) => d.name === prevName && d !== target)) throw new ReleaseError(`${prevName} 已存在，無法將版本 ${prevRevision} 移至該檔`);

  const baseTitle = String(prev.data.title ?? '');
  const newTitle = String(target.data.title ?? baseTitle).replace(DRAFT_SUFFIX, '');
  let released = target.source;
  released = setFrontmatterField(released, 'title', yamlString(newTitle));
  if (prev.data.description !== undefined) released = setFrontmatterField(released, 'description', yamlString(String(prev.data.description)));
  released = setFrontmatterField(released, 'status', 'effective');
  released = setFrontmatterField(released, 'effectiveDate', effective, 'status');
  released = setFrontmatterField(released, 'effectiveDateNote', null);
  released = setFrontmatterField(released, 'supersededDate', null);

  let old = prev.source;
  old = setFrontmatterField(old, 'title', yamlString(`${baseTitle}（${prevRevision}）`));
  old = setFrontmatterField(
    old,
    'description',
    yamlString(`${baseTitle} ${prevRevision}：已由 ${revision} 取代，自 ${formatIsoDateZh(effective)} 起作廢。`),
  );
  old = setFrontmatterField(old, 'status', 'superseded');
  old = setFrontmatterField(old, 'supersededDate', effective, 'effectiveDate');

  return {
    writes: [
      { name: 'index.mdx', source: released },
      { name: prevName, source: old },
    ],
    removes: target.name === 'index.mdx' || target.name === prevName ? [] : [target.name],
    released: revision,
    superseded: prevRevision,
  };
}
