/**
 * The signer's certificate: a PKCS#12 file (.p12/.pfx) and its password. Both stay in this page's
 * memory: the file is read with FileReader APIs, the password is never stored or sent.
 */
import type { RefObject } from 'react';

interface Props {
  idBase: string;
  file: File | null;
  onFile(file: File | null): void;
  password: string;
  onPassword(password: string): void;
  fileRef: RefObject<HTMLInputElement | null>;
  passwordRef: RefObject<HTMLInputElement | null>;
  disabled?: boolean;
  /** Id of the alert region the fields are described by while it shows an error. */
  errorId?: string;
  /** Which field the current error is about. */
  invalid?: 'file' | 'password' | null;
  onEnter?(): void;
}

export default function CertificateFields({
  idBase,
  file,
  onFile,
  password,
  onPassword,
  fileRef,
  passwordRef,
  disabled,
  errorId,
  invalid,
  onEnter,
}: Props) {
  return (
    <div className="pdf-cert-fields">
      <div className="pdf-field">
        <label htmlFor={`${idBase}-p12`} className="pdf-label">
          個人憑證檔（.p12 或 .pfx）
        </label>
        <input
          ref={fileRef}
          id={`${idBase}-p12`}
          type="file"
          accept=".p12,.pfx,application/x-pkcs12"
          disabled={disabled}
          aria-describedby={`${idBase}-p12-help${invalid === 'file' && errorId ? ` ${errorId}` : ''}`}
          aria-invalid={invalid === 'file' ? true : undefined}
          onChange={(e) => onFile(e.target.files?.[0] ?? null)}
          data-p12-input
        />
        <p id={`${idBase}-p12-help`} className="pdf-hint">
          {file ? `已選擇：${file.name}。` : '尚未選擇憑證檔。'}
          憑證檔及密碼只在這部電腦的瀏覽器內使用，不會上載。
        </p>
      </div>
      <div className="pdf-field">
        <label htmlFor={`${idBase}-password`} className="pdf-label">
          憑證密碼
        </label>
        <input
          ref={passwordRef}
          id={`${idBase}-password`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          disabled={disabled}
          value={password}
          aria-invalid={invalid === 'password' ? true : undefined}
          aria-describedby={invalid === 'password' && errorId ? errorId : undefined}
          onChange={(e) => onPassword(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && onEnter) {
              e.preventDefault();
              onEnter();
            }
          }}
          data-p12-password
        />
      </div>
    </div>
  );
}
