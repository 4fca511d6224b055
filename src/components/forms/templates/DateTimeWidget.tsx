import { getTemplate, localToUTC, utcToLocal, type WidgetProps } from '@rjsf/utils';

/**
 * RJSF's date-time input, except that a typed date-time that is no real time (a five-digit year) is
 * kept as typed: the field still shows it and validation says the date-time is wrong, where RJSF
 * would store null, empty the field and report 「應為文字」.
 */
export function DateTimeWidget(props: WidgetProps) {
  const { onChange, value, options, registry } = props;
  const BaseInputTemplate = getTemplate('BaseInputTemplate', registry, options);
  const real = typeof value === 'string' && !Number.isNaN(Date.parse(value));
  return (
    <BaseInputTemplate
      type="datetime-local"
      {...props}
      value={real ? utcToLocal(value) : (value ?? '')}
      onChange={(typed: string) => onChange(typed ? (localToUTC(typed) ?? typed) : undefined)}
    />
  );
}
