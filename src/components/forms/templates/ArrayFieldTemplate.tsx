import { useEffect, useState, type MouseEvent } from 'react';
import {
  buttonId,
  getTemplate,
  getUiOptions,
  titleId,
  TranslatableString,
  type ArrayFieldTemplateProps,
} from '@rjsf/utils';
import { TextButton } from './TextButton.tsx';
import { TitleFieldTemplate } from './TitleFieldTemplate.tsx';
import { focusSoon } from './focus.ts';

/** Rows rendered in one go; a longer list (an imported 500-row record) gets the rest over the next tasks. */
export const ROWS_PER_TASK = 50;

/**
 * How many of `count` rows to render now: all of them, except when the list arrives long (a record
 * imported, a draft resumed), when the first ROWS_PER_TASK show at once and the others follow a
 * chunk per task, so the page paints and answers the keyboard while the rest are built (each row is
 * a dozen RJSF components; 500 took seconds in one task). A row the user adds shows at once.
 */
export function useRowsShown(count: number): number {
  const [shown, setShown] = useState(() => Math.min(count, ROWS_PER_TASK));
  const pending = count - shown > 1;
  // Caught up (or rows removed, or one added): follow the list as it is.
  if (!pending && shown !== count) setShown(count);
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setShown((s) => Math.min(count, s + ROWS_PER_TASK)), 0);
    return () => clearTimeout(timer);
  }, [pending, shown, count]);
  return pending ? shown : count;
}

export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { canAdd, disabled, fieldPathId, uiSchema, items, onAddClick, readonly, registry, required, schema, title, optionalDataControl } = props;
  const uiOptions = getUiOptions(uiSchema);
  const ArrayFieldDescriptionTemplate = getTemplate('ArrayFieldDescriptionTemplate', registry, uiOptions);
  const sep = registry.globalFormOptions.idSeparator;
  const add = (e: MouseEvent<HTMLButtonElement>) => {
    onAddClick(e);
    focusSoon([`${fieldPathId.$id}${sep}${items.length}`]);
  };
  const legend = uiOptions.title || title;
  const shown = useRowsShown(items.length);
  return (
    <fieldset className="rf-array" id={fieldPathId.$id}>
      {legend && <TitleFieldTemplate id={titleId(fieldPathId)} title={legend} required={required} schema={schema} uiSchema={uiSchema} registry={registry} />}
      {optionalDataControl}
      <ArrayFieldDescriptionTemplate fieldPathId={fieldPathId} description={uiOptions.description || schema.description} schema={schema} uiSchema={uiSchema} registry={registry} />
      {items.length > 0 ? (
        <>
          <ol className="rf-array-items">{shown < items.length ? items.slice(0, shown) : items}</ol>
          {shown < items.length && (
            <p className="rf-array-more" role="status">
              正在顯示其餘各列（已顯示 {shown} 列，共 {items.length} 列）…
            </p>
          )}
        </>
      ) : (
        <p className="rf-array-empty">{registry.translateString(TranslatableString.EmptyArray)}</p>
      )}
      {canAdd && (
        <TextButton
          id={buttonId(fieldPathId, 'add')}
          className="rf-add"
          label={registry.translateString(TranslatableString.AddButton)}
          extra={legend ? `（${legend}）` : undefined}
          onClick={add}
          disabled={disabled || readonly}
        />
      )}
    </fieldset>
  );
}
