import type { DeskDirectory } from './desk-directory.js';
import type { DiagnosticsDesk } from './diagnostics-desk.js';
import type { EvidenceLedger } from './evidence-ledger.js';
import type { InboundMailDesk } from './inbound-mail-desk.js';
import type { SlaTargets } from './rules/sla.js';
import type { TicketDesk } from './ticket-desk.js';
import type { TicketStore } from './ticket-store.js';
import type { TicketViews } from './ticket-views.js';

/** The desk's parts, as its routes use them. */
export interface DeskParts {
  desk: TicketDesk;
  views: TicketViews;
  store: TicketStore;
  evidence: EvidenceLedger;
  diagnostics: DiagnosticsDesk;
  inbound: InboundMailDesk;
  directory: DeskDirectory;
  targets: SlaTargets;
  /** Each file of a message. */
  maxAttachmentBytes: number;
  /** A whole multipart message (its text and its files). */
  maxMessageBytes: number;
  accountEmail(accountId: string): Promise<string>;
}
