/**
 * The embedded record (src/lib/pdf/document/embedded.ts) on its own: found through the
 * EmbeddedFiles name tree (also nested in Kids) or only through the catalog's /AF, and what is
 * said when it is missing, not JSON or not ours. The bytes are checked against qpdf's copy.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORM_DATA_NAME, canonicalJson, embedRecord, embeddedFile, readRecord } from '../../src/lib/pdf/document/embedded.ts';
import { exportRecordPdf } from '../../src/lib/pdf/index.ts';
import { nodeFonts } from '../../src/lib/pdf/node.ts';
import { envelopeOf, testForms } from './helpers/records.ts';
import { requireTools, run, tempDir } from './helpers/tools.ts';

const fixture = testForms().find((f) => f.id === 'fixture-form')!;
let dir: string;
let exported: Uint8Array;

beforeAll(async () => {
  requireTools();
  dir = tempDir('embedded-');
  exported = await exportRecordPdf({ form: fixture.form, record: envelopeOf(fixture), fonts: nodeFonts() });
}, 120_000);

async function withAttachment(bytes: Uint8Array | string, name = FORM_DATA_NAME): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  doc.addPage();
  await doc.attach(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes, name, { mimeType: 'application/json' });
  return PDFDocument.load(await doc.save());
}

describe('readRecord', () => {
  it('reads the record an export embedded, the same bytes qpdf extracts', async () => {
    const doc = await PDFDocument.load(exported);
    const read = readRecord(doc);
    expect(read).toMatchObject({ found: true, error: null });
    expect(read.record).toEqual(envelopeOf(fixture));
    const file = join(dir, 'exported.pdf');
    writeFileSync(file, exported);
    const out = join(dir, 'qpdf-form-data.json');
    expect(run('qpdf', [`--show-attachment=${FORM_DATA_NAME}`, file]).status).toBe(0);
    writeFileSync(out, run('qpdf', [`--show-attachment=${FORM_DATA_NAME}`, file]).stdout);
    expect(new TextDecoder().decode(embeddedFile(doc, FORM_DATA_NAME)!)).toBe(readFileSync(out, 'utf8'));
    expect(read.canonical).toBe(canonicalJson(JSON.parse(readFileSync(out, 'utf8'))));
  });

  it('reads back what embedRecord writes, saved and loaded again', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    await embedRecord(doc, envelopeOf(fixture), '記錄資料（JSON）', new Date('2026-03-10T02:00:00Z'));
    const read = readRecord(await PDFDocument.load(await doc.save()));
    expect(read.record).toEqual(envelopeOf(fixture));
    expect(read.canonical).toBe(canonicalJson(envelopeOf(fixture)));
  });

  it('finds the file through /AF alone when the name tree is gone', async () => {
    const doc = await PDFDocument.load(exported);
    expect(doc.catalog.get(PDFName.of('AF'))).toBeDefined();
    doc.catalog.delete(PDFName.of('Names'));
    expect(readRecord(doc).record).toEqual(envelopeOf(fixture));
  });

  it('finds the file in a nested name tree (Kids)', async () => {
    const doc = await withAttachment(JSON.stringify(envelopeOf(fixture)));
    const ctx = doc.context;
    const names = doc.catalog.lookup(PDFName.of('Names'), PDFDict);
    const leaf = names.lookup(PDFName.of('EmbeddedFiles'), PDFDict);
    names.set(PDFName.of('EmbeddedFiles'), ctx.obj({ Kids: [ctx.register(leaf)] }));
    expect(readRecord(doc).record).toEqual(envelopeOf(fixture));
  });

  it('says what is wrong: nothing embedded, not JSON, not our format', async () => {
    const empty = await PDFDocument.create();
    empty.addPage();
    expect(readRecord(await PDFDocument.load(await empty.save()))).toEqual({ found: false, record: null, error: null, canonical: null });
    expect(readRecord(await withAttachment('{"format": broken'))).toMatchObject({ found: true, record: null, error: `內嵌的 ${FORM_DATA_NAME} 無法讀取（JSON 格式錯誤）` });
    expect(readRecord(await withAttachment(JSON.stringify({ format: 'someone-else@1' })))).toMatchObject({ found: true, record: null, error: `內嵌的 ${FORM_DATA_NAME} 不是本手冊的記錄格式` });
    expect(readRecord(await withAttachment(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))).toMatchObject({ found: true, error: `內嵌的 ${FORM_DATA_NAME} 無法讀取（JSON 格式錯誤）` });
    // Another attachment's name is not ours.
    expect(readRecord(await withAttachment(JSON.stringify(envelopeOf(fixture)), 'other.json')).found).toBe(false);
  });
});

describe('canonicalJson', () => {
  it('is the same whatever the key order, and differs when a value does', () => {
    expect(canonicalJson({ b: [1, { d: 2, c: '三' }], a: null })).toBe('{"a":null,"b":[1,{"c":"三","d":2}]}');
    expect(canonicalJson({ a: null, b: [1, { c: '三', d: 2 }] })).toBe(canonicalJson({ b: [1, { d: 2, c: '三' }], a: null }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
  });
});
