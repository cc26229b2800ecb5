import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { ServerCommand } from '../agent-protocol/index.js';
import { ApiError } from '../api/errors.js';
import { changeTimeNow, fromClickHouseTime, toClickHouseTime } from '../common/clickhouse-time.js';
import { selectRows } from '../sql/select-rows.js';

/**
 * "Request diagnostic information" (art. 13: participants provide what is needed to isolate a fault,
 * as instructed). From the agent: a request_diagnostics command (agent-protocol §server commands); an
 * offline device gets it when it next connects (the desk job retries every few minutes), and its answer
 * lands in the diagnostics table with the same request id. From the participant: a form on the ticket.
 */
export type DiagnosticsInclude = 'agent_log' | 'buffer_state' | 'system_info' | 'network';

export interface DiagnosticsRequestView {
  requestId: string;
  via: 'agent' | 'form';
  deviceId: string | null;
  hostname: string | null;
  include: string[];
  instructions: string;
  status: 'waiting_for_device' | 'sent' | 'received' | 'awaiting_answer' | 'answered';
  requestedAt: string;
  requestedBy: string;
  receivedAt: string | null;
}

interface RequestRow {
  request_id: string;
  ticket_id: string;
  participant_id: string;
  via: 'agent' | 'form';
  device_id: string;
  include: string[];
  instructions: string;
  current_status: DiagnosticsRequestView['status'];
  requested_at: string;
  requested_by: string;
}

type TicketRef = { ticket_id: string; participant_id: string };

export interface AgentLink {
  /** The device, when it belongs to one of these participants. */
  device(scope: readonly string[], deviceId: string): Promise<{ hostname: string; status: string } | undefined>;
  /** Sends a command to a device connected to this process; undefined when it is not connected here. */
  send(deviceId: string, command: ServerCommand): string | undefined;
}

export class DiagnosticsDesk {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly agents: AgentLink,
    private readonly lineageOf: (participantId: string) => Promise<string[]>,
  ) {}

  async requestFromAgent(
    ticket: TicketRef,
    deviceId: string,
    include: DiagnosticsInclude[],
    by: string,
  ): Promise<string> {
    const device = await this.agents.device(await this.lineageOf(ticket.participant_id), deviceId);
    if (!device) throw new ApiError(404, 'not_found', 'No such device for this participant.');
    if (device.status !== 'active')
      throw new ApiError(409, 'device_revoked', `The device ${device.hostname} is revoked; its agent cannot answer.`);
    const requestId = randomUUID();
    const requestedAt = toClickHouseTime(Date.now());
    const row = {
      request_id: requestId,
      ticket_id: ticket.ticket_id,
      participant_id: ticket.participant_id,
      via: 'agent' as const,
      device_id: deviceId,
      include,
      instructions: '',
      requested_at: requestedAt,
      requested_by: by,
    };
    await this.write(row, 'waiting_for_device');
    if (this.agents.send(deviceId, { kind: 'request_diagnostics', requestId, include })) await this.write(row, 'sent');
    return requestId;
  }

  async requestFromParticipant(ticket: TicketRef, instructions: string, by: string): Promise<string> {
    const requestId = randomUUID();
    await this.write(
      {
        request_id: requestId,
        ticket_id: ticket.ticket_id,
        participant_id: ticket.participant_id,
        via: 'form',
        device_id: '',
        include: [],
        instructions,
        requested_at: toClickHouseTime(Date.now()),
        requested_by: by,
      },
      'awaiting_answer',
    );
    return requestId;
  }

  /** The participant answered a form request; refuses one that is not open on this ticket. */
  async markAnswered(ticket: TicketRef, requestId: string): Promise<void> {
    const request = (await this.rows(ticket)).find((row) => row.request_id === requestId);
    if (!request || request.via !== 'form')
      throw new ApiError(404, 'not_found', 'No such diagnostics request on this ticket.');
    if (request.current_status === 'answered')
      throw new ApiError(
        409,
        'already_answered',
        'This diagnostics request was already answered; add a message instead.',
      );
    await this.write(request, 'answered');
  }

  /** Sends waiting agent requests to devices that are connected now (the desk job). */
  async dispatchWaiting(): Promise<number> {
    const waiting = await selectRows<RequestRow>(this.client, 'desk/diagnostic-requests', { ticketId: null });
    let sent = 0;
    for (const request of waiting) {
      const include = request.include as DiagnosticsInclude[];
      if (
        this.agents.send(request.device_id, { kind: 'request_diagnostics', requestId: request.request_id, include })
      ) {
        await this.write(request, 'sent');
        sent += 1;
      }
    }
    return sent;
  }

  async ofTicket(ticket: TicketRef): Promise<DiagnosticsRequestView[]> {
    const rows = await this.rows(ticket);
    if (rows.length === 0) return [];
    const scope = await this.lineageOf(ticket.participant_id);
    const received = await this.received(
      scope,
      rows.map((row) => row.request_id),
      false,
    );
    const hostnames = new Map<string, string>();
    for (const row of rows) {
      if (row.device_id && !hostnames.has(row.device_id))
        hostnames.set(row.device_id, (await this.agents.device(scope, row.device_id))?.hostname ?? '');
    }
    return rows.map((row) => {
      const answer = received.get(row.request_id);
      return {
        requestId: row.request_id,
        via: row.via,
        deviceId: row.device_id || null,
        hostname: row.device_id ? hostnames.get(row.device_id) || null : null,
        include: row.include,
        instructions: row.instructions,
        status: answer ? 'received' : row.current_status,
        requestedAt: fromClickHouseTime(row.requested_at).toISOString(),
        requestedBy: row.requested_by,
        receivedAt: answer ? fromClickHouseTime(answer.received_at).toISOString() : null,
      };
    });
  }

  /** The bundle an agent sent for a request of this ticket. */
  async bundle(
    ticket: TicketRef,
    requestId: string,
  ): Promise<{ requestId: string; deviceId: string; receivedAt: string; content: unknown }> {
    const request = (await this.rows(ticket)).find((row) => row.request_id === requestId);
    if (!request || request.via !== 'agent')
      throw new ApiError(404, 'not_found', 'No such agent diagnostics request on this ticket.');
    const answer = (await this.received(await this.lineageOf(ticket.participant_id), [requestId], true)).get(requestId);
    if (!answer) throw new ApiError(404, 'not_received', 'The agent has not sent this diagnostics bundle yet.');
    let content: unknown = answer.content;
    try {
      content = JSON.parse(answer.content);
    } catch {
      // Kept as the text the agent sent.
    }
    return {
      requestId,
      deviceId: answer.device_id,
      receivedAt: fromClickHouseTime(answer.received_at).toISOString(),
      content,
    };
  }

  private rows(ticket: TicketRef): Promise<RequestRow[]> {
    return selectRows<RequestRow>(this.client, 'desk/diagnostic-requests', { ticketId: ticket.ticket_id });
  }

  private async received(scope: readonly string[], requestIds: readonly string[], withContent: boolean) {
    const rows = await selectRows<{ request_id: string; device_id: string; received_at: string; content: string }>(
      this.client,
      'desk/diagnostics-received',
      { scope, requestIds, withContent },
    );
    return new Map(rows.map((row) => [row.request_id, row]));
  }

  private async write(
    row: Omit<RequestRow, 'current_status'>,
    status: DiagnosticsRequestView['status'],
  ): Promise<void> {
    const { request_id, ticket_id, participant_id, via, device_id, include, instructions, requested_at, requested_by } =
      row;
    await this.client.insert({
      table: 'diagnostic_requests',
      values: [
        {
          request_id,
          ticket_id,
          participant_id,
          via,
          device_id,
          include,
          instructions,
          requested_at,
          requested_by,
          status,
          changed_at: changeTimeNow(),
        },
      ],
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: `desk:diagnostics:${status}` },
    });
  }
}
