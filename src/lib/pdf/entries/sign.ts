/**
 * The browser's entry for signing a record (the form page's signed export, /sign/): .p12 reading
 * (node-forge), CAdES CMS (pkijs), the signature appearance and layout (fontkit). Node callers use
 * ../index.ts.
 */
import { loadFontkit } from '../layout/fonts.ts';

// fontkit is its own chunk: fetched beside this one, not after it.
loadFontkit().catch(() => undefined);

export { exportSignedRecordPdf } from '../document/export-signed.ts';
export { addSignature, readPkcs12, type SignRequest, type Signer } from '../sign/sign.ts';
