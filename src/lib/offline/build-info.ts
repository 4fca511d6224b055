/**
 * Document control for an offline copy: each build publishes which revision of each procedure
 * is in force (`/build-info.json`), so a page can say how old its cached copy is and, once
 * online again, which revisions took effect since the copy the reader last saw.
 */
import type { RegisterRevision } from '../documents/register.ts';

export const BUILD_INFO_PATH = '/build-info.json';

export interface BuildInfo {
  buildId: string;
  /** ISO time the site was built. */
  builtAt: string;
  register: RegisterRevision[];
}

export interface RevisionChange {
  docNumber: string;
  title: string;
  path: string;
  revision: string;
  effectiveDate: string | null;
  /** The revision in force in the older copy, when it had one. */
  previous: string | null;
}

/** Procedures whose revision in force differs between an older snapshot and the current one. */
export function revisionsInForceChanged(older: RegisterRevision[], current: RegisterRevision[]): RevisionChange[] {
  const inForce = (r: RegisterRevision[]) => new Map(r.filter((x) => x.status === 'effective').map((x) => [x.docNumber, x]));
  const before = inForce(older);
  return [...inForce(current).values()]
    .filter((now) => before.get(now.docNumber)?.revision !== now.revision)
    .map((now) => ({
      docNumber: now.docNumber,
      title: now.title,
      path: now.path,
      revision: now.revision,
      effectiveDate: now.effectiveDate,
      previous: before.get(now.docNumber)?.revision ?? null,
    }));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026年12月1日 03:40, in the reader's own time zone. */
export function formatCopyTime(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function offlineCopyNote(savedAt: string): string {
  return `離線副本，更新於 ${formatCopyTime(savedAt)}。此副本可能不是現行版本，連線後會自動核對。`;
}

export const NEW_BUILD_NOTE = '本手冊已有新版本。';
export const RELOAD_LABEL = '重新載入';

export function revisionChangeNote(c: RevisionChange): string {
  const since = c.effectiveDate ? `（${c.effectiveDate.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}生效）` : '';
  const from = c.previous ? `由 ${c.previous} ` : '';
  return `${c.docNumber}《${c.title}》的生效版本已${from}改為 ${c.revision}${since}。`;
}

export const REVISION_CHANGES_HEADING = '自你上次瀏覽以來，下列規程的生效版本已更改：';
export const ACKNOWLEDGE_LABEL = '知道了';
