/**
 * Pieces of a verification report shared by the verify and sign pages: the verdict box, the
 * record's identity and procedure revision standing, and the signature table. Pure display: the
 * report, its verdict and the per-signature wording come from verifyPdf (src/lib/pdf/verify/report.ts).
 */
import type { RecordIdentity, Verdict, VerifyReport } from '../../lib/pdf/index.ts';

export type DateFormat = (d: Date) => string;

export function VerdictBox({ verdict }: { verdict: Verdict }) {
  return (
    <div className={`pdf-verdict pdf-verdict--${verdict.kind}`} data-verdict={verdict.kind}>
      <p className="pdf-verdict-title">
        <span aria-hidden="true">{verdict.kind === 'ok' ? '✔ ' : verdict.kind === 'warn' ? '⚠ ' : '✖ '}</span>
        {verdict.title}
      </p>
      {verdict.lines.length > 0 && (
        <ul>
          {verdict.lines.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

const STANDING_CLASS: Record<string, string> = {
  effective: 'ok',
  superseded: 'warn',
  draft: 'warn',
  'in-review': 'warn',
  unknown: 'bad',
};

export function RecordIdentityList({ report, identity, fmt }: { report: VerifyReport; identity: RecordIdentity | null; fmt: DateFormat }) {
  const rev = report.revision;
  return (
    <dl className="pdf-facts" data-record-identity>
      {identity && (
        <>
          <div>
            <dt>表單</dt>
            <dd data-form>
              {identity.formNumber}
              {identity.formTitle ? `《${identity.formTitle}》` : ''}（版本 {identity.formRevision}）
            </dd>
          </div>
          <div>
            <dt>{identity.recordNumberTitle}</dt>
            <dd data-record-number>{identity.recordNumber ? <span translate="no">{identity.recordNumber}</span> : '（未填）'}</dd>
          </div>
          <div>
            <dt>匯出時間</dt>
            <dd>{Number.isNaN(Date.parse(identity.savedAt)) ? identity.savedAt : fmt(new Date(identity.savedAt))}</dd>
          </div>
        </>
      )}
      {rev && (
        <div>
          <dt>依據程序版本</dt>
          <dd>
            {rev.procedureNumber} 第 {rev.procedureRevision} 版：
            <span className={`pdf-badge pdf-badge--${STANDING_CLASS[rev.standing] ?? 'warn'}`} data-standing={rev.standing}>
              {rev.label}
            </span>
            {rev.onRecordDateLabel && (
              <>
                {' '}
                <span
                  className={`pdf-badge pdf-badge--${rev.inForceOnRecordDate ? 'ok' : 'warn'}`}
                  data-in-force-on-record-date={String(rev.inForceOnRecordDate)}
                >
                  {rev.onRecordDateLabel}（記錄日期 {rev.recordDate}）
                </span>
              </>
            )}
            {rev.entry && (
              <>
                {' '}
                <a href={rev.entry.path}>閱讀此版本</a>
              </>
            )}{' '}
            <a href="/register/">受控文件清單</a>
            {rev.standing === 'superseded' && (
              <small className="pdf-hint-inline">（記錄可能在該版本生效期間填寫；現行版本見受控文件清單）</small>
            )}
          </dd>
        </div>
      )}
    </dl>
  );
}

export function SignatureTable({ report, fmt, detailed }: { report: VerifyReport; fmt: DateFormat; detailed: boolean }) {
  if (report.signatures.length === 0) {
    return <p data-no-signatures>此文件沒有數位簽章。</p>;
  }
  return (
    <div className="pdf-table-wrap">
      <table className="pdf-table" data-signatures>
        <caption className="sr-only">數位簽章（按簽署先後）</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">簽署身分</th>
            <th scope="col">簽署人</th>
            <th scope="col">簽署時間</th>
            <th scope="col">狀態</th>
          </tr>
        </thead>
        <tbody>
          {report.signatures.map((s, i) => {
            const kind = s.tone;
            const explanation = s.explanation;
            return (
              <tr key={`${s.field}-${i}`} data-signature={s.field} data-status={s.status}>
                <td data-label="#">{i + 1}</td>
                <td data-label="簽署身分">{s.role}</td>
                <td data-label="簽署人" data-signer>{s.signerName ? <span translate="no">{s.signerName}</span> : '（不明）'}</td>
                <td data-label="簽署時間">{s.signingTime ? fmt(s.signingTime) : '（未註明）'}</td>
                <td data-label="狀態">
                  <span className={`pdf-badge pdf-badge--${kind}`} data-status-label>
                    {s.statusLabel}
                  </span>
                  {explanation && <div className="pdf-cell-note">{explanation}</div>}
                  {detailed && (s.problems.length > 0 || s.notes.length > 0 || s.certificate) && (
                    <ul className="pdf-cell-list">
                      {s.problems.map((p, k) => (
                        <li key={`p${k}`} className={s.intact ? undefined : 'pdf-problem'}>
                          {p}
                        </li>
                      ))}
                      {s.notes.map((n, k) => (
                        <li key={`n${k}`}>註：{n}</li>
                      ))}
                      {s.certificate && (
                        <>
                          <li>
                            憑證：<span translate="no">{s.certificate.subject}</span>
                            {s.certificate.selfSigned ? '（自簽憑證）' : ''}；簽發者：{s.certificate.issuer}；有效期 {fmt(s.certificate.notBefore)} 至{' '}
                            {fmt(s.certificate.notAfter)}
                          </li>
                          <li data-chain>
                            憑證鏈：
                            {s.certificate.chain.map((c, k) => (
                              <span key={k}>
                                {k > 0 && ' ← '}
                                <span translate="no">{c.subject}</span>
                                {c.selfSigned ? '（自簽憑證）' : ''}
                              </span>
                            ))}
                            {s.chainTrusted ? '（止於信任的憑證機構）' : '（未連到信任的憑證機構）'}
                          </li>
                          <li data-fingerprint>
                            SHA-256 指紋：<code className="pdf-fingerprint">{s.certificate.sha256}</code>
                          </li>
                        </>
                      )}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
