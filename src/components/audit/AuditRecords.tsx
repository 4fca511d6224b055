/**
 * The /audit/ island: choose a folder (or many files) of record PDFs; a Web Worker audits them
 * (src/lib/audit/) with a progress bar while this page stays responsive; then the summary, a filter by
 * problem kind, the table (a card per file on a phone) and CSV / PDF downloads. Nothing is uploaded.
 */
import { startTransition, useEffect, useId, useRef, useState } from 'react';
import FileInput from '../FileInput.tsx';
import { downloadFile } from '../download.ts';
import { errorText, fileBytes } from '../pdf/pdf-runtime.ts';
import type { RegisterRevision } from '../../lib/documents/register.ts';
import { addAuditorCaFile, readAuditorCas, type AuditorCa } from '../../lib/pdf/auditor-trust.ts';
import { PROBLEM_KINDS, PROBLEM_LABELS, filterRows, type AuditFilter, type AuditReport } from '../../lib/audit/kinds.ts';
import { localDate } from '../../lib/audit/period.ts';
import { COLUMN_LABELS, auditCsv, rowText, summaryLines } from '../../lib/audit/text.ts';
import type { AuditMessage, AuditRequest } from './audit-worker.ts';

interface Props {
  trust: string[];
  register: RegisterRevision[];
}

/** Rows drawn at a time: a thousand table rows at once would block the page. */
const PAGE_ROWS = 100;
const SHOWN: (keyof typeof COLUMN_LABELS)[] = ['file', 'form', 'recordNumber', 'recordDate', 'revision', 'signatures', 'missingSigners', 'retention', 'problems'];

export default function AuditRecords({ trust, register }: Props) {
  const id = useId().replace(/:/g, '');
  const [ready, setReady] = useState(false);
  const [cas, setCas] = useState<AuditorCa[]>([]);
  const [today, setToday] = useState(() => localDate());
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<AuditReport | null>(null);
  const [filter, setFilter] = useState<AuditFilter>('all');
  const [limit, setLimit] = useState(PAGE_ROWS);
  const [error, setError] = useState('');
  const [busyPdf, setBusyPdf] = useState(false);
  const worker = useRef<Worker | null>(null);

  useEffect(() => {
    setCas(readAuditorCas(window.localStorage));
    setReady(true);
    return () => worker.current?.terminate();
  }, []);

  function run(list: FileList | null) {
    const files = [...(list ?? [])].filter((f) => !f.name.startsWith('.'));
    setError('');
    if (files.length === 0) {
      setError('所選的位置沒有檔案。');
      return;
    }
    worker.current?.terminate();
    const w = new Worker(new URL('./audit-worker.ts', import.meta.url), { type: 'module', name: 'audit' });
    worker.current = w;
    const post = (m: AuditRequest, transfer: Transferable[] = []) => w.postMessage(m, transfer);
    setReport(null);
    setFilter('all');
    setLimit(PAGE_ROWS);
    setProgress({ done: 0, total: files.length });
    // Transitions: React renders the progress and the table in slices, so the page keeps answering.
    w.onmessage = (e: MessageEvent<AuditMessage>) => {
      const m = e.data;
      if (m.type === 'need') {
        const reply = (buffer: ArrayBuffer | null) => post({ type: 'bytes', index: m.index, buffer }, buffer ? [buffer] : []);
        files[m.index].arrayBuffer().then(reply, () => reply(null));
      } else if (m.type === 'progress') startTransition(() => setProgress({ done: m.done, total: m.total }));
      else {
        startTransition(() => {
          if (m.type === 'done') setReport(m.report);
          else if (m.type === 'error') setError(m.message);
          setProgress(null);
        });
        w.terminate();
      }
    };
    w.onerror = () => {
      setError('稽核程式未能載入，請檢查網絡連線後重新載入此頁。');
      setProgress(null);
    };
    // The file's path inside a chosen folder, else its name.
    post({ type: 'start', names: files.map((f) => f.webkitRelativePath || f.name), trust: [...trust, ...cas.map((c) => c.pem)], register, today });
  }

  async function addCa(file: File) {
    setError('');
    try {
      setCas(await addAuditorCaFile(window.localStorage, await fileBytes(file)));
    } catch (e) {
      setError(`未能加入「${file.name}」：${errorText(e, '不是憑證檔')}`);
    }
  }

  function exportPdf(r: AuditReport) {
    setError('');
    setBusyPdf(true);
    // Drawn in a worker too: a thousand rows take seconds of layout and font subsetting.
    const w = new Worker(new URL('./audit-worker.ts', import.meta.url), { type: 'module', name: 'audit-pdf' });
    const done = (message?: string) => {
      if (message) setError(message);
      setBusyPdf(false);
      w.terminate();
    };
    w.onmessage = (e: MessageEvent<AuditMessage>) => {
      const m = e.data;
      if (m.type === 'pdf') {
        downloadFile('記錄稽核報告.pdf', m.bytes, 'application/pdf');
        done();
      } else if (m.type === 'error') done(m.message);
    };
    w.onerror = () => done('未能產生 PDF，請檢查網絡連線後重新載入此頁。');
    const request: AuditRequest = { type: 'pdf', report: r };
    w.postMessage(request);
  }

  const rows = report ? filterRows(report.rows, filter) : [];
  const busy = progress !== null;
  return (
    <div className="audit not-content" data-audit-ready={ready ? 'true' : undefined}>
      <div className="ui-controls audit-inputs">
        <p>
          <label htmlFor={`${id}-today`}>判斷保存期限的日期</label>{' '}
          <input id={`${id}-today`} type="date" value={today} onChange={(e) => setToday(e.currentTarget.value || localDate())} disabled={busy} data-audit-today />
        </p>
        <p data-audit-trust-count>
          信任的憑證機構：公司清單 {trust.length} 個{cas.length > 0 ? `，另加 ${cas.length} 個（${cas.map((c) => c.name).join('、')}，只存於此瀏覽器）` : ''}
        </p>
        <p className="audit-trust">
          <FileInput
            id={`${id}-ca`}
            buttonText="加入信任的憑證機構…"
            accept=".pem,.crt,.cer,.der"
            disabled={busy}
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (f) void addCa(f);
            }}
            data-audit-ca
          />
        </p>
        <p>
          <FileInput id={`${id}-folder`} buttonText="選擇資料夾…" multiple disabled={busy} {...{ webkitdirectory: '' }} onChange={(e) => run(e.currentTarget.files)} data-audit-folder />{' '}
          <FileInput id={`${id}-files`} buttonText="選擇檔案…" multiple disabled={busy} onChange={(e) => run(e.currentTarget.files)} data-audit-files />
        </p>
      </div>
      <div role="status" aria-live="polite" className="audit-progress">
        {progress && (
          <>
            <label htmlFor={`${id}-progress`}>
              正在稽核第 {progress.done} / {progress.total} 個檔案…
            </label>
            <progress id={`${id}-progress`} max={progress.total} value={progress.done} data-audit-progress />
          </>
        )}
      </div>
      {error && (
        <p className="ui-notice ui-notice--error" role="alert" data-audit-error>
          {error}
        </p>
      )}
      {report && (
        <section aria-labelledby={`${id}-result`} data-audit-result>
          <h2 id={`${id}-result`}>稽核結果</h2>
          <ul data-audit-summary>
            {summaryLines(report).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p>
            <button type="button" className="ui-button ui-button--primary" onClick={() => downloadFile('記錄稽核.csv', auditCsv(report), 'text/csv;charset=utf-8')} data-audit-csv>
              下載 CSV
            </button>{' '}
            <button type="button" className="ui-button" onClick={() => exportPdf(report)} disabled={busyPdf} data-audit-pdf>
              {busyPdf ? '正在產生 PDF…' : '下載稽核報告 PDF（可簽署）'}
            </button>
          </p>
          <p>
            <label htmlFor={`${id}-filter`}>顯示</label>{' '}
            <select
              id={`${id}-filter`}
              value={filter}
              onChange={(e) => {
                setFilter(e.currentTarget.value as AuditFilter);
                setLimit(PAGE_ROWS);
              }}
              data-audit-filter
            >
              <option value="all">全部檔案（{report.summary.files}）</option>
              <option value="problems">有問題的檔案（{report.summary.withProblems}）</option>
              <option value="clean">沒有問題的檔案（{report.summary.clean}）</option>
              {PROBLEM_KINDS.filter((k) => report.summary.byKind[k] > 0).map((k) => (
                <option key={k} value={k}>
                  {PROBLEM_LABELS[k]}（{report.summary.byKind[k]}）
                </option>
              ))}
            </select>
          </p>
          <div className="reflow-wrap">
            <table className="reflow audit-table" data-audit-table>
              <thead>
                <tr>
                  {SHOWN.map((k) => (
                    <th scope="col" key={k}>
                      {COLUMN_LABELS[k]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, limit).map((row) => {
                  const t = rowText(row);
                  return (
                    <tr key={row.file} data-file={row.file} data-problems={row.problems.map((p) => p.kind).join(' ')}>
                      {SHOWN.map((k) => (
                        <td key={k} data-label={COLUMN_LABELS[k]} className={k === 'problems' && row.problems.length ? 'audit-problem' : undefined}>
                          {k === 'problems' && row.problems.length ? (
                            <ul>
                              {row.problems.map((p, i) => (
                                <li key={i}>
                                  <strong>{PROBLEM_LABELS[p.kind]}</strong>：{p.text}
                                </li>
                              ))}
                            </ul>
                          ) : (
                            t[k]
                          )}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {rows.length > limit && (
            <p>
              <button type="button" className="ui-button" onClick={() => setLimit((n) => n + PAGE_ROWS)} data-audit-more>
                再顯示 {Math.min(PAGE_ROWS, rows.length - limit)} 個（已顯示 {limit} / {rows.length}）
              </button>
            </p>
          )}
        </section>
      )}
    </div>
  );
}
