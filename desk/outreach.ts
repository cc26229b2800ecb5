import { randomUUID } from 'node:crypto';
import { ApiError } from '../api/errors.js';
import type { DeskDirectory } from './desk-directory.js';
import type { EvidenceCapture, EvidenceLedger } from './evidence-ledger.js';
import type { TicketCategory } from './rules/ticket-rules.js';
import type { Actor, TicketDesk } from './ticket-desk.js';
import type { TicketRecord } from './ticket-store.js';

/**
 * The desk reaches out (issue 19): an operator opens a ticket *to* a participant with a message and,
 * optionally, evidence ("we saw a night copy of 166 files to a USB stick on PC-X"). The message is the
 * operator's reply on a ticket of channel `desk`, so it is mailed through the outbox like every answer,
 * with the evidence's hashes, and the participant sees the ticket and the evidence in its portal.
 *
 * The evidence is captured first, under the ticket id chosen beforehand: a query that does not parse, or a
 * range that is wrong, is refused before any ticket exists, so a failed attempt leaves nothing for the
 * participant to see.
 */
export interface Outreach {
  participantId: string;
  subject: string;
  category: TicketCategory;
  body: string;
  evidence?: EvidenceCapture | undefined;
  operator: Actor;
}

export async function reachOut(
  parts: { desk: TicketDesk; evidence: EvidenceLedger; directory: DeskDirectory },
  input: Outreach,
): Promise<TicketRecord> {
  const participant = await parts.directory.participant(input.participantId);
  if (!participant) throw new ApiError(404, 'not_found', 'No such participant.');
  const ticketId = randomUUID();
  const captured = input.evidence
    ? await parts.evidence.capture(
        { ticket_id: ticketId, participant_id: input.participantId },
        input.evidence,
        input.operator.name,
      )
    : null;
  const ticket = await parts.desk.open({
    participantId: input.participantId,
    ticketId,
    subject: input.subject,
    category: input.category,
    channel: 'desk',
    // The desk writes to the participant's registered contact (art. 20): answers go back there.
    requester: { accountId: '', name: participant.name, email: participant.contactEmail },
    body: '',
    files: [],
    via: 'dashboard',
    messageKind: 'participant_message',
    openedBy: input.operator,
  });
  await parts.desk.reply(ticket, {
    operator: input.operator,
    body: input.body,
    files: [],
    evidenceIds: captured ? [captured.evidenceId] : [],
    statusAfter: 'awaiting_participant',
  });
  return parts.desk.find(input.participantId, ticketId);
}
