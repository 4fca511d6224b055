/**
 * The supervisors' training matrix: choose a folder (or files) of acknowledgement PDFs; each is verified in
 * this browser against the company's trust list, then the matrix shows staff × procedures. Nothing is
 * uploaded. Exports CSV.
 */
import { useId, useState } from 'react';
import FileInput from '../FileInput.tsx';
import { useHydrated } from '../use-hydrated.ts';
import { downloadFile } from '../download.ts';
import { errorText, fileBytes, loadVerifyLib, pageFonts } from '../pdf/pdf-runtime.ts';
import type { RegisterRevision } from '../../lib/documents/register.ts';
import { buildMatrix, CELL_LABELS, cellText, matrixCsv, matrixTotals, type Matrix, type MatrixProcedure, type VerifiedFile } from '../../lib/training/matrix.ts';
import { verifiedFile } from '../../lib/training/matrix-files.ts';
import { recordFormDefinition } from '../../lib/forms/definition/index.ts';

interface Props {
  procedures: MatrixProcedure[];
  trust: string[];
  register: RegisterRevision[];
}

export default function TrainingMatrix({ procedures, trust, register }: Props) {
  const id = useId().replace(/:/g, '');
  const hydrated = useHydrated();
  const [matrix, setMatrix] = useState<Matrix | null>(null);
  const [progress, setProgress] = useState('');
  const [error, setError] = useState('');

  async function read(list: FileList | null) {
    const files = [...(list ?? [])].filter((f) => /\.pdf$/i.test(f.name));
    setError('');
    if (files.length === 0) {
      setError('所選的位置沒有 PDF 檔。');
      return;
    }
    try {
      const lib = await loadVerifyLib();
      const verified: VerifiedFile[] = [];
      for (const [i, f] of files.entries()) {
        setProgress(`正在驗證第 ${i + 1} / ${files.length} 個檔案：${f.name}`);
        const name = f.webkitRelativePath || f.name;
        try {
          // With the records' forms, so the signer is compared with the trainee the file names.
          verified.push(verifiedFile(name, await lib.verifyPdf(await fileBytes(f), { trust, register, forms: recordFormDefinition })));
        } catch (e) {
          verified.push({ file: name, accepted: false, reason: errorText(e, '無法讀取此 PDF') });
        }
      }
      setMatrix(buildMatrix(procedures, verified));
    } catch (e) {
      setError(errorText(e, '未能載入驗證功能，請重新載入此頁。'));
    } finally {
      setProgress('');
    }
  }

  async function exportPdf(m: Matrix) {
    setError('');
    setProgress('正在產生 PDF…（首次匯出須下載字型，約需數秒）');
    try {
      // The PDF code and fonts load only when asked for.
      const { matrixPdf } = await import('../../lib/training/matrix-pdf.ts');
      downloadFile('培訓矩陣.pdf', await matrixPdf(m, pageFonts()), 'application/pdf');
    } catch (e) {
      setError(errorText(e, '未能產生 PDF，請再試一次。'));
    } finally {
      setProgress('');
    }
  }

  const totals = matrix ? matrixTotals(matrix) : null;
  return (
    <div className="training-matrix" data-matrix-ready={hydrated ? 'true' : undefined}>
      <div className="ui-controls training-matrix-inputs">
        <FileInput
          id={`${id}-folder`}
          buttonText="選擇資料夾…"
          multiple
          {...{ webkitdirectory: '' }}
          onChange={(e) => void read(e.currentTarget.files)}
          data-matrix-folder
        />
        <FileInput id={`${id}-files`} buttonText="選擇檔案…" multiple accept="application/pdf,.pdf" onChange={(e) => void read(e.currentTarget.files)} data-matrix-files />
      </div>
      <p role="status" aria-live="polite" className="file-input-status">
        {progress}
      </p>
      {error && (
        <p className="ui-notice ui-notice--error" role="alert">
          {error}
        </p>
      )}
      {matrix && totals && (
        <section aria-labelledby={`${id}-result`} data-matrix>
          <h2 id={`${id}-result`}>培訓矩陣（{matrix.rows.length} 名員工）</h2>
          <p>
            <button
              type="button"
              className="ui-button ui-button--primary"
              onClick={() => downloadFile('培訓矩陣.csv', matrixCsv(matrix), 'text/csv;charset=utf-8')}
              data-matrix-csv
            >
              匯出 CSV
            </button>{' '}
            <button type="button" className="ui-button" onClick={() => void exportPdf(matrix)} data-matrix-pdf>
              匯出 PDF
            </button>
          </p>
          <div className="training-matrix-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-result`}>
            <table>
              <thead>
                <tr>
                  <th scope="col">員工</th>
                  {matrix.procedures.map((p) => (
                    <th scope="col" key={p.procedure}>
                      {p.docNumber}
                      <br />
                      <small>現行 {p.revisions.at(-1)!.revision}</small>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {matrix.rows.map((row) => (
                  <tr key={row.staffNumber} data-staff={row.staffNumber}>
                    <th scope="row">
                      {row.name}
                      <br />
                      <small>{row.staffNumber}</small>
                    </th>
                    {matrix.procedures.map((p) => {
                      const cell = row.cells[p.procedure];
                      return (
                        <td key={p.procedure} data-procedure={p.procedure} data-state={cell.state} className={`training-cell-${cell.state}`}>
                          <strong>{CELL_LABELS[cell.state]}</strong>
                          {cell.revision && (
                            <>
                              <br />
                              <small>{cellText(cell).split('；').slice(1).join('；')}</small>
                            </>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">已完成</th>
                  {matrix.procedures.map((p) => (
                    <td key={p.procedure}>
                      {totals[p.procedure].current + totals[p.procedure].carried} / {matrix.rows.length}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
          {matrix.rejected.length > 0 && (
            <>
              <h3>未計入的檔案（{matrix.rejected.length} 個）</h3>
              <ul data-rejected>
                {matrix.rejected.map((r) => (
                  <li key={r.file} data-file={r.file}>
                    {r.file}：{r.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}
