/**
 * The approval page's island: pick a revision, see what is signed (its canonical content and
 * SHA-256), sign one role with a .p12 in the browser and download `<rev>.<role>.p7s`. The rules
 * (order 編制 -> 審核 -> 批准, one person one role, trusted certificate) are approveRevision's, the
 * same code as `npm run doc:approve`; the key, the password and the file never leave the page.
 */
import { useId, useRef, useState } from 'react';
import { APPROVAL_ROLES, ROLE_LABELS, approvalFileName, type ApprovalRole } from '../../lib/documents/approval-roles.ts';
import { base64ToBytes } from '../../lib/shared/bytes.ts';
import FileInput from '../FileInput.tsx';
import { useHydrated } from '../use-hydrated.ts';
import { downloadFile } from '../download.ts';
import { errorText, fileBytes, loadApproveLib } from '../pdf/pdf-runtime.ts';

export interface ApprovalRevisionData {
  procedure: string;
  docNumber: string;
  title: string;
  revision: string;
  statusLabel: string;
  /** The MDX source: the browser derives the signed bytes from it as the build does. */
  source: string;
  canonical: string;
  hash: string;
  /** Existing CMS files beside the revision (base64), by role. */
  files: Partial<Record<ApprovalRole, string>>;
  /** Build-time verification, one line per role (「編制：陳美玲」, 「審核：未簽署」). */
  approvals: { role: ApprovalRole; status: string; message: string }[];
}

interface Props {
  revisions: ApprovalRevisionData[];
  trust: string[];
}

type Message = { kind: 'ok' | 'error'; text: string } | null;

export default function ApproveRevision({ revisions, trust }: Props) {
  const id = useId();
  const hydrated = useHydrated();
  const [index, setIndex] = useState(0);
  const rev = revisions[index];
  const next = rev?.approvals.find((a) => a.status !== 'valid')?.role ?? 'preparedBy';
  const [role, setRole] = useState<ApprovalRole>(next);
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  if (!rev) return <p>沒有可簽署的版本。</p>;

  const sign = async () => {
    setMessage(null);
    if (!file) {
      setMessage({ kind: 'error', text: '請先選擇你的個人憑證檔（.p12 或 .pfx）。' });
      fileRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const lib = await loadApproveLib();
      const signer = await lib.readPkcs12(await fileBytes(file), password);
      const existing = Object.fromEntries(APPROVAL_ROLES.map((r) => [r, rev.files[r] ? base64ToBytes(rev.files[r]!) : null]));
      const cms = await lib.approveRevision({ source: rev.source, role, signer, existing, trust });
      const name = approvalFileName(rev.revision, role);
      downloadFile(name, cms, 'application/pkcs7-signature');
      setPassword('');
      setMessage({
        kind: 'ok',
        text: `已由 ${signer.name} 簽署${ROLE_LABELS[role]}，並下載簽章檔 ${name}。請把它放在 content/sops/${rev.procedure}/ 中此版本的檔案旁，重新建置手冊後即顯示於文件控制資料。`,
      });
    } catch (e) {
      setMessage({ kind: 'error', text: `未簽署：${errorText(e, '無法簽署，請檢查憑證檔及密碼。')}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="approve-form"
      data-approve-ready={hydrated ? 'true' : undefined}
      onSubmit={(e) => {
        e.preventDefault();
        void sign();
      }}
    >
      <p>
        <label htmlFor={`${id}-rev`}>要簽署的版本</label>{' '}
        <select
          id={`${id}-rev`}
          value={index}
          data-approve-revision
          onChange={(e) => {
            const i = Number(e.target.value);
            setIndex(i);
            setRole(revisions[i].approvals.find((a) => a.status !== 'valid')?.role ?? 'preparedBy');
            setMessage(null);
          }}
        >
          {revisions.map((r, i) => (
            <option key={`${r.procedure}-${r.revision}`} value={i}>
              {r.docNumber} {r.title} 版本/改次 {r.revision}（{r.statusLabel}）
            </option>
          ))}
        </select>
      </p>
      <dl className="approve-facts">
        <dt>內容雜湊值（SHA-256）</dt>
        <dd>
          <code data-content-hash>{rev.hash}</code>
        </dd>
        <dt>目前的簽署</dt>
        <dd>
          <ul>
            {rev.approvals.map((a) => (
              <li key={a.role} data-approval-role={a.role} data-approval-status={a.status}>
                {a.message}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <details>
        <summary>簽署的內容（正規化後的文件控制欄位及正文）</summary>
        <pre className="approve-canonical" data-canonical>
          {rev.canonical}
        </pre>
      </details>
      <fieldset>
        <legend>你的簽署角色</legend>
        {APPROVAL_ROLES.map((r) => (
          <label key={r} className="approve-role">
            <input type="radio" name={`${id}-role`} value={r} checked={role === r} onChange={() => setRole(r)} data-approve-role={r} /> {ROLE_LABELS[r]}
          </label>
        ))}
      </fieldset>
      <p>
        <label htmlFor={`${id}-p12`}>個人憑證檔（.p12 或 .pfx）</label>{' '}
        <FileInput id={`${id}-p12`} inputRef={fileRef} accept=".p12,.pfx,application/x-pkcs12" buttonText="選擇憑證檔…" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-approve-p12 />
      </p>
      <p>
        <label htmlFor={`${id}-pw`}>憑證密碼</label>{' '}
        <input id={`${id}-pw`} type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} data-approve-password />
      </p>
      <p>
        <button type="submit" className="ui-button" disabled={busy} data-approve-sign>
          {busy ? '簽署中…' : `簽署${ROLE_LABELS[role]}並下載簽章檔`}
        </button>
      </p>
      <div role={message?.kind === 'error' ? 'alert' : 'status'} aria-live="polite" data-approve-message={message?.kind ?? ''}>
        {message?.text}
      </div>
    </form>
  );
}
