/**
 * The PDF panel under a record that passed its checks (RecordForm renders it lazily): handwritten
 * signatures drawn per x-form role, 「匯出 PDF（未數位簽章）」, and 「簽署並匯出 PDF」 with the
 * signer's .p12. The PDF code and the fonts are loaded only when the user exports or signs, and
 * only that job's code (an unsigned export loads no CMS or .p12 code: pdf-runtime.ts). The record,
 * drawings, certificate and password stay in this page: the only requests are this site's JS
 * chunks and /fonts/*.ttf.
 *
 * Timings are left in performance measures named pdf-export, pdf-sign, pdf-read-p12 and
 * pdf-load-library.
 */
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DrawnSignatureInput } from '../../lib/pdf/entries/export.ts';
import { formDefinition, getFormMeta, recordSignerName } from '../../lib/forms/definition/index.ts';
import { requiredSignatures } from '../../lib/forms/rules.ts';
import type { FormSignature } from '../../lib/forms/definition/schema.ts';
import { downloadFile } from '../download.ts';
import { useCertificate } from '../pdf/CertificateFields.tsx';
import { Messages, useMessages } from '../pdf/Messages.tsx';
import SignatureDialog, { HandSignatureControls, type HandSignature } from '../pdf/SignatureDialog.tsx';
import SignFieldset from '../pdf/SignFieldset.tsx';
import SignerConfirm, { useSignerConfirmation } from '../pdf/SignerConfirm.tsx';
import { errorText, fileBytes, fontWaitNote, loadExportLib, loadSignLib, pageFonts, safeFileName, sizeText, timed } from '../pdf/pdf-runtime.ts';
import type { RecordPdfPanelProps } from './RecordForm.tsx';
import '../../styles/pdf.css';

type Busy = null | 'export' | 'sign';

/** What the record's data says about a role's signature (typed in the form). */
function dataSignature(data: Record<string, unknown>, role: string): { name: string; signedOn: string } | null {
  const sigs = data.signatures;
  const s = sigs && typeof sigs === 'object' ? (sigs as Record<string, unknown>)[role] : undefined;
  if (!s || typeof s !== 'object') return null;
  const o = s as Record<string, unknown>;
  const name = typeof o.name === 'string' ? o.name : '';
  const signedOn = typeof o.signedOn === 'string' ? o.signedOn : '';
  return name || signedOn ? { name, signedOn } : null;
}

function requirementText(sig: FormSignature, requiredNow: boolean): string {
  if (requiredNow) return '本記錄必須簽署';
  if (sig.required === 'toClose') return '結案時必須簽署';
  if (sig.required === 'optional') return '選填';
  return '本記錄毋須簽署';
}

export default function RecordPdfPanel({ formId, envelope, definition }: RecordPdfPanelProps) {
  const id = useId().replace(/:/g, '');
  const x = definition?.meta ?? getFormMeta(formId);
  const data = envelope.data;
  const rootRef = useRef<HTMLElement>(null);
  const [headingLevel, setHeadingLevel] = useState<3 | 4>(3);
  const [drawn, setDrawn] = useState<Record<string, HandSignature>>({});
  const [dialogRole, setDialogRole] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [progress, setProgress] = useState('');
  const [signRole, setSignRole] = useState(x.signatures[0]?.role ?? '');
  const { message, say, clear } = useMessages();
  const cert = useCertificate(say);
  // A confirmation holds for this role, this certificate file and the name the record now gives.
  const confirmation = useSignerConfirmation(`${signRole}|${recordSignerName(x, data, signRole) ?? ''}|${cert.file?.name ?? ''}|${cert.file?.size ?? ''}`);

  // One level below the section it sits in (the record form's completion section).
  useLayoutEffect(() => {
    if (rootRef.current?.closest('details.record-form-embed')) setHeadingLevel(4);
  }, []);
  const H = headingLevel === 3 ? 'h3' : 'h4';
  const H2 = headingLevel === 3 ? 'h4' : 'h5';

  const requiredRoles = useMemo(() => new Set(requiredSignatures(x, data).map((s) => s.role)), [x, data]);
  const recordNumber = typeof data[x.recordNumberField] === 'string' ? String(data[x.recordNumberField]) : '';
  const baseName = safeFileName(recordNumber, `${x.number}_${envelope.savedAt.slice(0, 10)}`);
  const form = definition ?? formDefinition(formId);

  const drawnSignatures = (): Record<string, DrawnSignatureInput> =>
    Object.fromEntries(
      Object.entries(drawn).map(([role, d]) => [role, { name: d.name, date: d.date, ...(d.image ? { image: d.image } : {}) }]),
    );

  const exportUnsigned = async () => {
    if (busy) return;
    setBusy('export');
    clear();
    setProgress(`正在產生 PDF…${fontWaitNote('匯出')}`);
    try {
      const bytes = await timed('pdf-export', async () => {
        const lib = await loadExportLib();
        return lib.exportRecordPdf({ form, record: envelope, fonts: pageFonts(), drawnSignatures: drawnSignatures() });
      });
      const name = `${baseName}.pdf`;
      downloadFile(name, bytes, 'application/pdf');
      say('success', `已匯出「${name}」（${sizeText(bytes.length)}）。此 PDF 未經數位簽章，每頁均標示「本文件未經數位簽章」。`);
    } catch (e) {
      say('error', errorText(e, '未能產生 PDF，請再試一次。記錄內容未有改動。'));
    } finally {
      setBusy(null);
      setProgress('');
    }
  };

  const signAndExport = async () => {
    if (busy) return;
    clear();
    const p12 = cert.chosen();
    if (!p12) return;
    const role = x.signatures.find((s) => s.role === signRole);
    if (!role) return;
    setBusy('sign');
    setProgress(`正在讀取憑證並簽署…${fontWaitNote('匯出')}`);
    try {
      const bytes = await timed('pdf-sign', async () => {
        const lib = await loadSignLib();
        const raw = await fileBytes(p12);
        const signer = await timed('pdf-read-p12', () => lib.readPkcs12(raw, cert.password));
        const fonts = pageFonts();
        const image = drawn[role.role]?.image ?? undefined;
        // The certificate against the name this record gives the role: refused until confirmed.
        const binding = { forms: (id: string) => (id === form.id ? form : null), confirmMismatch: confirmation.confirmed };
        return lib.exportSignedRecordPdf(
          { form, record: envelope, fonts, drawnSignatures: drawnSignatures() },
          { signer, role: role.role, fonts, binding, ...(image ? { image } : {}) },
        );
      });
      const name = `${baseName}-已簽署.pdf`;
      downloadFile(name, bytes, 'application/pdf');
      cert.signed();
      say(
        'success',
        `已以「${role.label}」身分數位簽署並匯出「${name}」（${sizeText(bytes.length)}）。其他簽署人可在「簽署記錄 PDF」頁加簽，原有簽章保持有效。`,
      );
    } catch (e) {
      if (confirmation.caught(e)) say('error', `${errorText(e, '')}請勾選下方的確認後再按「簽署並匯出 PDF」；未勾選前不會簽署。`);
      else cert.failed(e, '簽署失敗，請再試一次。記錄內容未有改動。');
    } finally {
      setBusy(null);
      setProgress('');
    }
  };

  const dialogSig = dialogRole ? x.signatures.find((s) => s.role === dialogRole) : undefined;
  const errorId = `${id}-message`;

  return (
    <section ref={rootRef} className="ui-controls pdf-ui pdf-panel" aria-labelledby={`${id}-title`} data-pdf-panel>
      <H id={`${id}-title`} className="pdf-title">
        PDF 記錄
      </H>
      <p className="pdf-muted">
        PDF 依表單版式排版，內嵌記錄資料及中文字型，可列印或存檔。未經數位簽章的 PDF 每頁標示「本文件未經數位簽章」；以個人憑證簽署後，任何修改都能被驗出。
      </p>

      <fieldset className="pdf-group">
        <legend className="ui-legend">手寫簽名（選填）</legend>
        <p className="pdf-hint">
          可在此為各簽署欄畫上手寫簽名；不在此簽名的欄位，PDF 會印上記錄所載的姓名及日期（如有），列印後可親筆簽署。
        </p>
        <ul className="pdf-sig-list">
          {x.signatures.map((s) => {
            const d = drawn[s.role];
            const fromData = dataSignature(data, s.role);
            const required = requiredRoles.has(s.role);
            return (
              <li key={s.role} className="pdf-sig-item" data-role={s.role} data-drawn={d ? 'true' : undefined}>
                <div className="pdf-sig-head">
                  <span className="pdf-sig-label">{s.label}</span>
                  <span className={`pdf-badge ${required ? 'pdf-badge--required' : ''}`} data-required={required ? 'true' : 'false'}>
                    {requirementText(s, required)}
                  </span>
                </div>
                {s.note && <p className="pdf-hint">{s.note}</p>}
                <HandSignatureControls
                  sig={d ?? null}
                  role={s.role}
                  suffix={`（${s.label}）`}
                  withDate
                  emptyHint={
                    fromData
                      ? `未在此簽名：PDF 印上記錄所載的「${fromData.name}${fromData.signedOn ? `，${fromData.signedOn}` : ''}」。`
                      : '未在此簽名：PDF 上此欄留空，供列印後親筆簽署。'
                  }
                  busy={busy !== null}
                  onDraw={() => setDialogRole(s.role)}
                  onRemove={() => {
                    setDrawn(({ [s.role]: _removed, ...rest }) => rest);
                    say('info', `已移除「${s.label}」的手寫簽名。`);
                  }}
                />
              </li>
            );
          })}
        </ul>
      </fieldset>

      <div className="pdf-block">
        <H2 className="pdf-subtitle">匯出</H2>
        <div className="pdf-actions">
          <button type="button" className="ui-button" onClick={exportUnsigned} aria-disabled={busy !== null ? true : undefined} data-export-unsigned>
            匯出 PDF（未數位簽章）
          </button>
        </div>
      </div>

      <SignFieldset
        idBase={id}
        legend="以個人憑證數位簽署"
        roles={x.signatures.map((s) => ({ role: s.role, label: s.label, required: requiredRoles.has(s.role) }))}
        role={signRole}
        onRole={setSignRole}
        cert={cert}
        errorId={message?.kind === 'error' ? errorId : undefined}
        busy={busy !== null}
        submit={{ label: '簽署並匯出 PDF', data: 'sign-export' }}
        onSubmit={() => void signAndExport()}
        confirm={<SignerConfirm idBase={id} confirmation={confirmation} />}
        footer={
          <p className="pdf-hint">
            其他簽署人（例如部門負責人）可稍後在<a href="/sign/">「簽署記錄 PDF」</a>頁加簽；收件人可在<a href="/verify/">「驗證記錄 PDF」</a>頁核對簽章。
          </p>
        }
      />

      <p className="pdf-progress" role="status" aria-live="polite" data-pdf-progress>
        {progress}
      </p>
      <Messages message={message} errorId={errorId} />

      <SignatureDialog
        roleLabel={dialogSig?.label ?? ''}
        initialName={(dialogRole && (drawn[dialogRole]?.name ?? dataSignature(data, dialogRole)?.name)) || ''}
        open={dialogRole !== null}
        onCancel={() => setDialogRole(null)}
        onConfirm={(sig) => {
          const role = dialogRole;
          setDialogRole(null);
          if (!role) return;
          setDrawn((d) => ({ ...d, [role]: sig }));
          const label = x.signatures.find((s) => s.role === role)?.label ?? role;
          say('info', sig.image ? `已加入「${label}」的手寫簽名（${sig.name}）。` : `已記下「${label}」的簽署人姓名（${sig.name}），未繪畫簽名。`);
        }}
      />
    </section>
  );
}
