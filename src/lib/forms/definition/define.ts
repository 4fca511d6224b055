/**
 * Builds a FormDefinition from a form's files: the one place a schema is read into its metadata and
 * field tree. Imports no bundled data, so build-time tools can use it on schemas being checked.
 * Browser-safe.
 */
import type { FormId } from '../../procedures.ts';
import { fieldTree, findScalar, type FieldNode } from './fields.ts';
import type { FormMeta, FormSchema, FormSources, UiSchema } from './schema.ts';

export interface FormDefinition {
  id: FormId;
  /** x-form: number, title, revision, procedure, clause, retention, confidentiality, signatures. */
  meta: FormMeta;
  schema: FormSchema;
  uiSchema: UiSchema;
  /** The fictional example record, when the form has one. */
  example?: Record<string, unknown>;
  /** The fields in `ui:order`, without the signatures (see signaturesKey). */
  fields: FieldNode[];
  /** Title of the record-number field (the header of a record shows it). */
  recordNumberTitle: string;
  /**
   * The data property holding typed/drawn signatures by role ({ name, signedOn, image }), shown
   * in signature boxes rather than as fields; null if the form has none.
   */
  signaturesKey: string | null;
}

/** A schema whose x-form cannot be read; the message is zh-TW. */
export class FormDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormDefinitionError';
  }
}

/** Reads a form's schema, UI schema and example into its definition. Throws FormDefinitionError. */
export function defineForm(sources: FormSources): FormDefinition {
  const schema = sources.schema as FormSchema;
  const meta = schema?.['x-form'];
  if (!meta || typeof meta !== 'object') {
    throw new FormDefinitionError('表單結構缺少 x-form 設定，無法產生 PDF。');
  }
  for (const k of ['id', 'number', 'title', 'revision', 'procedureNumber', 'recordNumberField'] as const) {
    if (typeof meta[k] !== 'string' || meta[k] === '') {
      throw new FormDefinitionError(`表單結構的 x-form 缺少「${k}」，無法產生 PDF。`);
    }
  }
  if (!Array.isArray(meta.signatures)) {
    throw new FormDefinitionError('表單結構的 x-form 缺少簽署欄位清單（signatures）。');
  }
  const uiSchema = (sources.uiSchema ?? {}) as UiSchema;
  const { fields, signaturesKey } = fieldTree(schema, uiSchema, meta.signatures.map((s) => s.role));
  const recordNumberTitle = findScalar(fields, meta.recordNumberField)?.title ?? '記錄編號';
  return {
    id: meta.id,
    meta,
    schema,
    uiSchema,
    ...(sources.example !== undefined ? { example: sources.example as Record<string, unknown> } : {}),
    fields,
    recordNumberTitle,
    signaturesKey,
  };
}

