import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import type { RouteTable } from '../api/route-table.js';
import type { ScheduledJob } from '../common/scheduled-job.js';
import { DeskDirectory } from './desk-directory.js';
import type { DeskParts } from './desk-parts.js';
import { DiagnosticsDesk, type AgentLink } from './diagnostics-desk.js';
import { EvidenceLedger, type EventQuery } from './evidence-ledger.js';
import { EvidenceStore } from './evidence-store.js';
import { InboundMailDesk } from './inbound-mail-desk.js';
import { MailOutbox, type DeliveryClaim } from './mail-outbox.js';
import { MailSender } from './mail/mail-sender.js';
import { SmtpListener } from './mail/smtp-listener.js';
import { heldMailRoutes } from './routes/held-mail-routes.js';
import { operatorTicketRoutes } from './routes/operator-ticket-routes.js';
import { outreachRoutes } from './routes/outreach-routes.js';
import { participantTicketRoutes } from './routes/participant-ticket-routes.js';
import { slaRoutes } from './routes/sla-routes.js';
import { replyTemplateRoutes } from './routes/reply-template-routes.js';
import { ReplyTemplateStore } from './reply-template-store.js';
import { SlaAlerts } from './sla-alerts.js';
import type { SlaTargets } from './rules/sla.js';
import { TicketDesk } from './ticket-desk.js';
import { AttachmentChunks } from './attachment-chunks.js';
import { TicketStore } from './ticket-store.js';
import { TicketViews } from './ticket-views.js';
import type { LocalPartCase } from './rules/mail-authentication.js';

export interface DeskSettings {
  sla: SlaTargets;
  /** Every few minutes: SLA alerts, outbox retries, diagnostics for devices that came online, auto-close. */
  cron: string;
  maxAttachmentBytes: number;
  mail: {
    /** The desk's own address: From of every mail it sends; its domain names the Message-IDs. */
    from: string;
    relayUrl: string | undefined;
    /**
     * Only Authentication-Results headers of this authserv-id (the organisation's MX) count; unset: none
     * does, and mail from a registered address is held as an unverified sender.
     */
    authservId: string | undefined;
    /** How the local part of a sender's address is compared with the registered ones (the domain: always without case). */
    localPartCase: LocalPartCase;
    listen: { host: string; port: number; maxMessageBytes: number } | undefined;
  };
}

/** Assembles the consultation desk: tickets, evidence, mail in and out, diagnostics, SLA and its job. */
export function createDeskDomain(deps: {
  client: ClickHouseClient;
  logger: Logger;
  settings: DeskSettings;
  lineageOf: (participantId: string) => Promise<string[]>;
  runQuery: EventQuery;
  agents: AgentLink;
  publicUrl: () => string;
  /** Several gateways: one mail is handed over by one of them at a time (the process passes a lease). */
  claimDelivery?: DeliveryClaim;
}) {
  const { client, logger, settings } = deps;
  const store = new TicketStore(client, new AttachmentChunks(client));
  const directory = new DeskDirectory(client, deps.lineageOf, settings.mail.localPartCase);
  const sender = new MailSender(settings.mail.relayUrl, logger.child({ part: 'mail-out' }));
  const domain = /@([^>\s]+)>?\s*$/.exec(settings.mail.from)?.[1] ?? 'yorozu.invalid';
  const outbox = new MailOutbox(
    client,
    sender,
    settings.mail.from,
    domain,
    logger.child({ part: 'outbox' }),
    deps.claimDelivery,
  );
  const evidence = new EvidenceLedger(new EvidenceStore(client), deps.runQuery);
  const diagnostics = new DiagnosticsDesk(client, deps.agents, deps.lineageOf);
  const desk = new TicketDesk(store, directory, outbox, evidence, { publicUrl: deps.publicUrl, logger });
  const views = new TicketViews(store, directory, evidence, diagnostics, outbox, () => settings.sla);
  const inbound = new InboundMailDesk(client, store, desk, directory, {
    maxAttachmentBytes: settings.maxAttachmentBytes,
    mailDomain: domain,
    authservId: settings.mail.authservId,
    logger: logger.child({ part: 'mail-in' }),
    bounced: (messageId, status, detail) => outbox.bounced(messageId, status, detail),
  });
  const templates = new ReplyTemplateStore(client);
  const alerts = new SlaAlerts(store, views, directory, outbox, desk, logger);
  const listener = settings.mail.listen
    ? new SmtpListener(
        {
          host: settings.mail.listen.host,
          port: settings.mail.listen.port,
          hostname: domain,
          maxMessageBytes: settings.mail.listen.maxMessageBytes,
        },
        (mail) => inbound.receive(mail),
        logger.child({ part: 'smtp' }),
      )
    : undefined;

  const job: ScheduledJob = {
    name: 'desk',
    cron: settings.cron,
    description:
      'SLA warnings and breaches mailed to the assignee once, outbox retries, diagnostics requests for devices that came online, resolved tickets closed after a week.',
    async run(now) {
      const sla = await alerts.alert(now);
      const closed = await alerts.closeStaleResolved(now);
      const mail = await outbox.deliver();
      const diagnosticsSent = await diagnostics.dispatchWaiting();
      return { ...sla, closed, mailSent: mail.sent, mailFailed: mail.failed, diagnosticsSent };
    },
  };

  const parts: DeskParts = {
    desk,
    views,
    store,
    evidence,
    diagnostics,
    inbound,
    directory,
    targets: settings.sla,
    maxAttachmentBytes: settings.maxAttachmentBytes,
    maxMessageBytes: settings.maxAttachmentBytes * 3 + 1024 * 1024,
    accountEmail: (accountId) => directory.accountEmail(accountId),
  };

  return {
    ...parts,
    templates,
    outbox,
    job,
    /** Whose Authentication-Results count (the organisation's MX); the demo's own mails carry its verdict. */
    authservId: settings.mail.authservId,
    /** The SMTP listener's port once started (undefined when e-mail in is off). */
    smtpPort: undefined as number | undefined,
    async start() {
      if (!listener) {
        logger.info("e-mail in is off (set YOROZU_SMTP_LISTEN_PORT to receive the desk's mail)");
        return;
      }
      const { port } = await listener.start();
      this.smtpPort = port;
      logger.info({ port, host: settings.mail.listen?.host }, 'desk SMTP listener ready');
    },
    async stop() {
      await listener?.stop();
      await sender.close();
    },
    registerRoutes(routes: RouteTable) {
      participantTicketRoutes(routes, parts);
      slaRoutes(routes, parts);
      replyTemplateRoutes(routes, parts, templates);
      operatorTicketRoutes(routes, parts);
      outreachRoutes(routes, parts);
      heldMailRoutes(routes, parts);
    },
  };
}

export type DeskDomain = ReturnType<typeof createDeskDomain>;
