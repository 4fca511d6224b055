/**
 * From a verified PDF to a matrix entry: a file counts only when it is one of ours, carries a training
 * acknowledgement, and every signature is intact and trusted and the last one covers the whole file.
 * Anything else is rejected with the verifier's reason in Chinese. Browser-safe.
 */
import type { VerifyReport } from '../pdf/index.ts';
import type { AcknowledgementFacts, VerifiedFile } from './matrix.ts';
import { CONTENT_HASH_PATTERN } from './revision-hash.ts';
import { ACKNOWLEDGEMENT_FORM_ID } from '../forms/definition/index.ts';

/** The form id of the 培訓確認記錄, as its record envelope names it. */
export { ACKNOWLEDGEMENT_FORM_ID };

function facts(data: unknown): AcknowledgementFacts | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  const strings = ['name', 'staffNumber', 'procedureNumber', 'revision', 'contentHash', 'date'] as const;
  if (!strings.every((k) => typeof d[k] === 'string' && d[k] !== '')) return null;
  if (typeof d.score !== 'number' || typeof d.attempts !== 'number') return null;
  if (!CONTENT_HASH_PATTERN.test(d.contentHash as string)) return null;
  return {
    name: d.name as string,
    staffNumber: d.staffNumber as string,
    procedureNumber: d.procedureNumber as string,
    revision: d.revision as string,
    contentHash: d.contentHash as string,
    score: d.score,
    attempts: d.attempts,
    date: d.date as string,
  };
}

export function verifiedFile(file: string, report: VerifyReport): VerifiedFile {
  const reject = (reason: string): VerifiedFile => ({ file, accepted: false, reason });
  if (!report.ours || !report.record) return reject(report.message ?? report.recordError ?? '此 PDF 不是本手冊產生的記錄');
  if (report.record.form !== ACKNOWLEDGEMENT_FORM_ID) return reject('此記錄不是培訓確認記錄');
  const data = facts(report.record.data);
  if (!data) return reject('培訓確認記錄的內容不完整');
  if (report.signatures.length === 0) return reject('此記錄未經數位簽章');
  const bad = report.signatures.find((s) => s.status !== 'valid');
  if (bad) return { ...reject(`${bad.role}：${bad.statusLabel}${bad.problems[0] ? `（${bad.problems[0]}）` : ''}`), data };
  if (report.lastSignatureCoversWholeDocument !== true || report.changesAfterLastSignature.length > 0) {
    return { ...reject('簽署後檔案曾被修改'), data };
  }
  return { file, accepted: true, data };
}
