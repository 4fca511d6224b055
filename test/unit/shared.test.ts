import { describe, expect, it } from 'vitest';
import { base64ToBytes, binaryString, fromBinaryString, toU8 } from '../../src/lib/shared/bytes.ts';
import { pemCertificates, pemToDer } from '../../src/lib/shared/certificates.ts';
import { mustKeepTogether, NO_LINE_END, NO_LINE_START } from '../../src/lib/shared/cjk-line-breaking.ts';
import { clauseText } from '../../src/lib/shared/clause-text.ts';
import { readFrontmatter, splitFrontmatter } from '../../src/lib/shared/frontmatter.ts';
import { decodePointer, resolveRef } from '../../src/lib/shared/json-schema.ts';
import { displayDateTime, formatDateTimeZh, formatDateZh, monthOf, pdfDateString } from '../../src/lib/shared/time.ts';

describe('bytes', () => {
  it('round-trips binary strings and decodes base64 with whitespace', () => {
    const bytes = new Uint8Array([0, 1, 127, 128, 255]);
    expect(fromBinaryString(binaryString(bytes))).toEqual(bytes);
    expect(binaryString(bytes, 3)).toBe('\x80\xff');
    expect(base64ToBytes('AAF/\n gP8=')).toEqual(bytes);
    expect(toU8(bytes.buffer)).toEqual(bytes);
    expect(toU8(bytes)).toBe(bytes);
  });

  it('binaryString handles more than one chunk', () => {
    const big = new Uint8Array(0x8000 * 2 + 5).map((_, i) => i % 256);
    expect(fromBinaryString(binaryString(big))).toEqual(big);
  });
});

describe('certificates', () => {
  it('finds every PEM block in a text and decodes one to DER', () => {
    const pem = (b64: string) => `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----`;
    const text = `issuer A\n${pem('AAF/')}\nissuer B\n${pem('gP8=')}\n`;
    expect(pemCertificates(text)).toEqual([pem('AAF/'), pem('gP8=')]);
    expect(pemCertificates('no certificate')).toEqual([]);
    expect(pemToDer(pem('AAF/'))).toEqual(new Uint8Array([0, 1, 127]));
  });
});

describe('CJK line breaking', () => {
  it('keeps closing punctuation with the character before and opening brackets with the one after', () => {
    expect(mustKeepTogether('處理', '。')).toBe(true);
    expect(mustKeepTogether('流程', '）')).toBe(true);
    expect(mustKeepTogether('流程（', 'TP')).toBe(true);
    expect(mustKeepTogether('處理', '流程')).toBe(false);
    expect(mustKeepTogether('', '')).toBe(false);
  });

  it('holds the full closing set (both old copies were subsets of it or equal)', () => {
    for (const ch of '，。、；：？！）」』》〉,.;:?!)]') expect(NO_LINE_START.has(ch), ch).toBe(true);
    for (const ch of '「『（《〈([') expect(NO_LINE_END.has(ch), ch).toBe(true);
  });
});

describe('clauseText', () => {
  it('names whole sections and plain clauses', () => {
    expect(clauseText('3')).toBe('第 3 條（職責）');
    expect(clauseText('4')).toBe('第 4 條');
    expect(clauseText('4.1.5')).toBe('第 4.1.5 條');
  });
});

describe('frontmatter', () => {
  it('splits LF and CRLF sources and reads the YAML', () => {
    expect(splitFrontmatter('---\ntitle: x\n---\n## 1、目的\n')).toEqual({ front: 'title: x', body: '## 1、目的\n' });
    expect(splitFrontmatter('---\r\ntitle: x\r\n---\r\nbody')).toEqual({ front: 'title: x', body: 'body' });
    expect(splitFrontmatter('no frontmatter')).toEqual({ front: null, body: 'no frontmatter' });
    expect(readFrontmatter('---\nprocedure: complaints\norder: 1\n---\n')).toEqual({ procedure: 'complaints', order: 1 });
    expect(readFrontmatter('body only')).toBeNull();
    expect(() => readFrontmatter('---\na: [\n---\n')).toThrow();
  });
});

describe('json-schema $ref', () => {
  const root = {
    $defs: { 'a/b': { type: 'string', title: '甲' }, alias: { $ref: '#/$defs/a~1b' }, 'c d': { type: 'number' } },
  };

  it('decodes pointers and follows chained, escaped and percent-encoded references', () => {
    expect(decodePointer('/signatures/0')).toEqual(['signatures', '0']);
    expect(decodePointer('#/$defs/a~1b~0')).toEqual(['$defs', 'a/b~']);
    expect(resolveRef(root, { $ref: '#/$defs/alias', title: '乙' })).toEqual({ type: 'string', title: '乙' });
    expect(resolveRef(root, { $ref: '#/$defs/c%20d' })).toEqual({ type: 'number' });
  });

  it('leaves unresolvable references and plain nodes as they are', () => {
    expect(resolveRef(root, { $ref: '#/$defs/missing' })).toEqual({ $ref: '#/$defs/missing' });
    expect(resolveRef(root, { type: 'string' } as { $ref?: string; type: string })).toEqual({ type: 'string' });
    expect(resolveRef(root, undefined)).toBeUndefined();
    const loop = { $defs: { a: { $ref: '#/$defs/a' } } };
    expect(resolveRef(loop, { $ref: '#/$defs/a' })).toEqual({ $ref: '#/$defs/a' });
  });
});

describe('UTC+8 time', () => {
  it('writes PDF dates in UTC+8 with the offset (the signature dictionary /M)', () => {
    expect(pdfDateString(new Date('2026-11-27T16:04:05Z'))).toBe("D:20261128000405+08'00'");
    expect(pdfDateString(new Date('2026-11-27T03:04:05Z'), 330)).toBe("D:20261127083405+05'30'");
    expect(pdfDateString(new Date('2026-11-27T03:04:05Z'), 0)).toBe('D:20261127030405Z');
  });

  it('formats dates and date-times in the handbook time', () => {
    expect(formatDateZh(new Date('2026-11-27'))).toBe('2026年11月27日');
    expect(formatDateTimeZh(new Date('2026-11-27T16:04:00Z'))).toBe('2026年11月28日 00:04（UTC+8）');
    expect(formatDateTimeZh(new Date('2026-11-27T03:04:00Z'), 330)).toBe('2026年11月27日 08:34（UTC+5:30）');
    expect(displayDateTime('2026-03-04T09:15:00+08:00')).toBe('2026-03-04 09:15');
    expect(displayDateTime('2026-03-04T01:15:30Z')).toBe('2026-03-04 09:15:30');
    expect(displayDateTime('明天')).toBe('明天');
  });

  it('groups by month in UTC+8', () => {
    expect(monthOf('2026-03-31T15:59:59Z')).toBe('2026-03');
    expect(monthOf('2026-03-31T16:00:00Z')).toBe('2026-04');
    expect(monthOf('2026-03-13')).toBe('2026-03');
    expect(monthOf(42)).toBeUndefined();
  });
});
