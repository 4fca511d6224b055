/**
 * Export + sign benchmark in Node (run with `npx node scripts/bench-pdf.ts`): a two-page record
 * (violation-record's example) exported cold (fonts read and parsed) and warm, signed by a first
 * signer (full save) and a second (incremental update), verified; file sizes and font bytes read.
 * The certificates are throwaway ones made on the spot (test/pdf/helpers/pki.ts).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { envelopeFor } from '../src/lib/record/envelope.ts';
import { readRegister } from '../src/lib/documents/register-files.ts';
import { effectiveRevision } from '../src/lib/documents/register.ts';
import { ASCII_PASSWORD, makeTestPki } from '../test/pdf/helpers/pki.ts';

// The library is imported here, timed: pdf-lib, fontkit, node-forge, pkijs.
const t0 = performance.now();
const { exportRecordPdf, exportSignedRecordPdf, addSignature, readPkcs12, verifyPdf } = await import('../src/lib/pdf/index.ts');
const { fontPaths, listFormIds, loadExample, loadFormDefinition } = await import('../src/lib/pdf/node.ts');
const importMs = performance.now() - t0;

const formId = parseArgs({ allowPositionals: true }).positionals[0] ?? (listFormIds().includes('violation-record') ? 'violation-record' : listFormIds()[0]);
const form = loadFormDefinition(formId);
const x = form.meta;
const procedureRevision = effectiveRevision(readRegister('content/sops'), x.procedureNumber);
if (!procedureRevision) throw new Error(`no effective revision of ${x.procedureNumber}`);
const record = envelopeFor(x, loadExample(formId) as Record<string, unknown>, procedureRevision);

let fontBytes = 0;
const paths = fontPaths();
const counting = (path: string) => {
  let bytes: Uint8Array | null = null;
  return async () => {
    if (!bytes) {
      bytes = new Uint8Array(readFileSync(path));
      fontBytes += bytes.length;
    }
    return bytes;
  };
};
const fonts = { tc: counting(paths.tc), sc: counting(paths.sc) };

const rows: [string, string, string][] = [['import the library modules', `${importMs.toFixed(0)} ms`, '']];
const time = async <T>(label: string, f: () => Promise<T>, extra: (v: T) => string = () => ''): Promise<T> => {
  const t = performance.now();
  const v = await f();
  rows.push([label, `${(performance.now() - t).toFixed(0)} ms`, extra(v)]);
  return v;
};
const kb = (b: Uint8Array) => `${(b.length / 1024).toFixed(1)} KB`;

const pki = makeTestPki();
const a = await time('read .p12 (AES, OpenSSL 3)', async () => readPkcs12(readFileSync(pki.staffA), pki.password));
const b = await time('read .p12 (legacy 3DES/RC2)', async () => readPkcs12(readFileSync(pki.staffB), ASCII_PASSWORD));
const cold = await time('export, cold (read + parse fonts)', () => exportRecordPdf({ form, record, fonts }), (v) => kb(v));
const fontsCold = fontBytes;
const warm = await time('export, warm', () => exportRecordPdf({ form, record, fonts }), (v) => kb(v));
const signer1 = x.signatures[0].role;
const signer2 = x.signatures[1]?.role;
const signed = await time(`export + sign (${signer1}), full save`, () => exportSignedRecordPdf({ form, record, fonts }, { signer: a, role: signer1, fonts }), (v) => kb(v));
const twice = signer2
  ? await time(`add signature (${signer2}), incremental`, () => addSignature(signed, { signer: b, role: signer2, fonts }), (v) => `${kb(v)} (+${((v.length - signed.length) / 1024).toFixed(1)} KB)`)
  : signed;
const report = await time('verify (our verifier)', () => verifyPdf(twice, { trust: [pki.caPem], register: [] }), (r) => r.signatures.map((s) => s.statusLabel).join('、'));

const pages = (/\/Type\s*\/Pages[^>]*\/Count (\d+)/.exec(Buffer.from(cold).toString('latin1')) ?? [])[1] ?? '?';
console.log(`表單 ${formId}（${x.title}），${pages} 頁；Node ${process.version}`);
console.log('');
const w0 = Math.max(...rows.map((r) => r[0].length));
console.log(`${'step'.padEnd(w0)}  ${'time'.padStart(8)}  result`);
for (const [l, t, e] of rows) console.log(`${l.padEnd(w0)}  ${t.padStart(8)}  ${e}`);
console.log('');
console.log(`font bytes read: ${(fontsCold / 1048576).toFixed(2)} MB on the cold export (TC${fontsCold > 8e6 ? ' + SC' : ' only'}), ${(fontBytes / 1048576).toFixed(2)} MB in all`);
console.log(`sizes: unsigned ${kb(warm)}, signed once ${kb(signed)}, twice ${kb(twice)}; ${report.signatures.length} signature(s)`);
