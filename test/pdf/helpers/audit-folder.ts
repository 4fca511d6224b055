/**
 * A folder for the batch audit with one planted problem per file, made with the product's own export
 * and signing code from the schemas' examples: a good record, a tampered one, one signed under an
 * untrusted CA, one missing its required signer, one breaking a form rule, one signed by someone other than the person it names, one whose retention has
 * passed (on AUDIT_TODAY), two with the same record number, one filled under a draft revision, one
 * dated before its revision came into force, and a file that is not a PDF. `expected` is what the audit must find, file by file, and nothing else.
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

/** Forms with one required signer, how their examples are turned into a record dated 2026-11-29 signed by `who`. */
export const ONE_SIGNER_FORMS = {
  'archive-change': { role: 'recorder', revision: 'A/0', edit: (who: string): Data => ({ changedOn: '2026-11-29', recorder: who }) },
  'archive-catalogue': { role: 'compiler', revision: 'A/0', edit: (who: string): Data => ({ compiledOn: '2026-11-29', compiledBy: who }) },
  'qr-gr-016': { role: 'receiver', revision: 'A/1', edit: (who: string): Data => ({ receivedAt: '2026-11-29T10:40:00+08:00', receiver: who }) },
} as const;
export type OneSignerForm = keyof typeof ONE_SIGNER_FORMS;

/**
 * A record PDF of one of ONE_SIGNER_FORMS numbered `no`, naming `who` as its signer, signed by
 * `signer` (unsigned when null), with `edit` applied last.
 */
export async function oneSignerRecord(formId: OneSignerForm, no: string, who: string, signer: Signer | null, o: { edit?: Data; revision?: string } = {}): Promise<Uint8Array> {
  const form = loadFormDefinition(formId);
  const spec = ONE_SIGNER_FORMS[formId];
  const data: Data = {
    ...(loadExample(formId) as Data),
    [form.meta.recordNumberField]: no,
    ...spec.edit(who),
    signatures: { [spec.role]: { name: who, signedOn: '2026-11-29' } },
    ...o.edit,
  };
  const record = envelopeFor(form.meta, data, o.revision ?? spec.revision, '2026-11-30T02:00:00.000Z');
  const fonts = nodeFonts();
  return signer ? exportSignedRecordPdf({ form, record, fonts }, { signer, role: spec.role, fonts }) : exportRecordPdf({ form, record, fonts });
}

export async function makeAuditFolder(pki: TestPki): Promise<AuditFolder> {
  const dir = tempDir('audit-folder-');
  const trustDir = tempDir('audit-trust-');
  const caPath = join(trustDir, 'ca.pem');
  writeFileSync(caPath, pki.caPem);
  const staff = await readPkcs12(readFileSync(pki.staffA), pki.password); // 陳美玲
  const stranger = await readPkcs12(readFileSync(pki.untrusted), ASCII_PASSWORD); // 李四, untrusted CA
  const write = (name: string, bytes: Uint8Array | string) => writeFileSync(join(dir, name), bytes);
  const change = (no: string, who: string, signer: Signer | null, o: { edit?: Data; revision?: string } = {}) => oneSignerRecord('archive-change', no, who, signer, o);

  write('good.pdf', await change('BG-2026-0101', '陳美玲', staff));
  write('tampered.pdf', tamperSignedBytes(await change('BG-2026-0102', '陳美玲', staff)));
  write('untrusted.pdf', await change('BG-2026-0103', '李四', stranger));
  write('missing-signer.pdf', await change('BG-2026-0104', '陳美玲', null));
  write('rules.pdf', await change('BG-2026-0105', '陳美玲', staff, { edit: { confidentiality: '一般' } }));
  // 吳國華 is the recorder the record names; 陳美玲's certificate signed it (as the CLI once allowed, silently).
  write('wrong-signer.pdf', await change('BG-2026-0109', '吳國華', staff));
  write('duplicate-1.pdf', await change('BG-2026-0106', '陳美玲', staff));
  write('duplicate-2.pdf', await change('BG-2026-0106', '陳美玲', staff, { edit: { after: '聯絡電話：5550 0789' } }));
  // HB-SOP-04 A/1 is a draft in the register: a record filled under it was not under a controlled procedure.
  write('draft.pdf', await change('BG-2026-0107', '陳美玲', staff, { revision: 'A/1' }));
  // HB-SOP-04 A/0 came into force on 2026-11-27: a record dated a week earlier was filled before it (填寫時未生效).
  write('before-effective.pdf', await change('BG-2026-0108', '陳美玲', staff, { edit: { changedOn: '2026-11-20', signatures: { recorder: { name: '陳美玲', signedOn: '2026-11-20' } } } }));
  mkdirSync(join(dir, 'older'));
  // 三年 from 2026-11-29: passed on AUDIT_TODAY (the archive forms keep theirs 永久).
  write('older/retention.pdf', await oneSignerRecord('qr-gr-016', 'XX-2026-0201', '陳美玲', staff));
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
      'wrong-signer.pdf': ['identity-mismatch'],
      'duplicate-1.pdf': ['duplicate'],
      'duplicate-2.pdf': ['duplicate'],
      'draft.pdf': ['revision'],
      'before-effective.pdf': ['revision'],
      'older/retention.pdf': ['retention-passed'],
      'notes.txt': ['unreadable'],
    },
  };
}
