import type { MouseEvent } from 'react';
import {
  TranslatableString,
  type ErrorListProps,
} from '@rjsf/utils';
import { errorFieldId, focusField } from './focus.ts';

export function ErrorListTemplate({ errors, registry }: ErrorListProps) {
  const { idPrefix, idSeparator } = registry.globalFormOptions;
  if (errors.length === 0) return null;
  const H = (registry.formContext as { headingLevel?: number } | undefined)?.headingLevel === 3 ? 'h3' : 'h2';
  const jump = (id: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    const form = (e.currentTarget as HTMLElement).closest('form') ?? document;
    focusField(id, form);
  };
  return (
    <div className="rf-error-summary" role="alert" aria-labelledby={`${idPrefix}__errors-title`}>
      <H id={`${idPrefix}__errors-title`} className="rf-error-summary-title">
        {registry.translateString(TranslatableString.ErrorsLabel)}：尚有 {errors.length} 項需要修正
      </H>
      <ul>
        {errors.map((error, i) => {
          const id = errorFieldId(error, idPrefix, idSeparator);
          return (
            <li key={i}>
              <a href={`#${id}`} onClick={jump(id)}>
                {error.stack}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
