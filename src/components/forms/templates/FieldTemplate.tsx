import {
  getTemplate,
  getUiOptions,
  type FieldTemplateProps,
} from '@rjsf/utils';

export function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, children, errors, help, description, hidden, required, displayLabel, registry, uiSchema, classNames, style, rawErrors } = props;
  const uiOptions = getUiOptions(uiSchema);
  const WrapIfAdditionalTemplate = getTemplate('WrapIfAdditionalTemplate', registry, uiOptions);
  if (hidden) return <div className="rf-hidden">{children}</div>;
  const isCheckbox = uiOptions.widget === 'checkbox';
  const hasErrors = (rawErrors?.length ?? 0) > 0;
  return (
    <WrapIfAdditionalTemplate {...props} classNames={`${classNames ?? ''} rf-field${hasErrors ? ' rf-field--invalid' : ''}`} style={style}>
      {displayLabel && !isCheckbox && label && (
        <div className="rf-label-row">
          <label className="ui-label" htmlFor={id} id={`${id}__label`}>
            {label}
          </label>
          {required && (
            <span className="rf-required" aria-hidden="true">
              ＊
            </span>
          )}
        </div>
      )}
      {displayLabel && description ? description : null}
      {children}
      {errors}
      {help}
    </WrapIfAdditionalTemplate>
  );
}
