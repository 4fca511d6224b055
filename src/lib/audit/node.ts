/**
 * The audit in Node (the CLI and the benchmark): the files of a folder, read one at a time, audited
 * with the handbook's trust list, register, schemas, validators and fonts as the verify CLI uses them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { nodeFonts, nodeRecordChecks } from '../pdf/node.ts';
import { recordRules } from '../forms/validation/validator.ts';
import type { RegisterRevision } from '../documents/register.ts';
import { auditRecords, type AuditFile, type AuditOptions, type AuditReport } from './audit.ts';

/** Every file under `dir` (subfolders too), named by its path inside it; hidden files (.DS_Store) are not records. */
export function folderFiles(dir: string): AuditFile[] {
  const out: AuditFile[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push({ name: relative(dir, full).split('\\').join('/'), bytes: async () => new Uint8Array(readFileSync(full)) });
    }
  };
  walk(dir);
  return out;
}

export async function auditFolder(
  dir: string,
  options: { trust: string[]; register: RegisterRevision[]; today?: string; now?: Date; onProgress?: AuditOptions['onProgress'] },
): Promise<AuditReport> {
  // The definitions verifying uses: each record's own form revision (kept ones from schemas/revisions/).
  const { form } = nodeRecordChecks().layout!;
  return auditRecords(folderFiles(dir), { ...options, form, rules: recordRules, fonts: nodeFonts() });
}
