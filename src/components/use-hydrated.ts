import { useEffect, useState } from 'react';

/**
 * True once the island has hydrated. Islands render on the server too, so a page's data-*-ready
 * attribute must wait for this: before it, the HTML is there but no handler is attached yet.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
