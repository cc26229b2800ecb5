import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deadlineOnLeaving } from '../../participants/rules/participation-dates.js';
import { coverageProblems, deletionPlan, type SchemaTable } from '../../retention/deletion-plan.js';
import { PARTICIPANT_TABLES } from '../../retention/participant-tables.js';
import { certificateHtml } from '../../retention/rules/certificate-texts.js';
import { sha256Hex } from '../../common/hashes.js';
import { canonicalJson, certificateDocument, type CertificateInput } from '../../retention/rules/certificate.js';

/** The deletion's rules without a database: the plan, the coverage check, the deadline, the certificate. */
const table = (name: string, columns: string[], engine = 'MergeTree'): SchemaTable => ({
  table: name,
  engine,
  columns,
});

/** A schema holding exactly the classified tables, each with the columns its classification names. */
function classifiedSchema(): SchemaTable[] {
  return PARTICIPANT_TABLES.map((t) =>
    table(
      t.table,
      [...(t.direct ? ['participant_id'] : []), ...(t.idColumns ?? []), ...(t.keys ? [t.keys.column] : []), 'kind'],
      t.table === 'events' ? 'ReplacingMergeTree' : 'MergeTree',
    ),
  );
}

describe('the deletion plan', () => {
  it('takes every table with participant_id from the schema, keeps the proof tables, and orders key tables after the tables they reach', () => {
    const plan = deletionPlan([
      ...classifiedSchema(),
      table('deletion_runs', ['participant_id']),
      table('new_answers', ['participant_id', 'answer']),
      table('policies', ['policy_id']),
    ]);
    const names = plan.map((t) => t.table);
    expect(names).not.toContain('deletion_runs');
    expect(names).not.toContain('policies');
    expect(plan.find((t) => t.table === 'new_answers')).toMatchObject({ kind: 'unclassified', direct: true });
    expect(plan.find((t) => t.table === 'events')?.final).toBe(true);
    expect(plan.find((t) => t.table === 'tickets')?.final).toBe(false);
    expect(names.indexOf('sessions')).toBeLessThan(names.indexOf('accounts'));
    expect(names.indexOf('sign_ins')).toBeLessThan(names.indexOf('accounts'));
    expect(names.indexOf('outbound_mail_attempts')).toBeLessThan(names.indexOf('outbound_mail'));
    expect(names.indexOf('inbound_mail_dispositions')).toBeLessThan(names.indexOf('inbound_mail'));
    expect(names.at(-1)).toBe('participants');
  });

  it('names what the classification misses: a participant table, a table of unknown content, a classified table gone, a column gone', () => {
    const schema = classifiedSchema().filter((t) => t.table !== 'notices');
    schema.push(table('feedback_forms', ['participant_id']), table('mystery', ['account_id']));
    const sessions = schema.find((t) => t.table === 'sessions')!;
    sessions.columns = ['session_hash'];
    expect(coverageProblems(schema)).toEqual([
      { table: 'feedback_forms', problem: expect.stringContaining('participant_id column') },
      { table: 'mystery', problem: expect.stringContaining('not classified') },
      { table: 'sessions', problem: expect.stringContaining('account_id') },
      { table: 'notices', problem: expect.stringContaining('no longer in the schema') },
    ]);
  });
});

describe('the deletion deadline (art. 16)', () => {
  it('is a date agreed now, else one agreed earlier, else the default after the end', () => {
    expect(deadlineOnLeaving({ deletion_deadline: null, deletion_basis: '' }, '2026-12-05', 30)).toEqual({
      deadline: '2027-01-04',
      basis: 'default',
    });
    expect(deadlineOnLeaving({ deletion_deadline: '2026-12-20', deletion_basis: 'agreed' }, '2026-12-05', 30)).toEqual({
      deadline: '2026-12-20',
      basis: 'agreed',
    });
    expect(deadlineOnLeaving({ deletion_deadline: '2026-12-20', deletion_basis: 'default' }, '2026-12-05', 30)).toEqual(
      { deadline: '2027-01-04', basis: 'default' },
    );
    expect(
      deadlineOnLeaving({ deletion_deadline: '2026-12-20', deletion_basis: 'agreed' }, '2026-12-05', 30, '2026-12-10'),
    ).toEqual({ deadline: '2026-12-10', basis: 'agreed' });
  });
});

describe('the certificate', () => {
  const input: CertificateInput = {
    certificateId: 'c',
    runId: 'r',
    participantId: 'p',
    organisation: '株式会社<テスト>',
    registeredEmail: 'a@example.jp',
    deadline: '2026-12-10',
    deadlineBasis: 'agreed',
    agreedWith: '佐藤様',
    agreedAt: '2026-12-01 01:00:00.000',
    startedAt: new Date('2026-12-10T00:30:00Z'),
    finishedAt: new Date('2026-12-10T00:31:00Z'),
    tables: [
      { table: 'events', kind: 'stored', rowsBefore: 10, rowsAfter: 0 },
      { table: 'tickets', kind: 'generated', rowsBefore: 2, rowsAfter: 0 },
    ],
    filesBefore: 1,
    filesAfter: 0,
  };

  it('is canonical JSON (keys sorted, no whitespace) whose SHA-256 anyone can recompute', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: 'x' }], a: null })).toBe('{"a":null,"b":[2,{"c":"x","d":1}]}');
    const json = canonicalJson(certificateDocument(input));
    expect(JSON.parse(json)).toMatchObject({
      verification: { result: 'passed' },
      deletion: { startedAtJst: '2026-12-10 09:30 JST' },
      deadline: { agreedAt: '2026-12-01T01:00:00.000Z', agreedAtJst: '2026-12-01 10:00 JST' },
      dataKinds: [{ label: '保存データ' }, { label: '生成等データ' }],
    });
    expect(sha256Hex(json)).toBe(createHash('sha256').update(Buffer.from(json, 'utf8')).digest('hex'));
  });

  it('says "failed" when a row or a file is left, and its page escapes what it prints', () => {
    expect(certificateDocument({ ...input, filesAfter: 1 })).toMatchObject({ verification: { result: 'failed' } });
    expect(
      certificateDocument({ ...input, tables: [{ table: 'events', kind: 'stored', rowsBefore: 10, rowsAfter: 1 }] }),
    ).toMatchObject({ verification: { result: 'failed' } });
    const page = certificateHtml(certificateDocument(input), 'f'.repeat(64));
    expect(page).toContain('株式会社&#60;テスト&#62; 御中');
    expect(page).toContain('削除証明書');
    expect(page).toContain('f'.repeat(64));
  });
});
