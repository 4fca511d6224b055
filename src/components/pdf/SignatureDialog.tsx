/**
 * A handwritten signature drawn with signature_pad in a modal <dialog>: the signer's typed name
 * is always required (it is the signature's text alternative, and the only way to sign for
 * someone who cannot draw with a pointer); the drawing itself may be left empty. 「清除」,
 * 「確定」 and 「取消」 are buttons, Esc cancels, focus returns to the button that opened it.
 * HandSignatureControls shows a drawn signature with the buttons that open, redo or remove it.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import SignaturePad from 'signature_pad';
import { localDateTimeText } from './pdf-runtime.ts';
import { base64ToBytes } from '../../lib/shared/bytes.ts';

export interface HandSignature {
  name: string;
  /** When it was drawn, as printed beside it ("2026-03-04 14:05", local time). */
  date: string;
  /** PNG bytes, cropped to the ink; null when only the name was given. */
  image: Uint8Array | null;
  /** data: URL of the same PNG, for the preview. */
  preview: string | null;
}

interface Props {
  /** 「接待人」: what is being signed. */
  roleLabel: string;
  initialName: string;
  open: boolean;
  onConfirm(sig: HandSignature): void;
  onCancel(): void;
}

/** The ink's bounding box (plus a margin) as a PNG, at most 800 px wide. */
function croppedPng(canvas: HTMLCanvasElement): { bytes: Uint8Array; url: string } | null {
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const { width, height } = canvas;
  const px = ctx.getImageData(0, 0, width, height).data;
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (px[(y * width + x) * 4 + 3] > 8) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  if (maxX < 0) return null;
  const margin = Math.round(Math.max(width, height) * 0.02) + 4;
  minX = Math.max(0, minX - margin);
  minY = Math.max(0, minY - margin);
  maxX = Math.min(width - 1, maxX + margin);
  maxY = Math.min(height - 1, maxY + margin);
  const w = maxX - minX + 1;
  const h = maxY - minY + 1;
  const scale = Math.min(1, 800 / w);
  const out = document.createElement('canvas');
  out.width = Math.max(1, Math.round(w * scale));
  out.height = Math.max(1, Math.round(h * scale));
  const octx = out.getContext('2d');
  if (!octx) return null;
  octx.drawImage(canvas, minX, minY, w, h, 0, 0, out.width, out.height);
  const url = out.toDataURL('image/png');
  const bytes = base64ToBytes(url.slice(url.indexOf(',') + 1));
  return { bytes, url };
}

export default function SignatureDialog({ roleLabel, initialName, open, onConfirm, onCancel }: Props) {
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const [name, setName] = useState(initialName);
  const [error, setError] = useState('');
  const [empty, setEmpty] = useState(true);

  // Open/close the native modal and set the canvas up at the device's pixel ratio.
  useEffect(() => {
    const dialog = dialogRef.current;
    const canvas = canvasRef.current;
    if (!dialog || !canvas) return;
    if (open && !dialog.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setName(initialName);
      setError('');
      setEmpty(true);
      dialog.showModal();
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      const rect = canvas.getBoundingClientRect();
      canvas.width = Math.round(rect.width * ratio);
      canvas.height = Math.round(rect.height * ratio);
      canvas.getContext('2d', { willReadFrequently: true })?.scale(ratio, ratio);
      const pad = new SignaturePad(canvas, { penColor: '#000000', backgroundColor: 'rgba(0,0,0,0)', minWidth: 0.8, maxWidth: 2.6 });
      pad.addEventListener('endStroke', () => setEmpty(pad.isEmpty()));
      padRef.current = pad;
      nameRef.current?.focus();
      nameRef.current?.select();
    } else if (!open && dialog.open) {
      dialog.close();
    }
    return undefined;
  }, [open, initialName]);

  useEffect(() => {
    if (open) return;
    padRef.current?.off();
    padRef.current = null;
    const back = returnFocus.current;
    returnFocus.current = null;
    if (back && back.isConnected) back.focus();
  }, [open]);

  const clear = useCallback(() => {
    padRef.current?.clear();
    setEmpty(true);
    canvasRef.current?.focus();
  }, []);

  const confirm = useCallback(() => {
    const typed = name.trim();
    if (!typed) {
      setError('請輸入簽署人姓名（必填）：姓名是簽名的文字記錄，亦會印在 PDF 上。');
      nameRef.current?.focus();
      return;
    }
    const pad = padRef.current;
    const png = pad && !pad.isEmpty() && canvasRef.current ? croppedPng(canvasRef.current) : null;
    onConfirm({ name: typed, date: localDateTimeText(new Date()), image: png?.bytes ?? null, preview: png?.url ?? null });
  }, [name, onConfirm]);

  return (
    <dialog
      ref={dialogRef}
      className="pdf-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-help`}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      data-signature-dialog
    >
      <h2 id={`${id}-title`} className="pdf-dialog-title">
        「{roleLabel}」手寫簽名
      </h2>
      <p id={`${id}-help`} className="pdf-muted">
        在下面的方框內用滑鼠、觸控筆或手指簽名，並輸入簽署人姓名。不能繪畫時，只輸入姓名亦可確定：簽署欄會印上姓名。
      </p>
      <div className="pdf-field">
        <label htmlFor={`${id}-name`} className="ui-label">
          簽署人姓名<span className="pdf-required">（必填）</span>
        </label>
        <input
          ref={nameRef}
          id={`${id}-name`}
          type="text"
          autoComplete="name"
          required
          aria-required="true"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (error) setError('');
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              confirm();
            }
          }}
          data-signer-name
        />
      </div>
      <div className="pdf-pad-wrap">
        <canvas
          ref={canvasRef}
          className="pdf-pad"
          role="img"
          tabIndex={-1}
          aria-label={`「${roleLabel}」簽名方框：用滑鼠、觸控筆或手指在此簽名${empty ? '（目前空白）' : '（已有簽名）'}`}
          data-signature-canvas
        />
        <span className="pdf-pad-line" aria-hidden="true">
          簽名
        </span>
      </div>
      {error && (
        <p id={`${id}-error`} className="ui-notice ui-notice--error" role="alert">
          {error}
        </p>
      )}
      <div className="pdf-actions">
        <button type="button" className="ui-button" onClick={clear}>
          清除
        </button>
        <button type="button" className="ui-button ui-button--primary" onClick={confirm}>
          確定
        </button>
        <button type="button" className="ui-button" onClick={onCancel}>
          取消
        </button>
      </div>
    </dialog>
  );
}

interface ControlsProps {
  /** The drawn signature, or null. */
  sig: HandSignature | null;
  /** The role the signature is for (data-draw-role). */
  role: string;
  /** Added to the button texts when a panel lists several roles: 「（接待人）」. */
  suffix?: string;
  /** Shows when it was drawn beside the name (it is printed under the drawing). */
  withDate?: boolean;
  /** What stands in its place while nothing is drawn. */
  emptyHint: string;
  /** Work is in progress: the buttons do nothing (they stay focusable). */
  busy: boolean;
  onDraw(): void;
  onRemove(): void;
}

/** A drawn signature's preview (or a hint) with 「手寫簽名」/「重新簽名」 and 「移除手寫簽名」. */
export function HandSignatureControls({ sig, role, suffix = '', withDate = false, emptyHint, busy, onDraw, onRemove }: ControlsProps) {
  const off = busy ? true : undefined;
  return (
    <>
      {sig ? (
        <div key="drawn" className="pdf-sig-drawn" data-drawn="true">
          {sig.preview ? (
            <img className="pdf-sig-preview" src={sig.preview} alt={`${sig.name}的手寫簽名`} />
          ) : (
            <span className="pdf-sig-typed">（只輸入姓名，未繪畫）</span>
          )}
          <span>
            姓名：{sig.name}
            {withDate && `　時間：${sig.date}`}
          </span>
        </div>
      ) : (
        <p key="hint" className="pdf-hint">{emptyHint}</p>
      )}
      {/* Keyed: Preact would otherwise give the drawn preview (a div) this div's node and make the
          button anew, and focus could not return to the button that opened the dialog. */}
      <div key="actions" className="pdf-actions">
        <button type="button" className="ui-button" onClick={() => !busy && onDraw()} aria-disabled={off} data-draw-role={role}>
          {sig ? '重新簽名' : '手寫簽名'}
          {suffix}
        </button>
        {sig && (
          <button type="button" className="ui-button" onClick={() => !busy && onRemove()} aria-disabled={off}>
            移除手寫簽名{suffix}
          </button>
        )}
      </div>
    </>
  );
}
