/**
 * Byte helpers for the PDF writer, signer and verifier. Browser and Node alike, so no Buffer:
 * binary strings (one char per byte) are what node-forge and PDF byte offsets speak.
 */

export type BinaryData = Uint8Array | ArrayBuffer;

export function toU8(b: BinaryData): Uint8Array {
  return b instanceof Uint8Array ? b : new Uint8Array(b);
}

/** Bytes as a binary (latin-1) string from `from` on, in chunks so a large PDF does not overflow the call stack. */
export function binaryString(bytes: Uint8Array, from = 0): string {
  let s = '';
  for (let i = from; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, Math.min(i + 0x8000, bytes.length)));
  return s;
}

/** A binary string back to bytes (each char's low byte). */
export function fromBinaryString(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** Base64 (whitespace ignored) to bytes; throws on invalid base64 like atob. */
export function base64ToBytes(b64: string): Uint8Array {
  return fromBinaryString(atob(b64.replace(/\s+/g, '')));
}

/** Lower-case hex of the bytes. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
