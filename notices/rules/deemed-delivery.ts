/**
 * When a notice counts as delivered (terms art. 21), per channel and as a whole.
 * - web: when posted (21 (1)); e-mail: when the relay accepted it (21 (2)); post: on arrival
 *   (21 (3)); other: at the time the notice states (21 (4)).
 * - A notice sent by several channels counts as delivered to a recipient once every channel that
 *   can still deliver it has: the latest of their times. A channel that failed (bounce, refusal, no
 *   relay) does not count; if none delivered, the notice is undelivered. This is the reading that
 *   favours the participant: a prior-notice period never starts before every chosen channel arrived.
 */
export const NOTICE_CHANNELS = ['web', 'email', 'post', 'other'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export type DeliveryState = 'pending' | 'delivered' | 'undelivered';

export interface ChannelDelivery {
  channel: NoticeChannel;
  state: DeliveryState;
  /** Set when delivered. */
  deemedAt: Date | null;
}

export type NoticeDelivery =
  { state: 'delivered'; deemedAt: Date } | { state: 'pending'; waitingFor: NoticeChannel[] } | { state: 'undelivered' };

export function deliveryOf(channels: readonly ChannelDelivery[]): NoticeDelivery {
  const waiting = channels.filter((c) => c.state === 'pending').map((c) => c.channel);
  if (waiting.length > 0) return { state: 'pending', waitingFor: waiting };
  const times = channels.filter((c) => c.state === 'delivered' && c.deemedAt).map((c) => c.deemedAt!.getTime());
  if (times.length === 0) return { state: 'undelivered' };
  return { state: 'delivered', deemedAt: new Date(Math.max(...times)) };
}

/**
 * When something announced with prior notice may take effect: the period after the deemed delivery,
 * never before a time the notice itself named. Undefined while the notice has not been delivered.
 */
export function effectAfterNotice(delivery: NoticeDelivery, periodSeconds: number): Date | undefined {
  if (delivery.state !== 'delivered') return undefined;
  return new Date(delivery.deemedAt.getTime() + periodSeconds * 1000);
}

/** Problems with the channels an operator chose, in words that name what is wrong. */
export function channelProblem(
  channels: readonly string[],
  options: { statedDeliveryAt?: Date | undefined; hasPostalAddress: boolean },
): string | undefined {
  if (channels.length === 0) return 'A notice needs at least one channel: web, email, post or other.';
  const unknown = channels.filter((c) => !(NOTICE_CHANNELS as readonly string[]).includes(c));
  if (unknown.length > 0) return `Unknown channel ${unknown.join(', ')}; use ${NOTICE_CHANNELS.join(', ')}.`;
  if (channels.includes('other') && !options.statedDeliveryAt)
    return 'A notice by "other" means must state when it counts as delivered (statedDeliveryAt, art. 21 (4)).';
  if (channels.includes('post') && !options.hasPostalAddress)
    return "A notice by post needs the recipient's registered address; none is on record.";
  return undefined;
}
