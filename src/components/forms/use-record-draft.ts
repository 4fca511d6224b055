/**
 * The record a form island is editing and its draft in this browser: the data, autosave (debounced,
 * flushed when the page is hidden), the list of other drafts, resuming and discarding. React wiring
 * over src/lib/record/drafts.ts; what to save and how a draft is labelled are decided there.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormId } from '../../lib/procedures.ts';
import { applyDerived } from '../../lib/forms/derive.ts';
import { formDefinition } from '../../lib/forms/definition/index.ts';
import { pruneEmpty, plainData } from '../../lib/forms/validation/rjsf.ts';
import type { RecordValidator } from '../../lib/forms/validation/validator.ts';
import {
  clockTime,
  discardDraft,
  draftLabel,
  draftStorage,
  hasContent,
  listDrafts,
  newDraftId,
  saveDraft,
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
export function useRecordDraft(formId: FormId, validator: RecordValidator | null, onReplace: () => void) {
  const [data, setData] = useState<Record<string, unknown>>(() => applyDerived(formId, {}).data);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [draftsOnLoad, setDraftsOnLoad] = useState(false);
  const [persistent, setPersistent] = useState(true);
  const [saveStatus, setSaveStatus] = useState('');
  const storageRef = useRef<DraftStorage | null>(null);
  const dataRef = useRef(data);
  const draft = useRef<{ id: string; createdAt?: string; dirty: boolean; saved: boolean }>({ id: '', dirty: false, saved: false });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const refreshDrafts = useCallback(() => {
    if (storageRef.current) setDrafts(listDrafts(storageRef.current, formId));
  }, [formId]);

  // The drafts kept in this browser.
  useEffect(() => {
    draft.current = { id: newDraftId(), dirty: false, saved: false };
    const { storage, persistent: p } = draftStorage();
    storageRef.current = storage;
    setPersistent(p);
    const found = listDrafts(storage, formId);
    setDrafts(found);
    setDraftsOnLoad(found.length > 0);
  }, [formId]);

  /** Writes the current record to its draft now (if the user has entered anything). */
  const flushSave = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const storage = storageRef.current;
    const d = draft.current;
    if (!storage || !validator || !d.dirty) return;
    const current = plainData(dataRef.current);
    if (!d.saved && !hasContent(current)) return;
    try {
      const saved = saveDraft(storage, {
        id: d.id,
        formId,
        label: draftLabel(formDefinition(formId), current),
        data: current,
        ...(d.createdAt ? { createdAt: d.createdAt } : {}),
      });
      d.createdAt = saved.createdAt;
      d.saved = true;
      d.dirty = false;
      setSaveStatus(`草稿已自動保存 ${clockTime(new Date(saved.updatedAt))}`);
    } catch (e) {
      setSaveStatus((e as Error).message);
    }
  }, [formId, validator]);

  const scheduleSave = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(flushSave, AUTOSAVE_MS);
  }, [flushSave]);

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
      const derived = applyDerived(formId, next).data;
      draft.current = { id: opts.draftId ?? newDraftId(), createdAt: opts.createdAt, dirty: opts.dirty, saved: !!opts.draftId };
      dataRef.current = derived;
      setData(derived);
      setSaveStatus('');
      setDraftsOnLoad(false);
      onReplace();
      if (opts.dirty) scheduleSave();
    },
    [formId, scheduleSave, onReplace],
  );

  /** The form's data as RJSF reports it; returns false when nothing changed. */
  const updateData = useCallback(
    (raw: Record<string, unknown>): boolean => {
      const next = applyDerived(formId, validator ? pruneEmpty(validator.schema, raw) : raw).data;
      if (sameData(next, dataRef.current)) return false;
      dataRef.current = next;
      setData(next);
      if (draft.current.dirty) scheduleSave();
      return true;
    },
    [formId, scheduleSave, validator],
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
      discardDraft(storageRef.current, formId, d.id);
      refreshDrafts();
      return true;
    },
    [formId, refreshDrafts],
  );

  /** The record as it would be saved or exported. */
  const current = useCallback(() => plainData(dataRef.current), []);

  return {
    data,
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
