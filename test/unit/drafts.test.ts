import { describe, expect, it } from 'vitest';
import { MemoryStorage, discardDraft, listDrafts, loadDraft, saveDraft } from '../../src/lib/record/drafts.ts';

describe('drafts', () => {
  it('saves, lists newest first, loads and discards', () => {
    const s = new MemoryStorage();
    saveDraft(s, { id: 'a', formId: 'f', label: '第一份', data: { x: 1 } }, new Date('2026-11-01T00:00:00Z'));
    saveDraft(s, { id: 'b', formId: 'f', label: '第二份', data: { x: 2 } }, new Date('2026-11-02T00:00:00Z'));
    saveDraft(s, { id: 'c', formId: 'other', label: '別的表', data: {} });
    expect(listDrafts(s, 'f').map((d) => d.id)).toEqual(['b', 'a']);
    const a = saveDraft(s, { ...loadDraft(s, 'f', 'a')!, data: { x: 3 } }, new Date('2026-11-03T00:00:00Z'));
    expect(a.createdAt).toBe('2026-11-01T00:00:00.000Z');
    expect(listDrafts(s, 'f').map((d) => d.id)).toEqual(['a', 'b']);
    expect(loadDraft<{ x: number }>(s, 'f', 'a')!.data.x).toBe(3);
    discardDraft(s, 'f', 'a');
    expect(listDrafts(s, 'f').map((d) => d.id)).toEqual(['b']);
  });
  it('skips a corrupt entry without deleting it', () => {
    const s = new MemoryStorage();
    s.setItem('sop-handbook:draft:f:bad', '{not json');
    expect(listDrafts(s, 'f')).toEqual([]);
    expect(s.getItem('sop-handbook:draft:f:bad')).toBe('{not json');
  });
  it('reports a full storage in Chinese', () => {
    const s = new MemoryStorage();
    s.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(() => saveDraft(s, { id: 'a', formId: 'f', label: '', data: {} })).toThrow('瀏覽器儲存空間已滿');
  });
});
