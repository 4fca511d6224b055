/**
 * A folder for the batch audit with one planted problem per file, made with the product's own export
 * and signing code from the schemas' examples: a good record, a tampered one, one signed under an
 * untrusted CA, one missing its required signer, one breaking a form rule, one whose retention has
 * passed (on AUDIT_TODAY), two with the same record number, one filled under a draft revision, and a
 * file that is not a PDF. `expected` is what the audit must find, file by file, and nothing else.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { envelopeFor } from '../../../src/lib/record/envelope.ts';
import { exportRecordPdf, exportSignedRecordPdf, readPkcs12, type Signer } from '../../../src/lib/pdf/index.ts';
import { loadExample, loadFormDefinition, nodeFonts } from '../../../src/lib/pdf/node.ts';
import type { ProblemKind } from '../../../src/lib/audit/audit.ts';
import { ASCII_PASSWORD, type TestPki } from './pki.ts';
import { tempDir } from './tools.ts';

/** The day the audit judges retention on: the 三年 record dated 2026-11-29 has passed it, the 永久 ones never do. */
export const AUDIT_TODAY = '2030-01-01';

export interface AuditFolder {
  dir: string;
  /** A folder holding the test CA (for --trust). */
  trustDir: string;
  caPath: string;
  expected: Record<string, ProblemKind[]>;
}

type Data = Record<string, unknown>;

/** Flips one digit of the signed /CreationDate: the page and the JSON stay as they were, the digest does not. */
export function tamperSignedBytes(pdf: Uint8Array): Uint8Array {
  const out = pdf.slice();
  const at = Buffer.from(out).toString('latin1').indexOf('/CreationDate (D:') + '/CreationDate (D:'.length + 3;
  out[at] = out[at] === 0x30 ? 0x31 : 0x30;
  return out;
}

export async function makeAuditFolder(pki: TestPki): Promise<AuditFolder> {
  const dir = tempDir('audit-folder-');
  const trustDir = tempDir('audit-trust-');
  const caPath = join(trustDir, 'ca.pem');
  writeFileSync(caPath, pki.caPem);
  const fonts = nodeFonts();
  const staff = await readPkcs12(readFileSync(pki.staffA), pki.password); // 陳美玲
  const stranger = await readPkcs12(readFileSync(pki.untrusted), ASCII_PASSWORD); // 李四, untrusted CA

  const change = loadFormDefinition('archive-change');
  const entry = loadFormDefinition('qr-gr-016');
  const savedAt = '2026-11-30T02:00:00.000Z';
  const changeData = (no: string, who: string, edit: Data = {}): Data => ({
    ...(loadExample('archive-change') as Data),
    changeNo: no,
    changedOn: '2026-11-29',
    recorder: who,
    signatures: { recorder: { name: who, signedOn: '2026-11-29' } },
    ...edit,
  });
  const pdf = async (form: typeof change, data: Data, signer: Signer | null, role: string, revision: string) => {
    const record = envelopeFor(form.meta, data, revision, savedAt);
    return signer ? exportSignedRecordPdf({ form, record, fonts }, { signer, role, fonts }) : exportRecordPdf({ form, record, fonts });
  };
  const write = (name: string, bytes: Uint8Array | string) => writeFileSync(join(dir, name), bytes);

  write('good.pdf', await pdf(change, changeData('BG-2026-0101', '陳美玲'), staff, 'recorder', 'A/0'));
  write('tampered.pdf', tamperSignedBytes(await pdf(change, changeData('BG-2026-0102', '陳美玲'), staff, 'recorder', 'A/0')));
  write('untrusted.pdf', await pdf(change, changeData('BG-2026-0103', '李四'), stranger, 'recorder', 'A/0'));
  write('missing-signer.pdf', await pdf(change, changeData('BG-2026-0104', '陳美玲'), null, 'recorder', 'A/0'));
  write('rules.pdf', await pdf(change, changeData('BG-2026-0105', '陳美玲', { confidentiality: '一般' }), staff, 'recorder', 'A/0'));
  write('duplicate-1.pdf', await pdf(change, changeData('BG-2026-0106', '陳美玲'), staff, 'recorder', 'A/0'));
  write('duplicate-2.pdf', await pdf(change, changeData('BG-2026-0106', '陳美玲', { after: '聯絡電話：5550 0789' }), staff, 'recorder', 'A/0'));
  // HB-SOP-04 A/1 is a draft in the register: a record filled under it was not under a controlled procedure.
  write('draft.pdf', await pdf(change, changeData('BG-2026-0107', '陳美玲'), staff, 'recorder', 'A/1'));
  const entryData: Data = {
    ...(loadExample('qr-gr-016') as Data),
    entryNo: 'XX-2026-0201',
    receivedAt: '2026-11-29T10:40:00+08:00',
    receiver: '陳美玲',
    signatures: { receiver: { name: '陳美玲', signedOn: '2026-11-29' } },
  };
  mkdirSync(join(dir, 'older'));
  write('older/retention.pdf', await pdf(entry, entryData, staff, 'receiver', 'A/1'));
  write('notes.txt', '這不是 PDF，是稽核人的筆記。\n');

  return {
    dir,
    trustDir,
    caPath,
    expected: {
      'good.pdf': [],
      'tampered.pdf': ['modified'],
      'untrusted.pdf': ['untrusted'],
      'missing-signer.pdf': ['missing-signer'],
      'rules.pdf': ['rules'],
      'duplicate-1.pdf': ['duplicate'],
      'duplicate-2.pdf': ['duplicate'],
      'draft.pdf': ['revision'],
      'older/retention.pdf': ['retention-passed'],
      'notes.txt': ['unreadable'],
    },
  };
}
