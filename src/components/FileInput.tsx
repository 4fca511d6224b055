/**
 * A file input whose visible button and status speak Chinese. The native control shows the
 * browser's own language ("Choose File"); here it is visually hidden but stays focusable and
 * keeps its label, and a <label> styled as a button opens it.
 */
import { useState, type InputHTMLAttributes, type Ref } from 'react';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'className'> {
  id: string;
  inputRef?: Ref<HTMLInputElement>;
  buttonText?: string;
}

export default function FileInput({ id, inputRef, buttonText = '選擇檔案…', onChange, ...input }: Props) {
  const [chosen, setChosen] = useState('');
  return (
    <span className="file-input">
      <input
        {...input}
        ref={inputRef}
        id={id}
        type="file"
        className="sr-only"
        onChange={(e) => {
          // A folder of a thousand files is named by its count, not a thousand names laid out at once.
          const files = e.target.files ?? [];
          setChosen(files.length > 3 ? `已選擇 ${files.length} 個檔案` : Array.from(files, (f) => f.name).join('、'));
          onChange?.(e);
        }}
      />
      <label htmlFor={id} className="ui-button" data-file-button>
        {buttonText}
      </label>
      <span className="file-input-status" aria-hidden="true">
        {chosen || '尚未選擇檔案'}
      </span>
    </span>
  );
}
