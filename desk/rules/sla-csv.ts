import { formatJst, jstMonthRange } from '../../common/jst-time.js';
import { spreadsheetCsv } from '../../common/spreadsheet-csv.js';
import { breachesOf, summaryByParticipant, type TicketLike } from './sla-report.js';

/**
 * The SLA report of a JST month as CSV for a spreadsheet: one row per ticket (opened in the month, or breached
 * in it, or breached and still open: the same tickets as the report's breach list and summary), or one row per
 * participant (the report's summary). Times in JST; minutes are business minutes. Headers in the operator's
 * language (ja first).
 */
export type SlaCsvTable = 'tickets' | 'participants';
export type CsvLanguage = 'ja' | 'en';

export interface SlaCsvTicket extends TicketLike {
  reference: string;
  subject: string;
  category: string;
  sla: TicketLike['sla'] & {
    firstResponse: TicketLike['sla']['firstResponse'] & { targetMinutes: number };
    resolution: TicketLike['sla']['resolution'] & { targetMinutes: number };
  };
}

const TICKET_HEADERS: Record<CsvLanguage, string[]> = {
  ja: [
    '受付番号',
    '参加者',
    '件名',
    '分類',
    '状態',
    '受付日時(JST)',
    '初回応答の状態',
    '初回応答の経過(営業分)',
    '初回応答の目標(営業分)',
    '初回応答日時(JST)',
    '初回応答の超過日時(JST)',
    '解決の状態',
    '解決の経過(営業分)',
    '解決の目標(営業分)',
    '解決日時(JST)',
    '解決の超過日時(JST)',
  ],
  en: [
    'reference',
    'participant',
    'subject',
    'category',
    'status',
    'opened (JST)',
    'first response state',
    'first response elapsed (business min)',
    'first response target (business min)',
    'first response at (JST)',
    'first response breached at (JST)',
    'resolution state',
    'resolution elapsed (business min)',
    'resolution target (business min)',
    'resolved at (JST)',
    'resolution breached at (JST)',
  ],
};

const PARTICIPANT_HEADERS: Record<CsvLanguage, string[]> = {
  ja: ['参加者', '受付件数', '初回応答 達成', '初回応答 超過', '解決 達成', '解決 超過', '初回応答の中央値(営業分)'],
  en: [
    'participant',
    'opened',
    'first response met',
    'first response breached',
    'resolution met',
    'resolution breached',
    'median first response (business min)',
  ],
};

const jst = (at: string | null) => (at ? formatJst(new Date(at)) : '');

/** The tickets a month's report is about: opened in it, or in its breach list. Oldest first. */
export function ticketsOfSlaMonth<T extends SlaCsvTicket>(tickets: readonly T[], month: string): T[] {
  const { from, to } = jstMonthRange(month);
  const breached = new Set(breachesOf(tickets, month));
  return tickets
    .filter((ticket) => breached.has(ticket) || (new Date(ticket.createdAt) >= from && new Date(ticket.createdAt) < to))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.reference.localeCompare(b.reference));
}

export function slaCsv(
  tickets: readonly SlaCsvTicket[],
  month: string,
  table: SlaCsvTable,
  language: CsvLanguage,
): string {
  if (table === 'participants')
    return spreadsheetCsv(
      PARTICIPANT_HEADERS[language],
      summaryByParticipant(tickets, month).map((row) => [
        row.participantName,
        row.opened,
        row.firstResponseMet,
        row.firstResponseBreached,
        row.resolutionMet,
        row.resolutionBreached,
        row.medianFirstResponseMinutes,
      ]),
    );
  return spreadsheetCsv(
    TICKET_HEADERS[language],
    ticketsOfSlaMonth(tickets, month).map((ticket) => {
      const { firstResponse, resolution } = ticket.sla;
      return [
        ticket.reference,
        ticket.participantName,
        ticket.subject,
        ticket.category,
        ticket.status,
        jst(ticket.createdAt),
        firstResponse.state,
        firstResponse.elapsedMinutes,
        firstResponse.targetMinutes,
        jst(firstResponse.metAt),
        jst(firstResponse.breachedAt),
        resolution.state,
        resolution.elapsedMinutes,
        resolution.targetMinutes,
        jst(resolution.metAt),
        jst(resolution.breachedAt),
      ];
    }),
  );
}
