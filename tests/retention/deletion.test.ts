import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInboundMail, type InboundMail } from '../../desk/mail/inbound-mail.js';
import { SmtpListener } from '../../desk/mail/smtp-listener.js';
import { addDays, jstDateOf, startOfJstDay } from '../../common/jst-time.js';
import { KEPT_TABLES } from '../../retention/participant-tables.js';
import { operatorClient, type ApiClient } from '../../harness/api-client.js';
import { participantWithData, type SeededParticipant } from '../support/participant-with-data.js';
import { queryRows, startTestYorozu } from '../support/yorozu-under-test.js';
import { until } from '../support/until.js';

/**
 * Terms art. 16 on the real engine: a participant with data in every kind of table withdraws with an
 * agreed deletion date; the deletion job does nothing before that date and, on it, deletes every row
 * and file of the participant, verifies zero everywhere and certifies it (JSON whose SHA-256 verifies,
 * PDF, mailed over real SMTP to the registered address). Another participant's data is untouched.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
type Preview = { tables: { table: string; kind: string; rows: number }[]; files: number; confirmation: string };
let yorozu: TestYorozu;
let relay: SmtpListener;
let operator: ApiClient;
let leaving: SeededParticipant;
let staying: SeededParticipant;
const delivered: InboundMail[] = [];
const deadline = addDays(jstDateOf(new Date()), 2);

const preview = async (participantId: string) =>
  (await operator.call<Preview>('POST', `/api/v1/admin/participants/${participantId}/deletion/dry-run`)).body;
// Each dry run is itself an operator's look at the participant (art. 15) and adds a data_access_log row: compared apart.
const countsOf = (p: Preview) =>
  Object.fromEntries(p.tables.filter((t) => t.table !== 'data_access_log').map((t) => [t.table, t.rows]));

/** A notice mail the relay received: to the address, with the subject, carrying the fact. */
const noticeMailed = (to: string, subject: string, fact: string) =>
  until(`the notice "${subject}" mailed to ${to}`, () =>
    delivered.find((m) => m.to.includes(to) && m.subject === subject && m.text.includes(fact)),
  );

beforeAll(async () => {
  relay = new SmtpListener(
    { host: '127.0.0.1', port: 0, hostname: 'mx.example.jp', maxMessageBytes: 20 * 1024 * 1024 },
    async (mail) => {
      delivered.push(await parseInboundMail(mail.raw, mail.envelopeFrom));
    },
    pino({ level: 'silent' }),
  );
  const { port } = await relay.start();
  yorozu = await startTestYorozu('deletion', {
    YOROZU_SMTP_LISTEN_PORT: '0',
    YOROZU_SMTP_RELAY_URL: `smtp://127.0.0.1:${port}`,
    YOROZU_MAIL_FROM: 'よろず相談窓口 <desk@yorozu.localhost>',
  });
  operator = await operatorClient(yorozu.url);
  leaving = await participantWithData(yorozu.url, operator, {
    name: '株式会社さよなら',
    code: 'sayonara',
    dataDir: yorozu.dataDir,
    smtpPort: yorozu.desk.smtpPort!,
  });
  staying = await participantWithData(yorozu.url, operator, {
    name: '株式会社のこる',
    code: 'nokoru',
    dataDir: yorozu.dataDir,
    smtpPort: yorozu.desk.smtpPort!,
  });
  // The mail from each participant's user is on a ticket, and the desk's answers went out.
  for (const who of [leaving, staying]) {
    await until(
      'the mail on a ticket',
      async () =>
        ((await preview(who.participantId)).tables.find((t) => t.table === 'inbound_mail_dispositions')?.rows ?? 0) >
          0 || undefined,
    );
    await until(
      'the answer sent',
      async () =>
        ((await preview(who.participantId)).tables.find((t) => t.table === 'outbound_mail_attempts')?.rows ?? 0) > 0 ||
        undefined,
    );
  }
});

afterAll(async () => {
  await yorozu?.cleanup();
  await relay?.stop();
});

describe('deleting a participant who left (art. 16)', () => {
  let before: Record<string, number>;
  let stayingBefore: Record<string, number>;

  it('the dry run covers every table, and the participant has rows in each of them and a file on disk', async () => {
    const plan = await preview(leaving.participantId);
    const empty = plan.tables.filter((t) => t.rows === 0).map((t) => t.table);
    expect(empty).toEqual([]);
    expect(plan.tables.map((t) => t.table)).toEqual(
      expect.arrayContaining([
        'events',
        'inventory_hardware',
        'inventory_software',
        'inventory_os_updates',
        'health_results',
        'device_hourly',
        'diagnostics',
        'rejected_messages',
        'policy_results',
        'policy_evaluations',
        'tickets',
        'ticket_messages',
        'ticket_attachments',
        'ticket_attachment_chunks',
        'ticket_evidence',
        'diagnostic_requests',
        'inbound_mail',
        'inbound_mail_dispositions',
        'outbound_mail',
        'outbound_mail_attempts',
        'notices',
        'data_access_log',
        'accounts',
        'sessions',
        'sign_ins',
        'devices',
        'enrollment_secrets',
        'participants',
        'participant_documents',
        'successions',
        'service_suspensions',
        'windows_events_kept',
      ]),
    );
    expect(plan.tables.every((t) => t.kind !== 'unclassified')).toBe(true);
    expect(plan.files).toBe(1);
    stayingBefore = countsOf(await preview(staying.participantId));
  });

  it('an applicant that is refused gets a deadline too, and an agreed date cannot lie in the past', async () => {
    const terms = (await (await fetch(new URL('/api/v1/terms', yorozu.url))).json()) as { terms: { version: string } };
    const applied = await fetch(new URL('/api/v1/applications', yorozu.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organisation: '株式会社おことわり',
        representative: '代表 太郎',
        address: '東京都千代田区1-1',
        phone: '03-0000-0000',
        contactName: '担当 花子',
        contactEmail: 'apply@example.jp',
        termsVersion: terms.terms.version,
        agreeToTerms: true,
      }),
    }).then((r) => r.json() as Promise<{ applicationId: string }>);
    const rejected = await operator.call<{ deletion_deadline: string; deletion_basis: string }>(
      'POST',
      `/api/v1/admin/participants/${applied.applicationId}/reject`,
      { reasonCode: 'technically_infeasible' },
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      deletion_deadline: addDays(jstDateOf(new Date()), 30),
      deletion_basis: 'default',
    });
    // The notice reached the applicant: the mail arrived with the deadline (not only a row, issue 20).
    await noticeMailed(
      'apply@example.jp',
      '【よろず相談窓口】お申込みの審査結果',
      `${addDays(jstDateOf(new Date()), 30)} までに削除します`,
    );
    const agreed = await operator.call<{ deletionDeadline: string; basis: string; agreedWith: string }>(
      'PUT',
      `/api/v1/admin/participants/${applied.applicationId}/deletion-deadline`,
      {
        agreed: {
          date: addDays(jstDateOf(new Date()), 7),
          agreedWith: '担当 花子様',
          agreedAt: new Date().toISOString(),
        },
      },
    );
    expect(agreed.body).toMatchObject({
      deletionDeadline: addDays(jstDateOf(new Date()), 7),
      basis: 'agreed',
      agreedWith: '担当 花子様',
    });
    await noticeMailed(
      'apply@example.jp',
      '【よろず相談窓口】データ削除期日のお知らせ',
      '貴社（担当 花子様）との合意により',
    );
    const reset = await operator.call<{ deletionDeadline: string; basis: string }>(
      'PUT',
      `/api/v1/admin/participants/${applied.applicationId}/deletion-deadline`,
      { agreed: null },
    );
    expect(reset.body).toMatchObject({ deletionDeadline: addDays(jstDateOf(new Date()), 30), basis: 'default' });
    const unnamed = await operator.call<{ error: { issues: { path: string }[] } }>(
      'PUT',
      `/api/v1/admin/participants/${applied.applicationId}/deletion-deadline`,
      { agreed: { date: addDays(jstDateOf(new Date()), 7), agreedWith: '', agreedAt: new Date().toISOString() } },
    );
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error.issues[0]!.path).toBe('agreed.agreedWith');
    const past = await operator.call<{ error: { code: string; message: string } }>(
      'PUT',
      `/api/v1/admin/participants/${staying.participantId}/deletion-deadline`,
      { agreed: { date: '2020-01-01', agreedWith: '総務 佐藤様', agreedAt: new Date().toISOString() } },
    );
    expect(past.status).toBe(400);
    expect(past.body.error.message).toContain('past');
  });

  it('the participant withdraws with an agreed date; the calendar and its notice show it', async () => {
    expect(
      (
        await leaving.user.call('POST', `/api/v1/participants/${leaving.participantId}/withdrawal`, {
          reason: '事業整理のため',
        })
      ).status,
    ).toBe(202);
    const agreedAt = new Date().toISOString();
    const done = await operator.call(
      'POST',
      `/api/v1/admin/participants/${leaving.participantId}/complete-withdrawal`,
      { agreedDeletionDate: deadline, agreedWith: '総務部 佐藤様', agreedAt },
    );
    expect(done.status).toBe(200);
    const calendar = await operator.call<{
      entries: { participant_id: string; deadline: string; deadline_basis: string; agreed_with: string }[];
    }>('GET', '/api/v1/admin/deletions');
    expect(calendar.body.entries.find((e) => e.participant_id === leaving.participantId)).toMatchObject({
      deadline,
      deadline_basis: 'agreed',
      agreed_with: '総務部 佐藤様',
    });
    await noticeMailed(
      leaving.contactEmail,
      '【よろず相談窓口】退会手続き完了のお知らせ',
      `${deadline} までに削除します`,
    );
  });

  it('before the deadline the job deletes nothing; a run by an operator needs the dry run first', async () => {
    before = countsOf(await preview(leaving.participantId));
    const early = await yorozu.jobs.runNow('data-deletion', startOfJstDay(addDays(deadline, -1)));
    expect(early).toMatchObject({ result: { certified: 0, failed: 0 } });
    expect(countsOf(await preview(leaving.participantId))).toEqual(before);
    const blind = await operator.call<{ error: { code: string } }>(
      'POST',
      `/api/v1/admin/participants/${leaving.participantId}/deletion/run`,
      { confirmation: 'not-seen' },
    );
    expect(blind.status).toBe(409);
    expect(blind.body.error.code).toBe('dry_run_required');
  });

  it('on the deadline the job deletes every row and file, verifies zero and certifies it', async () => {
    const run = await yorozu.jobs.runNow('data-deletion', new Date(startOfJstDay(deadline).getTime() + 3 * 3_600_000));
    expect(run.error).toBeUndefined();
    expect(run.result).toMatchObject({ certified: 1, failed: 0 });
    const schema = await queryRows<{ name: string }>(
      yorozu,
      "SELECT name FROM system.tables WHERE database = currentDatabase() AND engine LIKE '%MergeTree'",
    );
    const mentioning: Record<string, number> = {};
    for (const { name } of schema) {
      if (name in KEPT_TABLES) continue;
      const [row] = await queryRows<{ n: string }>(
        yorozu,
        "SELECT count() AS n FROM {t:Identifier} WHERE position(formatRowNoNewline('TSV', *), {id:String}) > 0",
        { t: name, id: leaving.participantId },
      );
      if (Number(row!.n) > 0) mentioning[name] = Number(row!.n);
    }
    // What remains naming the participant: the certificate's own mail, and the predecessor's record saying it merged into it.
    expect(mentioning).toEqual({ outbound_mail: 1, participants: expect.any(Number) });
    const [kept] = await queryRows<{ kind: string }>(
      yorozu,
      'SELECT kind FROM outbound_mail WHERE participant_id = {p:UUID}',
      { p: leaving.participantId },
    );
    expect(kept!.kind).toBe('deletion_certificate');
    const predecessorRows = await queryRows<{ status: string }>(
      yorozu,
      'SELECT status FROM participants WHERE successor_id = {p:UUID}',
      { p: leaving.participantId },
    );
    expect(predecessorRows.every((r) => r.status === 'succeeded')).toBe(true);
    const [account] = await queryRows<{ n: string }>(
      yorozu,
      'SELECT count() AS n FROM sessions WHERE account_id = {a:UUID}',
      { a: leaving.user.accountId },
    );
    expect(Number(account!.n)).toBe(0);
    expect(existsSync(path.join(yorozu.dataDir, 'participant-files', leaving.participantId))).toBe(false);
    expect(
      existsSync(path.join(yorozu.dataDir, 'participant-files', staying.participantId, 'bundles', 'diagnostics.zip')),
    ).toBe(true);
  });

  it("another participant's data is untouched, table by table", async () => {
    expect(countsOf(await preview(staying.participantId))).toEqual(stayingBefore);
  });

  it('the certificate lists the counts before and after, its SHA-256 verifies, and it reached the registered address', async () => {
    const status = await operator.call<{
      steps: { step: string; detail: string }[];
      certificate: { sha256: string; hasPdf: boolean };
    }>('GET', `/api/v1/admin/participants/${leaving.participantId}/deletion`);
    expect(status.body.steps.map((s) => s.step)).toEqual(
      expect.arrayContaining(['started', 'table_deleted', 'files_deleted', 'verified', 'certified']),
    );
    expect(status.body.steps.some((s) => s.step === 'failed')).toBe(false);
    const download = await fetch(
      new URL(`/api/v1/admin/participants/${leaving.participantId}/deletion/certificate?format=json`, yorozu.url),
      { headers: { authorization: `Bearer ${operator.sessionToken}` } },
    );
    const bytes = Buffer.from(await download.arrayBuffer());
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(sha256).toBe(status.body.certificate.sha256);
    expect(download.headers.get('x-content-sha256')).toBe(sha256);
    const certificate = JSON.parse(bytes.toString('utf8')) as {
      participant: { organisation: string; registeredEmail: string };
      deadline: { date: string; basis: string; agreedWith: string };
      verification: { result: string };
      files: { before: number; after: number };
      dataKinds: { label: string; tables: { table: string; rowsBefore: number; rowsAfter: number }[] }[];
    };
    expect(certificate).toMatchObject({
      participant: { organisation: '株式会社さよなら', registeredEmail: leaving.contactEmail },
      deadline: { date: deadline, basis: 'agreed', agreedWith: '総務部 佐藤様' },
      verification: { result: 'passed' },
      files: { before: 1, after: 0 },
    });
    expect(certificate.dataKinds.map((k) => k.label)).toEqual(expect.arrayContaining(['保存データ', '生成等データ']));
    const listed = Object.fromEntries(
      certificate.dataKinds.flatMap((k) => k.tables.map((t) => [t.table, t.rowsBefore])),
    );
    expect(listed).toMatchObject(before);
    expect(listed.data_access_log).toBeGreaterThan(0);
    expect(certificate.dataKinds.flatMap((k) => k.tables).every((t) => t.rowsAfter === 0)).toBe(true);

    expect(status.body.certificate.hasPdf).toBe(true);
    const pdf = await fetch(
      new URL(`/api/v1/admin/participants/${leaving.participantId}/deletion/certificate?format=pdf`, yorozu.url),
      { headers: { authorization: `Bearer ${operator.sessionToken}` } },
    );
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const mail = await until('the certificate mail', async () =>
      delivered.find((m) => m.to.includes(leaving.contactEmail) && m.subject.includes('削除証明書')),
    );
    const attached = mail.attachments.find((a) => a.filename === 'deletion-certificate.json')!;
    expect(createHash('sha256').update(attached.content).digest('hex')).toBe(sha256);
    expect(mail.text).toContain(sha256);
    expect(mail.attachments.map((a) => a.filename)).toContain('deletion-certificate.pdf');
  });

  it('running the job again changes nothing and issues no second certificate', async () => {
    const again = await yorozu.jobs.runNow(
      'data-deletion',
      new Date(startOfJstDay(deadline).getTime() + 4 * 3_600_000),
    );
    expect(again).toMatchObject({ result: { certified: 0, failed: 0, resumed: 0 } });
    const [certificates] = await queryRows<{ n: string }>(
      yorozu,
      'SELECT count() AS n FROM deletion_certificates WHERE participant_id = {p:UUID}',
      { p: leaving.participantId },
    );
    expect(Number(certificates!.n)).toBe(1);
    const calendar = await operator.call<{
      entries: { participant_id: string; organisation: string; last_step: string }[];
    }>('GET', '/api/v1/admin/deletions');
    expect(calendar.body.entries.find((e) => e.participant_id === leaving.participantId)).toMatchObject({
      organisation: '株式会社さよなら',
      last_step: 'certified',
    });
    expect((await operator.call('POST', `/api/v1/admin/participants/${randomUUID()}/deletion/dry-run`)).status).toBe(
      404,
    );
  });
});
