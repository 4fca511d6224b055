/**
 * Who a record says signs each role: every x-form signature names, in `nameField`, the record field
 * (a JSON pointer, e.g. "/accessor" or "/followUp/visitor") holding that signer's name, or null when
 * the record names nobody for it (a department, a title, several people). Signing and verifying
 * compare that name with the certificate's. Browser-safe.
 */
import { decodePointer, resolveRef } from '../../shared/json-schema.ts';
import type { FormMeta, FormSignature, JsonSchema } from './schema.ts';

/** The role's name field; a role without the key (a schema the build check would refuse) has none. */
export function signerNameField(signature: Pick<FormSignature, 'nameField'> | undefined): string | null {
  const field = signature?.nameField;
  return typeof field === 'string' && field.startsWith('/') ? field : null;
}

/** The name the record gives the role's signer: the field's text, trimmed; null when none or empty. */
export function recordSignerName(meta: Pick<FormMeta, 'signatures'>, data: unknown, role: string): string | null {
  const field = signerNameField(meta.signatures.find((s) => s.role === role));
  if (!field) return null;
  let value: unknown = data;
  for (const token of decodePointer(field)) {
    value = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[token] : undefined;
  }
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

const CJK = '\\p{Script=Han}\\p{Script=Bopomofo}\\u3000-\\u303f\\uff00-\\uffef';
const SPACE_BY_CJK = new RegExp(`(?<=[${CJK}]) | (?=[${CJK}])`, 'gu');

/**
 * A name as compared: NFKC (full-width letters and digits to half-width, compatibility forms to
 * their characters), any run of white space (U+3000 included) as one space, none at the ends or
 * beside a Chinese character (「陳 大文」 is 「陳大文」). Nothing else is folded: case and every other
 * character count.
 */
export function normaliseSignerName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, ' ').trim().replace(SPACE_BY_CJK, '');
}

/** Whether a certificate's name is the record's: null when the record names nobody. */
export function signerMatches(certificateName: string, recordName: string | null): boolean | null {
  if (recordName === null) return null;
  return normaliseSignerName(certificateName) === normaliseSignerName(recordName);
}

/** The schema node a name field points at (through $ref, properties and allOf branches), if any. */
export function nameFieldSchema(root: JsonSchema, pointer: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = root;
  for (const token of decodePointer(pointer)) {
    const here: JsonSchema | undefined = resolveRef(root, node);
    if (!here) return undefined;
    const branches: (JsonSchema | undefined)[] = [here, ...(here.allOf ?? []).flatMap((b: JsonSchema) => [b, b.then, b.else])];
    node = branches.map((b) => b?.properties?.[token]).find((p): p is JsonSchema => p !== undefined);
  }
  return resolveRef(root, node);
}
