/**
 * Form drafts kept in the browser (localStorage), never sent anywhere. Each form can hold
 * several drafts; each is saved as the user types and offered back after a reload.
 */

export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

export interface Draft<D = unknown> {
  id: string;
  formId: string;
  /** What the draft list shows: the record number or a first filled field. */
  label: string;
  createdAt: string;
  updatedAt: string;
  data: D;
}

const PREFIX = 'sop-handbook:draft:';
const keyOf = (formId: string, id: string) => `${PREFIX}${formId}:${id}`;

export function newDraftId(now = new Date()): string {
  return `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Drafts of one form, most recently changed first. Unreadable entries are skipped, not deleted. */
export function listDrafts<D>(storage: DraftStorage, formId: string): Draft<D>[] {
  const out: Draft<D>[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (!key?.startsWith(`${PREFIX}${formId}:`)) continue;
    try {
      const draft = JSON.parse(storage.getItem(key) ?? '') as Draft<D>;
      if (draft && draft.formId === formId && typeof draft.id === 'string') out.push(draft);
    } catch {
      // A corrupt entry stays for inspection; it is simply not offered.
    }
  }
  return out.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export function loadDraft<D>(storage: DraftStorage, formId: string, id: string): Draft<D> | null {
  return listDrafts<D>(storage, formId).find((d) => d.id === id) ?? null;
}

/** Saves (creates or updates) a draft; returns it. Throws a zh-TW error when storage is full. */
export function saveDraft<D>(
  storage: DraftStorage,
  draft: Omit<Draft<D>, 'createdAt' | 'updatedAt'> & { createdAt?: string },
  now = new Date(),
): Draft<D> {
  const saved: Draft<D> = { ...draft, createdAt: draft.createdAt ?? now.toISOString(), updatedAt: now.toISOString() };
  try {
    storage.setItem(keyOf(draft.formId, draft.id), JSON.stringify(saved));
  } catch {
    throw new Error('瀏覽器儲存空間已滿，草稿未能保存。請先匯出記錄（JSON）或刪除不需要的草稿。');
  }
  return saved;
}

export function discardDraft(storage: DraftStorage, formId: string, id: string): void {
  storage.removeItem(keyOf(formId, id));
}

/** A Map-backed storage for tests and for browsers where localStorage is unavailable. */
export class MemoryStorage implements DraftStorage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}
