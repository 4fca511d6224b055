/**
 * Pieces of a verification report shared by the verify and sign pages: the verdict, the record's
 * identity and procedure revision standing, and the signature table. Pure display: the report
 * comes from verifyPdf (src/lib/pdf/verify.ts).
 */
import type { SignatureReport, VerifyReport } from '../../lib/pdf/index.ts';

export type DateFormat = (d: Date) => string;

export interface RecordIdentity {
  formTitle: string | null;
  formNumber: string;
  formRevision: string;
  recordNumberTitle: string;
  recordNumber: string | null;
  savedAt: string;
}

export interface Verdict {
  kind: 'ok' | 'warn' | 'bad';
  title: string;
  lines: string[];
}

const TRUST_GAP = '簽章完整，但憑證不在公司信任清單內';

/** Whether a signature's bytes and cryptography check out (whatever the certificate's standing). */
export function intact(s: SignatureReport): boolean {
  return s.digestMatches && s.signatureVerified && s.status !== 'altered' && s.status !== 'invalid';
}

export function verdictOf(r: VerifyReport): Verdict {
  if (!r.ours) {
    return { kind: 'bad', title: r.message ?? '此 PDF 不是本手冊產生的記錄', lines: ['檔案內沒有本手冊匯出時內嵌的記錄資料（form-data.json），無法核對其內容及簽章。'] };
  }
  const lines: string[] = [];
  const altered = r.signatures.filter((s) => s.status === 'altered');
  const invalid = r.signatures.filter((s) => s.status === 'invalid');
  if (altered.length > 0 || r.changesAfterLastSignature.length > 0 || r.bytesAfterLastSignature > 0) {
    if (altered.length > 0) lines.push(`${altered.map((s) => `「${s.role}」`).join('、')}的簽章顯示文件在簽署後被修改。`);
    if (r.bytesAfterLastSignature > 0) lines.push(`最後一個簽章之後，檔案另被加入 ${r.bytesAfterLastSignature} 位元組未經簽章的內容。`);
    return { kind: 'bad', title: '驗證未通過：文件於簽署後被修改', lines: [...lines, '請勿採信此文件，並向簽署人查證。'] };
  }
  if (invalid.length > 0) {
    return { kind: 'bad', title: '驗證未通過：簽章無效', lines: [...invalid.flatMap((s) => s.problems), '請勿採信此文件，並向簽署人查證。'] };
  }
  if (r.recordError) {
    return { kind: 'bad', title: '驗證未通過：內嵌的記錄資料無法讀取', lines: [r.recordError] };
  }
  const warn: string[] = [];
  const untrusted = r.signatures.filter((s) => s.status === 'untrusted');
  const expired = r.signatures.filter((s) => s.status === 'expired');
  if (untrusted.length > 0) warn.push(`${TRUST_GAP}：${untrusted.map((s) => `「${s.role}」（${s.signerName ?? '不明'}）`).join('、')}。文件內容自簽署後未被更改，但無法確認簽署人身分屬本公司。`);
  if (expired.length > 0) warn.push(`簽署時憑證已過期：${expired.map((s) => `「${s.role}」（${s.signerName ?? '不明'}）`).join('、')}。`);
  if (r.signatures.length === 0) warn.push('本文件未經數位簽章，無法證明內容在匯出後未被更改。');
  if (r.revision?.standing === 'unknown') warn.push(`記錄所依據的 ${r.revision.procedureNumber} 第 ${r.revision.procedureRevision} 版不在本手冊的受控文件清單內。`);
  if (warn.length > 0) {
    const title =
      untrusted.length > 0 && r.signatures.every((s) => intact(s))
        ? `驗證有保留：${TRUST_GAP}`
        : r.signatures.length === 0
          ? '文件未經數位簽章'
          : '驗證有保留';
    return { kind: 'warn', title, lines: warn };
  }
  return { kind: 'ok', title: '驗證通過：文件完整，所有簽章有效', lines: ['文件自最後一個簽章後未被更改，簽署人憑證均由公司信任的憑證機構簽發。'] };
}

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
            <dd data-record-number>{identity.recordNumber ?? '（未填）'}</dd>
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

function statusExplanation(s: SignatureReport): string | null {
  if (s.status === 'untrusted' && intact(s)) return `${TRUST_GAP}（簽發者：${s.certificate?.issuer ?? '不明'}）`;
  if (s.status === 'expired' && intact(s)) return '簽章完整，但簽署時憑證已過期';
  if (s.status === 'valid') return s.coversWholeDocument ? '簽章完整，涵蓋整份文件' : '簽章完整；其後的修訂只加上其他簽章';
  return null;
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
            const kind = s.status === 'valid' ? 'ok' : intact(s) ? 'warn' : 'bad';
            const explanation = statusExplanation(s);
            return (
              <tr key={`${s.field}-${i}`} data-signature={s.field} data-status={s.status}>
                <td>{i + 1}</td>
                <td>{s.role}</td>
                <td data-signer>{s.signerName ?? '（不明）'}</td>
                <td>{s.signingTime ? fmt(s.signingTime) : '（未註明）'}</td>
                <td>
                  <span className={`pdf-badge pdf-badge--${kind}`} data-status-label>
                    {s.statusLabel}
                  </span>
                  {explanation && <div className="pdf-cell-note">{explanation}</div>}
                  {detailed && (s.problems.length > 0 || s.notes.length > 0 || s.certificate) && (
                    <ul className="pdf-cell-list">
                      {s.problems.map((p, k) => (
                        <li key={`p${k}`} className={intact(s) ? undefined : 'pdf-problem'}>
                          {p}
                        </li>
                      ))}
                      {s.notes.map((n, k) => (
                        <li key={`n${k}`}>註：{n}</li>
                      ))}
                      {s.certificate && (
                        <li>
                          憑證：{s.certificate.subject}；簽發者：{s.certificate.issuer}；有效期 {fmt(s.certificate.notBefore)} 至{' '}
                          {fmt(s.certificate.notAfter)}
                        </li>
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
