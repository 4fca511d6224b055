/**
 * The record a form island is editing and its draft in this browser: the data, autosave (debounced,
 * flushed when the page is hidden), the list of other drafts, resuming and discarding. React wiring
 * over src/lib/record/drafts.ts; what to save and how a draft is labelled are decided there.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { deriveRecord } from '../../lib/forms/derive-record.ts';
import { pruneEmpty, plainData, withMinItems } from '../../lib/forms/validation/rjsf.ts';
import type { LoadedForm } from '../../lib/forms/validation/form-loader.ts';
import {
  clockTime,
  discardDraft,
  draftLabel,
  draftStorage,
  hasContent,
  listDrafts,
  newDraftId,
  saveDraftIfUnchanged,
  storedDraftText,
  type Draft,
  type DraftStorage,
} from '../../lib/record/drafts.ts';

const AUTOSAVE_MS = 400;

const sameData = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface ReplaceOptions {
  /** Keep writing to this draft (resume, example, monthly merge); else a new draft. */
  draftId?: string;
  createdAt?: string;
  /** Whether the replacement counts as the user's change (then it is saved). */
  dirty: boolean;
}

/**
 * `onReplace` runs whenever the whole record is replaced (draft, example, import, new record), for
 * the island to reset what belongs to the old record (errors, the completed state).
 */
/** `draftKey` keeps drafts under another key than the form id (a training case's records apart from real ones). */
export function useRecordDraft({ definition, validator }: LoadedForm, onReplace: () => void, draftKey: string = definition.id) {
  /** What the island starts a record from: its derived values and a required list's first rows. */
  const fromRecord = useCallback((next: Record<string, unknown>) => deriveRecord(definition.meta, withMinItems(definition.schema, next)).data, [definition]);
  const [initial, setData] = useState<Record<string, unknown>>(() => fromRecord({}));
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [draftsOnLoad, setDraftsOnLoad] = useState(false);
  const [persistent, setPersistent] = useState(true);
  const [saveStatus, setSaveStatus] = useState('');
  const storageRef = useRef<DraftStorage | null>(null);
  const dataRef = useRef(initial);
  /** `seen`: the draft's stored text when this tab last wrote or read it, to notice another tab's writes. */
  const draft = useRef<{ id: string; createdAt?: string; dirty: boolean; saved: boolean; seen: string | null }>({ id: '', dirty: false, saved: false, seen: null });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const refreshDrafts = useCallback(() => {
    if (storageRef.current) setDrafts(listDrafts(storageRef.current, draftKey));
  }, [draftKey]);

  // The drafts kept in this browser.
  useEffect(() => {
    draft.current = { id: newDraftId(), dirty: false, saved: false, seen: null };
    const { storage, persistent: p } = draftStorage();
    storageRef.current = storage;
    setPersistent(p);
    const found = listDrafts(storage, draftKey);
    setDrafts(found);
    setDraftsOnLoad(found.length > 0);
  }, [draftKey]);

  /** Writes the current record to its draft now (if the user has entered anything). */
  const flushSave = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const storage = storageRef.current;
    const d = draft.current;
    if (!storage || !d.dirty) return;
    const current = plainData(dataRef.current);
    if (!d.saved && !hasContent(current)) return;
    try {
      const label = draftLabel(definition, current);
      let result = saveDraftIfUnchanged(storage, { id: d.id, formId: draftKey, label, data: current, ...(d.createdAt ? { createdAt: d.createdAt } : {}) }, d.seen);
      let forked = false;
      if ('conflict' in result) {
        // Another tab saved this draft meanwhile: keep its text and this tab's as two drafts.
        d.id = newDraftId();
        d.createdAt = undefined;
        result = saveDraftIfUnchanged(storage, { id: d.id, formId: draftKey, label, data: current }, null);
        forked = true;
      }
      if ('conflict' in result) throw new Error('草稿未能保存，請重試。');
      d.createdAt = result.saved.createdAt;
      d.seen = result.text;
      d.saved = true;
      d.dirty = false;
      const time = clockTime(new Date(result.saved.updatedAt));
      setSaveStatus(
        forked ? `此草稿已在另一個分頁修改；本分頁的內容已另存為新草稿 ${time}，兩份都已保存。` : `草稿已自動保存 ${time}`,
      );
      if (forked) refreshDrafts();
    } catch (e) {
      setSaveStatus((e as Error).message);
    }
  }, [definition, draftKey, refreshDrafts]);

  const scheduleSave = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(flushSave, AUTOSAVE_MS);
  }, [flushSave]);

  // Another tab's saves show in this tab's draft list.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === null || e.key.includes(`:${draftKey}:`)) refreshDrafts();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [draftKey, refreshDrafts]);

  // A reload or a closed tab within the debounce window still keeps what was typed.
  useEffect(() => {
    const onHide = () => flushSave();
    const onVisibility = () => document.visibilityState === 'hidden' && flushSave();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [flushSave]);

  /** Replaces the whole record (draft, example, import): a fresh form without old errors. */
  const replaceRecord = useCallback(
    (next: Record<string, unknown>, opts: ReplaceOptions) => {
      const derived = fromRecord(next);
      const id = opts.draftId ?? newDraftId();
      // Resuming reads what is stored now; staying on this tab's draft keeps what it last saw.
      const seen = !opts.draftId ? null : id === draft.current.id ? draft.current.seen : storageRef.current ? storedDraftText(storageRef.current, draftKey, id) : null;
      draft.current = { id, createdAt: opts.createdAt, dirty: opts.dirty, saved: !!opts.draftId, seen };
      dataRef.current = derived;
      setData(derived);
      setSaveStatus('');
      setDraftsOnLoad(false);
      onReplace();
      if (opts.dirty) scheduleSave();
    },
    [fromRecord, draftKey, scheduleSave, onReplace],
  );

  /**
   * The form's data as RJSF reports it; returns false when nothing changed. The form already shows
   * what it reported, so the island re-renders only when a derived value differs from it (the form
   * must show the value the record holds): handing every keystroke's data back made RJSF compare and
   * re-derive the whole record again, which at 500 rows cost more than the keystroke itself.
   */
  const updateData = useCallback(
    (raw: Record<string, unknown>): boolean => {
      const { data: next, changed } = deriveRecord(definition.meta, pruneEmpty(validator.schema, raw));
      if (sameData(next, dataRef.current)) return false;
      dataRef.current = next;
      if (changed.length > 0) setData(next);
      if (draft.current.dirty) scheduleSave();
      return true;
    },
    [definition, scheduleSave, validator],
  );

  // Only what the user does marks the record as changed (RJSF also reports the defaults it fills in).
  const markDirty = useCallback(() => {
    draft.current.dirty = true;
  }, []);

  /** Continues a saved draft (the current record is saved first). */
  const resumeDraft = useCallback(
    (d: Draft) => {
      flushSave();
      replaceRecord(d.data as Record<string, unknown>, { draftId: d.id, createdAt: d.createdAt, dirty: false });
      setDraftsOnLoad(false);
      refreshDrafts();
    },
    [flushSave, refreshDrafts, replaceRecord],
  );

  /** Starts another record: the current one is saved first; `dirty` when the new one is the user's. */
  const startRecord = useCallback(
    (next: Record<string, unknown>, dirty: boolean) => {
      flushSave();
      replaceRecord(next, { dirty });
      refreshDrafts();
    },
    [flushSave, refreshDrafts, replaceRecord],
  );

  /** Replaces the data but keeps writing to the same draft (example, monthly figures). */
  const replaceInDraft = useCallback(
    (next: Record<string, unknown>) => {
      replaceRecord(next, { draftId: draft.current.id, createdAt: draft.current.createdAt, dirty: true });
    },
    [replaceRecord],
  );

  const deleteDraft = useCallback(
    (d: Draft): boolean => {
      if (!storageRef.current) return false;
      discardDraft(storageRef.current, draftKey, d.id);
      refreshDrafts();
      return true;
    },
    [draftKey, refreshDrafts],
  );

  /** The record as it would be saved or exported. */
  const current = useCallback(() => plainData(dataRef.current), []);

  return {
    /** The record now: read when the island renders, so a render for any reason hands the form the latest data. */
    data: dataRef.current,
    current,
    hasContent: () => hasContent(plainData(dataRef.current)),
    otherDrafts: drafts.filter((d) => d.id !== draft.current.id),
    draftsOnLoad,
    persistent,
    saveStatus,
    flushSave,
    updateData,
    markDirty,
    resumeDraft,
    startRecord,
    replaceInDraft,
    deleteDraft,
  };
}
