/**
 * RJSF templates and widgets for the handbook's forms, one file each: every label tied to its
 * control, radio and checkbox groups named by their field, visible Chinese text on every button,
 * repeating rows usable by keyboard (focus follows the row that was added, moved or removed), and an
 * error summary that links to each field. A long table re-renders only the row being edited.
 */
import type { RegistryFieldsType, RegistryWidgetsType, TemplatesType } from '@rjsf/utils';
import { ArrayField } from './ArrayField.tsx';
import { AddButton } from './AddButton.tsx';
import { ArrayFieldItemButtonsTemplate } from './ArrayFieldItemButtonsTemplate.tsx';
import { ArrayFieldItemTemplate } from './ArrayFieldItemTemplate.tsx';
import { ArrayFieldTemplate } from './ArrayFieldTemplate.tsx';
import { BaseInputTemplate } from './BaseInputTemplate.tsx';
import { CheckboxesWidget } from './CheckboxesWidget.tsx';
import { DateTimeWidget } from './DateTimeWidget.tsx';
import { ErrorListTemplate } from './ErrorListTemplate.tsx';
import { FieldErrorTemplate } from './FieldErrorTemplate.tsx';
import { FieldTemplate } from './FieldTemplate.tsx';
import { ObjectFieldTemplate } from './ObjectFieldTemplate.tsx';
import { RadioWidget } from './RadioWidget.tsx';
import { SelectWidget } from './SelectWidget.tsx';
import { SubmitButton } from './SubmitButton.tsx';
import { TitleFieldTemplate } from './TitleFieldTemplate.tsx';

export { errorFieldId, fieldElementId, focusField } from './focus.ts';
export { RequiredNote } from './RequiredNote.tsx';

export const templates: Partial<Omit<TemplatesType, 'ButtonTemplates'>> & { ButtonTemplates: Partial<TemplatesType['ButtonTemplates']> } = {
  FieldTemplate,
  TitleFieldTemplate,
  ObjectFieldTemplate,
  FieldErrorTemplate,
  BaseInputTemplate,
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  ArrayFieldItemButtonsTemplate,
  ErrorListTemplate,
  ButtonTemplates: { AddButton, SubmitButton },
};

/** Repeating rows that re-render only when their own data or errors change (ArrayField.tsx). */
export const fields: RegistryFieldsType = { ArrayField };

export const widgets: RegistryWidgetsType = {
  RadioWidget,
  CheckboxesWidget,
  SelectWidget,
  DateTimeWidget,
};
