import type { MouseEvent } from 'react';
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
  return (
    <fieldset className="rf-array" id={fieldPathId.$id}>
      {legend && <TitleFieldTemplate id={titleId(fieldPathId)} title={legend} required={required} schema={schema} uiSchema={uiSchema} registry={registry} />}
      {optionalDataControl}
      <ArrayFieldDescriptionTemplate fieldPathId={fieldPathId} description={uiOptions.description || schema.description} schema={schema} uiSchema={uiSchema} registry={registry} />
      {items.length > 0 ? (
        <ol className="rf-array-items">{items}</ol>
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
