/**
 * Drawn-signature images carried in a record: sizes read from the header of real PNG and JPEG files
 * (made with sharp), oversized ones refused on reading a record file and on export, with where and why.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { SIGNATURE_IMAGE_MAX, imageDimensions, signatureImageProblem } from '../../src/lib/record/signature-image.ts';
import { readRecordJson } from '../../src/lib/record/file.ts';
import { exportRecordPdf, PdfError } from '../../src/lib/pdf/index.ts';
import { nodeFonts } from '../../src/lib/pdf/node.ts';
import { envelopeOf, testForms } from '../pdf/helpers/records.ts';

const white = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#ffffff' } });
const dataUrl = (bytes: Buffer, type: 'png' | 'jpeg') => `data:image/${type};base64,${bytes.toString('base64')}`;

describe('signature image limits', () => {
  it('reads width and height from PNG and JPEG headers', async () => {
    expect(imageDimensions(await white(640, 200).png().toBuffer())).toEqual({ width: 640, height: 200 });
    expect(imageDimensions(await white(321, 123).jpeg().toBuffer())).toEqual({ width: 321, height: 123 });
    expect(imageDimensions(new TextEncoder().encode('not an image at all'))).toBeNull();
  });

  it('accepts what the signature pad makes, refuses too many pixels, too many bytes and a broken header', async () => {
    expect(signatureImageProblem(dataUrl(await white(800, 300).png().toBuffer(), 'png'))).toBeNull();
    expect(signatureImageProblem(dataUrl(await white(2400, 1200).png().toBuffer(), 'png'))).toBe('簽名圖檔為 2400 × 1200 像素，超過 2000 × 1000 像素的上限');
    const noise = await sharp(Buffer.from(Array.from({ length: 900 * 700 * 3 }, () => Math.floor(Math.random() * 256))), { raw: { width: 900, height: 700, channels: 3 } })
      .png()
      .toBuffer();
    expect(noise.byteLength).toBeGreaterThan(SIGNATURE_IMAGE_MAX.bytes);
    expect(signatureImageProblem(dataUrl(noise, 'png'))).toMatch(/^簽名圖檔有 .+，超過 512 KB 的上限$/);
    expect(signatureImageProblem('data:image/png;base64,AAAA')).toBe('簽名圖檔無法讀取（不是有效的 PNG 或 JPEG 圖檔）');
  });

  it('a record file with an oversized drawn signature is refused, saying where; export refuses it too', async () => {
    const form = testForms().find((f) => f.id === 'qr-gr-036')!;
    const envelope = envelopeOf(form);
    const big = dataUrl(await white(2400, 1200).png().toBuffer(), 'png');
    const data = envelope.data as Record<string, any>;
    data.signatures.receptionist.image = big;
    const read = readRecordJson(new TextEncoder().encode(JSON.stringify(envelope)));
    expect(read).toEqual({ ok: false, error: '記錄中「data → signatures → receptionist → image」的簽名圖檔為 2400 × 1200 像素，超過 2000 × 1000 像素的上限' });
    const error = await exportRecordPdf({ form: form.form, record: envelope, fonts: nodeFonts() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfError);
    expect((error as PdfError).code).toBe('IMAGE_INVALID');
    expect((error as PdfError).message).toBe('「接待人」的簽名圖檔為 2400 × 1200 像素，超過 2000 × 1000 像素的上限。');
  });
});
