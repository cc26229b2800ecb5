import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { operatorClient, participantUserClient, type ApiClient } from '../../harness/api-client.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

/**
 * The desk's ticket search and the SLA report as CSV, on the real engine. Japanese is written without spaces and
 * ClickHouse's tokenisers keep a whole run of kana and kanji as one token, so the search must find a word inside a
 * sentence (再発行 in 請求書の再発行について), in subjects and in message bodies alike.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let operator: ApiClient;
let user: ApiClient;
let otherUser: ApiClient;
let sakura: string;
let minato: string;
const opened = {} as Record<'invoice' | 'usb' | 'mail', contract.TicketDetail>;

async function open(client: ApiClient, participantId: string, subject: string, body: string) {
  const data = new FormData();
  data.append('subject', subject);
  data.append('category', 'security_question');
  data.append('body', body);
  const reply = await client.upload<contract.TicketDetail>(
    'POST',
    `/api/v1/participants/${participantId}/tickets`,
    data,
  );
  expect(reply.status).toBe(201);
  return reply.body;
}

const search = async (client: ApiClient, path: string, text: string) => {
  const reply = await client.call<contract.TicketList>('GET', `${path}?q=${encodeURIComponent(text)}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.tickets.map((ticket) => ticket.reference).sort();
};
const refs = (...keys: (keyof typeof opened)[]) => keys.map((key) => opened[key].reference).sort();

beforeAll(async () => {
  yorozu = await startTestYorozu('ticket-search');
  sakura = (await participantWithSecret(yorozu, '株式会社さくら商事')).participantId;
  minato = (await participantWithSecret(yorozu, '有限会社みなと製作所')).participantId;
  operator = await operatorClient(yorozu.url);
  user = await participantUserClient(yorozu.url, operator, sakura, 'sakura-user');
  otherUser = await participantUserClient(yorozu.url, operator, minato, 'minato-user');
  opened.invoice = await open(user, sakura, '請求書の再発行について', '先月分をもう一度送ってください。');
  opened.usb = await open(user, sakura, 'ＵＳＢメモリの警告', '会議室のPCで「不明なデバイス」と表示されました。');
  opened.mail = await open(otherUser, minato, '迷惑メールの相談', '添付ファイル付きの怪しいメールが届きました。');
  // An internal note (operators only) on the mail ticket, and an answer on the invoice ticket.
  const note = new FormData();
  note.append('body', '担当メモ: 標的型攻撃の可能性あり');
  const noted = await operator.upload(
    'POST',
    `/api/v1/admin/participants/${minato}/tickets/${opened.mail.ticketId}/notes`,
    note,
  );
  expect(noted.status).toBe(201);
  const reply = new FormData();
  reply.append('body', '経理部より再送いたします。');
  const replied = await operator.upload(
    'POST',
    `/api/v1/admin/participants/${sakura}/tickets/${opened.invoice.ticketId}/replies`,
    reply,
  );
  expect(replied.status).toBe(201);
});

afterAll(async () => {
  await yorozu?.cleanup();
});

describe('ticket search', () => {
  it('finds a Japanese word inside a subject, inside a message, by participant and by reference', async () => {
    const queue = '/api/v1/admin/tickets';
    expect(await search(operator, queue, '再発行')).toEqual(refs('invoice'));
    expect(await search(operator, queue, '不明なデバイス')).toEqual(refs('usb'));
    expect(await search(operator, queue, '経理部')).toEqual(refs('invoice'));
    expect(await search(operator, queue, 'みなと')).toEqual(refs('mail'));
    expect(await search(operator, queue, opened.usb.reference.toLowerCase())).toEqual(refs('usb'));
    // NFKC and case: full-width ＵＳＢ is found by usb, and the half-width ＰＣ of a body by ｐｃ.
    expect(await search(operator, queue, 'usb')).toEqual(refs('usb'));
    expect(await search(operator, queue, 'ｐｃ')).toEqual(refs('usb'));
    expect(await search(operator, queue, '標的型')).toEqual(refs('mail'));
    expect(await search(operator, queue, 'どこにもない言葉')).toEqual([]);
  });

  it('a search looks through closed tickets too, unless a status is chosen', async () => {
    const closed = await operator.call(
      'PUT',
      `/api/v1/admin/participants/${sakura}/tickets/${opened.invoice.ticketId}/status`,
      { status: 'closed' },
    );
    expect(closed.status).toBe(200);
    expect(await search(operator, '/api/v1/admin/tickets', '再発行')).toEqual(refs('invoice'));
    const open = await operator.call<contract.TicketList>(
      'GET',
      `/api/v1/admin/tickets?q=${encodeURIComponent('再発行')}&status=open`,
    );
    expect(open.body.tickets).toEqual([]);
  });

  it("a participant's user searches its own tickets only, and never by the words of an internal note", async () => {
    expect(await search(user, `/api/v1/participants/${sakura}/tickets`, '再発行')).toEqual(refs('invoice'));
    expect(await search(user, `/api/v1/participants/${sakura}/tickets`, '迷惑メール')).toEqual([]);
    expect(await search(otherUser, `/api/v1/participants/${minato}/tickets`, '迷惑メール')).toEqual(refs('mail'));
    expect(await search(otherUser, `/api/v1/participants/${minato}/tickets`, '標的型')).toEqual([]);
    const tooLong = await user.call('GET', `/api/v1/participants/${sakura}/tickets?q=${'あ'.repeat(201)}`);
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toContain('q');
  });
});

describe('the SLA report as CSV', () => {
  it("has one row per ticket of the month with the figures of the desk's own clocks, and the summary per participant", async () => {
    const month = new Date(Date.parse(opened.usb.createdAt) + 9 * 3_600_000).toISOString().slice(0, 7);
    const clocksBefore = await operator.call<contract.TicketList>(
      'GET',
      '/api/v1/admin/tickets?status=' + 'new,open,awaiting_participant,resolved,closed',
    );
    const download = await operator.call<string>('GET', `/api/v1/admin/tickets/sla.csv?month=${month}`);
    const clocksAfter = await operator.call<contract.TicketList>(
      'GET',
      '/api/v1/admin/tickets?status=' + 'new,open,awaiting_participant,resolved,closed',
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('text/csv');
    expect(download.headers.get('content-disposition')).toContain(`yorozu-sla-${month}-tickets.csv`);
    const rows = parse(download.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row['受付番号']).sort()).toEqual(refs('invoice', 'usb', 'mail'));
    for (const row of rows) {
      const before = clocksBefore.body.tickets.find((ticket) => ticket.reference === row['受付番号'])!;
      const after = clocksAfter.body.tickets.find((ticket) => ticket.reference === row['受付番号'])!;
      expect(row['参加者']).toBe(before.participantName);
      expect(row['件名']).toBe(before.subject);
      expect(row['状態']).toBe(before.status);
      // The clocks run while the test does: the CSV's figure lies between the two readings around it.
      for (const [clock, label] of [
        ['firstResponse', '初回応答'],
        ['resolution', '解決'],
      ] as const) {
        expect(Number(row[`${label}の目標(営業分)`])).toBe(before.sla[clock].targetMinutes);
        expect(Number(row[`${label}の経過(営業分)`])).toBeGreaterThanOrEqual(before.sla[clock].elapsedMinutes);
        expect(Number(row[`${label}の経過(営業分)`])).toBeLessThanOrEqual(after.sla[clock].elapsedMinutes);
        expect([before.sla[clock].state, after.sla[clock].state]).toContain(row[`${label}の状態`]);
      }
    }
    // The answered invoice met its first response at the answer's time (JST, to the minute).
    const invoice = rows.find((row) => row['受付番号'] === opened.invoice.reference)!;
    expect(invoice['初回応答の状態']).toBe('met');
    expect(invoice['初回応答日時(JST)']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    const summary = await operator.call<string>(
      'GET',
      `/api/v1/admin/tickets/sla.csv?month=${month}&table=participants&lang=en`,
    );
    const perParticipant = parse(summary.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(perParticipant).toEqual([
      expect.objectContaining({ participant: '株式会社さくら商事', opened: '2', 'first response met': '1' }),
      expect.objectContaining({ participant: '有限会社みなと製作所', opened: '1', 'first response met': '0' }),
    ]);
    const badMonth = await operator.call('GET', '/api/v1/admin/tickets/sla.csv?month=2026-13');
    expect(badMonth.status).toBe(400);
    expect(JSON.stringify(badMonth.body)).toContain('month');
  });
});
