import {
  getSubmitButtonOptions,
  type SubmitButtonProps,
} from '@rjsf/utils';

export function SubmitButton({ uiSchema }: SubmitButtonProps) {
  const { submitText, norender, props = {} } = getSubmitButtonOptions(uiSchema);
  if (norender) return null;
  return (
    <div className="rf-submit">
      <button type="submit" {...props} className={`ui-button ui-button--primary ${props.className ?? ''}`}>
        {submitText}
      </button>
    </div>
  );
}
