import {
  enumOptionsDeselectValue,
  enumOptionsIsSelected,
  enumOptionsSelectValue,
  type RJSFSchema,
  type WidgetProps,
} from '@rjsf/utils';
import { choiceOptions, ChoiceList } from './choices.tsx';

export function CheckboxesWidget(props: WidgetProps) {
  const { schema, value, onChange } = props;
  const items = schema?.items && typeof schema.items === 'object' && !Array.isArray(schema.items) ? (schema.items as RJSFSchema) : undefined;
  const enumOptions = choiceOptions(items, props.options.enumOptions);
  const values: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return (
    <ChoiceList
      widget={props}
      type="checkbox"
      enumOptions={enumOptions}
      isChecked={(v) => enumOptionsIsSelected(v, values as never)}
      onToggle={(i, _v, on) =>
        onChange(on ? enumOptionsSelectValue(i, values as never, enumOptions) : enumOptionsDeselectValue(i, values as never, enumOptions))
      }
    />
  );
}
