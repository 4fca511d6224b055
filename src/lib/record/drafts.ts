/**
 * Form drafts kept in the browser (localStorage), never sent anywhere. Each form can hold
 * several drafts; each is saved as the user types and offered back after a reload. Also what a
 * draft list shows: whether a record holds anything typed, its label and its local save time.
 */
import type { FormDefinition } from '../forms/definition/define.ts';

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

/** localStorage when the browser allows it; else memory (drafts then last only while the page is open). */
export function draftStorage(): { storage: DraftStorage; persistent: boolean } {
  try {
    const s = window.localStorage;
    const probe = 'sop-handbook:probe';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return { storage: s, persistent: true };
  } catch {
    return { storage: new MemoryStorage(), persistent: false };
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "14:05:09" in the browser's local time. */
export function clockTime(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "2026-03-04 14:05:09" in the browser's local time. */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clockTime(d)}`;
}

function meaningful(v: unknown): boolean {
  if (typeof v === 'string') return v.trim() !== '';
  if (typeof v === 'number' || typeof v === 'boolean') return true;
  if (Array.isArray(v)) return v.some(meaningful);
  if (v && typeof v === 'object') return Object.values(v).some(meaningful);
  return false;
}

/** Fields the form fills itself (never a sign that the user wrote something). */
const SELF_FILLED = new Set(['confidentiality', 'level', 'retention', 'total', 'satisfactionRate']);

/** Whether the record holds anything the user entered (derived values do not count). */
export function hasContent(data: Record<string, unknown>): boolean {
  return Object.entries(data).some(([k, v]) => !SELF_FILLED.has(k) && meaningful(v));
}

const clip = (s: string, n = 24) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** The draft list's label: the record number, else the first filled field as 「標題：內容」. */
export function draftLabel(def: Pick<FormDefinition, 'meta' | 'schema' | 'uiSchema'>, data: Record<string, unknown>): string {
  const { meta, schema, uiSchema } = def;
  const no = data[meta.recordNumberField];
  if (typeof no === 'string' && no.trim()) return no.trim();
  const props = schema.properties ?? {};
  const order = (uiSchema['ui:order'] as string[] | undefined)?.filter((k) => k in props) ?? Object.keys(props);
  for (const key of order) {
    if (SELF_FILLED.has(key)) continue;
    const v = data[key];
    const title = props[key]?.title ?? key;
    if (typeof v === 'string' && v.trim()) {
      const choice = props[key]?.oneOf?.find((o) => o.const === v)?.title;
      return `${title}：${clip(choice ?? v.trim())}`;
    }
    if (typeof v === 'number') return `${title}：${v}`;
  }
  return '（尚未填寫文字內容）';
}
