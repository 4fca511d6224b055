/**
 * The first value in a parsed JSON tree that a check finds fault with, and where it sits, in words a
 * user reads: 「data → signatures → 第 2 項 → image」. Depth first, in key order.
 */
export function firstJsonFinding<T>(value: unknown, check: (value: unknown) => T | null, path: string[] = []): { where: string; finding: T } | null {
  const finding = check(value);
  if (finding !== null) return { where: path.join(' → ') || '（整份檔案）', finding };
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const found = firstJsonFinding(child, check, [...path, Array.isArray(value) ? `第 ${Number(key) + 1} 項` : key]);
      if (found) return found;
    }
  }
  return null;
}
