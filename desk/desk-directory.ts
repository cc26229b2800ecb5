import type { ClickHouseClient } from '@clickhouse/client';
import { selectRows } from '../sql/select-rows.js';
import { comparableAddress, type LocalPartCase } from './rules/mail-authentication.js';

/**
 * What the desk needs to know about participants and accounts: names, addresses, the operators. It
 * reads the participants domain's current-state views; the lineage (art. 4) comes from that domain.
 */
export interface ParticipantContact {
  participantId: string;
  name: string;
  contactEmail: string;
  status: string;
}

export interface SenderMatch {
  participantId: string;
  name: string;
  accountId: string;
  person: string;
}

export interface OperatorContact {
  accountId: string;
  loginName: string;
  displayName: string;
  email: string;
}

export class DeskDirectory {
  constructor(
    private readonly client: ClickHouseClient,
    readonly lineageOf: (participantId: string) => Promise<string[]>,
    private readonly localPartCase: LocalPartCase = 'insensitive',
  ) {}

  async participants(participantIds: readonly string[]): Promise<Map<string, ParticipantContact>> {
    if (participantIds.length === 0) return new Map();
    const rows = await selectRows<{ participant_id: string; name: string; contact_email: string; status: string }>(
      this.client,
      'desk/participants-by-id',
      { participantIds: [...new Set(participantIds)] },
    );
    return new Map(
      rows.map((row) => [
        row.participant_id,
        { participantId: row.participant_id, name: row.name, contactEmail: row.contact_email, status: row.status },
      ]),
    );
  }

  async participant(participantId: string): Promise<ParticipantContact | undefined> {
    return (await this.participants([participantId])).get(participantId);
  }

  /** The participants taking part whose contact address, or one of whose active users' address, this is. */
  async sendersOf(address: string): Promise<SenderMatch[]> {
    const rows = await selectRows<{ participant_id: string; name: string; account_id: string; person: string }>(
      this.client,
      'desk/participant-addresses',
      {
        address: comparableAddress(address, this.localPartCase),
        localPartCaseSensitive: this.localPartCase === 'sensitive' ? 1 : 0,
      },
    );
    const byParticipant = new Map<string, SenderMatch>();
    for (const row of rows) {
      const known = byParticipant.get(row.participant_id);
      // A user's own account names the person better than the organisation's contact entry.
      if (!known || (!known.accountId && row.account_id))
        byParticipant.set(row.participant_id, {
          participantId: row.participant_id,
          name: row.name,
          accountId: row.account_id,
          person: row.person,
        });
    }
    return [...byParticipant.values()];
  }

  async accountEmail(accountId: string): Promise<string> {
    const [row] = await selectRows<{ email: string }>(this.client, 'desk/account-email', { accountId });
    return row?.email ?? '';
  }

  async operators(): Promise<OperatorContact[]> {
    const rows = await selectRows<{
      account_id: string;
      login_name: string;
      display_name: string;
      email: string;
      status: string;
    }>(this.client, 'desk/operators');
    return rows
      .filter((row) => row.status === 'active')
      .map((row) => ({
        accountId: row.account_id,
        loginName: row.login_name,
        displayName: row.display_name,
        email: row.email,
      }));
  }
}
