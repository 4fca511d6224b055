import { describe, expect, it } from 'vitest';
import { splitFrontmatter } from '../../src/lib/shared/frontmatter.ts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { canonicalRevisionText, CONTENT_HASH_PATTERN, revisionContentHash, type RevisionText } from '../../src/lib/training/revision-hash.ts';
import { acknowledgementBlocker, buildAcknowledgement, companyDate, type AcknowledgementProcedure } from '../../src/lib/training/acknowledgement.ts';
import { emptyProgress, markRead, procedureStatus, recordAttempt } from '../../src/lib/training/progress.ts';
import { buildMatrix, CELL_LABELS, matrixCsv, matrixTotals, type AcknowledgementFacts, type MatrixProcedure } from '../../src/lib/training/matrix.ts';
import type { AttemptResult } from '../../src/lib/training/attempt.ts';

const source = readFileSync('content/sops/complaints/index.mdx', 'utf8');
const body = splitFrontmatter(source).body;
const rev: RevisionText = { docNumber: 'HB-SOP-01', revision: 'A/0', title: '業戶投訴處理標準作業規程', body };

describe('revision content hash', () => {
  it('is SHA-256 of the documented canonical text', async () => {
    const hash = await revisionContentHash(rev);
    expect(hash).toMatch(CONTENT_HASH_PATTERN);
    const text = canonicalRevisionText(rev);
    expect(text.startsWith('HB-SOP-01\nA/0\n業戶投訴處理標準作業規程\n\nimport')).toBe(true);
    expect(hash).toBe(`sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`);
  });

  it('ignores line endings, trailing spaces and extra blank lines, but not one changed character', async () => {
    const hash = await revisionContentHash(rev);
    const reformatted = `\n\n${body.replace(/\n/g, '  \r\n').replace(/\r\n\r\n/g, '\r\n\r\n\r\n')}\n\n`;
    expect(await revisionContentHash({ ...rev, body: reformatted })).toBe(hash);
    expect(await revisionContentHash({ ...rev, body: body.replace('一跟到底', '一跟到尾') })).not.toBe(hash);
    expect(await revisionContentHash({ ...rev, revision: 'A/1' })).not.toBe(hash);
  });
});

const procedure: AcknowledgementProcedure = {
  procedure: 'complaints',
  docNumber: 'HB-SOP-01',
  title: '業戶投訴處理標準作業規程',
  revision: 'A/0',
  contentHash: `sha256:${'a'.repeat(64)}`,
  passMark: 80,
};
const result = (score: number, passed: boolean) => ({ correct: 0, total: 10, score, passMark: 80, passed, wrong: [], unanswered: [] }) as AttemptResult;

describe('acknowledgement', () => {
  it('refuses before reading and before passing, in Chinese', () => {
    const trainee = { name: '陳小明', staffNumber: 'E-0123' };
    let p = emptyProgress();
    expect(acknowledgementBlocker(procedureStatus(p, 'complaints', 'A/0'), trainee)).toContain('請先閱讀');
    p = markRead(p, 'complaints', 'A/0');
    p = recordAttempt(p, 'complaints', 'A/0', result(60, false));
    expect(() => buildAcknowledgement(procedure, procedureStatus(p, 'complaints', 'A/0'), trainee)).toThrow('請先通過');
    p = recordAttempt(p, 'complaints', 'A/0', result(90, true));
    expect(acknowledgementBlocker(procedureStatus(p, 'complaints', 'A/0'), { name: ' ', staffNumber: 'E1' })).toBe('請填寫姓名。');
    expect(acknowledgementBlocker(procedureStatus(p, 'complaints', 'A/0'), { name: '陳', staffNumber: 'E 1' })).toContain('員工編號');
  });

  it('carries revision, hash, best score and attempts, dated in UTC+8', () => {
    let p = markRead(emptyProgress(), 'complaints', 'A/0', new Date('2026-12-01T01:00:00Z'));
    p = recordAttempt(p, 'complaints', 'A/0', result(60, false), new Date('2026-12-01T02:00:00Z'));
    p = recordAttempt(p, 'complaints', 'A/0', result(90, true), new Date('2026-12-01T03:00:00Z'));
    const data = buildAcknowledgement(procedure, procedureStatus(p, 'complaints', 'A/0'), { name: ' 陳小明 ', staffNumber: 'E-0123' }, new Date('2026-12-01T17:30:00Z'));
    expect(data).toEqual({
      recordNo: 'PX-E-0123-HBSOP01-A0-20261202',
      name: '陳小明',
      staffNumber: 'E-0123',
      procedure: 'complaints',
      procedureNumber: 'HB-SOP-01',
      procedureTitle: '業戶投訴處理標準作業規程',
      revision: 'A/0',
      contentHash: procedure.contentHash,
      score: 90,
      passMark: 80,
      attempts: 2,
      readAt: '2026-12-01T01:00:00.000Z',
      passedAt: '2026-12-01T03:00:00.000Z',
      date: '2026-12-02',
    });
    expect(companyDate(new Date('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
  });
});

const h = (c: string) => `sha256:${c.repeat(64)}`;
const procedures: MatrixProcedure[] = [
  { procedure: 'violations', docNumber: 'HB-SOP-02', title: '違章', revisions: [{ revision: 'A/0', contentHash: h('0'), retraining: true }, { revision: 'A/1', contentHash: h('1'), retraining: true }] },
  { procedure: 'archives', docNumber: 'HB-SOP-04', title: '檔案', revisions: [{ revision: 'A/0', contentHash: h('2'), retraining: true }, { revision: 'A/1', contentHash: h('3'), retraining: false }] },
];
const ack = (over: Partial<AcknowledgementFacts>): AcknowledgementFacts => ({
  name: '陳小明', staffNumber: 'E-1', procedureNumber: 'HB-SOP-02', revision: 'A/1', contentHash: h('1'), score: 90, attempts: 2, date: '2026-12-01', ...over,
});

describe('training matrix', () => {
  it('shows current, retraining, carried and missing; never counts a rejected file', () => {
    const m = buildMatrix(procedures, [
      { file: 'current.pdf', accepted: true, data: ack({}) },
      { file: 'old.pdf', accepted: true, data: ack({ staffNumber: 'E-2', name: '李四', revision: 'A/0', contentHash: h('0') }) },
      { file: 'minor.pdf', accepted: true, data: ack({ staffNumber: 'E-2', name: '李四', procedureNumber: 'HB-SOP-04', revision: 'A/0', contentHash: h('2') }) },
      { file: 'tampered.pdf', accepted: false, reason: '簽署後內容已被修改', data: ack({ staffNumber: 'E-3' }) },
      { file: 'edited.pdf', accepted: true, data: ack({ staffNumber: 'E-4', contentHash: h('9') }) },
      { file: 'foreign.pdf', accepted: true, data: ack({ staffNumber: 'E-5', procedureNumber: 'TP/QP-99' }) },
    ]);
    expect(m.rows.map((r) => r.staffNumber)).toEqual(['E-1', 'E-2', 'E-4']);
    const [e1, e2, e4] = m.rows;
    expect(e1.cells.violations).toMatchObject({ state: 'current', file: 'current.pdf' });
    expect(e1.cells.archives.state).toBe('missing');
    expect(e2.cells.violations).toMatchObject({ state: 'retrain', note: '已簽 A/0，現行版本為 A/1' });
    expect(e2.cells.archives).toMatchObject({ state: 'carried' });
    expect(e2.cells.archives.note).toContain('毋須重新培訓');
    expect(e4.cells.violations).toMatchObject({ state: 'retrain' });
    expect(e4.cells.violations.note).toContain('內容雜湊不同');
    expect(m.rejected).toEqual([
      { file: 'tampered.pdf', reason: '簽署後內容已被修改' },
      { file: 'foreign.pdf', reason: 'TP/QP-99 不是本手冊的規程' },
    ]);
    expect(matrixTotals(m).violations).toEqual({ current: 1, carried: 0, retrain: 2, missing: 0 });
  });

  it('keeps the best acknowledgement of a cell whatever the file order', () => {
    const files = [
      { file: 'old.pdf', accepted: true, data: ack({ revision: 'A/0', contentHash: h('0'), date: '2026-01-01' }) },
      { file: 'new.pdf', accepted: true, data: ack({ date: '2026-06-01' }) },
    ];
    expect(buildMatrix(procedures, files).rows[0].cells.violations.file).toBe('new.pdf');
    expect(buildMatrix(procedures, [...files].reverse()).rows[0].cells.violations.file).toBe('new.pdf');
  });

  it('exports CSV with a BOM, CRLF, quoted fields and the rejected files', () => {
    const m = buildMatrix(procedures, [
      { file: 'a,b.pdf', accepted: false, reason: '憑證不受信任' },
      { file: 'current.pdf', accepted: true, data: ack({ name: '陳"小明"' }) },
    ]);
    const csv = matrixCsv(m);
    expect(csv.startsWith('\uFEFF員工編號,姓名,HB-SOP-02 違章（現行 A/1）,HB-SOP-04 檔案（現行 A/1）\r\n')).toBe(true);
    expect(csv).toContain(`E-1,"陳""小明""",${CELL_LABELS.current}；A/1，2026-12-01，90 分,未完成\r\n`);
    expect(csv).toContain('未計入的檔案,原因\r\n"a,b.pdf",憑證不受信任\r\n');
  });
});

describe('training matrix as PDF', () => {
  it('pdftotext reads the states, the totals and the rejected files; qpdf finds it sound', async () => {
    const { matrixPdf } = await import('../../src/lib/training/matrix-pdf.ts');
    const { nodeFonts } = await import('../../src/lib/pdf/node.ts');
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const many = Array.from({ length: 40 }, (_, i) => ({ file: `f${i}.pdf`, accepted: true, data: ack({ staffNumber: `E-${String(i).padStart(2, '0')}`, name: `員工${i}` }) }));
    const m = buildMatrix(procedures, [...many, { file: 'bad.pdf', accepted: false, reason: '憑證不受信任' }]);
    const file = join(mkdtempSync(join(tmpdir(), 'matrix-pdf-')), 'matrix.pdf');
    writeFileSync(file, await matrixPdf(m, nodeFonts(), new Date('2026-12-01T04:00:00Z')));
    expect(spawnSync('qpdf', ['--check', file]).status).toBe(0);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('培訓矩陣');
    expect(text).toContain('已完成（現行版本）');
    expect(text).toContain('未完成');
    expect(text).toContain('40 / 40');
    expect(text).toContain('bad.pdf：憑證不受信任');
    expect(text).toMatch(/第 1 頁，共 [2-9] 頁/);
  });
});

describe('retraining flag of a revision', () => {
  it('document control defaults to retraining; a minor correction says retraining: false and the matrix carries the old acknowledgement', async () => {
    const { docControlSchema } = await import('../../src/lib/documents/doc-control.ts');
    const { readTrainingRevisions } = await import('../../src/lib/training/load.ts');
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const yaml = (await import('js-yaml')).default;
    const { front, body: rest } = splitFrontmatter(source);
    const data = yaml.load(front!) as Record<string, unknown>;
    expect(docControlSchema.parse(data).retraining).toBe(true);
    expect(docControlSchema.parse({ ...data, retraining: false }).retraining).toBe(false);

    // complaints as if a minor correction A/1 had superseded A/0.
    const dir = mkdtempSync(join(tmpdir(), 'sops-'));
    mkdirSync(join(dir, 'complaints'));
    const write = (file: string, fm: Record<string, unknown>, body: string) => writeFileSync(join(dir, 'complaints', file), `---\n${yaml.dump(fm)}---\n${body}`);
    write('a-0.mdx', { ...data, status: 'superseded', supersededDate: '2026-12-01' }, rest);
    write('index.mdx', { ...data, effectiveDate: '2026-12-01', revision: 'A/1', basedOn: 'A/0', changes: [{ clause: '4.1.1', summary: '錯字' }], retraining: false }, rest.replace('原業戶', '讓業戶'));
    const [p] = await readTrainingRevisions(dir);
    expect(p.revisions.map((r) => [r.revision, r.retraining])).toEqual([['A/0', true], ['A/1', false]]);
    const m = buildMatrix([p], [{ file: 'old.pdf', accepted: true, data: ack({ procedureNumber: 'HB-SOP-01', revision: 'A/0', contentHash: p.revisions[0].contentHash }) }]);
    expect(m.rows[0].cells.complaints.state).toBe('carried');
    expect(CELL_LABELS.carried).toBe('已完成（前版有效）');
  });
});
