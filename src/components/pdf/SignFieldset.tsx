/**
 * 「以個人憑證數位簽署」: the role to sign as, the signer's certificate and the button, as the record
 * form's PDF panel (first signatures) and the sign page (later signers) both show it.
 */
import type { ReactNode } from 'react';
import CertificateFields, { type Certificate } from './CertificateFields.tsx';

export interface SignRole {
  role: string;
  label: string;
  /** This record must carry this role's signature. */
  required: boolean;
}

interface Props {
  idBase: string;
  legend: string;
  roles: SignRole[];
  role: string;
  onRole(role: string): void;
  cert: Certificate;
  /** The alert region's id while it shows an error (the fields point to it). */
  errorId?: string;
  busy: boolean;
  /** The button's text and its data attribute's name: 'sign-export' → data-sign-export. */
  submit: { label: string; data: 'sign-export' | 'sign-add' };
  onSubmit(): void;
  /** Between the role and the certificate (the sign page's handwritten signature). */
  children?: ReactNode;
  /** Just above the button (the confirmation to sign for the person the record names). */
  confirm?: ReactNode;
  /** Under the button. */
  footer?: ReactNode;
}

export default function SignFieldset({ idBase, legend, roles, role, onRole, cert, errorId, busy, submit, onSubmit, children, confirm, footer }: Props) {
  return (
    <fieldset className="pdf-group" data-sign-form>
      <legend className="ui-legend">{legend}</legend>
      <div className="pdf-field">
        <label htmlFor={`${idBase}-role`} className="ui-label">
          簽署身分
        </label>
        <select id={`${idBase}-role`} value={role} onChange={(e) => onRole(e.target.value)} data-sign-role>
          {roles.map((r) => (
            <option key={r.role} value={r.role}>
              {r.label}
              {r.required ? '（本記錄必須簽署）' : ''}
            </option>
          ))}
        </select>
      </div>
      {children}
      <CertificateFields idBase={idBase} cert={cert} errorId={errorId} onEnter={onSubmit} />
      {confirm}
      <div className="pdf-actions">
        <button
          type="button"
          className="ui-button ui-button--primary"
          onClick={onSubmit}
          aria-disabled={busy ? true : undefined}
          {...{ [`data-${submit.data}`]: true }}
        >
          {submit.label}
        </button>
      </div>
      {footer}
    </fieldset>
  );
}
