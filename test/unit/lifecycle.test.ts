/**
 * The revision lifecycle's pure parts (issue 9, parts 2 and 4): what each revision page says on a
 * given day (已作廢, 將於 … 生效, 將於 … 作廢, 草案) and the register on a date.
 */
import { describe, expect, it } from 'vitest';
import { revisionBanner, type BannerRevision } from '../../src/lib/documents/lifecycle.ts';
import { registerOn, registerOnText, type RegisterRevision } from '../../src/lib/documents/register.ts';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const A0: BannerRevision = { revision: 'A/0', status: 'superseded', effectiveDate: d('2026-11-27'), supersededDate: d('2026-12-15') };
const A1: BannerRevision = { revision: 'A/1', status: 'effective', effectiveDate: d('2026-12-15') };
const A2: BannerRevision = { revision: 'A/2', status: 'draft', effectiveDate: null };
const all = [A0, A1, A2];

describe('revision banners', () => {
  it('after the release: A/0 已作廢 pointing to A/1, A/1 in force (no banner), the draft not in force', () => {
    const b = revisionBanner(A0, all, '2026-12-15')!;
    expect(b.kind).toBe('superseded');
    expect(b.label).toBe('已作廢');
    expect(b.text).toBe('本文為 A/0 版，已於 2026年12月15日 作廢，僅供查考，不得使用。');
    expect(b.link).toEqual({ before: '現行生效版本為 ', revision: 'A/1' });
    expect(revisionBanner(A1, all, '2026-12-15')).toBeNull();
    expect(revisionBanner(A2, all, '2026-12-15')!.label).toBe('本文為草案（A/2），不具效力。');
  });

  it('before a future effective date: A/1 將於 … 生效 and A/0 still in force until then', () => {
    const pending = revisionBanner(A1, all, '2026-12-01')!;
    expect(pending.kind).toBe('pending');
    expect(pending.label).toBe('將於 2026年12月15日 生效');
    expect(pending.link?.revision).toBe('A/0');
    const old = revisionBanner(A0, all, '2026-12-14')!;
    expect(old.kind).toBe('superseded-pending');
    expect(old.label).toBe('將於 2026年12月15日 作廢');
  });
});

describe('the register on a date', () => {
  const rev = (revision: string, status: RegisterRevision['status'], effectiveDate: string | null, supersededDate: string | null = null): RegisterRevision => ({
    procedure: 'violations',
    docNumber: 'HB-SOP-02',
    title: '物業公司業戶違章處理標準作業規程',
    revision,
    status,
    effectiveDate,
    supersededDate,
    path: '/sops/violations/',
    approvals: [
      { role: 'preparedBy', status: 'valid', label: '簽章有效', signer: '陳美玲', date: '2026-12-01' },
      { role: 'reviewedBy', status: 'unsigned', label: '未簽署' },
      { role: 'approvedBy', status: 'unsigned', label: '未簽署' },
    ],
  });
  const register = [rev('A/1', 'effective', '2026-12-15'), rev('A/0', 'superseded', '2026-11-27', '2026-12-15')];

  it('names the revision in force before, on and after the release day, and none before the first', () => {
    expect(registerOn(register, '2026-12-14')[0].inForce?.revision).toBe('A/0');
    expect(registerOn(register, '2026-12-15')[0].inForce?.revision).toBe('A/1');
    expect(registerOn(register, '2026-11-26')[0].inForce).toBeNull();
    // Oldest first, whatever order the register holds them in.
    expect(registerOn(register, '2026-12-14')[0].revisions.map((r) => r.revision)).toEqual(['A/0', 'A/1']);
  });

  it('prints every revision with its dates and sign-offs', () => {
    const text = registerOnText(register, '2026-12-01').join('\n');
    expect(text).toContain('2026年12月1日 生效的版本：');
    expect(text).toContain('HB-SOP-02　物業公司業戶違章處理標準作業規程：版本/改次 A/0');
    expect(text).toContain('A/0（已作廢），生效 2026年11月27日，作廢 2026年12月15日，編制 陳美玲 2026年12月1日，審核 未簽署，批准 未簽署');
  });
});
