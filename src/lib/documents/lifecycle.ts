/**
 * What a revision page says about where the revision stands on a given day (the build's date, UTC+8):
 * a draft is not in force, a superseded revision is 已作廢 (or still in force until a future
 * superseded date), a released revision with a future effective date 將於 … 生效. Pure, browser-safe.
 */
import { STATUS_LABELS, type DocStatus } from './doc-control.ts';
import { standingOn, type StandingToday } from './register.ts';
import { formatIsoDateZh } from '../shared/time.ts';

export interface BannerRevision {
  revision: string;
  status: DocStatus;
  effectiveDate: Date | null;
  supersededDate?: Date | null;
}

export interface RevisionBanner {
  kind: 'superseded' | 'superseded-pending' | 'pending' | 'draft';
  /** The banner's heading: 「已作廢」, 「將於 2027年1月1日 生效」, … */
  label: string;
  text: string;
  /** A link to another revision, after `before`. */
  link?: { before: string; revision: string };
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

/** The standing of a revision (frontmatter dates) on `today` (YYYY-MM-DD). */
export function standingToday(doc: BannerRevision, today: string): StandingToday {
  return standingOn({ status: doc.status, effectiveDate: iso(doc.effectiveDate), supersededDate: iso(doc.supersededDate) }, today);
}

/** The banner a revision page shows on `today`, or null for the revision in force. */
export function revisionBanner(doc: BannerRevision, all: BannerRevision[], today: string): RevisionBanner | null {
  const standing = standingToday(doc, today);
  const effective = all.find((r) => r.status === 'effective');
  // The revision that replaces this one: taking effect on its superseded date.
  const successor = all.find((r) => r.status === 'effective' && iso(r.effectiveDate) === iso(doc.supersededDate)) ?? effective;
  switch (standing) {
    case 'in-force':
      return null;
    case 'superseded': {
      const on = iso(doc.supersededDate);
      return {
        kind: 'superseded',
        label: '已作廢',
        text: `本文為 ${doc.revision} 版，${on ? `已於 ${formatIsoDateZh(on)} ` : ''}作廢，僅供查考，不得使用。`,
        link: successor ? { before: '現行生效版本為 ', revision: successor.revision } : undefined,
      };
    }
    case 'superseded-pending': {
      const on = formatIsoDateZh(iso(doc.supersededDate)!);
      return {
        kind: 'superseded-pending',
        label: `將於 ${on} 作廢`,
        text: `本版本（${doc.revision}）現仍有效，${on}起由新版本取代。`,
        link: successor ? { before: '新版本：', revision: successor.revision } : undefined,
      };
    }
    case 'pending': {
      const on = formatIsoDateZh(iso(doc.effectiveDate)!);
      const current = all.find((r) => r.status === 'superseded' && iso(r.supersededDate) === iso(doc.effectiveDate));
      return {
        kind: 'pending',
        label: `將於 ${on} 生效`,
        text: `本版本（${doc.revision}）已批准發布，尚未生效。`,
        link: current ? { before: '在此之前現行有效的是 ', revision: current.revision } : undefined,
      };
    }
    default:
      return {
        kind: 'draft',
        label: `本文為${STATUS_LABELS[doc.status]}（${doc.revision}），不具效力。`,
        text: '',
        link: effective ? { before: '現行生效版本為 ', revision: effective.revision } : undefined,
      };
  }
}
