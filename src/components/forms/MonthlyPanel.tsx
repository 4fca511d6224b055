/**
 * 「由記錄計算」 for the two monthly-statistics forms: the user picks the month and the month's exported
 * record files (業戶意見受理表 / 回訪用戶記錄表); the counts are computed in the browser by
 * src/lib/record/monthly.ts and handed to the form, which keeps the analysis text editable.
 * Files are read locally; nothing is uploaded.
 */
import { useId, useState, type FormEvent } from 'react';
import { complaintMonthlyStats, followUpMonthlyStats, type MonthlyResult } from '../../lib/record/monthly.ts';
import { getFormMeta } from '../../lib/forms/definition/index.ts';
import FileInput from '../FileInput.tsx';

export type StatsFormId = 'complaint-monthly-stats' | 'follow-up-monthly-stats';

export interface MonthlyReport {
  month: string;
  included: string[];
  ignored: string[];
  notes: string[];
}

interface Props {
  formId: StatsFormId;
  initialMonth?: string;
  onComputed(stats: Record<string, unknown>, report: MonthlyReport): void;
}

function currentMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export default function MonthlyPanel({ formId, initialMonth, onComputed }: Props) {
  const id = useId();
  const source = getFormMeta(formId).computedFrom!;
  const sourceTitle = getFormMeta(source).title;
  const [month, setMonth] = useState(initialMonth && /^\d{4}-\d{2}$/.test(initialMonth) ? initialMonth : currentMonth());
  const [files, setFiles] = useState<File[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<MonthlyReport | null>(null);
  const [busy, setBusy] = useState(false);

  async function compute(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setReport(null);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
      setProblem('請選擇統計月份（YYYY-MM）。');
      return;
    }
    if (files.length === 0) {
      setProblem(`請選擇至少一個匯出的《${sourceTitle}》記錄檔（JSON）。`);
      return;
    }
    setBusy(true);
    try {
      const records: unknown[] = [];
      const names: string[] = [];
      const unreadable: string[] = [];
      for (const file of files) {
        try {
          records.push(JSON.parse((await file.text()).replace(/^\uFEFF/, '')));
          names.push(file.name);
        } catch {
          unreadable.push(`${file.name}：檔案不是有效的 JSON，未計入`);
        }
      }
      const result: MonthlyResult<object> =
        formId === 'complaint-monthly-stats' ? complaintMonthlyStats(records, month) : followUpMonthlyStats(records, month);
      const r: MonthlyReport = {
        month,
        included: result.included,
        ignored: [...unreadable, ...result.ignored.map((i) => `${names[i.index] ?? ''}：${i.reason}`)],
        notes: result.notes,
      };
      setReport(r);
      onComputed(result.data as Record<string, unknown>, r);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="rf-monthly" onSubmit={compute} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`} className="rf-subsection-title">
        由《{sourceTitle}》記錄計算
      </h3>
      <p className="rf-muted">
        選擇月份及該月匯出的《{sourceTitle}》記錄檔（可多選）。檔案只在這部電腦內讀取，不會上傳。計算結果會填入下面的統計欄位；分析及改進措施仍須由你填寫。
      </p>
      <div className="rf-monthly-fields">
        <div className="rf-field">
          <label className="ui-label" htmlFor={`${id}-month`}>
            統計月份
          </label>
          <input id={`${id}-month`} type="month" value={month} onChange={(e) => setMonth(e.target.value)} required />
        </div>
        <div className="rf-field">
          <label className="ui-label" htmlFor={`${id}-files`}>
            記錄檔（JSON，可多選）
          </label>
          <FileInput
            id={`${id}-files`}
            buttonText="選擇記錄檔…"
            multiple
            accept=".json,application/json"
            onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
          />
        </div>
      </div>
      <button type="submit" className="ui-button ui-button--primary" disabled={busy}>
        計算統計
      </button>
      {problem && (
        <p className="ui-notice ui-notice--error" role="alert">
          {problem}
        </p>
      )}
      {report && (
        <div className="ui-notice ui-notice--success" role="status" data-monthly-report>
          <p>
            已計算 {report.month}：共計入 {report.included.length} 份記錄
            {report.included.length > 0 && `（${report.included.join('、')}）`}。
          </p>
          {report.ignored.length > 0 && (
            <>
              <p>未計入 {report.ignored.length} 份：</p>
              <ul>
                {report.ignored.map((t, i) => (
                  <li key={i}>{t}</li>
                ))}
              </ul>
            </>
          )}
          {report.notes.length > 0 && (
            <>
              <p>注意：</p>
              <ul>
                {report.notes.map((t, i) => (
                  <li key={i}>{t}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </form>
  );
}
