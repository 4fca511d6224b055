/**
 * Limits for a drawn-signature image carried in a record (a PNG or JPEG data: URL). The signature
 * pad writes at most 800 px wide; a record file can carry any image, and a 12,000 x 12,000 PNG of a
 * few hundred KB would take the browser half a minute to decode and place. The size is read from the
 * image header, so nothing is decoded before it is refused. Browser-safe; errors are zh-TW sentences
 * without a final 「。」.
 */
import { base64ToBytes } from '../shared/bytes.ts';
import { sizeText } from '../shared/size.ts';

export const SIGNATURE_IMAGE_MAX = { width: 2000, height: 1000, bytes: 512 * 1024 } as const;

/** Width and height from a PNG's IHDR or a JPEG's start-of-frame; null when the header is unreadable. */
export function imageDimensions(bytes: Uint8Array): { width: number; height: number } | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isPng = bytes.length >= 24 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  if (isPng) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1];
    // SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + view.getUint16(at + 2);
  }
  return null;
}

/** Why a drawn-signature data: URL cannot be used, or null when it can (or is not an image URL at all). */
export function signatureImageProblem(dataUrl: string): string | null {
  const m = /^data:image\/(png|jpeg|jpg);base64,/.exec(dataUrl);
  if (!m) return null;
  const encoded = dataUrl.length - m[0].length;
  // Base64 carries 3 bytes in 4 characters: refuse by length before decoding anything.
  if (encoded * 0.75 > SIGNATURE_IMAGE_MAX.bytes) {
    return `簽名圖檔有 ${sizeText(Math.round(encoded * 0.75))}，超過 ${sizeText(SIGNATURE_IMAGE_MAX.bytes)} 的上限`;
  }
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(dataUrl.slice(m[0].length));
  } catch {
    return UNREADABLE;
  }
  return signatureImageBytesProblem(bytes);
}

const UNREADABLE = '簽名圖檔無法讀取（不是有效的 PNG 或 JPEG 圖檔）';

/** Why drawn-signature image bytes cannot be placed (too many bytes or pixels, unreadable header), or null. */
export function signatureImageBytesProblem(bytes: Uint8Array): string | null {
  if (bytes.byteLength > SIGNATURE_IMAGE_MAX.bytes) {
    return `簽名圖檔有 ${sizeText(bytes.byteLength)}，超過 ${sizeText(SIGNATURE_IMAGE_MAX.bytes)} 的上限`;
  }
  const size = imageDimensions(bytes);
  if (!size) return UNREADABLE;
  const { width, height } = SIGNATURE_IMAGE_MAX;
  if (size.width > width || size.height > height) {
    return `簽名圖檔為 ${size.width} × ${size.height} 像素，超過 ${width} × ${height} 像素的上限`;
  }
  return null;
}
