import type { BaseInputTemplateProps } from '@rjsf/utils';
import { getDefaultRegistry } from '@rjsf/core';

const CoreBaseInput = getDefaultRegistry().templates.BaseInputTemplate;

export function BaseInputTemplate(props: BaseInputTemplateProps) {
  const invalid = (props.rawErrors?.length ?? 0) > 0;
  return <CoreBaseInput {...props} {...(invalid ? { 'aria-invalid': true } : {})} />;
}
