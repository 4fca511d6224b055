import {
  ariaDescribedByIds,
  enumOptionValueDecoder,
  enumOptionValueEncoder,
  getOptionValueFormat,
  optionId,
  type RJSFSchema,
  type WidgetProps,
} from '@rjsf/utils';

export type EnumOptions = NonNullable<WidgetProps['options']['enumOptions']>;

/**
 * The choices as the form defines them (oneOf const + Chinese title). A rule that allows only some
 * of them (e.g. 4.4.7: 處罰決定人 ∈ two managers) reaches RJSF as a merged `enum`, which would list
 * bare English values and hide the current answer; the rule is checked and explained on validation.
 */
export function choiceOptions(schema: RJSFSchema | undefined, fallback: EnumOptions | undefined): EnumOptions | undefined {
  const list = schema?.oneOf;
  if (!Array.isArray(list) || list.length === 0) return fallback;
  if (!list.every((o) => o && typeof o === 'object' && 'const' in o)) return fallback;
  return list.map((o) => {
    const c = o as RJSFSchema;
    return { value: c.const, label: typeof c.title === 'string' ? c.title : String(c.const), schema: c };
  }) as EnumOptions;
}

export interface ChoiceListProps {
  widget: WidgetProps;
  type: 'radio' | 'checkbox';
  enumOptions: EnumOptions | undefined;
  isChecked(value: unknown): boolean;
  onToggle(index: number, value: unknown, checked: boolean): void;
}

/** A choice field's radio buttons or checkboxes, each in its own <label>. */
export function ChoiceList({ widget, type, enumOptions, isChecked, onToggle }: ChoiceListProps) {
  const { id, options, required, disabled, readonly, autofocus = false, onBlur, onFocus, htmlName, label, rawErrors } = widget;
  const { enumDisabled, inline = false, emptyValue } = options;
  const format = getOptionValueFormat(options);
  const decode = (target: HTMLInputElement) => enumOptionValueDecoder(target?.value, enumOptions, format, emptyValue);
  return (
    <div
      className={`rf-choices${inline ? ' rf-choices--inline' : ''}`}
      id={id}
      role={type === 'radio' ? 'radiogroup' : 'group'}
      aria-label={label}
      aria-required={(type === 'radio' && required) || undefined}
      aria-invalid={(rawErrors?.length ?? 0) > 0 || undefined}
      aria-describedby={ariaDescribedByIds(id)}
    >
      {(enumOptions ?? []).map((option, i) => (
        <label key={String(option.value)} className="rf-choice">
          <input
            type={type}
            id={optionId(id, i)}
            name={htmlName || id}
            checked={isChecked(option.value)}
            value={enumOptionValueEncoder(option.value, i, format)}
            disabled={disabled || (Array.isArray(enumDisabled) && enumDisabled.includes(option.value)) || readonly}
            autoFocus={autofocus && i === 0}
            onChange={(event) => onToggle(i, option.value, event.target.checked)}
            onBlur={({ target }) => onBlur(id, decode(target))}
            onFocus={({ target }) => onFocus(id, decode(target))}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </div>
  );
}
