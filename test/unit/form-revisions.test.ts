/**
 * Forms follow their revision (issue 9, part 3): every form declares the procedure revisions it
 * implements, the A/1 violation forms are kept beside the current A/0 ones, and a record is
 * validated and laid out under the form revision its envelope names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formDefinitions } from '../../src/lib/forms/definition/index.ts';
import { listKeptRevisions } from '../../src/lib/forms/build/revisions.ts';
import { formDefinitionFor, recordRules } from '../../src/lib/forms/validation/validator.ts';
import { loadFormRevisionDefinition } from '../../src/lib/pdf/node.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const example = JSON.parse(readFileSync(join(ROOT, 'schemas/violation-record.example.json'), 'utf8'));

describe('form revisions', () => {
  it('every current form implements its procedure’s effective revision; the violation forms’ A/1 revisions are kept for A/1', () => {
    for (const f of formDefinitions()) expect(f.meta.procedureRevisions, f.id).toEqual([f.meta.procedure === 'communication' ? 'A/1' : 'A/0']);
    expect(listKeptRevisions(join(ROOT, 'schemas')).map((k) => [k.base, k.formRevision, k.procedureRevisions])).toEqual([
      ['violation-notice@a-1', 'A/1', ['A/1']],
      ['violation-record@a-1', 'A/1', ['A/1']],
    ]);
  });

  it('a record validates under the form revision it was filled under: A/0 letters 4.2.1 f), A/1 letters it e)', async () => {
    const a0 = { ...example, category: '4.2.1f' };
    const a1 = { ...example, category: '4.2.1e' };
    expect((await recordRules('violation-record', a0, 'A/0'))?.valid).toBe(true);
    expect((await recordRules('violation-record', a0))?.valid).toBe(true);
    expect((await recordRules('violation-record', a1, 'A/0'))?.valid).toBe(false);
    expect((await recordRules('violation-record', a1, 'A/1'))?.valid).toBe(true);
    expect((await recordRules('violation-record', a0, 'A/1'))?.valid).toBe(false);
    // A form revision the handbook never had is not checked against another one.
    expect(await recordRules('violation-record', a0, 'B/9')).toBeNull();
  });

  it('renders under its own revision, in the browser’s loader and in Node', async () => {
    const title = (d: { schema: unknown } | null) => JSON.stringify(d?.schema);
    expect(title(await formDefinitionFor('violation-record', 'A/1'))).toContain('4.2.1 e) 其他違反裝修管理規定的行為');
    expect(title(await formDefinitionFor('violation-record', 'A/0'))).toContain('4.2.1 f) 其他違反裝修管理規定的行為');
    expect(title(loadFormRevisionDefinition('violation-record', 'A/1'))).toContain('4.2.1 e)');
    expect(loadFormRevisionDefinition('violation-record', 'A/1')?.meta.revision).toBe('A/1');
    expect(loadFormRevisionDefinition('violation-record', 'B/9')).toBeNull();
  });
});
