import { describe, expect, it } from 'vitest';
import { channelProblem, deliveryOf, effectAfterNotice } from '../../notices/rules/deemed-delivery.js';

/** When a notice counts as delivered (terms art. 21) and when what it announces may take effect. */
const at = (iso: string) => new Date(iso);

describe('deemed delivery', () => {
  it('a notice by several channels is delivered at the latest of them, and pending while any is pending', () => {
    const web = { channel: 'web' as const, state: 'delivered' as const, deemedAt: at('2026-06-01T00:00:00Z') };
    const email = { channel: 'email' as const, state: 'delivered' as const, deemedAt: at('2026-06-01T00:05:00Z') };
    expect(deliveryOf([web, email])).toEqual({ state: 'delivered', deemedAt: at('2026-06-01T00:05:00Z') });
    expect(deliveryOf([web, { channel: 'post', state: 'pending', deemedAt: null }])).toEqual({
      state: 'pending',
      waitingFor: ['post'],
    });
  });

  it('a failed channel does not count; with none delivered the notice is undelivered', () => {
    const bounced = { channel: 'email' as const, state: 'undelivered' as const, deemedAt: null };
    expect(deliveryOf([{ channel: 'web', state: 'delivered', deemedAt: at('2026-06-01T00:00:00Z') }, bounced])).toEqual(
      { state: 'delivered', deemedAt: at('2026-06-01T00:00:00Z') },
    );
    expect(deliveryOf([bounced])).toEqual({ state: 'undelivered' });
  });

  it('an effect announced ahead comes its period after delivery, and never while undelivered', () => {
    expect(effectAfterNotice({ state: 'delivered', deemedAt: at('2026-06-01T00:00:00Z') }, 14 * 86_400)).toEqual(
      at('2026-06-15T00:00:00Z'),
    );
    expect(effectAfterNotice({ state: 'pending', waitingFor: ['post'] }, 60)).toBeUndefined();
    expect(effectAfterNotice({ state: 'undelivered' }, 60)).toBeUndefined();
  });

  it('channels are checked with a reason: unknown ones, other without its stated time, post without an address', () => {
    expect(channelProblem([], { hasPostalAddress: true })).toMatch(/at least one channel/);
    expect(channelProblem(['fax'], { hasPostalAddress: true })).toMatch(/Unknown channel fax/);
    expect(channelProblem(['other'], { hasPostalAddress: true })).toMatch(/statedDeliveryAt/);
    expect(channelProblem(['post'], { hasPostalAddress: false })).toMatch(/registered address/);
    expect(channelProblem(['web', 'email'], { hasPostalAddress: false })).toBeUndefined();
  });
});
