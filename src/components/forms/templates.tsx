/**
 * RJSF templates and widgets for the handbook's forms: every label tied to its control, radio and
 * checkbox groups named by their field, visible Chinese text on every button, repeating rows usable by
 * keyboard (focus follows the row that was added, moved or removed), and an error summary that links
 * to each field.
 */
import type { MouseEvent, ReactNode } from 'react';
import {
  ariaDescribedByIds,
  buttonId,
  descriptionId,
  enumOptionsDeselectValue,
  enumOptionsIsSelected,
  enumOptionsSelectValue,
  enumOptionValueDecoder,
  enumOptionValueEncoder,
  errorId,
  getOptionValueFormat,
  getSubmitButtonOptions,
  getTemplate,
  getUiOptions,
  optionId,
  titleId,
  TranslatableString,
  type ArrayFieldItemButtonsTemplateProps,
  type ArrayFieldItemTemplateProps,
  type ArrayFieldTemplateProps,
  type BaseInputTemplateProps,
  type ErrorListProps,
  type FieldErrorProps,
  type FieldTemplateProps,
  type IconButtonProps,
  type ObjectFieldTemplateProps,
  type RegistryWidgetsType,
  type RJSFSchema,
  type RJSFValidationError,
  type SubmitButtonProps,
  type TemplatesType,
  type TitleFieldProps,
  type WidgetProps,
} from '@rjsf/utils';
import { getDefaultRegistry } from '@rjsf/core';
import type { ZhError } from '../../lib/forms/validation/messages.ts';

const core = getDefaultRegistry();
const CoreBaseInput = core.templates.BaseInputTemplate;
const CoreSelect = core.widgets.SelectWidget;

// ---------------------------------------------------------------------------------------------
// Focus helpers

const FOCUSABLE = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])';

/** The element id RJSF gives the field at a JSON pointer ("/rows/1/room" → "<prefix>_rows_1_room"). */
export function fieldElementId(idPrefix: string, pointer: string, separator = '_'): string {
  const segs = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return [idPrefix, ...segs].join(separator);
}

/** The field an RJSF error belongs to, as an element id. */
export function errorFieldId(error: RJSFValidationError, idPrefix: string, separator = '_'): string {
  const zh = (error.params as { zh?: ZhError } | undefined)?.zh;
  if (zh) return fieldElementId(idPrefix, zh.path, separator);
  const path = (error.property ?? '').replace(/^\./, '').replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
  return [idPrefix, ...path].join(separator);
}

/**
 * Moves focus to the control for `id`: the element itself when it is a control, else the checked or
 * first option of a radio/checkbox group, else the first control inside (a group of fields).
 */
export function focusField(id: string, root: ParentNode = document): boolean {
  const el = root.querySelector<HTMLElement>(`[id="${CSS.escape(id)}"]`);
  let target: HTMLElement | null = null;
  if (el?.matches('input, select, textarea, button')) target = el;
  else if (el) {
    target = el.querySelector<HTMLElement>('input:checked') ?? el.querySelector<HTMLElement>(FOCUSABLE);
  }
  // A field whose own element is missing (e.g. an option of a group): the first id that starts with it.
  target ??= root.querySelector<HTMLElement>(`[id^="${CSS.escape(id)}-"], [id^="${CSS.escape(id)}_"]`);
  if (target && !target.matches(FOCUSABLE)) target = target.querySelector<HTMLElement>(FOCUSABLE) ?? target;
  if (!target) return false;
  target.focus();
  target.scrollIntoView?.({ block: 'center' });
  return document.activeElement === target;
}

/** Focuses the first of `ids` that exists and is enabled, once React has rendered it. */
function focusSoon(ids: string[], tries = 20): void {
  const attempt = (left: number) => {
    for (const id of ids) {
      const el = document.getElementById(id);
      if (!el) continue;
      const target = el.matches(FOCUSABLE) ? el : el.querySelector<HTMLElement>(FOCUSABLE);
      if (target) {
        target.focus();
        return;
      }
    }
    if (left > 0) requestAnimationFrame(() => attempt(left - 1));
  };
  requestAnimationFrame(() => attempt(tries));
}

// ---------------------------------------------------------------------------------------------
// Labels, fields, groups

function FieldTemplate(props: FieldTemplateProps) {
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

function TitleFieldTemplate({ id, title, required }: TitleFieldProps) {
  return (
    <legend id={id} className="ui-legend">
      {title}
      {required && (
        <span className="rf-required" aria-hidden="true">
          ＊
        </span>
      )}
    </legend>
  );
}

function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
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

function FieldErrorTemplate({ errors = [], fieldPathId }: FieldErrorProps) {
  const list = errors.filter((e) => !!e);
  if (list.length === 0) return null;
  return (
    <ul id={errorId(fieldPathId)} className="rf-field-errors">
      {list.map((error, i) => (
        <li key={i}>
          <span className="sr-only">錯誤：</span>
          {error}
        </li>
      ))}
    </ul>
  );
}

// ---------------------------------------------------------------------------------------------
// Widgets

function BaseInputTemplate(props: BaseInputTemplateProps) {
  const invalid = (props.rawErrors?.length ?? 0) > 0;
  return <CoreBaseInput {...props} {...(invalid ? { 'aria-invalid': true } : {})} />;
}

type EnumOptions = NonNullable<WidgetProps['options']['enumOptions']>;

/**
 * The choices as the form defines them (oneOf const + Chinese title). A rule that allows only some
 * of them (e.g. 4.4.7: 處罰決定人 ∈ two managers) reaches RJSF as a merged `enum`, which would list
 * bare English values and hide the current answer; the rule is checked and explained on validation.
 */
function choiceOptions(schema: RJSFSchema | undefined, fallback: EnumOptions | undefined): EnumOptions | undefined {
  const list = schema?.oneOf;
  if (!Array.isArray(list) || list.length === 0) return fallback;
  if (!list.every((o) => o && typeof o === 'object' && 'const' in o)) return fallback;
  return list.map((o) => {
    const c = o as RJSFSchema;
    return { value: c.const, label: typeof c.title === 'string' ? c.title : String(c.const), schema: c };
  }) as EnumOptions;
}

function SelectWidget(props: WidgetProps) {
  const enumOptions = choiceOptions(props.schema, props.options.enumOptions);
  return <CoreSelect {...props} options={{ ...props.options, enumOptions }} placeholder={props.placeholder || '請選擇…'} />;
}

interface ChoiceListProps {
  widget: WidgetProps;
  type: 'radio' | 'checkbox';
  enumOptions: EnumOptions | undefined;
  isChecked(value: unknown): boolean;
  onToggle(index: number, value: unknown, checked: boolean): void;
}

/** A choice field's radio buttons or checkboxes, each in its own <label>. */
function ChoiceList({ widget, type, enumOptions, isChecked, onToggle }: ChoiceListProps) {
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

function RadioWidget(props: WidgetProps) {
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

function CheckboxesWidget(props: WidgetProps) {
  const { schema, value, onChange } = props;
  const items = schema?.items && typeof schema.items === 'object' && !Array.isArray(schema.items) ? (schema.items as RJSFSchema) : undefined;
  const enumOptions = choiceOptions(items, props.options.enumOptions);
  const values: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return (
    <ChoiceList
      widget={props}
      type="checkbox"
      enumOptions={enumOptions}
      isChecked={(v) => enumOptionsIsSelected(v, values as never)}
      onToggle={(i, _v, on) =>
        onChange(on ? enumOptionsSelectValue(i, values as never, enumOptions) : enumOptionsDeselectValue(i, values as never, enumOptions))
      }
    />
  );
}

// ---------------------------------------------------------------------------------------------
// Buttons

function TextButton({ label, extra, className, onClick, disabled, id }: { label: string; extra?: string; className: string; onClick?: (e: MouseEvent<HTMLButtonElement>) => void; disabled?: boolean; id?: string }) {
  return (
    <button type="button" id={id} className={`ui-button ${className}`} onClick={onClick} disabled={disabled}>
      {label}
      {extra && <span className="sr-only">{extra}</span>}
    </button>
  );
}

function AddButton({ id, onClick, disabled, registry }: IconButtonProps) {
  return <TextButton id={id} className="rf-add" label={registry.translateString(TranslatableString.AddButton)} onClick={onClick} disabled={disabled} />;
}

function SubmitButton({ uiSchema }: SubmitButtonProps) {
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

/** The array id and the row number of an item's FieldPathId ("root_rows_2" → ["root_rows", 2]). */
function splitItemId(itemId: string, index: number, separator: string): string {
  const suffix = `${separator}${index}`;
  return itemId.endsWith(suffix) ? itemId.slice(0, -suffix.length) : itemId;
}

function ArrayFieldItemButtonsTemplate(props: ArrayFieldItemButtonsTemplateProps) {
  const { disabled, readonly, hasMoveUp, hasMoveDown, hasRemove, hasCopy, fieldPathId, index, totalItems, onMoveUpItem, onMoveDownItem, onRemoveItem, onCopyItem, registry } = props;
  const t = registry.translateString;
  const sep = registry.globalFormOptions.idSeparator;
  const arrayId = splitItemId(fieldPathId.$id, index, sep);
  const itemId = (i: number) => `${arrayId}${sep}${i}`;
  const row = `（第 ${index + 1} 列）`;
  const off = disabled || readonly;
  const moveUp = (e: MouseEvent<HTMLButtonElement>) => {
    onMoveUpItem(e);
    focusSoon([buttonId(itemId(index - 1), 'moveUp'), buttonId(itemId(index - 1), 'moveDown')]);
  };
  const moveDown = (e: MouseEvent<HTMLButtonElement>) => {
    onMoveDownItem(e);
    focusSoon([buttonId(itemId(index + 1), 'moveDown'), buttonId(itemId(index + 1), 'moveUp')]);
  };
  const remove = (e: MouseEvent<HTMLButtonElement>) => {
    onRemoveItem(e);
    const next = Math.min(index, totalItems - 2);
    focusSoon(next >= 0 ? [buttonId(itemId(next), 'remove'), itemId(next)] : [buttonId(arrayId, 'add')]);
  };
  const copy = (e: MouseEvent<HTMLButtonElement>) => {
    onCopyItem(e);
    focusSoon([itemId(index + 1)]);
  };
  return (
    <>
      {(hasMoveUp || hasMoveDown) && (
        <TextButton id={buttonId(fieldPathId, 'moveUp')} className="ui-button--small" label={t(TranslatableString.MoveUpButton)} extra={row} disabled={off || !hasMoveUp} onClick={moveUp} />
      )}
      {(hasMoveUp || hasMoveDown) && (
        <TextButton id={buttonId(fieldPathId, 'moveDown')} className="ui-button--small" label={t(TranslatableString.MoveDownButton)} extra={row} disabled={off || !hasMoveDown} onClick={moveDown} />
      )}
      {hasCopy && <TextButton id={buttonId(fieldPathId, 'copy')} className="ui-button--small" label={t(TranslatableString.CopyButton)} extra={row} disabled={off} onClick={copy} />}
      {hasRemove && (
        <TextButton id={buttonId(fieldPathId, 'remove')} className="ui-button--small ui-button--danger" label={t(TranslatableString.RemoveButton)} extra={row} disabled={off} onClick={remove} />
      )}
    </>
  );
}

function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
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

function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { canAdd, disabled, fieldPathId, uiSchema, items, onAddClick, readonly, registry, required, schema, title, optionalDataControl } = props;
  const uiOptions = getUiOptions(uiSchema);
  const ArrayFieldDescriptionTemplate = getTemplate('ArrayFieldDescriptionTemplate', registry, uiOptions);
  const sep = registry.globalFormOptions.idSeparator;
  const add = (e: MouseEvent<HTMLButtonElement>) => {
    onAddClick(e);
    focusSoon([`${fieldPathId.$id}${sep}${items.length}`]);
  };
  const legend = uiOptions.title || title;
  return (
    <fieldset className="rf-array" id={fieldPathId.$id}>
      {legend && <TitleFieldTemplate id={titleId(fieldPathId)} title={legend} required={required} schema={schema} uiSchema={uiSchema} registry={registry} />}
      {optionalDataControl}
      <ArrayFieldDescriptionTemplate fieldPathId={fieldPathId} description={uiOptions.description || schema.description} schema={schema} uiSchema={uiSchema} registry={registry} />
      {items.length > 0 ? (
        <ol className="rf-array-items">{items}</ol>
      ) : (
        <p className="rf-array-empty">{registry.translateString(TranslatableString.EmptyArray)}</p>
      )}
      {canAdd && (
        <TextButton
          id={buttonId(fieldPathId, 'add')}
          className="rf-add"
          label={registry.translateString(TranslatableString.AddButton)}
          extra={legend ? `（${legend}）` : undefined}
          onClick={add}
          disabled={disabled || readonly}
        />
      )}
    </fieldset>
  );
}

// ---------------------------------------------------------------------------------------------
// Error summary

function ErrorListTemplate({ errors, registry }: ErrorListProps) {
  const { idPrefix, idSeparator } = registry.globalFormOptions;
  if (errors.length === 0) return null;
  const H = (registry.formContext as { headingLevel?: number } | undefined)?.headingLevel === 3 ? 'h3' : 'h2';
  const jump = (id: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    const form = (e.currentTarget as HTMLElement).closest('form') ?? document;
    focusField(id, form);
  };
  return (
    <div className="rf-error-summary" role="alert" aria-labelledby={`${idPrefix}__errors-title`}>
      <H id={`${idPrefix}__errors-title`} className="rf-error-summary-title">
        {registry.translateString(TranslatableString.ErrorsLabel)}：尚有 {errors.length} 項需要修正
      </H>
      <ul>
        {errors.map((error, i) => {
          const id = errorFieldId(error, idPrefix, idSeparator);
          return (
            <li key={i}>
              <a href={`#${id}`} onClick={jump(id)}>
                {error.stack}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

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

export const widgets: RegistryWidgetsType = {
  RadioWidget,
  CheckboxesWidget,
  SelectWidget,
};

export function RequiredNote(): ReactNode {
  return (
    <p className="rf-required-note">
      標有 <span aria-hidden="true">＊</span>
      <span className="sr-only">星號</span> 的欄位必須填寫。
    </p>
  );
}
