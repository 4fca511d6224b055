/**
 * The signer's certificate: a PKCS#12 file (.p12/.pfx) and its password, with the state behind them
 * (useCertificate). Both stay in this page's memory: the file is read with FileReader APIs, the
 * password is never stored or sent.
 */
import { useRef, useState, type RefObject } from 'react';
import type { Say } from './Messages.tsx';
import FileInput from '../FileInput.tsx';
import { errorCode, errorText } from './pdf-runtime.ts';

type Invalid = 'file' | 'password' | null;

/** PdfError codes that are about the certificate file rather than its password. */
const FILE_ERRORS = new Set(['NOT_PKCS12', 'NO_PRIVATE_KEY', 'NO_CERTIFICATE', 'CERT_EXPIRED', 'CERT_NOT_YET_VALID', 'UNSUPPORTED_KEY']);

export interface Certificate {
  file: File | null;
  password: string;
  /** Which field the current error is about. */
  invalid: Invalid;
  fileRef: RefObject<HTMLInputElement | null>;
  passwordRef: RefObject<HTMLInputElement | null>;
  setFile(file: File | null): void;
  setPassword(password: string): void;
  /** The chosen file; without one, says so and puts the focus on the file field. */
  chosen(): File | null;
  /** After a signature: the password is not kept. */
  signed(): void;
  /** Says why signing failed and puts the focus on the field it is about (wrong password, unusable file). */
  failed(e: unknown, fallback: string): void;
}

/** The certificate fields' state; `say` shows the island's messages. */
export function useCertificate(say: Say): Certificate {
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [invalid, setInvalid] = useState<Invalid>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  return {
    file,
    password,
    invalid,
    fileRef,
    passwordRef,
    setFile(f) {
      setFile(f);
      setInvalid((i) => (i === 'file' ? null : i));
    },
    setPassword(p) {
      setPassword(p);
      setInvalid((i) => (i === 'password' ? null : i));
    },
    chosen() {
      setInvalid(file ? null : 'file');
      if (file) return file;
      say('error', '請先選擇你的個人憑證檔（.p12 或 .pfx）。');
      fileRef.current?.focus();
      return null;
    },
    signed() {
      setPassword('');
    },
    failed(e, fallback) {
      say('error', errorText(e, fallback));
      const code = errorCode(e);
      if (code === 'BAD_PASSWORD') {
        setInvalid('password');
        requestAnimationFrame(() => {
          passwordRef.current?.focus();
          passwordRef.current?.select();
        });
      } else if (code && FILE_ERRORS.has(code)) {
        setInvalid('file');
        requestAnimationFrame(() => fileRef.current?.focus());
      }
    },
  };
}

interface Props {
  idBase: string;
  cert: Certificate;
  /** Id of the alert region the fields are described by while it shows an error. */
  errorId?: string;
  onEnter?(): void;
}

export default function CertificateFields({ idBase, cert, errorId, onEnter }: Props) {
  const { file, password, invalid } = cert;
  return (
    <div className="pdf-cert-fields">
      <div className="pdf-field">
        <label htmlFor={`${idBase}-p12`} className="ui-label">
          個人憑證檔（.p12 或 .pfx）
        </label>
        <FileInput
          inputRef={cert.fileRef}
          id={`${idBase}-p12`}
          buttonText="選擇憑證檔…"
          accept=".p12,.pfx,application/x-pkcs12"
          aria-describedby={`${idBase}-p12-help${invalid === 'file' && errorId ? ` ${errorId}` : ''}`}
          aria-invalid={invalid === 'file' ? true : undefined}
          onChange={(e) => cert.setFile(e.target.files?.[0] ?? null)}
          data-p12-input
        />
        <p id={`${idBase}-p12-help`} className="pdf-hint">
          {file ? `已選擇：${file.name}。` : '尚未選擇憑證檔。'}
          憑證檔及密碼只在這部電腦的瀏覽器內使用，不會上載。
        </p>
      </div>
      <div className="pdf-field">
        <label htmlFor={`${idBase}-password`} className="ui-label">
          憑證密碼
        </label>
        <input
          ref={cert.passwordRef}
          id={`${idBase}-password`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={password}
          aria-invalid={invalid === 'password' ? true : undefined}
          aria-describedby={invalid === 'password' && errorId ? errorId : undefined}
          onChange={(e) => cert.setPassword(e.target.value)}
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
