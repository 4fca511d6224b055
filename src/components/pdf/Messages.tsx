/**
 * The PDF islands' one-line messages: a polite live region for success and information, an alert
 * region (whose id the fields an error is about point to) for errors.
 */
import { useCallback, useRef, useState } from 'react';

export interface Message {
  kind: 'success' | 'error' | 'info';
  text: string;
  /** Changes with every message, so a repeated one is announced again. */
  seq: number;
}

export type Say = (kind: Message['kind'], text: string) => void;

export function useMessages(): { message: Message | null; say: Say; clear(): void } {
  const [message, setMessage] = useState<Message | null>(null);
  const seq = useRef(0);
  const say = useCallback<Say>((kind, text) => {
    seq.current += 1;
    setMessage({ kind, text, seq: seq.current });
  }, []);
  const clear = useCallback(() => setMessage(null), []);
  return { message, say, clear };
}

export function Messages({ message, errorId }: { message: Message | null; errorId: string }) {
  return (
    <>
      <div aria-live="polite">
        {message && message.kind !== 'error' && (
          <p key={message.seq} className={`ui-notice ui-notice--${message.kind}`} data-pdf-message={message.kind}>
            {message.text}
          </p>
        )}
      </div>
      <div role="alert" id={errorId}>
        {message?.kind === 'error' && (
          <p key={message.seq} className="ui-notice ui-notice--error" data-pdf-message="error">
            {message.text}
          </p>
        )}
      </div>
    </>
  );
}
