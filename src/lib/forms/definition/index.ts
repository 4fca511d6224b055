/**
 * ONE form definition: a form's schema read once into its metadata (`x-form`), its field tree,
 * how values are shown, its retention wording and its signature rules. The form pages, the
 * validators' callers, the register, the flowcharts and the PDFs all take this object; the same
 * builder serves the bundled schemas (browser and Node) and schema files read in Node
 * (`./node.ts`). Browser-safe.
 */
import { FORM_IDS, type FormId } from '../../procedures.ts';
import { FORM_SOURCES } from '../schemas.ts';
import acknowledgementSchema from '../../../../schemas/training/acknowledgement.schema.json' with { type: 'json' };
import acknowledgementUiSchema from '../../../../schemas/training/acknowledgement.uischema.json' with { type: 'json' };
import acknowledgementExample from '../../../../schemas/training/acknowledgement.example.json' with { type: 'json' };
import { defineForm, type FormDefinition } from './define.ts';
import type { FormMeta, FormSchema, UiSchema } from './schema.ts';

export * from './schema.ts';
export * from './define.ts';
export * from './fields.ts';
export * from './retention.ts';

const built = new Map<FormId, FormDefinition>();

/** The handbook form's definition, from the schemas bundled with the code; built once. */
export function formDefinition(id: FormId): FormDefinition {
  let def = built.get(id);
  if (!def) {
    def = defineForm(FORM_SOURCES[id]);
    built.set(id, def);
  }
  return def;
}

/** Every handbook form's definition, in FORM_IDS order. */
export function formDefinitions(): FormDefinition[] {
  return FORM_IDS.map(formDefinition);
}

export function isFormId(value: unknown): value is FormId {
  return typeof value === 'string' && (FORM_IDS as readonly string[]).includes(value);
}

/**
 * The 培訓確認記錄: a record form of the handbook that belongs to no procedure (it names the procedure
 * trained on), so it is not in FORM_IDS and has no form page.
 */
export const ACKNOWLEDGEMENT_FORM = { schema: acknowledgementSchema, uiSchema: acknowledgementUiSchema, example: acknowledgementExample } as const;
export const ACKNOWLEDGEMENT_FORM_ID = acknowledgementSchema['x-form'].id;
let acknowledgementDefinition: FormDefinition | null = null;

/** Any record this handbook issues, by its form id: the procedures' forms and the training acknowledgement. */
export function recordFormDefinition(id: string): FormDefinition | null {
  if (isFormId(id)) return formDefinition(id);
  if (id !== ACKNOWLEDGEMENT_FORM_ID) return null;
  return (acknowledgementDefinition ??= defineForm(ACKNOWLEDGEMENT_FORM));
}

/** The form's JSON Schema (the same object the precompiled validator was built from). */
export function getFormSchema(id: FormId): FormSchema {
  return formDefinition(id).schema;
}

export function getUiSchema(id: FormId): UiSchema {
  return formDefinition(id).uiSchema;
}

/** A fresh copy of the form's example record (safe to modify). */
export function getExample(id: FormId): Record<string, unknown> {
  return structuredClone(formDefinition(id).example ?? {});
}

/** The form's metadata: number, title, revision, procedure, clause, retention, signatures. */
export function getFormMeta(id: FormId): FormMeta {
  return formDefinition(id).meta;
}
