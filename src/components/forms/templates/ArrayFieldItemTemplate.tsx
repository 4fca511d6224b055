import {
  getTemplate,
  getUiOptions,
  type ArrayFieldItemTemplateProps,
} from '@rjsf/utils';
import { ArrayFieldItemButtonsTemplate } from './ArrayFieldItemButtonsTemplate.tsx';

export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, hasToolbar, index, registry, uiSchema } = props;
  const Buttons = getTemplate('ArrayFieldItemButtonsTemplate', registry, getUiOptions(uiSchema));
  const headId = `${buttonsProps.fieldPathId.$id}__row`;
  return (
    <li className="rf-array-item">
      <div role="group" aria-labelledby={headId} className="rf-array-row">
        <div className="rf-array-row-head">
          <span id={headId} className="rf-array-row-no">
            第 {index + 1} 列
          </span>
          {hasToolbar && (
            <span className="rf-array-row-tools">
              <Buttons {...buttonsProps} />
            </span>
          )}
        </div>
        <div className="rf-array-row-body">{children}</div>
      </div>
    </li>
  );
}
