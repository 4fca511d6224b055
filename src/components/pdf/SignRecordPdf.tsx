/**
 * The sign page island: a later signer (e.g. 部門負責人 after 接待人) opens a record PDF exported
 * by the handbook, sees what it is and who has signed, picks an unsigned role, optionally draws a
 * handwritten signature, and signs with their .p12. The signature is added as an incremental
 * update, so earlier signatures stay valid. Nothing leaves the browser.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { RegisterRevision } from '../../lib/register.ts';
import CertificateFields from './CertificateFields.tsx';
import PdfFilePicker from './PdfFilePicker.tsx';
import { RecordIdentityList, SignatureTable, VerdictBox, intact, verdictOf } from './ReportParts.tsx';
import SignatureDialog, { type HandSignature } from './SignatureDialog.tsx';
import { inspectPdf, preloadWhenIdle, type Inspection } from './inspect.ts';
import { downloadBytes, errorCode, errorText, fileBytes, fontsFetched, loadPdfLib, pageFonts, safeFileName, sizeText, timed } from './pdf-runtime.ts';

export interface SignRecordPdfProps {
  trust: string[];
  register: RegisterRevision[];
}

interface Loaded extends Inspection {
  fileName: string;
}

interface Message {
  kind: 'success' | 'error' | 'info';
  text: string;
  seq: number;
}

/** Why this PDF cannot be signed, or null. */
function blocker(l: Loaded): string | null {
  const r = l.report;
  if (!r.ours) return `${r.message ?? '此 PDF 不是本手冊產生的記錄'}，不能在此簽署。請使用本手冊匯出的記錄 PDF。`;
  if (r.signatures.some((s) => !intact(s)) || r.bytesAfterLastSignature > 0) {
    return '此文件的既有簽章顯示文件在簽署後被修改或簽章無效，不能加簽。請向前一位簽署人索取原本的檔案。';
  }
  if (r.unsignedFields.length === 0) return '此文件所有簽署欄都已簽署，沒有可加簽的欄位。';
  return null;
}

export default function SignRecordPdf({ trust, register }: SignRecordPdfProps) {
  const id = useId().replace(/:/g, '');
  const [loading, setLoading] = useState(false);
  const [signing, setSigning] = useState(false);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [role, setRole] = useState('');
  const [hand, setHand] = useState<HandSignature | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [p12, setP12] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [invalid, setInvalid] = useState<'file' | 'password' | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const seq = useRef(0);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => {
    setHydrated(true);
    // This page exists to read PDFs: fetch the library while the user picks a file (and so it
    // keeps working if the connection drops afterwards).
    return preloadWhenIdle();
  }, []);

  const say = (kind: Message['kind'], text: string) => {
    seq.current += 1;
    setMessage({ kind, text, seq: seq.current });
  };

  const show = (l: Loaded) => {
    setLoaded(l);
    const required = l.requiredRoles ?? [];
    const first = (l.report.unsignedFields.find((u) => required.includes(u.field)) ?? l.report.unsignedFields[0])?.field ?? '';
    setRole((current) => (l.report.unsignedFields.some((u) => u.field === current) ? current : first));
  };

  const open = async (file: File) => {
    setLoading(true);
    setMessage(null);
    setLoaded(null);
    setHand(null);
    try {
      const bytes = await fileBytes(file);
      show({ ...(await inspectPdf(bytes, trust, register)), fileName: file.name });
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch (e) {
      say('error', `未能讀取「${file.name}」：${errorText(e, '無法讀取此 PDF 檔，檔案可能已損毀。')}`);
    } finally {
      setLoading(false);
    }
  };

  const sign = async () => {
    if (!loaded || signing) return;
    setMessage(null);
    setInvalid(null);
    if (!p12) {
      setInvalid('file');
      say('error', '請先選擇你的個人憑證檔（.p12 或 .pfx）。');
      fileRef.current?.focus();
      return;
    }
    const target = loaded.report.unsignedFields.find((u) => u.field === role);
    if (!target) return;
    setSigning(true);
    try {
      const out = await timed('pdf-sign', async () => {
        const lib = await loadPdfLib();
        const signer = await timed('pdf-read-p12', async () => lib.readPkcs12(await fileBytes(p12), password));
        return lib.addSignature(loaded.bytes, { signer, role: target.field, fonts: pageFonts(), ...(hand?.image ? { image: hand.image } : {}) });
      });
      const base = loaded.identity?.recordNumber ? safeFileName(loaded.identity.recordNumber) : safeFileName(loaded.fileName.replace(/(-已簽署)?\.pdf$/i, ''));
      const name = `${base}-已簽署.pdf`;
      downloadBytes(name, out);
      setPassword('');
      setHand(null);
      const next = { ...(await inspectPdf(out, trust, register)), fileName: name };
      show(next);
      const mine = next.report.signatures.find((s) => s.field === target.field);
      say(
        'success',
        `已加上「${target.role}」的數位簽章${mine?.signerName ? `（${mine.signerName}）` : ''}，並下載「${name}」（${sizeText(out.length)}）。原有簽章保持不變。`,
      );
    } catch (e) {
      const code = errorCode(e);
      say('error', errorText(e, '簽署失敗，請再試一次。'));
      if (code === 'BAD_PASSWORD') {
        setInvalid('password');
        requestAnimationFrame(() => {
          passwordRef.current?.focus();
          passwordRef.current?.select();
        });
      } else if (code && ['NOT_PKCS12', 'NO_PRIVATE_KEY', 'NO_CERTIFICATE', 'CERT_EXPIRED', 'CERT_NOT_YET_VALID', 'UNSUPPORTED_KEY'].includes(code)) {
        setInvalid('file');
        requestAnimationFrame(() => fileRef.current?.focus());
      }
    } finally {
      setSigning(false);
    }
  };

  const block = loaded ? blocker(loaded) : null;
  const roleLabel = loaded?.report.unsignedFields.find((u) => u.field === role)?.role ?? '';
  const errorId = `${id}-error`;

  return (
    <div className="pdf-ui pdf-sign not-content" data-sign-ready={hydrated ? 'true' : undefined}>
      <PdfFilePicker
        id={`${id}-pdf`}
        label="選擇要簽署的記錄 PDF"
        hint="請選擇由本手冊匯出（或已由其他人簽署）的記錄 PDF，亦可拖放到此處。檔案只在這部電腦的瀏覽器內處理，不會上載。"
        onFile={(f) => void open(f)}
        disabled={loading || signing}
      />
      <p className="pdf-progress" role="status" aria-live="polite" data-pdf-progress>
        {loading ? '正在讀取 PDF…' : signing ? `正在簽署…${fontsFetched() ? '' : '（首次簽署需下載中文字型，約 7 MB，請稍候）'}` : ''}
      </p>

      {loaded && (
        <section className="pdf-report" aria-labelledby={`${id}-doc`} data-report>
          <h2 id={`${id}-doc`} tabIndex={-1} ref={resultRef}>
            文件：{loaded.fileName}
          </h2>
          {!loaded.report.ours ? (
            <VerdictBox verdict={verdictOf(loaded.report)} />
          ) : (
            <>
              <RecordIdentityList report={loaded.report} identity={loaded.identity} fmt={loaded.fmt} />
              <h3>已有的數位簽章</h3>
              <SignatureTable report={loaded.report} fmt={loaded.fmt} detailed={false} />
              {loaded.report.unsignedFields.length > 0 && (
                <p data-unsigned>
                  尚未簽署：
                  {loaded.report.unsignedFields
                    .map((u) => `${u.role}${loaded.requiredRoles?.includes(u.field) ? '（本記錄必須簽署）' : ''}`)
                    .join('、')}
                  。
                </p>
              )}
            </>
          )}
          {block && (
            <p className="pdf-notice pdf-notice--error" data-sign-blocked>
              {block}
            </p>
          )}

          {!block && (
            <fieldset className="pdf-group" data-sign-form>
              <legend className="pdf-legend">加上你的數位簽章</legend>
              <div className="pdf-field">
                <label htmlFor={`${id}-role`} className="pdf-label">
                  簽署身分
                </label>
                <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value)} data-sign-role>
                  {loaded.report.unsignedFields.map((u) => (
                    <option key={u.field} value={u.field}>
                      {u.role}
                      {loaded.requiredRoles?.includes(u.field) ? '（本記錄必須簽署）' : ''}
                    </option>
                  ))}
                </select>
              </div>
              <div className="pdf-field">
                <span className="pdf-label" id={`${id}-hand-label`}>
                  手寫簽名（選填）
                </span>
                {hand ? (
                  <div className="pdf-sig-drawn" data-drawn="true">
                    {hand.preview ? (
                      <img className="pdf-sig-preview" src={hand.preview} alt={`${hand.name}的手寫簽名`} />
                    ) : (
                      <span className="pdf-sig-typed">（只輸入姓名，未繪畫）</span>
                    )}
                    <span>姓名：{hand.name}</span>
                  </div>
                ) : (
                  <p className="pdf-hint">不畫手寫簽名時，簽署欄會以大字印上憑證上的姓名。</p>
                )}
                <div className="pdf-actions">
                  <button type="button" className="pdf-button" onClick={() => !signing && setDialogOpen(true)} aria-disabled={signing ? true : undefined} data-draw-role={role}>
                    {hand ? '重新簽名' : '手寫簽名'}
                  </button>
                  {hand && (
                    <button type="button" className="pdf-button" onClick={() => !signing && setHand(null)} aria-disabled={signing ? true : undefined}>
                      移除手寫簽名
                    </button>
                  )}
                </div>
              </div>
              <CertificateFields
                idBase={id}
                file={p12}
                onFile={(f) => {
                  setP12(f);
                  if (invalid === 'file') setInvalid(null);
                }}
                password={password}
                onPassword={(p) => {
                  setPassword(p);
                  if (invalid === 'password') setInvalid(null);
                }}
                fileRef={fileRef}
                passwordRef={passwordRef}
                errorId={message?.kind === 'error' ? errorId : undefined}
                invalid={invalid}
                onEnter={() => void sign()}
              />
              <div className="pdf-actions">
                <button type="button" className="pdf-button pdf-button--primary" onClick={sign} aria-disabled={signing ? true : undefined} data-sign-add>
                  簽署並下載 PDF
                </button>
              </div>
            </fieldset>
          )}
        </section>
      )}

      <div aria-live="polite">
        {message && message.kind !== 'error' && (
          <p key={message.seq} className={`pdf-notice pdf-notice--${message.kind}`} data-pdf-message={message.kind}>
            {message.text}
          </p>
        )}
      </div>
      <div role="alert" id={errorId}>
        {message?.kind === 'error' && (
          <p key={message.seq} className="pdf-notice pdf-notice--error" data-pdf-message="error">
            {message.text}
          </p>
        )}
      </div>

      <SignatureDialog
        roleLabel={roleLabel}
        initialName=""
        open={dialogOpen}
        onCancel={() => setDialogOpen(false)}
        onConfirm={(sig) => {
          setDialogOpen(false);
          setHand(sig);
          say('info', sig.image ? `已加入手寫簽名（${sig.name}），按「簽署並下載 PDF」完成簽署。` : `已記下姓名（${sig.name}），未繪畫簽名。`);
        }}
      />
    </div>
  );
}
