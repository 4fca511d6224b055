/**
 * The sign page island: a later signer (e.g. 部門負責人 after 接待人) opens a record PDF exported
 * by the handbook, sees what it is and who has signed, picks an unsigned role, optionally draws a
 * handwritten signature, and signs with their .p12. The signature is added as an incremental
 * update, so earlier signatures stay valid. Nothing leaves the browser.
 */
import { useId, useRef, useState } from 'react';
import type { RegisterRevision } from '../../lib/documents/register.ts';
import { downloadFile } from '../download.ts';
import { useCertificate } from './CertificateFields.tsx';
import { Messages, useMessages } from './Messages.tsx';
import PdfFilePicker from './PdfFilePicker.tsx';
import { RecordIdentityList, SignatureTable, VerdictBox } from './ReportParts.tsx';
import SignatureDialog, { HandSignatureControls, type HandSignature } from './SignatureDialog.tsx';
import SignFieldset from './SignFieldset.tsx';
import SignerConfirm, { useSignerConfirmation } from './SignerConfirm.tsx';
import { inspectFile, inspectPdf, unreadableText, type InspectedFile } from './inspect.ts';
import { useHydrated } from '../use-hydrated.ts';
import { errorText, fileBytes, fontWaitNote, loadForms, loadSignLib, pageFonts, signedFileName, sizeText, timed } from './pdf-runtime.ts';

export interface SignRecordPdfProps {
  trust: string[];
  register: RegisterRevision[];
}

export default function SignRecordPdf({ trust, register }: SignRecordPdfProps) {
  const id = useId().replace(/:/g, '');
  const [loading, setLoading] = useState(false);
  const [signing, setSigning] = useState(false);
  const [loaded, setLoaded] = useState<InspectedFile | null>(null);
  const [role, setRole] = useState('');
  const [hand, setHand] = useState<HandSignature | null>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const { message, say, clear } = useMessages();
  const cert = useCertificate(say);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const hydrated = useHydrated();
  // A confirmation holds for this role and this certificate file only.
  const confirmation = useSignerConfirmation(`${loaded?.fileName ?? ''}|${role}|${cert.file?.name ?? ''}|${cert.file?.size ?? ''}`);

  const show = (l: InspectedFile) => {
    setLoaded(l);
    const required = l.requiredRoles ?? [];
    const first = (l.report.unsignedFields.find((u) => required.includes(u.field)) ?? l.report.unsignedFields[0])?.field ?? '';
    setRole((current) => (l.report.unsignedFields.some((u) => u.field === current) ? current : first));
  };

  const open = async (file: File) => {
    setLoading(true);
    clear();
    setLoaded(null);
    setHand(null);
    try {
      show(await inspectFile(file, trust, register));
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch (e) {
      say('error', `未能讀取「${file.name}」：${unreadableText(e)}`);
    } finally {
      setLoading(false);
    }
  };

  const sign = async () => {
    if (!loaded || signing) return;
    clear();
    const p12 = cert.chosen();
    if (!p12) return;
    const target = loaded.report.unsignedFields.find((u) => u.field === role);
    if (!target) return;
    setSigning(true);
    try {
      const out = await timed('pdf-sign', async () => {
        const [lib, forms] = await Promise.all([loadSignLib(), loadForms()]);
        const signer = await timed('pdf-read-p12', async () => lib.readPkcs12(await fileBytes(p12), cert.password));
        // The certificate against the name the record gives this role: refused until confirmed.
        const binding = { forms: forms.recordFormDefinition, confirmMismatch: confirmation.confirmed };
        return lib.addSignature(loaded.bytes, { signer, role: target.field, fonts: pageFonts(), binding, ...(hand?.image ? { image: hand.image } : {}) });
      });
      const base = loaded.identity?.recordNumber ?? loaded.fileName.replace(/(-[^-]*已簽署)?\.pdf$/i, '');
      const name = signedFileName(base, target.role);
      downloadFile(name, out, 'application/pdf');
      cert.signed();
      setHand(null);
      const next: InspectedFile = { ...(await inspectPdf(out, trust, register)), fileName: name };
      show(next);
      const mine = next.report.signatures.find((s) => s.field === target.field);
      say(
        'success',
        `已加上「${target.role}」的數位簽章${mine?.signerName ? `（${mine.signerName}${mine.identity.confirmed ? `，代 ${mine.identity.recordName} 簽署` : ''}）` : ''}，並下載「${name}」（${sizeText(out.length)}）。原有簽章保持不變。`,
      );
    } catch (e) {
      if (confirmation.caught(e)) say('error', `${errorText(e, '')}請勾選下方的確認後再按「簽署並下載 PDF」；未勾選前不會簽署。`);
      else cert.failed(e, '簽署失敗，請再試一次。');
    } finally {
      setSigning(false);
    }
  };

  const block = loaded ? loaded.report.cannotSign : null;
  const roleLabel = loaded?.report.unsignedFields.find((u) => u.field === role)?.role ?? '';
  const errorId = `${id}-error`;

  return (
    <div className="ui-controls pdf-ui pdf-sign not-content" data-sign-ready={hydrated ? 'true' : undefined}>
      <PdfFilePicker
        id={`${id}-pdf`}
        label="選擇要簽署的記錄 PDF"
        hint="請選擇由本手冊匯出（或已由其他人簽署）的記錄 PDF，亦可拖放到此處。檔案只在這部電腦的瀏覽器內處理，不會上載。"
        onFile={(f) => void open(f)}
        disabled={loading || signing}
      />
      <p className="pdf-progress" role="status" aria-live="polite" data-pdf-progress>
        {loading ? '正在讀取 PDF…' : signing ? `正在簽署…${fontWaitNote('簽署')}` : ''}
      </p>

      {loaded && (
        <section className="pdf-report" aria-labelledby={`${id}-doc`} data-report>
          <h2 id={`${id}-doc`} tabIndex={-1} ref={resultRef}>
            文件：{loaded.fileName}
          </h2>
          {/* The one verdict, as on the verify page: a draft revision, broken rules or a page that
              differs from its data are said before anyone signs. */}
          <VerdictBox verdict={loaded.report.verdict} />
          {loaded.report.ours && (
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
            <p className="ui-notice ui-notice--error" data-sign-blocked>
              {block}
            </p>
          )}

          {!block && (
            <SignFieldset
              idBase={id}
              legend="加上你的數位簽章"
              roles={loaded.report.unsignedFields.map((u) => ({ role: u.field, label: u.role, required: !!loaded.requiredRoles?.includes(u.field) }))}
              role={role}
              onRole={setRole}
              cert={cert}
              errorId={message?.kind === 'error' ? errorId : undefined}
              busy={signing}
              submit={{ label: '簽署並下載 PDF', data: 'sign-add' }}
              onSubmit={() => void sign()}
              confirm={<SignerConfirm idBase={id} confirmation={confirmation} />}
            >
              <div className="pdf-field">
                <span className="ui-label">手寫簽名（選填）</span>
                <HandSignatureControls
                  sig={hand}
                  role={role}
                  emptyHint="不畫手寫簽名時，簽署欄會以大字印上憑證上的姓名。"
                  busy={signing}
                  onDraw={() => setDialogOpen(true)}
                  onRemove={() => setHand(null)}
                />
              </div>
            </SignFieldset>
          )}
        </section>
      )}

      <Messages message={message} errorId={errorId} />

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
