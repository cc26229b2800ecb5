import { describe, expect, it } from 'vitest';
import { clientAddress, NO_PROXY, trustedProxyList } from '../../api/request-origin.js';
import { ConfigError, loadConfig } from '../../server/config.js';

/** Issue 15, finding 4: behind proxies, the client's address is read from the right of X-Forwarded-For. */
describe('the client address behind reverse proxies', () => {
  const PEER = '10.0.0.5';

  it('without trusted proxies, the header is ignored', () => {
    expect(clientAddress(PEER, '203.0.113.9', NO_PROXY)).toBe(PEER);
  });

  it('with one hop, the address our proxy appended counts, not one the client wrote in front', () => {
    const oneHop = { hops: 1, proxies: undefined };
    expect(clientAddress(PEER, '198.51.100.7', oneHop)).toBe('198.51.100.7');
    expect(clientAddress(PEER, '6.6.6.6, 198.51.100.7', oneHop)).toBe('198.51.100.7');
    expect(clientAddress(PEER, undefined, oneHop)).toBe(PEER);
  });

  it('with two hops, the address two places from the right (the CDN, then our proxy)', () => {
    const twoHops = { hops: 2, proxies: undefined };
    expect(clientAddress(PEER, '6.6.6.6, 198.51.100.7, 192.0.2.1', twoHops)).toBe('198.51.100.7');
    expect(clientAddress(PEER, '198.51.100.7', twoHops)).toBe('198.51.100.7');
  });

  it('with a list of proxies, skips them from the right; a peer not on the list is the client', () => {
    const listed = { hops: 0, proxies: trustedProxyList('10.0.0.0/8, 192.0.2.1, fd00::/8') };
    expect(clientAddress(PEER, '6.6.6.6, 198.51.100.7, 192.0.2.1', listed)).toBe('198.51.100.7');
    expect(clientAddress('::ffff:10.0.0.5', '198.51.100.7', listed)).toBe('198.51.100.7');
    expect(clientAddress('198.51.100.99', '6.6.6.6', listed)).toBe('198.51.100.99');
    expect(clientAddress(PEER, '10.1.1.1, 10.2.2.2', listed)).toBe('10.1.1.1');
  });

  it('reads the settings, and names a bad one', () => {
    expect(loadConfig({ YOROZU_TRUST_PROXY: '2' }).accounts.trustProxy.hops).toBe(2);
    expect(loadConfig({ YOROZU_TRUST_PROXY: 'true' }).accounts.trustProxy.hops).toBe(1);
    expect(loadConfig({}).accounts.trustProxy.hops).toBe(0);
    expect(() => loadConfig({ YOROZU_TRUSTED_PROXIES: '10.0.0.0/8, proxy.local' })).toThrow(ConfigError);
    expect(() => loadConfig({ YOROZU_TRUSTED_PROXIES: '10.0.0.0/8, proxy.local' })).toThrow(
      /YOROZU_TRUSTED_PROXIES.*proxy\.local/,
    );
  });
});
