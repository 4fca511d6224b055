import type { WidgetProps } from '@rjsf/utils';
import { getDefaultRegistry } from '@rjsf/core';
import { choiceOptions } from './choices.tsx';

const CoreSelect = getDefaultRegistry().widgets.SelectWidget;

export function SelectWidget(props: WidgetProps) {
  const enumOptions = choiceOptions(props.schema, props.options.enumOptions);
  return <CoreSelect {...props} options={{ ...props.options, enumOptions }} placeholder={props.placeholder || '請選擇…'} />;
}
