/**
 * The record form island: one handbook form filled in the browser with RJSF and the form's
 * precompiled validator (no eval), zh-TW throughout. Drafts autosave to this browser's localStorage;
 * records are exported and imported as JSON files. Nothing the user types is sent anywhere.
 *
 * Props are plain data (Astro serialises them): the form id and the procedure revision in force,
 * which every exported record carries.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ComponentType, type SyntheticEvent } from 'react';
import { useHydrated } from '../use-hydrated.ts';
import Form, { type IChangeEvent } from '@rjsf/core';
import type { RJSFValidationError, UiSchema } from '@rjsf/utils';
import type { FormId } from '../../lib/procedures.ts';
import { envelopeFor, type RecordEnvelope } from '../../lib/record/envelope-core.ts';
import { loadedForm, loadForm, type LoadedForm } from '../../lib/forms/validation/form-loader.ts';
import { deriveRecord } from '../../lib/forms/derive-record.ts';
// Records are exported and imported on use: envelope.ts names forms through every form's schema.
const envelopes = () => import('../../lib/record/envelope.ts');
import { recordFileTooLarge } from '../../lib/record/file.ts';
import type { FormDefinition } from '../../lib/forms/definition/define.ts';
import { localDateTime, type Draft } from '../../lib/record/drafts.ts';
import { plainData, pruneEmpty, pruningValidator, renderSchema } from '../../lib/forms/validation/rjsf.ts';
import { downloadFile } from '../download.ts';
import { errorFieldId, fields, focusField, RequiredNote, templates, widgets } from './templates/index.ts';
import { translateZhTW } from './translate.ts';
import { DraftList } from './DraftList.tsx';
import { useRecordDraft } from './use-record-draft.ts';
import type { MonthlyReport, StatsFormId } from './MonthlyPanel.tsx';
import '../../styles/forms.css';

export interface RecordFormProps {
  formId: FormId;
  /** 版本/改次 of the procedure revision in force; exported records are filled under it. */
  procedureRevision: string;
  /** Inside a procedure page (a <details>): headings one level lower, no duplicate form title. */
  embedded?: boolean;
  /** Drafts are kept under this key instead of the form id (a training case's records stay apart from real ones). */
  draftScope?: string;
  /** Called after 「檢查並完成」 with the record and whether the form's own rules passed (training cases check it further). */
  onChecked?: (data: Record<string, unknown>, valid: boolean) => void;
  /**
   * The page rendered the whole form on the server (it awaited `loadForm` first): hydration waits for
   * the form's chunk and keeps the server's HTML meanwhile, so nothing moves. Otherwise the server
   * rendered 「表單載入中…」 and the form is built once the chunk is here.
   */
  serverRendered?: boolean;
}

/** The props another module's PDF panel receives (src/components/forms/RecordPdfPanel.tsx, default export). */
export interface RecordPdfPanelProps {
  formId: FormId;
  envelope: RecordEnvelope;
  /** A form outside FORM_IDS (the training acknowledgement): its definition instead of the id's. */
  definition?: FormDefinition;
}

// The PDF panel is built separately; without the module there is no panel (an empty glob).
const pdfPanelModules = import.meta.glob<{ default: ComponentType<RecordPdfPanelProps> }>('./RecordPdfPanel.tsx');
const loadPdfPanel = pdfPanelModules['./RecordPdfPanel.tsx'];
const RecordPdfPanel = loadPdfPanel ? lazy(loadPdfPanel) : null;

const MonthlyPanel = lazy(() => import('./MonthlyPanel.tsx'));

const SUBMIT_TEXT = '檢查並完成';

interface Notice {
  kind: 'info' | 'success' | 'error';
  text: string;
  details?: string[];
  /** Changes on every notice so a repeated message is announced again. */
  seq: number;
}

function isStatsForm(formId: FormId): formId is StatsFormId {
  return formId === 'complaint-monthly-stats' || formId === 'follow-up-monthly-stats';
}

export default function RecordForm(props: RecordFormProps) {
  if (props.serverRendered) {
    return (
      <Suspense fallback={<Loading formId={props.formId} />}>
        <ServerRenderedForm {...props} />
      </Suspense>
    );
  }
  return <ClientRenderedForm {...props} />;
}

const failedForms = new Set<FormId>();

/** Suspends until the form's chunk is loaded (on the server the page loaded it before rendering). */
function ServerRenderedForm(props: RecordFormProps) {
  const form = loadedForm(props.formId);
  if (form) return <RecordFormView {...props} form={form} />;
  if (failedForms.has(props.formId)) return <LoadFailed formId={props.formId} />;
  throw loadForm(props.formId).catch(() => void failedForms.add(props.formId));
}

function ClientRenderedForm(props: RecordFormProps) {
  const [form, setForm] = useState<LoadedForm | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loadForm(props.formId).then(
      (f) => live && setForm(f),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [props.formId]);
  if (failed) return <LoadFailed formId={props.formId} />;
  return form ? <RecordFormView {...props} form={form} /> : <Loading formId={props.formId} />;
}

function Loading({ formId }: { formId: FormId }) {
  return (
    <div className="record-form ui-controls not-content" data-record-form={formId}>
      <p className="rf-loading" role="status">
        表單載入中…
      </p>
    </div>
  );
}

function LoadFailed({ formId }: { formId: FormId }) {
  return (
    <div className="record-form ui-controls" data-record-form={formId}>
      <p className="ui-notice ui-notice--error" role="alert">
        表單載入失敗，請重新載入此頁。仍然失敗時，可先列印空白表以紙本填寫。
      </p>
    </div>
  );
}

function RecordFormView({ formId, procedureRevision, embedded = false, draftScope, onChecked, form }: RecordFormProps & { form: LoadedForm }) {
  const { definition, validator } = form;
  const x = definition.meta;
  const idPrefix = `rf-${formId}`;
  // Set once this runs in the browser (data-ready; until then data-hydrating, which the 简体 pages'
  // converter waits for, since hydration would put its converted text back).
  const hydrated = useHydrated();
  const [formKey, setFormKey] = useState(0);
  const [submitted, setSubmitted] = useState(false);
  const [completed, setCompleted] = useState<RecordEnvelope | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [monthlyOpen, setMonthlyOpen] = useState(false);

  const formRef = useRef<Form>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const draftsHeadingRef = useRef<HTMLHeadingElement>(null);
  const completeRef = useRef<HTMLHeadingElement>(null);
  const noticeSeq = useRef(0);

  const say = useCallback((kind: Notice['kind'], text: string, details?: string[]) => {
    noticeSeq.current += 1;
    setNotice({ kind, text, details, seq: noticeSeq.current });
  }, []);

  const onReplace = useCallback(() => {
    setFormKey((k) => k + 1);
    setSubmitted(false);
    setCompleted(null);
  }, []);
  const record = useRecordDraft(form, onReplace, draftScope);
  const { data, flushSave, markDirty, updateData } = record;

  const uiSchema = useMemo<UiSchema>(() => ({ ...validator.uiSchema, 'ui:submitButtonOptions': { submitText: SUBMIT_TEXT } }), [validator]);
  const schemaForRjsf = useMemo(() => renderSchema(validator.schema), [validator]);
  const rjsfValidator = useMemo(() => pruningValidator(validator.rjsf, validator.schema), [validator]);

  const onChange = useCallback(
    (e: IChangeEvent) => {
      if (updateData((e.formData ?? {}) as Record<string, unknown>)) setCompleted(null);
    },
    [updateData],
  );

  // Typing in the PDF panel or a dialog (certificate password, signer's name) is not the record.
  const markDirtyFrom = useCallback(
    (e: SyntheticEvent) => {
      if (!(e.target as Element).closest?.('[data-pdf-panel], dialog')) markDirty();
    },
    [markDirty],
  );

  const onSubmit = useCallback(
    (e: IChangeEvent) => {
      setSubmitted(true);
      const raw = (e.formData ?? {}) as Record<string, unknown>;
      const env = envelopeFor(x, plainData(deriveRecord(x, pruneEmpty(validator.schema, raw)).data), procedureRevision);
      setCompleted(env);
      flushSave();
      onChecked?.(env.data, true);
      requestAnimationFrame(() => completeRef.current?.focus());
    },
    [flushSave, formId, procedureRevision, validator, onChecked, x],
  );

  const onError = useCallback(
    (_errors: RJSFValidationError[]) => {
      setSubmitted(true);
      onChecked?.(record.current(), false);
    },
    [onChecked, record.current],
  );

  const focusOnFirstError = useCallback(
    (error: RJSFValidationError) => {
      const root = wrapRef.current?.querySelector('form') ?? document;
      focusField(errorFieldId(error, idPrefix), root);
    },
    [idPrefix],
  );

  // ----- toolbar actions -----

  const fillExample = () => {
    if (record.hasContent()) {
      const ok = window.confirm(`目前表單已有填寫內容。填入範例會覆蓋這些內容。\n確定要填入《${x.title}》的範例嗎？`);
      if (!ok) return;
    }
    record.replaceInDraft(structuredClone(definition.example ?? {}));
    say('info', '已填入範例記錄（僅供培訓，人物及內容均屬虛構）。');
  };

  const newRecord = () => {
    const hadContent = record.hasContent();
    record.startRecord({}, false);
    say('info', hadContent ? '已開始新記錄。先前填寫的內容已保存在「已保存的草稿」。' : '已開始新記錄。');
  };

  const exportJson = async () => {
    const result = validator.validate(record.current());
    if (!result.valid) {
      setSubmitted(true);
      formRef.current?.validateForm();
      say('error', `記錄尚未通過檢查（${result.errors.length} 項），未能匯出。請按表單頂部的錯誤清單修正後再匯出。`);
      return;
    }
    const { buildRecordEnvelope, exportRecordText, recordFileName } = await envelopes();
    const env = buildRecordEnvelope(formId, record.current(), { procedureRevision });
    const name = recordFileName(env);
    downloadFile(name, exportRecordText(env), 'application/json;charset=utf-8');
    say('success', `已匯出記錄檔「${name}」。`);
  };

  const importFile = async (file: File) => {
    // Refused before reading: a 50 MB file must not be loaded at all.
    const tooLarge = recordFileTooLarge(file.size);
    if (tooLarge) {
      say('error', `未能匯入「${file.name}」：${tooLarge}。目前表單內容未有改動。`);
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      say('error', `未能讀取「${file.name}」。目前表單內容未有改動。`);
      return;
    }
    const { parseRecordFile } = await envelopes();
    const result = parseRecordFile(bytes, formId, validator, procedureRevision);
    if (!result.ok) {
      say('error', `未能匯入「${file.name}」：${result.error}。目前表單內容未有改動。`, result.errors.map((e) => e.message));
      return;
    }
    const hadContent = record.hasContent();
    record.startRecord(result.record.data, true);
    const no = result.record.data[x.recordNumberField];
    say(
      'success',
      `已匯入「${file.name}」${typeof no === 'string' && no ? `（${no}）` : ''}。${hadContent ? '先前填寫的內容已保存在「已保存的草稿」。' : ''}`,
      result.warnings,
    );
  };

  const applyMonthly = async (stats: Record<string, unknown>, report: MonthlyReport) => {
    markDirty();
    // Loaded with the monthly panel (it imports the same module), not before the first input.
    const { mergeMonthlyStats } = await import('../../lib/record/monthly.ts');
    record.replaceInDraft(mergeMonthlyStats(record.current(), stats));
    say('success', `已由 ${report.included.length} 份記錄計算 ${report.month} 的統計${report.ignored.length ? `，另有 ${report.ignored.length} 份未計入（見上面的說明）` : ''}。請填寫分析及改進措施。`);
  };

  // ----- drafts -----

  const resumeDraft = (d: Draft) => {
    record.resumeDraft(d);
    say('info', `已載入草稿「${d.label}」（最後保存 ${localDateTime(d.updatedAt)}）。`);
    requestAnimationFrame(() => {
      const first = wrapRef.current?.querySelector<HTMLElement>('form input:not([type=hidden]):not([readonly]), form select, form textarea');
      first?.focus();
    });
  };

  const deleteDraft = (d: Draft) => {
    const ok = window.confirm(`確定刪除草稿「${d.label}」（最後保存 ${localDateTime(d.updatedAt)}）？\n刪除後無法復原。`);
    if (!ok) return;
    if (!record.deleteDraft(d)) return;
    say('info', `已刪除草稿「${d.label}」。`);
    requestAnimationFrame(() => draftsHeadingRef.current?.focus());
  };

  const formContext = useMemo(() => ({ headingLevel: embedded ? 3 : 2 }), [embedded]);
  // The form is one element kept between renders: the wrapper's own state (hydrated, save status, notices)
  // re-renders the wrapper, not every field of the form.
  const formElement = useMemo(
    () => (
      <Form
        key={`form-${formKey}`}
        ref={formRef}
        {...validator.formProps}
        schema={schemaForRjsf!}
        validator={rjsfValidator}
        uiSchema={uiSchema}
        templates={templates}
        fields={fields}
        widgets={widgets}
        translateString={translateZhTW}
        idPrefix={idPrefix}
        formContext={formContext}
        className="rf-form"
        formData={data}
        onChange={onChange}
        onSubmit={onSubmit}
        onError={onError}
        noHtml5Validate
        showErrorList="top"
        focusOnFirstError={focusOnFirstError}
        {...(submitted ? { liveValidate: 'onChange' as const } : {})}
      />
    ),
    [formKey, validator, schemaForRjsf, rjsfValidator, uiSchema, idPrefix, formContext, data, onChange, onSubmit, onError, focusOnFirstError, submitted],
  );

  const { otherDrafts, draftsOnLoad, persistent, saveStatus } = record;
  const H = embedded ? 'h3' : 'h2';

  return (
    <div
      className="record-form ui-controls not-content"
      data-record-form={formId}
      data-ready={hydrated ? 'true' : undefined}
      data-hydrating={hydrated ? undefined : 'true'}
      ref={wrapRef}
      onInputCapture={markDirtyFrom}
      onChangeCapture={markDirtyFrom}
      onClickCapture={(e) => {
        // Adding, moving or removing a row changes the record without an input event.
        if ((e.target as HTMLElement).closest?.('.rf-form button[type="button"]')) markDirty();
      }}
    >
        <>
          <div className="rf-toolbar" role="group" aria-label="記錄操作">
            <button type="button" className="ui-button" onClick={newRecord}>
              新記錄
            </button>
            <button type="button" className="ui-button" onClick={fillExample}>
              填入範例
            </button>
            <button type="button" className="ui-button" onClick={exportJson}>
              匯出記錄（JSON）
            </button>
            <button type="button" className="ui-button" onClick={() => fileRef.current?.click()}>
              匯入記錄
            </button>
            <input
              ref={fileRef}
              type="file"
              accept=".json,application/json"
              hidden
              aria-hidden="true"
              tabIndex={-1}
              data-import-input
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void importFile(file);
              }}
            />
            {isStatsForm(formId) && (
              <button
                type="button"
                className="ui-button"
                aria-expanded={monthlyOpen}
                aria-controls={`${idPrefix}-monthly`}
                onClick={() => setMonthlyOpen((o) => !o)}
              >
                由記錄計算
              </button>
            )}
          </div>

          {/* One line that the server renders too: drafts found in this browser are announced here and
              listed below the form, since a list inserted above it would push the form down. */}
          <p className="rf-save-status" aria-live="polite" data-save-status>
            {saveStatus ||
              (draftsOnLoad && otherDrafts.length > 0 ? (
                <>
                  這部電腦保存了 {otherDrafts.length} 份未完成的草稿：<a href={`#${idPrefix}-drafts-title`}>見表單下面的「已保存的草稿」</a>。
                </>
              ) : persistent ? (
                '草稿會在你填寫時自動保存在這部電腦的瀏覽器內。'
              ) : (
                '此瀏覽器不允許網站保存資料，見表單下面的說明。'
              ))}
          </p>

          {notice && (
            <div
              key={`notice-${notice.seq}`}
              className={`ui-notice ui-notice--${notice.kind}`}
              role={notice.kind === 'error' ? 'alert' : 'status'}
              data-notice={notice.kind}
            >
              <p>{notice.text}</p>
              {notice.details && notice.details.length > 0 && (
                <ul>
                  {notice.details.map((t, i) => (
                    <li key={i}>{t}</li>
                  ))}
                </ul>
              )}
              <button type="button" className="ui-button ui-button--small" onClick={() => setNotice(null)}>
                關閉訊息
              </button>
            </div>
          )}

          {isStatsForm(formId) && (
            <div id={`${idPrefix}-monthly`} hidden={!monthlyOpen}>
              {monthlyOpen && (
                <Suspense fallback={<p className="rf-loading">載入中…</p>}>
                  <MonthlyPanel formId={formId} initialMonth={typeof data.month === 'string' ? data.month : undefined} onComputed={applyMonthly} />
                </Suspense>
              )}
            </div>
          )}

          <RequiredNote />

          {formElement}

          {(otherDrafts.length > 0 || !persistent) && (
            <DraftList
              ref={draftsHeadingRef}
              idBase={idPrefix}
              drafts={otherDrafts}
              prominent={draftsOnLoad}
              persistent={persistent}
              formTitle={x.title}
              headingLevel={embedded ? 3 : 2}
              onResume={resumeDraft}
              onDiscard={deleteDraft}
            />
          )}

          {completed && (
            <section className="rf-complete" aria-labelledby={`${idPrefix}-complete-title`} data-complete>
              <H id={`${idPrefix}-complete-title`} className="rf-section-title" tabIndex={-1} ref={completeRef}>
                記錄已通過檢查
              </H>
              <p>
                《{x.title}》{typeof completed.data[x.recordNumberField] === 'string' ? `（${String(completed.data[x.recordNumberField])}）` : ''}
                符合 {x.procedureNumber} 版本/改次 {procedureRevision} 的規則。記錄只在這部電腦內，請匯出保存：
              </p>
              <div className="rf-toolbar">
                <button type="button" className="ui-button ui-button--primary" onClick={exportJson}>
                  匯出記錄（JSON）
                </button>
              </div>
              {RecordPdfPanel && (
                <Suspense fallback={<p className="rf-loading">PDF 匯出功能載入中…</p>}>
                  <RecordPdfPanel formId={formId} envelope={completed} />
                </Suspense>
              )}
            </section>
          )}
        </>
    </div>
  );
}
