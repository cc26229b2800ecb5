import { jstMonthRange } from '../../common/jst-time.js';

/**
 * The SLA report of one JST month: which tickets breached (still open ones, whatever month they
 * breached in, and any that breached within the month), which are near a breach, and per participant
 * how many tickets opened in the month met or breached each clock.
 */
interface ClockLike {
  state: 'running' | 'warning' | 'paused' | 'met' | 'breached';
  elapsedMinutes: number;
  metAt: string | null;
  breachedAt: string | null;
}

export interface TicketLike {
  participantId: string;
  participantName: string;
  status: string;
  createdAt: string;
  sla: { firstResponse: ClockLike; resolution: ClockLike };
}

export interface ParticipantSlaSummary {
  participantId: string;
  participantName: string;
  opened: number;
  firstResponseMet: number;
  firstResponseBreached: number;
  resolutionMet: number;
  resolutionBreached: number;
  medianFirstResponseMinutes: number | null;
}

const within = (at: string | null, range: { from: Date; to: Date }) =>
  at !== null && new Date(at) >= range.from && new Date(at) < range.to;
const isOpen = (status: string) => status !== 'resolved' && status !== 'closed';
const clocksOf = (ticket: TicketLike) => [ticket.sla.firstResponse, ticket.sla.resolution];

export function breachesOf<T extends TicketLike>(tickets: readonly T[], month: string): T[] {
  const range = jstMonthRange(month);
  return tickets.filter((ticket) =>
    clocksOf(ticket).some(
      (clock) => clock.state === 'breached' && (isOpen(ticket.status) || within(clock.breachedAt, range)),
    ),
  );
}

export function warningsOf<T extends TicketLike>(tickets: readonly T[]): T[] {
  return tickets.filter((ticket) => clocksOf(ticket).some((clock) => clock.state === 'warning'));
}

export function summaryByParticipant(tickets: readonly TicketLike[], month: string): ParticipantSlaSummary[] {
  const range = jstMonthRange(month);
  const groups = new Map<string, TicketLike[]>();
  for (const ticket of tickets) {
    if (!within(ticket.createdAt, range)) continue;
    groups.set(ticket.participantId, [...(groups.get(ticket.participantId) ?? []), ticket]);
  }
  return [...groups.entries()]
    .map(([participantId, opened]) => {
      const responded = opened
        .map((ticket) => ticket.sla.firstResponse)
        .filter((clock) => clock.metAt !== null || clock.state === 'breached');
      return {
        participantId,
        participantName: opened[0]!.participantName,
        opened: opened.length,
        firstResponseMet: opened.filter((ticket) => ticket.sla.firstResponse.state === 'met').length,
        firstResponseBreached: opened.filter((ticket) => ticket.sla.firstResponse.state === 'breached').length,
        resolutionMet: opened.filter((ticket) => ticket.sla.resolution.state === 'met').length,
        resolutionBreached: opened.filter((ticket) => ticket.sla.resolution.state === 'breached').length,
        medianFirstResponseMinutes: median(responded.map((clock) => clock.elapsedMinutes)),
      };
    })
    .sort((a, b) => a.participantName.localeCompare(b.participantName, 'ja'));
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
