import { fromClickHouseTime } from '../common/clickhouse-time.js';
import { historyText } from './rules/history-text.js';
import type { DeskDirectory } from './desk-directory.js';
import type { DiagnosticsDesk, DiagnosticsRequestView } from './diagnostics-desk.js';
import type { EvidenceLedger, EvidenceView } from './evidence-ledger.js';
import type { MailOutbox } from './mail-outbox.js';
import { slaClocks, type SlaClock, type SlaTargets, type TicketStatus } from './rules/sla.js';
import { DISCLAIMER } from './ticket-desk.js';
import type { Attachment } from '../contract/desk.js';
import type { TicketCategory, TicketChannel } from './rules/ticket-rules.js';
import type { MessageRow, TicketRecord, TicketStore, TicketVersion } from './ticket-store.js';

/**
 * The API's view of tickets: summaries with their SLA clocks, and the full ticket. Who looks decides
 * what is shown: a participant's user never receives internal notes, assignment changes or evidence
 * that was not sent in a reply.
 */
export type Viewer = 'operator' | 'participant_user';

interface ClockView extends Omit<SlaClock, 'dueAt' | 'metAt' | 'breachedAt'> {
  dueAt: string | null;
  metAt: string | null;
  breachedAt: string | null;
}

export interface TicketSummaryView {
  ticketId: string;
  participantId: string;
  participantName: string;
  reference: string;
  subject: string;
  category: TicketCategory;
  status: TicketStatus;
  channel: TicketChannel;
  requesterName: string;
  requesterEmail: string;
  assigneeId: string | null;
  assigneeName: string | null;
  createdAt: string;
  updatedAt: string;
  sla: { firstResponse: ClockView; resolution: ClockView };
}

const iso = (text: string | null): string | null => (text ? fromClickHouseTime(text).toISOString() : null);
const clockView = (clock: SlaClock): ClockView => ({
  ...clock,
  dueAt: clock.dueAt?.toISOString() ?? null,
  metAt: clock.metAt?.toISOString() ?? null,
  breachedAt: clock.breachedAt?.toISOString() ?? null,
});
/** What a participant's user may see of the history. */
const PUBLIC_CHANGES = new Set(['created', 'status', 'reply', 'category', 'first_response']);

export class TicketViews {
  constructor(
    private readonly store: TicketStore,
    private readonly directory: DeskDirectory,
    private readonly evidence: EvidenceLedger,
    private readonly diagnostics: DiagnosticsDesk,
    private readonly outbox: MailOutbox,
    private readonly targets: () => SlaTargets,
  ) {}

  /** `knownVersions`: the tickets' versions when the caller has read them already. */
  async summaries(
    tickets: readonly TicketRecord[],
    viewer: Viewer,
    now = new Date(),
    knownVersions?: readonly TicketVersion[],
  ): Promise<TicketSummaryView[]> {
    const [versions, participants, operators] = await Promise.all([
      knownVersions ?? this.store.versions(tickets.map((ticket) => ticket.ticket_id)),
      this.directory.participants(tickets.map((ticket) => ticket.participant_id)),
      viewer === 'operator' ? this.directory.operators() : Promise.resolve([]),
    ]);
    const byTicket = new Map<string, TicketVersion[]>();
    for (const version of versions)
      byTicket.set(version.ticket_id, [...(byTicket.get(version.ticket_id) ?? []), version]);
    const operatorNames = new Map(operators.map((operator) => [operator.accountId, operator.displayName]));
    return tickets.map((ticket) => {
      const sla = slaClocks({
        createdAt: fromClickHouseTime(ticket.created_at),
        // The first version is the ticket as opened: a phone call logged later still counts from the call.
        statusChanges: (byTicket.get(ticket.ticket_id) ?? []).map((version, index) => ({
          at: index === 0 ? fromClickHouseTime(ticket.created_at) : fromClickHouseTime(version.changed_at),
          status: version.status,
        })),
        firstResponseAt: ticket.first_response_at ? fromClickHouseTime(ticket.first_response_at) : null,
        now,
        targets: this.targets(),
      });
      return {
        ticketId: ticket.ticket_id,
        participantId: ticket.participant_id,
        participantName: participants.get(ticket.participant_id)?.name ?? '',
        reference: ticket.reference,
        subject: ticket.subject,
        category: ticket.category,
        status: ticket.status,
        channel: ticket.channel,
        requesterName: ticket.requester_name,
        requesterEmail: ticket.requester_email,
        assigneeId: viewer === 'operator' ? ticket.assignee_id || null : null,
        assigneeName:
          viewer === 'operator' && ticket.assignee_id
            ? (operatorNames.get(ticket.assignee_id) ?? ticket.assignee_id)
            : null,
        createdAt: fromClickHouseTime(ticket.created_at).toISOString(),
        updatedAt: fromClickHouseTime(ticket.updated_at).toISOString(),
        sla: { firstResponse: clockView(sla.firstResponse), resolution: clockView(sla.resolution) },
      };
    });
  }

  async detail(ticket: TicketRecord, viewer: Viewer) {
    const versions = await this.store.versions([ticket.ticket_id]);
    const [[summary], messages, attachments, diagnostics, mails, operators] = await Promise.all([
      this.summaries([ticket], viewer, new Date(), versions),
      this.store.messages(ticket.participant_id, ticket.ticket_id),
      this.store.attachments(ticket.participant_id, ticket.ticket_id),
      this.diagnostics.ofTicket(ticket),
      viewer === 'operator' ? this.outbox.ofTicket(ticket.participant_id, ticket.ticket_id) : Promise.resolve([]),
      viewer === 'operator' ? this.directory.operators() : Promise.resolve([]),
    ]);
    const operatorNames = new Map(operators.map((operator) => [operator.accountId, operator.displayName]));
    const visible = messages.filter((message) => viewer === 'operator' || message.kind !== 'internal_note');
    // The hash each reply carried, for the integrity check; evidence not sent is for operators only.
    const sentHashes = new Map<string, string>();
    for (const message of messages) {
      if (message.kind !== 'operator_reply') continue;
      message.evidence_ids.forEach((id, index) => sentHashes.set(id, message.evidence_sha256[index] ?? ''));
    }
    const evidence = await this.evidence.summaries(ticket, sentHashes);
    const evidenceById = new Map(evidence.map((item) => [item.evidenceId, item]));
    const attachmentView = (id: string): Attachment[] => {
      const row = attachments.find((attachment) => attachment.attachment_id === id);
      return row
        ? [
            {
              attachmentId: row.attachment_id,
              filename: row.filename,
              contentType: row.content_type,
              sizeBytes: Number(row.size_bytes),
              sha256: row.sha256,
              uploadedAt: fromClickHouseTime(row.uploaded_at).toISOString(),
            },
          ]
        : [];
    };
    return {
      ...summary!,
      messages: visible.map((message) => messageView(message, attachmentView, evidenceById, viewer)),
      pendingEvidence: viewer === 'operator' ? evidence.filter((item) => !sentHashes.has(item.evidenceId)) : [],
      diagnostics: diagnostics satisfies DiagnosticsRequestView[],
      history: historyView(versions, messages, evidence, viewer).map((entry) => ({
        ...entry,
        text: historyText(entry.change, entry.detail, (id) => operatorNames.get(id)),
      })),
      // Operators see whether the desk's mail reached the relay: sent, waiting (no relay yet, or a retry), or refused.
      mails: mails.map((mail) => ({
        kind: mail.kind,
        recipients: mail.recipients,
        subject: mail.subject,
        createdAt: fromClickHouseTime(mail.created_at).toISOString(),
        outcome: mail.last_outcome || 'queued',
        response: mail.last_response,
      })),
      disclaimer: DISCLAIMER,
    };
  }
}

function messageView(
  message: MessageRow,
  attachmentView: (id: string) => Attachment[],
  evidenceById: ReadonlyMap<string, EvidenceView>,
  viewer: Viewer,
) {
  return {
    messageId: message.message_id,
    kind: message.kind,
    via: message.via,
    authorName: message.author_name,
    createdAt: fromClickHouseTime(message.created_at).toISOString(),
    body: message.body,
    ...(message.kind === 'phone_call'
      ? {
          phone: {
            caller: message.phone_caller,
            calledAt: iso(message.phone_called_at),
            durationMinutes: Number(message.phone_duration_minutes),
          },
        }
      : {}),
    attachments: message.attachment_ids.flatMap(attachmentView),
    evidence: message.evidence_ids.flatMap((id) => (evidenceById.has(id) ? [evidenceById.get(id)!] : [])),
    ...(message.diagnostics_request_id ? { diagnosticsRequestId: message.diagnostics_request_id } : {}),
    ...(viewer === 'operator' && message.via === 'email' ? { mailAuthentication: message.mail_authentication } : {}),
  };
}

function historyView(
  versions: readonly TicketVersion[],
  messages: readonly MessageRow[],
  evidence: readonly EvidenceView[],
  viewer: Viewer,
) {
  const entries: { at: string; by: string; change: string; detail: Record<string, string> }[] = [];
  for (const version of versions) {
    if (viewer !== 'operator' && !PUBLIC_CHANGES.has(version.change_kind)) continue;
    let detail: Record<string, string>;
    try {
      detail = JSON.parse(version.change_detail || '{}') as Record<string, string>;
    } catch {
      detail = { text: version.change_detail };
    }
    entries.push({
      at: fromClickHouseTime(version.changed_at).toISOString(),
      by: version.changed_by,
      change: version.change_kind,
      detail,
    });
  }
  for (const message of messages) {
    if (viewer !== 'operator' && message.kind === 'internal_note') continue;
    entries.push({
      at: fromClickHouseTime(message.created_at).toISOString(),
      by: message.author_name,
      change: message.kind === 'internal_note' ? 'note' : 'message',
      detail: { kind: message.kind, via: message.via },
    });
  }
  if (viewer === 'operator') {
    for (const item of evidence)
      entries.push({
        at: item.createdAt,
        by: item.createdBy,
        change: 'evidence',
        detail: { evidenceId: item.evidenceId, sha256: item.sha256, rows: String(item.rowCount) },
      });
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}
