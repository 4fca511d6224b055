/**
 * CA certificates an auditor adds on the verify page, kept in this browser (localStorage) and
 * never sent anywhere: verification then trusts them besides the company's list. Framework-free;
 * the page passes its Storage.
 */

export interface AuditorCa {
  name: string;
  pem: string;
}

export const AUDITOR_TRUST_KEY = 'property-sop-handbook:verify-trust';

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function readAuditorCas(storage: Store): AuditorCa[] {
  try {
    const list: unknown = JSON.parse(storage.getItem(AUDITOR_TRUST_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((c): c is AuditorCa => !!c && typeof c.name === 'string' && typeof c.pem === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Adds the certificates of a chosen CA file (PEM or DER); returns the new list. Throws a zh-TW Error.
 * The certificate parser (pkijs, ~80 KB gzip) loads only when a file is chosen, not with the page.
 */
export async function addAuditorCaFile(storage: Store, bytes: Uint8Array): Promise<AuditorCa[]> {
  const { caFileToPem } = await import('./verify/trust.ts');
  const file = caFileToPem(bytes);
  const list = readAuditorCas(storage);
  file.pems.forEach((pem, i) => {
    if (!list.some((c) => c.pem.replace(/\s+/g, '') === pem.replace(/\s+/g, ''))) list.push({ name: file.names[i], pem });
  });
  storage.setItem(AUDITOR_TRUST_KEY, JSON.stringify(list));
  return list;
}

export function removeAuditorCa(storage: Store, index: number): AuditorCa[] {
  const list = readAuditorCas(storage).filter((_, i) => i !== index);
  if (list.length === 0) storage.removeItem(AUDITOR_TRUST_KEY);
  else storage.setItem(AUDITOR_TRUST_KEY, JSON.stringify(list));
  return list;
}
