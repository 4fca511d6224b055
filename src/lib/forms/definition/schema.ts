/**
 * The JSON shapes a form is written in: the JSON Schema keywords the handbook reads, the UI schema,
 * and the form's metadata in `x-form` (number, revision, procedure, retention, signatures) and its
 * rules in `x-rule`. One set of types for the form pages, the validators, the build checks and the
 * PDFs. Types only.
 */
import type { FormId, ProcedureId } from '../../procedures.ts';

export interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  title?: string;
  description?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  const?: unknown;
  enum?: unknown[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  dependentSchemas?: Record<string, JsonSchema>;
  dependencies?: Record<string, JsonSchema | string[]>;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  contains?: JsonSchema;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  readOnly?: boolean;
  default?: unknown;
  enumNames?: string[];
  'x-enumNames'?: string[];
  'x-enumLabels'?: string[] | Record<string, string>;
  'x-rule'?: XRule;
  'x-messages'?: Record<string, string>;
  'x-form'?: FormMeta;
  [keyword: string]: unknown;
}

/** The UI schema keys the handbook reads (RJSF reads the rest). */
export type UiSchema = {
  'ui:order'?: string[];
  'ui:widget'?: string;
  'ui:title'?: string;
  'ui:options'?: Record<string, string | number | boolean | object | null | undefined>;
  'ui:enumNames'?: string[];
  items?: UiSchema;
  [key: string]: unknown;
};

export interface XRule {
  /** `<form-id>/<name>`, stable: tests and the UI refer to rules by it. */
  id: string;
  /** Clause number in the procedure, e.g. "4.1.6"; "3" is the procedure's 職責 section. */
  clause: string;
  /** Lettered item within the clause, e.g. "c" for 4.2.3 c). */
  item?: string;
  /** zh-TW statement of the rule, shown after 「依 <clause>，」. */
  message: string;
  /** Fields to name when the failure is not on one field (e.g. "one of these two"). */
  fields?: string[];
}

export type SignatureCondition =
  | { field: string; equals?: unknown; present?: boolean; containsAny?: unknown[] }
  | { anyOf: SignatureCondition[] };

export interface FormSignature {
  role: string;
  label: string;
  /** always | toClose (status = closed) | optional | a condition on the data (true/false: always/optional). */
  required: 'always' | 'toClose' | 'optional' | boolean | SignatureCondition;
  clause?: string;
  note?: string;
}

export interface RetentionRule {
  field: string;
  values: Record<string, string>;
  /** The field the period is written into. */
  derivedField?: string;
  clause: string;
}

export interface FormRetention {
  /** The period when no rule applies (or the rule's field is not filled yet). */
  default: string;
  /** Period by a field's value; a string is a rule in words (printed, not applied). */
  rule: null | string | RetentionRule;
  /** True when the seed is silent and the handbook chose the period. */
  assumed?: boolean;
  note?: string;
  clause?: string;
}

/** A form's `x-form` metadata. */
export interface FormMeta {
  id: FormId;
  number: string;
  title: string;
  aliases?: string[];
  revision: string;
  procedure: ProcedureId;
  procedureNumber: string;
  /** The procedure revisions (版本/改次) this form revision implements, e.g. ["A/0"] (see forms/build/revisions.ts). */
  procedureRevisions?: string[];
  clause: string;
  retention: FormRetention;
  confidentiality: '一般' | '絕密';
  recordNumberField: string;
  /** The field that dates the record (used for monthly statistics and file names). */
  dateField: string;
  /** A `status` field with values open / closed, when the record has a lifecycle. */
  statusField?: string;
  /** Monthly statistics: the form whose records they are computed from. */
  computedFrom?: FormId;
  signatures: FormSignature[];
}

/** A form's root schema: a JSON Schema with its `x-form`. */
export interface FormSchema extends JsonSchema {
  $schema: string;
  $id: string;
  title: string;
  'x-form': FormMeta;
}

/** A form as its three files hold it, before it is read into a FormDefinition. */
export interface FormSources {
  schema: unknown;
  uiSchema?: unknown;
  example?: unknown;
}
