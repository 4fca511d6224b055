import {
  errorId,
  type FieldErrorProps,
} from '@rjsf/utils';

export function FieldErrorTemplate({ errors = [], fieldPathId }: FieldErrorProps) {
  const list = errors.filter((e) => !!e);
  if (list.length === 0) return null;
  return (
    <ul id={errorId(fieldPathId)} className="rf-field-errors">
      {list.map((error, i) => (
        <li key={i}>
          <span className="sr-only">錯誤：</span>
          {error}
        </li>
      ))}
    </ul>
  );
}
