import type { Logger } from 'pino';
import { fromClickHouseTime } from '../common/clickhouse-time.js';
import type { DeskDirectory } from './desk-directory.js';
import type { MailOutbox } from './mail-outbox.js';
import { jstMinuteLabel } from './mail/ticket-mail-text.js';
import { AUTO_CLOSE_DAYS } from './rules/ticket-rules.js';
import type { TicketDesk } from './ticket-desk.js';
import type { TicketStore } from './ticket-store.js';
import type { TicketViews } from './ticket-views.js';

/**
 * The desk job's SLA part: an operator is mailed once when a clock of a ticket comes near its
 * target (warning) and once when it passes it (breached) — the assignee, or every operator when
 * nobody has the ticket. The dashboard shows the same states live; mail reaches people who are not
 * looking at it.
 */
const CLOCK_NAMES = {
  firstResponse: { ja: '初回応答', en: 'first response' },
  resolution: { ja: '解決', en: 'resolution' },
} as const;

export class SlaAlerts {
  constructor(
    private readonly store: TicketStore,
    private readonly views: TicketViews,
    private readonly directory: DeskDirectory,
    private readonly outbox: MailOutbox,
    private readonly desk: TicketDesk,
    private readonly logger: Logger,
  ) {}

  async alert(now: Date): Promise<{ warnings: number; breaches: number }> {
    const tickets = await this.store.tickets([], ['new', 'open']);
    const summaries = await this.views.summaries(tickets, 'operator', now);
    const operators = await this.directory.operators();
    let warnings = 0;
    let breaches = 0;
    for (const ticket of summaries) {
      for (const clock of ['firstResponse', 'resolution'] as const) {
        const state = ticket.sla[clock];
        if (state.state !== 'warning' && state.state !== 'breached') continue;
        if (state.state === 'warning') warnings += 1;
        else breaches += 1;
        const assignee = operators.find((operator) => operator.accountId === ticket.assigneeId);
        const recipients = (assignee ? [assignee] : operators).map((operator) => operator.email).filter(Boolean);
        const record = tickets.find((row) => row.ticket_id === ticket.ticketId)!;
        const due = state.dueAt ? jstMinuteLabel(new Date(state.dueAt)) : '';
        const name = CLOCK_NAMES[clock];
        const headline =
          state.state === 'warning'
            ? `【SLA 警告】${ticket.reference} の${name.ja}期限が近づいています（期限 ${due}、残り ${state.remainingMinutes} 営業分）\n[SLA warning] the ${name.en} of ${ticket.reference} is due at ${due} (${state.remainingMinutes} business minutes left)`
            : `【SLA 超過】${ticket.reference} の${name.ja}期限を超過しました（期限 ${due}）\n[SLA breached] the ${name.en} of ${ticket.reference} was due at ${due}`;
        // Keyed by the due minute: one mail per warning or breach, and again only if the due time moved (after a pause).
        await this.outbox.queue({
          key: `sla:${ticket.ticketId}:${clock}:${state.state}:${state.dueAt?.slice(0, 16) ?? ''}`,
          kind: 'sla_alert',
          ticket: record,
          recipients,
          text: `${headline}\n\n${ticket.participantName} — ${ticket.subject}\n${this.desk.ticketUrl(record)}\n`,
        });
      }
    }
    return { warnings, breaches };
  }

  /** Resolved tickets nobody touched for a week are closed (the participant is told). */
  async closeStaleResolved(now: Date): Promise<number> {
    const resolved = await this.store.tickets([], ['resolved']);
    const cutoff = now.getTime() - AUTO_CLOSE_DAYS * 86_400_000;
    let closed = 0;
    for (const ticket of resolved) {
      if (fromClickHouseTime(ticket.updated_at).getTime() > cutoff) continue;
      try {
        await this.desk.setStatus(ticket, { accountId: '', name: 'desk' }, 'closed', 'auto_close');
        closed += 1;
      } catch (error) {
        this.logger.warn({ err: error, ticketId: ticket.ticket_id }, 'resolved ticket not closed');
      }
    }
    return closed;
  }
}
