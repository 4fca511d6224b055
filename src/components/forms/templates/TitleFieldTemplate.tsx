import type { TitleFieldProps } from '@rjsf/utils';

export function TitleFieldTemplate({ id, title, required }: TitleFieldProps) {
  return (
    <legend id={id} className="ui-legend">
      {title}
      {required && (
        <span className="rf-required" aria-hidden="true">
          ＊
        </span>
      )}
    </legend>
  );
}
