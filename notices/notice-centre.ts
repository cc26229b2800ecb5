import type { Logger } from 'pino';
import { ApiError } from '../api/errors.js';
import { fromClickHouseTime } from '../common/clickhouse-time.js';
import { deemedTime, type DeliveryChange, type DeliveryRow, type DeliveryStore } from './delivery-store.js';
import type { NoticeLinks } from './notice-links.js';
import { noticeMailText } from './notice-mail.js';
import type { NoticeAddress, NoticeRecord, NoticeStore } from './notice-store.js';
import type { NoticeKind, NoticeText } from './notice-texts.js';
import {
  channelProblem,
  deliveryOf,
  effectAfterNotice,
  type NoticeChannel,
  type NoticeDelivery,
} from './rules/deemed-delivery.js';

/**
 * Sends notices (terms art. 21) through their channels and keeps, per channel and recipient, when
 * each is deemed delivered: web when posted, e-mail when the relay accepted it (the desk's outbox
 * reports back), post when its arrival is entered, other at the time the notice states.
 */
export interface NoticeMailPort {
  readonly configured: boolean;
  /** The outbox's id for a mail key, known before queueing so the delivery is on record first. */
  mailIdOf(key: string): string;
  queue(mail: {
    key: string;
    participantId: string;
    recipients: string[];
    subject: string;
    text: string;
  }): Promise<string | undefined>;
}

/** What the outbox reports after each hand-over to the relay. */
export interface MailOutcome {
  mailId: string;
  kind: string;
  outcome: 'sent' | 'failed_retryable' | 'failed_permanent' | 'not_configured';
  /** For "sent": the moment the relay's 250 arrived. */
  at: Date;
  response: string;
  attempts: number;
  maxAttempts: number;
}

export interface NoticeRecipient {
  participantId: string;
  email: string;
  postalAddress: string;
}

export interface NoticeDirectory {
  /** Everyone a trial-wide notice is mailed to: participants taking part. */
  everyParticipant(): Promise<NoticeRecipient[]>;
}

export interface SendOptions {
  channels?: readonly NoticeChannel[] | undefined;
  priorNoticeSeconds?: number | undefined;
  statedDeliveryAt?: Date | undefined;
  about?: string | undefined;
}

export interface DeliveredNotice {
  notice: NoticeRecord;
  participantId: string | null;
  deemedAt: Date;
}

const NO_PARTICIPANT = '00000000-0000-0000-0000-000000000000';

export const DEFAULT_CHANNELS: readonly NoticeChannel[] = ['web', 'email'];

export class NoticeCentre {
  private mail: NoticeMailPort | undefined;
  private readonly listeners: ((delivered: DeliveredNotice) => Promise<void>)[] = [];

  constructor(
    readonly store: NoticeStore,
    readonly deliveries: DeliveryStore,
    readonly links: NoticeLinks,
    private readonly deps: { directory: () => NoticeDirectory | undefined; publicUrl: () => string; logger: Logger },
  ) {}

  /** The process connects the desk's outbox once both exist (domains do not import each other). */
  connectMail(port: NoticeMailPort): void {
    this.mail = port;
  }

  /** Called once a notice is delivered to a recipient: decisions announced ahead count their period from here. */
  onDelivered(listener: (delivered: DeliveredNotice) => Promise<void>): void {
    this.listeners.push(listener);
  }

  async send(
    address: NoticeAddress,
    kind: NoticeKind,
    text: NoticeText,
    by: string,
    options: SendOptions = {},
  ): Promise<NoticeRecord> {
    const channels = [...new Set(options.channels ?? DEFAULT_CHANNELS)];
    const postalAddress = address.audience === 'all_participants' ? '' : (address.postalAddress ?? '');
    const problem = channelProblem(channels, {
      statedDeliveryAt: options.statedDeliveryAt,
      hasPostalAddress: address.audience === 'all_participants' || postalAddress.trim() !== '',
    });
    if (problem) throw new ApiError(400, 'invalid_channels', problem);
    const postedAt = Date.now();
    const notice = await this.store.record(
      address,
      kind,
      text,
      by,
      {
        channels,
        priorNoticeSeconds: options.priorNoticeSeconds ?? 0,
        statedDeliveryAt: options.statedDeliveryAt,
        about: options.about,
      },
      postedAt,
    );
    const personal = address.audience === 'all_participants' ? null : address.participantId;
    const changes: DeliveryChange[] = [];
    // 21 (1): posted in the portal (and, for trial-wide notices, the public page) when the row exists.
    if (channels.includes('web'))
      changes.push({
        noticeId: notice.notice_id,
        participantId: personal,
        channel: 'web',
        state: 'delivered',
        deemedAt: new Date(postedAt),
      });
    if (channels.includes('other'))
      changes.push({
        noticeId: notice.notice_id,
        participantId: personal,
        channel: 'other',
        state: 'delivered',
        deemedAt: options.statedDeliveryAt,
        detail: 'the time the notice states (art. 21 (4))',
      });
    if (channels.includes('post'))
      changes.push({
        noticeId: notice.notice_id,
        participantId: personal,
        channel: 'post',
        state: 'pending',
        detail: `to be printed and mailed to: ${postalAddress}`,
      });
    await this.deliveries.append(changes);
    if (channels.includes('email')) {
      const recipients =
        address.audience === 'all_participants'
          ? ((await this.deps.directory()?.everyParticipant()) ?? [])
          : [{ participantId: address.participantId, email: address.email, postalAddress }];
      for (const recipient of recipients)
        await this.mailTo(
          notice,
          text,
          recipient.participantId === '' ? null : recipient.participantId,
          recipient.email,
        );
    }
    await this.settle(notice, personal);
    return notice;
  }

  /** What the outbox reports: the relay accepted (delivered at that moment) or refused the mail. */
  async mailOutcome(outcome: MailOutcome): Promise<void> {
    if (outcome.kind !== 'notice') return;
    const owner = await this.deliveries.byMail(outcome.mailId);
    if (!owner) return;
    const notice = await this.store.find(owner.notice_id);
    if (!notice) return;
    const base = {
      noticeId: owner.notice_id,
      participantId: owner.participant_id,
      channel: 'email' as const,
      mailId: outcome.mailId,
    };
    switch (outcome.outcome) {
      case 'sent':
        await this.deliveries.append([{ ...base, state: 'delivered', deemedAt: outcome.at, detail: outcome.response }]);
        break;
      case 'failed_permanent':
      case 'not_configured':
        await this.deliveries.append([{ ...base, state: 'undelivered', detail: outcome.response }]);
        break;
      case 'failed_retryable':
        await this.deliveries.append([
          {
            ...base,
            state: outcome.attempts >= outcome.maxAttempts ? 'undelivered' : 'pending',
            detail: `attempt ${outcome.attempts}: ${outcome.response}`,
          },
        ]);
        break;
    }
    await this.settle(notice, owner.participant_id);
  }

  /** Art. 21 (3): the letter arrived (the date the operator enters); deemed delivered at the end of that JST day. */
  async recordArrival(
    noticeId: string,
    participantId: string | null,
    arrivedAt: Date,
    by: string,
  ): Promise<NoticeDelivery> {
    const notice = await this.store.find(noticeId);
    if (!notice) throw new ApiError(404, 'not_found', `No notice ${noticeId}.`);
    if (!notice.channels.includes('post'))
      throw new ApiError(409, 'not_by_post', `Notice ${noticeId} was not sent by post.`);
    if (arrivedAt.getTime() < fromClickHouseTime(notice.created_at).getTime())
      throw new ApiError(400, 'invalid_request', 'The arrival cannot be before the notice was written.');
    const who = participantId ?? notice.participant_id;
    await this.deliveries.append([
      {
        noticeId,
        participantId: who,
        channel: 'post',
        state: 'delivered',
        deemedAt: arrivedAt,
        detail: `arrival entered by ${by}`,
      },
    ]);
    await this.settle(notice, who);
    return this.deliveryFor(notice, who);
  }

  /** Whether (and when) a notice reached a recipient, over all its channels. */
  async deliveryFor(notice: NoticeRecord, participantId: string | null): Promise<NoticeDelivery> {
    const rows = await this.deliveries.of([notice.notice_id]);
    return deliveryOf(
      relevant(rows, participantId).map((row) => ({
        channel: row.channel,
        state: row.state,
        deemedAt: deemedTime(row),
      })),
    );
  }

  /**
   * When something announced by the notice `about` may take effect: its prior-notice period after the
   * notice's delivery to `participantId`. "no_notice": nothing waits (announced before this centre, or
   * urgent); undefined: not delivered yet, so the effect must wait.
   */
  async effectOf(about: string, participantId: string | null): Promise<Date | undefined | 'no_notice'> {
    const notice = await this.store.about(about);
    if (!notice || notice.prior_notice_seconds <= 0) return 'no_notice';
    return effectAfterNotice(await this.deliveryFor(notice, participantId), notice.prior_notice_seconds);
  }

  /** Notices with their per-channel deliveries, for pages and API answers. */
  async withDeliveries(
    notices: readonly NoticeRecord[],
    participantId: string | null = null,
  ): Promise<(NoticeRecord & { deliveries: DeliveryRow[]; delivery: DeliverySummary })[]> {
    const rows = await this.deliveries.of(notices.map((n) => n.notice_id));
    return notices.map((notice) => {
      const own = relevant(
        rows.filter((row) => row.notice_id === notice.notice_id),
        participantId ?? notice.participant_id,
      );
      return {
        ...notice,
        deliveries: own,
        delivery: summaryOf(
          deliveryOf(own.map((row) => ({ channel: row.channel, state: row.state, deemedAt: deemedTime(row) }))),
        ),
      };
    });
  }

  private async mailTo(
    notice: NoticeRecord,
    text: NoticeText,
    participantId: string | null,
    email: string,
  ): Promise<void> {
    const base = { noticeId: notice.notice_id, participantId, channel: 'email' as const };
    if (!this.mail?.configured) {
      await this.deliveries.append([
        { ...base, state: 'undelivered', detail: 'no SMTP relay configured (YOROZU_SMTP_RELAY_URL)' },
      ]);
      return;
    }
    if (email.trim() === '') {
      await this.deliveries.append([{ ...base, state: 'undelivered', detail: 'no registered e-mail address' }]);
      return;
    }
    // An operator's own account has no participant: its mail carries no link to a participant's notices.
    const token = participantId ? await this.links.issue(participantId) : undefined;
    const key = `notice:${notice.notice_id}:${participantId ?? notice.account_id ?? 'nobody'}`;
    const mailId = this.mail.mailIdOf(key);
    // On record before the hand-over starts, so the outbox's report always finds its delivery.
    await this.deliveries.append([{ ...base, state: 'pending', mailId, detail: 'queued for the relay' }]);
    const link = token ? `${this.deps.publicUrl().replace(/\/$/, '')}/notice-links/${token}` : undefined;
    await this.mail.queue({
      key,
      participantId: participantId ?? NO_PARTICIPANT,
      recipients: [email],
      subject: text.subject_ja,
      text: noticeMailText(text, link),
    });
  }

  private async settle(notice: NoticeRecord, participantId: string | null): Promise<void> {
    const delivery = await this.deliveryFor(notice, participantId);
    if (delivery.state !== 'delivered') return;
    for (const listener of this.listeners) {
      await listener({ notice, participantId, deemedAt: delivery.deemedAt }).catch((error: unknown) =>
        this.deps.logger.warn(
          { err: error, noticeId: notice.notice_id },
          'a delivery listener failed; its job catches up',
        ),
      );
    }
  }
}

/** A delivery as answers carry it: the time as ISO 8601 text. */
export type DeliverySummary =
  | { state: 'delivered'; deemedAt: string }
  | { state: 'pending'; waitingFor: NoticeChannel[] }
  | { state: 'undelivered' };

export function summaryOf(delivery: NoticeDelivery): DeliverySummary {
  return delivery.state === 'delivered' ? { state: 'delivered', deemedAt: delivery.deemedAt.toISOString() } : delivery;
}

/** The rows that concern one recipient: its own and the notice-wide ones (web, other, post to all). */
function relevant(rows: readonly DeliveryRow[], participantId: string | null): DeliveryRow[] {
  return rows.filter(
    (row) => row.participant_id === null || participantId === null || row.participant_id === participantId,
  );
}
