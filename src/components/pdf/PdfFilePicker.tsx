/**
 * Choose a PDF with the file input, or drop one on the area around it. The file is read in the
 * browser; nothing is uploaded. Reaching for the picker starts loading the PDF code.
 */
import { useRef, useState, type ReactNode } from 'react';
import FileInput from '../FileInput.tsx';
import { preloadReader } from './inspect.ts';

interface Props {
  id: string;
  label: string;
  hint: ReactNode;
  onFile(file: File): void;
  disabled?: boolean;
}

export default function PdfFilePicker({ id, label, hint, onFile, disabled }: Props) {
  const [over, setOver] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <div
      className={`pdf-drop${over ? ' pdf-drop--over' : ''}`}
      onDragOver={(e) => {
        if (disabled) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      // The user reaches for a file: fetch the PDF code now, not before.
      onFocus={preloadReader}
      onPointerDown={preloadReader}
      onPointerEnter={preloadReader}
      onDragEnter={preloadReader}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (disabled) return;
        const file = e.dataTransfer.files?.[0];
        if (file) onFile(file);
      }}
      data-drop-zone
    >
      <label htmlFor={id} className="ui-label">
        {label}
      </label>
      <FileInput
        inputRef={inputRef}
        id={id}
        buttonText="選擇 PDF 檔…"
        accept=".pdf,application/pdf"
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          // Choosing the same file again still reports it.
          e.target.value = '';
        }}
        data-pdf-input
      />
      <p id={`${id}-hint`} className="pdf-hint">
        {hint}
      </p>
    </div>
  );
}
