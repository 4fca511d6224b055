/**
 * After passing: the trainee's name and staff number make the 培訓確認記錄 of the revision in force (with its
 * content hash, best score and attempts), which the record PDF panel exports and signs (drawn signature and
 * .p12), exactly as a form record. Nothing leaves the browser.
 */
import { lazy, Suspense, useId, useState, type FormEvent } from 'react';
import type { RecordEnvelope } from '../../lib/record/envelope.ts';
import { acknowledgementBlocker, buildAcknowledgement, type AcknowledgementProcedure } from '../../lib/training/acknowledgement.ts';
import { ACKNOWLEDGEMENT_DEFINITION, acknowledgementEnvelope } from '../../lib/training/acknowledgement-form.ts';
import type { ProcedureStatus } from '../../lib/training/progress.ts';

const RecordPdfPanel = lazy(() => import('../forms/RecordPdfPanel.tsx'));

export default function AcknowledgementPanel({ procedure, status }: { procedure: AcknowledgementProcedure; status: ProcedureStatus }) {
  const id = useId().replace(/:/g, '');
  const [name, setName] = useState('');
  const [staffNumber, setStaffNumber] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [envelope, setEnvelope] = useState<RecordEnvelope | null>(null);

  function make(event: FormEvent) {
    event.preventDefault();
    const trainee = { name, staffNumber };
    const blocker = acknowledgementBlocker(status, trainee);
    setProblem(blocker);
    if (blocker) return;
    setEnvelope(acknowledgementEnvelope(buildAcknowledgement(procedure, status, trainee)) as unknown as RecordEnvelope);
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="training-ack" data-acknowledgement>
      <h2 id={`${id}-heading`}>培訓確認記錄</h2>
      <p>
        通過測驗後，簽署培訓確認記錄：記錄會寫明所讀的 {procedure.docNumber} 版本/改次 {procedure.revision} 及其內容雜湊、測驗成績及次數，可加上手寫簽名及數位簽章（.p12）後匯出 PDF，交主管存檔。
      </p>
      <form onSubmit={make} className="training-ack-form" noValidate>
        <label htmlFor={`${id}-name`}>受訓人姓名</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.currentTarget.value)} autoComplete="name" data-ack-name />
        <label htmlFor={`${id}-staff`}>員工編號</label>
        <input id={`${id}-staff`} value={staffNumber} onChange={(e) => setStaffNumber(e.currentTarget.value)} data-ack-staff />
        <div>
          <button type="submit" className="ui-button ui-button--primary" data-ack-make>
            產生培訓確認記錄
          </button>
        </div>
      </form>
      {problem && (
        <p className="training-message" role="alert">
          {problem}
        </p>
      )}
      {envelope && (
        <div data-ack-record={String(envelope.data.recordNo)}>
          <p role="status">
            已產生培訓確認記錄 {String(envelope.data.recordNo)}（{procedure.docNumber} {procedure.revision}，{String(envelope.data.score)} 分，測驗 {String(envelope.data.attempts)} 次）。請在下方簽署並匯出 PDF。
          </p>
          <Suspense fallback={<p className="rf-loading">PDF 功能載入中…</p>}>
            <RecordPdfPanel formId={ACKNOWLEDGEMENT_DEFINITION.id} envelope={envelope} definition={ACKNOWLEDGEMENT_DEFINITION} />
          </Suspense>
        </div>
      )}
    </section>
  );
}
