/**
 * What the PDF lays out from a form: its definition (x-form, the field tree, how values are shown,
 * retention and signature wording all come from src/lib/forms/definition/), plus the signatures the
 * record data carries.
 */
import type { FormDefinition } from '../../forms/definition/index.ts';
import { valueAt } from '../../forms/definition/fields.ts';
import { base64ToBytes } from '../../shared/bytes.ts';

export type { FormDefinition, FormMeta, JsonSchema, UiSchema } from '../../forms/definition/index.ts';
export {
  displayValue,
  findScalar,
  valueAt,
  walkRecord,
  type FieldNode,
  type GroupField,
  type ScalarField,
  type ScalarKind,
  type TableField,
} from '../../forms/definition/fields.ts';
export { displayDateTime } from '../../shared/time.ts';
export { blankRetentionText, retentionText } from '../../forms/definition/retention.ts';
export { signatureRequirement } from '../../forms/rules.ts';

/** The part of a form definition the layout reads. */
export type FormModel = Pick<FormDefinition, 'meta' | 'fields' | 'recordNumberTitle' | 'signaturesKey'>;

/** The layout's view of a definition (built once by src/lib/forms/definition/). */
export function formModel(def: FormDefinition): FormModel {
  return def;
}


/** A typed or drawn signature in the record data. */
export interface DataSignature {
  name: string;
  signedOn: string;
  /** data: URL of the drawn signature (PNG or JPEG), if any. */
  image: string | null;
}

export function dataSignature(model: FormModel, data: unknown, role: string): DataSignature | null {
  if (!model.signaturesKey) return null;
  const s = valueAt(data, [model.signaturesKey, role]);
  if (!s || typeof s !== 'object') return null;
  const o = s as Record<string, unknown>;
  const name = typeof o.name === 'string' ? o.name : '';
  const signedOn = typeof o.signedOn === 'string' ? o.signedOn : '';
  const image = typeof o.image === 'string' && o.image.startsWith('data:') ? o.image : null;
  if (!name && !signedOn && !image) return null;
  return { name, signedOn, image };
}

/** Bytes and type of a data: URL image; null if it is not a PNG or JPEG. */
export function decodeDataUrl(url: string): { bytes: Uint8Array; type: 'png' | 'jpg' } | null {
  const m = /^data:(image\/(?:png|jpeg|jpg));base64,([A-Za-z0-9+/=\s]+)$/.exec(url);
  if (!m) return null;
  try {
    const bytes = base64ToBytes(m[2]);
    return { bytes, type: m[1] === 'image/png' ? 'png' : 'jpg' };
  } catch {
    return null;
  }
}
