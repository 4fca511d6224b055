import type { MouseEvent } from 'react';

export function TextButton({ label, extra, className, onClick, disabled, id }: { label: string; extra?: string; className: string; onClick?: (e: MouseEvent<HTMLButtonElement>) => void; disabled?: boolean; id?: string }) {
  return (
    <button type="button" id={id} className={`ui-button ${className}`} onClick={onClick} disabled={disabled}>
      {label}
      {extra && <span className="sr-only">{extra}</span>}
    </button>
  );
}
