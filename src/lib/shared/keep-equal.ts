/**
 * Structural sharing for JSON-like data: `next` with every part that equals the same part of `prev`
 * replaced by `prev`'s object, so a value that did not change keeps its identity. React's memoised
 * components (RJSF's array rows) compare props by identity: a record whose 500 rows are copied on
 * every keystroke would re-render them all, although only the edited row differs. Plain arrays and
 * objects are compared part by part; anything else by Object.is. Neither input is modified.
 */
export function keepEqual<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next)) return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    let same = prev.length === next.length;
    const out = next.map((v, i) => {
      const kept = keepEqual(prev[i], v);
      if (kept !== prev[i]) same = false;
      return kept;
    });
    return (same ? prev : out) as T;
  }
  if (isPlainObject(next)) {
    if (!isPlainObject(prev)) return next;
    const keys = Object.keys(next);
    let same = keys.length === Object.keys(prev).length;
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const kept = keepEqual(prev[k], next[k]);
      if (kept !== prev[k] || !(k in prev)) same = false;
      out[k] = kept;
    }
    return (same ? prev : out) as T;
  }
  return next;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
