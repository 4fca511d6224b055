/**
 * The confirmation a signer gives before signing a role the record names someone else for (the
 * library refuses with SIGNER_MISMATCH until then: src/lib/pdf/sign/binding.ts). Shown by the sign
 * page and the form page's PDF panel after such a refusal; it holds only for the same role and
 * certificate file, so changing either asks again.
 */
import { useState } from 'react';
import { confirmationText, signerMismatchOf, type SignerMismatch } from './pdf-runtime.ts';

export interface SignerConfirmation {
  /** Pass as `binding.confirmMismatch`. */
  confirmed: boolean;
  /** The refusal being confirmed, for this role and certificate; null when there is none. */
  mismatch: SignerMismatch | null;
  setConfirmed(v: boolean): void;
  /** Takes a signing error: true (and the checkbox shows) when it was SIGNER_MISMATCH. */
  caught(e: unknown): boolean;
}

/** `key` names what a confirmation is for (role and certificate file). */
export function useSignerConfirmation(key: string): SignerConfirmation {
  const [state, setState] = useState<{ key: string; mismatch: SignerMismatch; confirmed: boolean } | null>(null);
  const current = state && state.key === key ? state : null;
  return {
    confirmed: current?.confirmed ?? false,
    mismatch: current?.mismatch ?? null,
    setConfirmed: (v) => setState((s) => (s ? { ...s, confirmed: v } : s)),
    caught(e) {
      const mismatch = signerMismatchOf(e);
      if (!mismatch) return false;
      setState({ key, mismatch, confirmed: false });
      return true;
    },
  };
}

export default function SignerConfirm({ idBase, confirmation }: { idBase: string; confirmation: SignerConfirmation }) {
  const m = confirmation.mismatch;
  if (!m) return null;
  return (
    <div className="pdf-field pdf-signer-confirm" data-signer-confirm>
      <p className="ui-notice ui-notice--error" id={`${idBase}-signer-mismatch`}>
        憑證上的姓名「{m.certificateName}」與記錄所載的{m.label}「{m.recordName}」不符。只有獲授權代表 {m.recordName} 簽署時才可繼續；簽署欄及簽章會註明「代 {m.recordName} 簽署（憑證：{m.certificateName}）」，驗證時會顯示「簽署人與記錄所載不符」。
      </p>
      <label className="pdf-check">
        <input
          type="checkbox"
          checked={confirmation.confirmed}
          onChange={(e) => confirmation.setConfirmed(e.target.checked)}
          aria-describedby={`${idBase}-signer-mismatch`}
          data-signer-confirm-box
        />
        <span>{confirmationText(m.label, m.recordName, m.certificateName)}</span>
      </label>
    </div>
  );
}
