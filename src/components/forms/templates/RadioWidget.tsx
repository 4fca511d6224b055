import {
  enumOptionsIsSelected,
  type WidgetProps,
} from '@rjsf/utils';
import { choiceOptions, ChoiceList } from './choices.tsx';

export function RadioWidget(props: WidgetProps) {
  const enumOptions = choiceOptions(props.schema, props.options.enumOptions);
  return (
    <ChoiceList
      widget={props}
      type="radio"
      enumOptions={enumOptions}
      isChecked={(v) => enumOptionsIsSelected(v, props.value)}
      onToggle={(_i, v) => props.onChange(v)}
    />
  );
}
