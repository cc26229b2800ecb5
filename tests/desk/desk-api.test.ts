import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnection, enroll } from '../../agent/protocol-client.js';
import { PROTOCOL_VERSION } from '../../agent-protocol/index.js';
import { operatorClient, participantUserClient, type ApiClient } from '../../harness/api-client.js';
import { until } from '../support/until.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

/**
 * The consultation desk through its REST API, on the real engine: a participant asks, an operator
 * answers with evidence from the participant's own logs, the participant checks it; notes stay
 * internal; another participant sees nothing; the SLA report counts business time.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let operator: ApiClient;
let user: ApiClient;
let otherUser: ApiClient;
let office: { participantId: string; deviceId: string; credential: string };
let otherOffice: { participantId: string };

interface Clock {
  state: string;
  dueAt: string | null;
  elapsedMinutes: number;
  targetMinutes: number;
}
interface Evidence {
  evidenceId: string;
  integrity: 'intact' | 'altered';
  sha256: string;
  rowCount: number;
  rows?: Record<string, unknown>[];
  columns?: string[];
  computedSha256?: string;
}
interface Ticket {
  ticketId: string;
  reference: string;
  status: string;
  channel: string;
  category: string;
  sla: { firstResponse: Clock; resolution: Clock };
  messages: {
    kind: string;
    body: string;
    attachments: { attachmentId: string; filename: string; sizeBytes: number; sha256: string }[];
    evidence: Evidence[];
  }[];
  pendingEvidence: Evidence[];
  diagnostics: { requestId: string; via: string; status: string }[];
  history: { change: string; detail: Record<string, string>; text: { ja: string; en: string } }[];
  disclaimer: { ja: string; en: string };
}

const ticketsPath = () => `/api/v1/participants/${office.participantId}/tickets`;
const adminTicketPath = (ticketId: string) => `/api/v1/admin/participants/${office.participantId}/tickets/${ticketId}`;

function form(fields: Record<string, string>, files: { name: string; type: string; bytes: Buffer }[] = []): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  for (const file of files)
    data.append('files', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return data;
}

async function openTicket(
  subject: string,
  body = 'USB メモリを挿したら警告が出ました。問題ありますか?',
): Promise<Ticket> {
  const opened = await user.upload<Ticket>(
    'POST',
    ticketsPath(),
    form({ subject, category: 'security_question', body }),
  );
  expect(opened.status).toBe(201);
  return opened.body;
}

beforeAll(async () => {
  yorozu = await startTestYorozu('desk-api');
  const { participantId, secret } = await participantWithSecret(yorozu, '株式会社そうだん');
  const device = await enroll(yorozu.url, secret, 'SODAN-PC-01');
  office = { participantId, deviceId: device.deviceId, credential: device.credential };
  otherOffice = { participantId: (await participantWithSecret(yorozu, '株式会社となり')).participantId };
  operator = await operatorClient(yorozu.url);
  user = await participantUserClient(yorozu.url, operator, participantId, 'sodan-user');
  otherUser = await participantUserClient(yorozu.url, operator, otherOffice.participantId, 'tonari-user');
  // Three USB events of the office's PC and one web event: what the evidence will be about.
  const base = Date.parse('2026-11-20T01:00:00Z');
  await yorozu.database.client.insert({
    table: 'events',
    values: [0, 1, 2, 3].map((index) => ({
      participant_id: participantId,
      device_id: device.deviceId,
      seq: index + 1,
      time: new Date(base + index * 60_000).toISOString().replace('T', ' ').replace('Z', ''),
      received_at: new Date(base + index * 60_000).toISOString().replace('T', ' ').replace('Z', ''),
      category: index < 3 ? 'external_device' : 'web_access',
      action: index < 3 ? 'connect' : 'visit',
      user_name: 'tanaka',
      device_class: index < 3 ? 'usb_storage' : '',
      serial: index < 3 ? `SN-${index}` : '',
      url: index < 3 ? '' : 'https://example.jp/',
    })),
    format: 'JSONEachRow',
  });
});

afterAll(async () => {
  await yorozu?.cleanup();
});

describe('a participant asks and the desk answers with evidence', () => {
  let ticket: Ticket;
  let evidence: Evidence;

  it('a participant user opens a ticket with a file; it is new, has a reference and its SLA clocks run', async () => {
    const opened = await user.upload<Ticket>(
      'POST',
      ticketsPath(),
      form({ subject: 'USB の警告について', category: 'security_question', body: '警告の画面を添付します。' }, [
        { name: '警告画面.png', type: 'image/png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]) },
      ]),
    );
    expect(opened.status).toBe(201);
    ticket = opened.body;
    expect(ticket.reference).toMatch(/^YZ-[0-9A-Z]{8}$/);
    expect(ticket.status).toBe('new');
    expect(ticket.channel).toBe('portal');
    expect(ticket.sla.firstResponse.targetMinutes).toBe(120);
    expect(['running', 'warning']).toContain(ticket.sla.firstResponse.state);
    expect(ticket.disclaimer.ja).toContain('リスクそのものを取り除くものではありません');
    const [file] = ticket.messages[0]!.attachments;
    expect(file).toMatchObject({ filename: '警告画面.png', sizeBytes: 8 });
    const download = await fetch(`${yorozu.url}${ticketsPath()}/${ticket.ticketId}/attachments/${file!.attachmentId}`, {
      headers: { authorization: `Bearer ${user.sessionToken}` },
    });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]));
    expect(download.headers.get('x-content-sha256')).toBe(file!.sha256);
  });

  it('a file over the limit is refused with its name and the limit, and nothing is saved', async () => {
    const before = (await user.call<{ tickets: unknown[] }>('GET', ticketsPath())).body.tickets.length;
    const tooLarge = Buffer.alloc(10 * 1024 * 1024 + 1, 1);
    const refused = await user.upload(
      'POST',
      ticketsPath(),
      form({ subject: '大きすぎる添付', category: 'software_fault', body: 'ログを添付します' }, [
        { name: 'agent-log.zip', type: 'application/zip', bytes: tooLarge },
      ]),
    );
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({
      error: { code: 'attachment_too_large', message: expect.stringContaining('agent-log.zip') },
    });
    expect((refused.body as { error: { message: string } }).error.message).toContain(String(10 * 1024 * 1024));
    expect((await user.call<{ tickets: unknown[] }>('GET', ticketsPath())).body.tickets.length).toBe(before);
  });

  it("the operator sees it in the queue, and the participant's access log records that", async () => {
    const queue = await operator.call<contract.TicketList>('GET', '/api/v1/admin/tickets');
    expect(queue.status).toBe(200);
    expect(queue.body.tickets.find((row) => row.ticketId === ticket.ticketId)).toMatchObject({
      participantName: '株式会社そうだん',
    });
    const log = await user.call<contract.AccessLog>('GET', `/api/v1/participants/${office.participantId}/access-log`);
    expect(log.body.accessLog.some((entry) => entry.route === 'GET /api/v1/admin/tickets')).toBe(true);
  });

  it('the operator captures evidence: the server runs the query and hashes the rows it returned', async () => {
    const captured = await operator.call<Evidence>('POST', `${adminTicketPath(ticket.ticketId)}/evidence`, {
      query: 'category:external_device',
      from: '2026-11-20T00:00:00Z',
      to: '2026-11-21T00:00:00Z',
    });
    expect(captured.status).toBe(201);
    evidence = captured.body;
    expect(evidence.rowCount).toBe(3);
    expect(evidence.integrity).toBe('intact');
    expect(evidence.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(evidence.rows!.map((row) => row.serial).sort()).toEqual(['SN-0', 'SN-1', 'SN-2']);
    const detail = await operator.call<Ticket>('GET', `${ticketsPath()}/${ticket.ticketId}`);
    expect(detail.body.pendingEvidence.map((item) => item.evidenceId)).toEqual([evidence.evidenceId]);
  });

  it('evidence from a device timeline keeps the device apart from the query, and is limited to it', async () => {
    const range = { from: '2026-11-20T00:00:00Z', to: '2026-11-21T00:00:00Z' };
    const wholeDay = await operator.call<Evidence & { deviceId: string }>(
      'POST',
      `${adminTicketPath(ticket.ticketId)}/evidence`,
      { query: '', deviceId: office.deviceId, ...range },
    );
    expect(wholeDay.body).toMatchObject({ rowCount: 4, deviceId: office.deviceId, query: '' });
    const web = await operator.call<Evidence>('POST', `${adminTicketPath(ticket.ticketId)}/evidence`, {
      query: 'category:web_access',
      deviceId: office.deviceId,
      ...range,
    });
    expect(web.body.rowCount).toBe(1);
    const elsewhere = await operator.call<Evidence>('POST', `${adminTicketPath(ticket.ticketId)}/evidence`, {
      query: '',
      deviceId: randomUUID(),
      ...range,
    });
    expect(elsewhere.body.rowCount).toBe(0);
  });

  it('the operator marks the rows that answer the question; a mark that matches no row is refused, nothing kept', async () => {
    const range = { from: '2026-11-20T00:00:00Z', to: '2026-11-21T00:00:00Z' };
    const path = `${adminTicketPath(ticket.ticketId)}/evidence`;
    const marked = await operator.call<Evidence & { markedRows: number[]; markQuery: string; markedCount: number }>(
      'POST',
      path,
      { query: 'category:external_device', markQuery: 'serial:"SN-1"', ...range },
    );
    expect(marked.status).toBe(201);
    expect(marked.body).toMatchObject({ rowCount: 3, markQuery: 'serial:"SN-1"', markedCount: 1, integrity: 'intact' });
    expect(marked.body.markedRows.map((index) => marked.body.rows![index]!.serial)).toEqual(['SN-1']);
    // The same rows without the mark hash differently: the mark is part of what the hash covers.
    expect(marked.body.sha256).not.toBe(evidence.sha256);
    const before = (await operator.call<Ticket>('GET', `${ticketsPath()}/${ticket.ticketId}`)).body.pendingEvidence;
    const nothingMatches = await operator.call<{ error: { code: string; message: string } }>('POST', path, {
      query: 'category:external_device',
      markQuery: 'serial:"SN-9"',
      ...range,
    });
    expect(nothingMatches.status).toBe(400);
    expect(nothingMatches.body.error.message).toContain('mark query');
    const unreadable = await operator.call('POST', path, { query: '', markQuery: 'serial:(', ...range });
    expect(unreadable.status).toBe(400);
    const after = (await operator.call<Ticket>('GET', `${ticketsPath()}/${ticket.ticketId}`)).body.pendingEvidence;
    expect(after.length).toBe(before.length);
  });

  it('before the reply the participant cannot read the evidence; after it, it sees the rows and "intact"', async () => {
    expect((await user.call('GET', `${ticketsPath()}/${ticket.ticketId}/evidence/${evidence.evidenceId}`)).status).toBe(
      404,
    );
    const replied = await operator.upload<Ticket>(
      'POST',
      `${adminTicketPath(ticket.ticketId)}/replies`,
      form({
        body: '3 回の USB 接続を確認しました。',
        evidenceIds: evidence.evidenceId,
        statusAfter: 'awaiting_participant',
      }),
    );
    expect(replied.status).toBe(201);
    expect(replied.body.status).toBe('awaiting_participant');
    expect(replied.body.sla.firstResponse.state).toBe('met');
    expect(replied.body.sla.resolution.state).toBe('paused');
    // No relay is configured here: the answer's mail waits in the outbox, and the operator can see that.
    const outbox = await until("the reply's mail attempt on record", async () => {
      const operatorView = await operator.call<{ mails: { kind: string; outcome: string; recipients: string[] }[] }>(
        'GET',
        `${ticketsPath()}/${ticket.ticketId}`,
      );
      return operatorView.body.mails.some((mail) => mail.kind === 'reply' && mail.outcome !== 'queued')
        ? operatorView.body.mails
        : undefined;
    });
    expect(outbox).toContainEqual(
      expect.objectContaining({ kind: 'reply', outcome: 'not_configured', recipients: ['sodan-user@example.jp'] }),
    );
    const seen = await user.call<Ticket & { mails: unknown[] }>('GET', `${ticketsPath()}/${ticket.ticketId}`);
    expect(seen.body.mails).toEqual([]);
    const reply = seen.body.messages.find((message) => message.kind === 'operator_reply')!;
    expect(reply.evidence).toMatchObject([{ evidenceId: evidence.evidenceId, integrity: 'intact', rowCount: 3 }]);
    expect(seen.body.pendingEvidence).toEqual([]);
    const rows = await user.call<Evidence>(
      'GET',
      `${ticketsPath()}/${ticket.ticketId}/evidence/${evidence.evidenceId}`,
    );
    expect(rows.status).toBe(200);
    expect(rows.body.rows).toHaveLength(3);
    expect(rows.body.computedSha256).toBe(rows.body.sha256);
    const rerun = await user.call<{ sameAsSnapshot: boolean; rowCount: number }>(
      'GET',
      `${ticketsPath()}/${ticket.ticketId}/evidence/${evidence.evidenceId}/rerun`,
    );
    expect(rerun.body).toMatchObject({ sameAsSnapshot: true, rowCount: 3 });
  });

  it('the participant answers; the ticket is open again and its resolution clock runs', async () => {
    const answered = await user.upload<Ticket>(
      'POST',
      `${ticketsPath()}/${ticket.ticketId}/messages`,
      form({ body: '承知しました。社内の USB を確認します。' }),
    );
    expect(answered.status).toBe(201);
    expect(answered.body.status).toBe('open');
    expect(['running', 'warning']).toContain(answered.body.sla.resolution.state);
  });

  it('an internal note and its file are for operators only', async () => {
    const noted = await operator.upload<Ticket>(
      'POST',
      `${adminTicketPath(ticket.ticketId)}/notes`,
      form({ body: '田中さんの私物 USB の可能性あり' }, [
        { name: 'memo.txt', type: 'text/plain', bytes: Buffer.from('internal') },
      ]),
    );
    expect(noted.status).toBe(201);
    const note = noted.body.messages.find((message) => message.kind === 'internal_note')!;
    expect(note.body).toContain('私物');
    const seen = await user.call<Ticket>('GET', `${ticketsPath()}/${ticket.ticketId}`);
    expect(seen.body.messages.some((message) => message.kind === 'internal_note')).toBe(false);
    expect(seen.body.history.some((entry) => entry.change === 'note')).toBe(false);
    expect(
      (await user.call('GET', `${ticketsPath()}/${ticket.ticketId}/attachments/${note.attachments[0]!.attachmentId}`))
        .status,
    ).toBe(404);
  });

  it('when someone alters the stored snapshot, the participant sees "altered", and the evidence can no longer be sent', async () => {
    const altered = await operator.call<Evidence>('POST', `${adminTicketPath(ticket.ticketId)}/evidence`, {
      query: 'serial:SN-0',
      from: '2026-11-20T00:00:00Z',
      to: '2026-11-21T00:00:00Z',
    });
    await yorozu.database.client.command({
      query: `ALTER TABLE ticket_evidence UPDATE rows_json = replaceAll(rows_json, 'tanaka', 'suzuki') WHERE evidence_id IN ({first:UUID}, {second:UUID})`,
      query_params: { first: evidence.evidenceId, second: altered.body.evidenceId },
      clickhouse_settings: { mutations_sync: '2' },
    });
    const seen = await user.call<Evidence>(
      'GET',
      `${ticketsPath()}/${ticket.ticketId}/evidence/${evidence.evidenceId}`,
    );
    expect(seen.body.integrity).toBe('altered');
    expect(seen.body.computedSha256).not.toBe(seen.body.sha256);
    const refused = await operator.upload(
      'POST',
      `${adminTicketPath(ticket.ticketId)}/replies`,
      form({ body: 'もう一件', evidenceIds: altered.body.evidenceId }),
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'evidence_altered' } });
  });

  it("another participant's user cannot open the ticket, its evidence or its files, even through its own participant's path", async () => {
    for (const path of [
      `${ticketsPath()}/${ticket.ticketId}`,
      `${ticketsPath()}/${ticket.ticketId}/evidence/${evidence.evidenceId}`,
      `${ticketsPath()}/${ticket.ticketId}/evidence/${evidence.evidenceId}/rerun`,
    ]) {
      const refused = await otherUser.call('GET', path);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ error: { code: 'other_participant' } });
    }
    const ownPath = `/api/v1/participants/${otherOffice.participantId}/tickets/${ticket.ticketId}`;
    expect((await otherUser.call('GET', ownPath)).status).toBe(404);
    expect((await otherUser.call('GET', `${ownPath}/evidence/${evidence.evidenceId}`)).status).toBe(404);
    expect(
      (await otherUser.call<contract.TicketList>('GET', `/api/v1/participants/${otherOffice.participantId}/tickets`))
        .body.tickets,
    ).toEqual([]);
    expect((await otherUser.call('GET', '/api/v1/admin/tickets')).status).toBe(403);
  });
});

describe('tickets by phone, status, assignment and history', () => {
  it('a phone call logged a month ago: its first response is the call, its resolution breached in business time, in the SLA report', async () => {
    const calledAt = new Date(Date.now() - 30 * 86_400_000);
    const logged = await operator.call<Ticket>('POST', `/api/v1/admin/participants/${office.participantId}/tickets`, {
      subject: 'インストール手順',
      category: 'installation',
      caller: '総務 佐藤様',
      calledAt: calledAt.toISOString(),
      durationMinutes: 12,
      summary: 'インストーラの場所を案内しました。',
    });
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({ channel: 'phone', status: 'open' });
    expect(logged.body.sla.firstResponse.state).toBe('met');
    expect(logged.body.sla.resolution.state).toBe('breached');
    const month = new Date(calledAt.getTime() + 9 * 3_600_000).toISOString().slice(0, 7);
    const report = await operator.call<contract.SlaReport>('GET', `/api/v1/admin/tickets/sla?month=${month}`);
    expect(report.status).toBe(200);
    expect(report.body.breaches.map((row) => row.ticketId)).toContain(logged.body.ticketId);
    expect(report.body.summary.find((row) => row.participantId === office.participantId)).toMatchObject({
      resolutionBreached: 1,
      firstResponseMet: 1,
    });
    const breached = await operator.call<contract.TicketList>('GET', '/api/v1/admin/tickets?sla=breached');
    expect(breached.body.tickets.map((row) => row.ticketId)).toContain(logged.body.ticketId);
  });

  it('assignment opens a new ticket, status changes go to history, and two changes at once are both kept', async () => {
    const ticket = await openTicket('利用方法の質問');
    const assigned = await operator.call<Ticket & { assigneeId: string }>(
      'PUT',
      `${adminTicketPath(ticket.ticketId)}/assignee`,
      { assigneeId: operator.accountId },
    );
    expect(assigned.body).toMatchObject({ status: 'open', assigneeId: operator.accountId });
    const [category, status] = await Promise.all([
      operator.call<Ticket>('PUT', `${adminTicketPath(ticket.ticketId)}/category`, { category: 'service_usage' }),
      operator.call<Ticket>('PUT', `${adminTicketPath(ticket.ticketId)}/status`, { status: 'resolved' }),
    ]);
    expect([category.status, status.status]).toEqual([200, 200]);
    const final = await operator.call<Ticket>('GET', `${ticketsPath()}/${ticket.ticketId}`);
    expect(final.body).toMatchObject({ category: 'service_usage', status: 'resolved' });
    expect(final.body.history.map((entry) => entry.change)).toEqual(
      expect.arrayContaining(['created', 'assignment', 'category', 'status']),
    );
    // Each entry says what happened in both languages, the assignee by name (issue 19, item 7).
    expect(final.body.history.find((entry) => entry.change === 'category')?.text).toEqual({
      ja: '分類: セキュリティの相談 → サービスの利用方法',
      en: 'Category: security question → using the service',
    });
    expect(final.body.history.find((entry) => entry.change === 'assignment')?.text.ja).toMatch(/^担当: 未割当 → \S/);
    const versions = await queryRows<{ n: string }>(
      yorozu,
      'SELECT count() AS n FROM tickets WHERE ticket_id = {id:UUID}',
      { id: ticket.ticketId },
    );
    expect(Number(versions[0]!.n)).toBe(4);
    const userView = await user.call<Ticket>('GET', `${ticketsPath()}/${ticket.ticketId}`);
    expect(userView.body.history.some((entry) => entry.change === 'assignment')).toBe(false);
  });

  it('the participant resolves its own ticket; a closed ticket takes no more messages', async () => {
    const ticket = await openTicket('解決しました');
    const resolved = await user.call<Ticket>('POST', `${ticketsPath()}/${ticket.ticketId}/resolve`, {});
    expect(resolved.body.status).toBe('resolved');
    expect(
      (await operator.call('PUT', `${adminTicketPath(ticket.ticketId)}/status`, { status: 'closed' })).status,
    ).toBe(200);
    const refused = await user.upload(
      'POST',
      `${ticketsPath()}/${ticket.ticketId}/messages`,
      form({ body: 'もう一つ質問です' }),
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'ticket_closed' } });
  });

  it('bad input gets a clear error naming the field', async () => {
    const noCategory = await user.upload(
      'POST',
      ticketsPath(),
      form({ subject: '件名', category: 'cooking', body: '本文' }),
    );
    expect(noCategory.status).toBe(400);
    expect(JSON.stringify(noCategory.body)).toContain('category');
    const operatorInPortal = await operator.upload(
      'POST',
      ticketsPath(),
      form({ subject: '件名', category: 'other', body: '本文' }),
    );
    expect(operatorInPortal.status).toBe(403);
    expect(operatorInPortal.body).toMatchObject({ error: { code: 'participant_only' } });
    const badRange = await operator.call('POST', `${adminTicketPath(randomUUID())}/evidence`, {
      query: 'category:boot',
      from: '2026-11-21T00:00:00Z',
      to: '2026-11-20T00:00:00Z',
    });
    expect(badRange.status).toBe(400);
    const ticket = await openTicket('クエリの誤り');
    const badQuery = await operator.call<{ error: { code: string } }>(
      'POST',
      `${adminTicketPath(ticket.ticketId)}/evidence`,
      { query: 'category:(', from: '2026-11-20T00:00:00Z', to: '2026-11-21T00:00:00Z' },
    );
    expect(badQuery.status).toBe(400);
  });
});

describe('request diagnostic information', () => {
  it('from the participant: a form request, answered on the ticket', async () => {
    const ticket = await openTicket('エージェントが起動しない');
    const requested = await operator.call<Ticket>('POST', `${adminTicketPath(ticket.ticketId)}/diagnostics`, {
      via: 'form',
      instructions: 'イベントビューアのエラーを貼り付けてください',
    });
    expect(requested.status).toBe(201);
    const request = requested.body.diagnostics[0]!;
    expect(request).toMatchObject({ via: 'form', status: 'awaiting_answer' });
    const answered = await user.upload<Ticket>(
      'POST',
      `${ticketsPath()}/${ticket.ticketId}/diagnostics/${request.requestId}/answer`,
      form({ body: 'エラー 1000: yorozu-agent.exe' }),
    );
    expect(answered.status).toBe(201);
    expect(answered.body.diagnostics[0]).toMatchObject({ status: 'answered' });
    expect(
      answered.body.messages.some(
        (message) => message.kind === 'diagnostics_answer' && message.body.includes('エラー 1000'),
      ),
    ).toBe(true);
    expect(
      (
        await user.upload(
          'POST',
          `${ticketsPath()}/${ticket.ticketId}/diagnostics/${request.requestId}/answer`,
          form({ body: '二回目' }),
        )
      ).status,
    ).toBe(409);
  });

  it('from an offline agent: the request waits for the device', async () => {
    const ticket = await openTicket('ログが送られていない');
    const requested = await operator.call<Ticket>('POST', `${adminTicketPath(ticket.ticketId)}/diagnostics`, {
      via: 'agent',
      deviceId: office.deviceId,
      include: ['agent_log', 'buffer_state'],
    });
    expect(requested.status).toBe(201);
    expect(requested.body.diagnostics[0]).toMatchObject({ via: 'agent', status: 'waiting_for_device' });
    const otherDevice = await operator.call('POST', `${adminTicketPath(ticket.ticketId)}/diagnostics`, {
      via: 'agent',
      deviceId: randomUUID(),
    });
    expect(otherDevice.status).toBe(404);

    // The PC comes online: the desk job sends the request, the agent answers, the bundle is on the ticket.
    const agent = await AgentConnection.open(yorozu.url, office.credential);
    try {
      const command = agent.next(
        (message): message is Extract<typeof message, { type: 'command' }> =>
          message.type === 'command' && message.command.kind === 'request_diagnostics',
      );
      const run = await yorozu.jobs.runNow('desk');
      expect(run.error).toBeUndefined();
      expect(run.result).toMatchObject({ diagnosticsSent: 1 });
      const { command: request } = await command;
      expect(request).toMatchObject({
        kind: 'request_diagnostics',
        requestId: requested.body.diagnostics[0]!.requestId,
        include: ['agent_log', 'buffer_state'],
      });
      const reply = await agent.sendBatch({
        v: PROTOCOL_VERSION,
        type: 'diagnostics',
        batchId: randomUUID(),
        requestId: requested.body.diagnostics[0]!.requestId,
        content: { agent_log: ['送信キュー: 0 件'], buffer_state: { queued: 0 } },
      });
      expect(reply.type).toBe('ack');
    } finally {
      agent.socket.close();
    }
    const received = await until('the diagnostics received', async () => {
      const current = await operator.call<Ticket>('GET', `${ticketsPath()}/${ticket.ticketId}`);
      return current.body.diagnostics[0]!.status === 'received' ? current.body : undefined;
    });
    expect(received.diagnostics[0]).toMatchObject({ via: 'agent', status: 'received' });
    const bundle = await operator.call<{ content: { buffer_state: { queued: number } } }>(
      'GET',
      `${adminTicketPath(ticket.ticketId)}/diagnostics/${received.diagnostics[0]!.requestId}`,
    );
    expect(bundle.body.content.buffer_state).toEqual({ queued: 0 });
    expect(
      (await user.call('GET', `${adminTicketPath(ticket.ticketId)}/diagnostics/${received.diagnostics[0]!.requestId}`))
        .status,
    ).toBe(403);
  });
});
