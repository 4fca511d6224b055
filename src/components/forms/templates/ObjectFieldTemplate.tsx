import {
  descriptionId,
  getTemplate,
  getUiOptions,
  titleId,
  type ObjectFieldTemplateProps,
} from '@rjsf/utils';
import { TitleFieldTemplate } from './TitleFieldTemplate.tsx';

export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { title, description, properties, fieldPathId, registry, uiSchema, schema, required, optionalDataControl } = props;
  const options = getUiOptions(uiSchema);
  const DescriptionFieldTemplate = getTemplate('DescriptionFieldTemplate', registry, options);
  const content = properties.filter((p) => !p.hidden).map((p) => p.content);
  const hiddenContent = properties.filter((p) => p.hidden).map((p) => p.content);
  const path = fieldPathId.path;
  if (path.length > 0 && typeof path[path.length - 1] === 'number') {
    // A row of a repeating list: the row header (「第 n 列」) already names it.
    return (
      <div className="rf-row-fields" id={fieldPathId.$id}>
        {content}
        {hiddenContent}
      </div>
    );
  }
  if (path.length === 0) {
    // The page heading already names the form.
    return (
      <div className="rf-root" id={fieldPathId.$id}>
        {description && (
          <DescriptionFieldTemplate id={descriptionId(fieldPathId)} description={description} schema={schema} uiSchema={uiSchema} registry={registry} />
        )}
        {content}
        {hiddenContent}
      </div>
    );
  }
  return (
    <fieldset className="rf-group" id={fieldPathId.$id}>
      {title && <TitleFieldTemplate id={titleId(fieldPathId)} title={title} required={required} schema={schema} uiSchema={uiSchema} registry={registry} />}
      {optionalDataControl}
      {description && (
        <DescriptionFieldTemplate id={descriptionId(fieldPathId)} description={description} schema={schema} uiSchema={uiSchema} registry={registry} />
      )}
      <div className="rf-group-fields">{content}</div>
      {hiddenContent}
    </fieldset>
  );
}
