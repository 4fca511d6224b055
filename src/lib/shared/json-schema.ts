/** Local `$ref` resolution in a JSON Schema, for every walker over the form schemas. */

interface WithRef {
  $ref?: string;
}

const unescapeToken = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** "/signatures/0" or "#/$defs/a~1b" -> its reference tokens (RFC 6901), as ajv's paths write them. */
export function decodePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  return pointer.replace(/^#/, '').split('/').slice(1).map(unescapeToken);
}

/** A `$ref`'s tokens: a URI fragment, so each token is percent-decoded too. */
function refTokens(ref: string): string[] {
  return ref.replace(/^#/, '').split('/').slice(1).map((s) => unescapeToken(decodeURIComponent(s)));
}

/**
 * The node with its local `$ref` replaced by the target, the node's own keywords winning (2020-12 lets
 * them sit beside `$ref`); chains are followed. A reference that does not resolve is left as it is.
 */
export function resolveRef<S extends WithRef>(root: object, node: S): S;
export function resolveRef<S extends WithRef>(root: object, node: S | undefined): S | undefined;
export function resolveRef<S extends WithRef>(root: object, node: S | undefined): S | undefined {
  let cur = node;
  for (let guard = 0; cur?.$ref && guard < 20; guard++) {
    if (!cur.$ref.startsWith('#')) break;
    const target = refTokens(cur.$ref).reduce<unknown>((acc, seg) => (acc as Record<string, unknown> | undefined)?.[seg], root);
    if (!target || typeof target !== 'object') break;
    const { $ref: _ref, ...siblings } = cur;
    cur = { ...(target as S), ...siblings } as S;
  }
  return cur;
}
