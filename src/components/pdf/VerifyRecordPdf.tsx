/**
 * The verify page island (for auditors): choose or drop a record PDF and see every signature, what
 * changed after signing, the embedded record as a table, and how its procedure revision stands in
 * the register. Everything runs in the browser; the file is not uploaded.
 */
import { useEffect, useRef, useState } from 'react';
import { addAuditorCaFile, readAuditorCas, removeAuditorCa, type AuditorCa } from '../../lib/pdf/auditor-trust.ts';
import FileInput from '../FileInput.tsx';
import type { RegisterRevision } from '../../lib/documents/register.ts';
import { useMessages } from './Messages.tsx';
import PdfFilePicker from './PdfFilePicker.tsx';
import { RecordIdentityList, SignatureTable, VerdictBox } from './ReportParts.tsx';
import { inspectPdf, unreadableText, type InspectedFile } from './inspect.ts';
import { useHydrated } from '../use-hydrated.ts';
import { fileBytes, sizeText } from './pdf-runtime.ts';

export interface VerifyRecordPdfProps {
  /** PEM certificates of the CAs the company trusts (trust/company-ca.json). */
  trust: string[];
  register: RegisterRevision[];
}

export default function VerifyRecordPdf({ trust, register }: VerifyRecordPdfProps) {
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<InspectedFile | null>(null);
  const { message: error, say, clear } = useMessages();
  const resultRef = useRef<HTMLHeadingElement>(null);
  const hydrated = useHydrated();
  // CA certificates this auditor added (kept in this browser only).
  const [extraCas, setExtraCas] = useState<AuditorCa[]>([]);
  const [caError, setCaError] = useState<string | null>(null);
  useEffect(() => setExtraCas(readAuditorCas(window.localStorage)), []);

  const verify = async (bytes: Uint8Array, fileName: string, cas: AuditorCa[]) => {
    setBusy(true);
    clear();
    setShown(null);
    try {
      setShown({ ...(await inspectPdf(bytes, [...trust, ...cas.map((c) => c.pem)], register)), fileName });
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch (e) {
      say('error', `未能驗證「${fileName}」：${unreadableText(e)}`);
    } finally {
      setBusy(false);
    }
  };
  const check = async (file: File) => verify(await fileBytes(file), file.name, extraCas);
  const changeCas = (next: AuditorCa[]) => {
    setExtraCas(next);
    if (shown) void verify(shown.bytes, shown.fileName, next);
  };
  const addCa = async (file: File) => {
    setCaError(null);
    try {
      changeCas(await addAuditorCaFile(window.localStorage, await fileBytes(file)));
    } catch (e) {
      setCaError(`未能加入「${file.name}」：${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const r = shown?.report;
  const verdict = r?.verdict ?? null;

  return (
    <div className="ui-controls pdf-ui pdf-verify not-content" data-verify-ready={hydrated ? 'true' : undefined}>
      {trust.length === 0 && (
        <p className="ui-notice ui-notice--info" data-trust-empty>
          公司信任的憑證機構清單目前是空的：任何簽章都會顯示「憑證不受信任」。簽章是否完整（文件有否被修改）仍會照常檢查。
        </p>
      )}
      <fieldset className="pdf-trust" data-auditor-trust>
        <legend>額外信任的憑證機構（只存於此瀏覽器）</legend>
        <p className="pdf-hint">
          查核時可選擇憑證機構的憑證檔（PEM 或 DER），由它簽發的簽章即視為受信任。憑證只保存在這部電腦的瀏覽器內，不會上載。
        </p>
        <FileInput
          id="verify-ca"
          buttonText="選擇憑證機構憑證檔…"
          accept=".pem,.crt,.cer,.der"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void addCa(f);
            e.target.value = '';
          }}
          data-ca-input
        />
        {caError && (
          <p className="ui-notice ui-notice--error" role="alert" data-ca-error>
            {caError}
          </p>
        )}
        {extraCas.length > 0 && (
          <ul data-auditor-cas>
            {extraCas.map((c, i) => (
              <li key={c.pem}>
                {c.name}{' '}
                <button type="button" className="ui-button ui-button--small" onClick={() => changeCas(removeAuditorCa(window.localStorage, i))}>
                  移除「{c.name}」
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <PdfFilePicker
        id="verify-pdf"
        label="選擇要驗證的記錄 PDF"
        hint="亦可把 PDF 拖放到此處。檔案只在這部電腦的瀏覽器內檢查，不會上載。"
        onFile={(f) => void check(f)}
        disabled={busy}
      />
      <p className="pdf-progress" role="status" aria-live="polite" data-pdf-progress>
        {busy ? '正在驗證…（首次使用需載入驗證程式）' : ''}
      </p>
      <div role="alert">
        {error && (
          <p key={error.seq} className="ui-notice ui-notice--error" data-verify-error>
            {error.text}
          </p>
        )}
      </div>

      {shown && r && verdict && (
        <section className="pdf-report" aria-labelledby="verify-result-title" data-report>
          <h2 id="verify-result-title" tabIndex={-1} ref={resultRef}>
            驗證結果：{shown.fileName}
          </h2>
          <p className="pdf-muted">
            檔案大小 {sizeText(r.fileLength)}（{r.fileLength.toLocaleString('zh-TW')} 位元組）。
          </p>
          <VerdictBox verdict={verdict} />

          {r.ours && (
            <>
              <h3>記錄</h3>
              <RecordIdentityList report={r} identity={shown.identity} fmt={shown.fmt} />

              <h3>數位簽章</h3>
              <SignatureTable report={r} fmt={shown.fmt} detailed />
              {r.unsignedFields.length > 0 && (
                <p data-unsigned>
                  未簽署的簽署欄：{r.unsignedFields.map((u) => u.role).join('、')}。
                </p>
              )}

              <h3>內容核對</h3>
              <ul className="pdf-integrity" data-content-checks>
                <li data-rules={r.rules ? (r.rules.valid ? 'valid' : 'broken') : 'unchecked'}>
                  {r.rules
                    ? r.rules.valid
                      ? '內嵌資料符合表單規則。'
                      : `記錄內容違反表單規則：${r.rules.errors.join('；')}`
                    : '未能重新檢查表單規則（本手冊沒有此表單）。'}
                </li>
                <li data-content={r.content ? (r.content.matches ? 'match' : 'mismatch') : 'unchecked'}>
                  {r.content
                    ? r.content.matches
                      ? '頁面顯示的內容與內嵌資料一致。'
                      : `內嵌資料與頁面內容不符：${r.content.differences.join('；')}`
                    : '未能比對頁面內容與內嵌資料（本手冊沒有此表單）。'}
                </li>
              </ul>

              <h3>文件完整性</h3>
              <ul className="pdf-integrity" data-integrity>
                {r.signatures.length === 0 ? (
                  <li>文件沒有數位簽章：無法證明內容在匯出後未被更改。</li>
                ) : (
                  <>
                    <li data-whole-document={r.lastSignatureCoversWholeDocument ? 'true' : 'false'}>
                      {r.lastSignatureCoversWholeDocument
                        ? '整份文件由最後一個簽章涵蓋：簽署後沒有再加入任何內容。'
                        : r.bytesAfterLastSignature > 0
                          ? `最後一個簽章之後，檔案另被加入 ${r.bytesAfterLastSignature.toLocaleString('zh-TW')} 位元組未經簽章的內容。`
                          : '沒有任何簽章涵蓋整份文件。'}
                    </li>
                    <li data-bytes-after={r.bytesAfterLastSignature}>
                      最後一個簽章之後加入的位元組：{r.bytesAfterLastSignature.toLocaleString('zh-TW')}
                      {r.changesAfterLastSignature.length > 0 && `（被更改：${r.changesAfterLastSignature.join('、')}）`}
                    </li>
                    {r.signatures.map((s, i) =>
                      !s.coversWholeDocument && s.intact && s.laterChanges.length === 0 && s.signedLength > 0 ? (
                        <li key={i}>
                          簽章 {i + 1}（{s.role}）只涵蓋文件的前 {s.signedLength.toLocaleString('zh-TW')} 位元組：其後的修訂只加上其他簽章，未更改已簽署的內容。
                        </li>
                      ) : null,
                    )}
                  </>
                )}
              </ul>

              <h3>記錄內容</h3>
              {shown.rows.length > 0 ? (
                <div className="pdf-table-wrap">
                  <table className="pdf-table pdf-record-table" data-record-table>
                    <caption className="sr-only">內嵌的記錄資料</caption>
                    <thead>
                      <tr>
                        <th scope="col">欄位</th>
                        <th scope="col">內容</th>
                      </tr>
                    </thead>
                    <tbody>
                      {shown.rows.map((row, i) => (
                        <tr key={i} className={row.heading ? 'pdf-row-heading' : undefined}>
                          <th scope="row" style={{ paddingInlineStart: `${0.5 + row.depth * 1.1}rem` }}>
                            {row.label}
                          </th>
                          {/* What the record holds is shown as held, also on the 简体 page. */}
                          <td>{row.value ? <span translate="no">{row.value}</span> : row.heading ? '' : <span className="pdf-empty">（空白）</span>}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : (
                <p>{r.recordError ?? '沒有記錄資料。'}</p>
              )}
              {r.record && (
                <details className="pdf-details">
                  <summary>原始記錄資料（JSON）</summary>
                  <pre className="pdf-json" tabIndex={0} aria-label="原始記錄資料（JSON）" data-raw-json translate="no">
                    {JSON.stringify(r.record, null, 2)}
                  </pre>
                </details>
              )}
            </>
          )}

          <details className="pdf-details">
            <summary>文字報告</summary>
            <ul className="pdf-summary" data-summary>
              {r.summary.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </details>
        </section>
      )}
    </div>
  );
}
