import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { RequestOrigin } from './caller.js';

/**
 * The caller's address and user agent, for the sign-in limits, sign-in history and the access audit.
 *
 * Behind reverse proxies, X-Forwarded-For is a list each proxy appends the address it received the
 * request from to; everything left of what our own proxies wrote is whatever the client sent. So the
 * address is read from the right (issue 15, finding 4: the leftmost let a client choose its address):
 * - `hops` (YOROZU_TRUST_PROXY=N): N proxies stand in front of Yorozu; the client is the address N
 *   places from the right of "X-Forwarded-For entries + the socket's peer" (1: the last entry);
 * - `proxies` (YOROZU_TRUSTED_PROXIES, addresses or CIDR ranges): the peer and entries that are our
 *   proxies are skipped from the right; the first other address is the client. A peer that is not one
 *   of them is the client itself, whatever the header says.
 * With neither, the header is ignored.
 */
export interface ProxyTrust {
  hops: number;
  proxies: BlockList | undefined;
}

export const NO_PROXY: ProxyTrust = { hops: 0, proxies: undefined };

/** `YOROZU_TRUSTED_PROXIES`: "10.0.0.5, 10.1.0.0/16, fd00::/8"; throws naming the bad entry. */
export function trustedProxyList(text: string): BlockList {
  const list = new BlockList();
  for (const entry of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address, prefixText] = entry.split('/');
    const family = isIP(address ?? '');
    if (family === 0) throw new Error(`"${entry}" is not an IP address or CIDR range`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefixText === undefined) list.addAddress(address!, type);
    else {
      const prefix = Number(prefixText);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128))
        throw new Error(`"${entry}" has a bad prefix length`);
      list.addSubnet(address!, prefix, type);
    }
  }
  return list;
}

export function requestOrigin(c: Context, trust: ProxyTrust): RequestOrigin {
  return {
    ip: clientAddress(peerAddress(c), c.req.header('x-forwarded-for'), trust),
    userAgent: (c.req.header('user-agent') ?? '').slice(0, 512),
  };
}

/** The client's address from the socket's peer and the X-Forwarded-For header, as `trust` allows. */
export function clientAddress(peer: string, forwardedFor: string | undefined, trust: ProxyTrust): string {
  const forwarded = (forwardedFor ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (trust.proxies) {
    const chain = [...forwarded, peer];
    for (let i = chain.length - 1; i >= 0; i--) {
      if (!isTrustedProxy(trust.proxies, chain[i]!)) return chain[i]!;
      // Nothing left of a trusted proxy: the leftmost address it vouched for is the best known.
      if (i === 0) return chain[0]!;
    }
    return peer;
  }
  if (trust.hops <= 0 || forwarded.length === 0) return peer;
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - trust.hops)]!;
}

/** Cookies get `Secure` when the browser reached us over HTTPS, directly or through a trusted proxy. */
export function isHttps(c: Context, trust: ProxyTrust): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  const behindProxy = trust.proxies ? isTrustedProxy(trust.proxies, peerAddress(c)) : trust.hops > 0;
  return behindProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

function peerAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? '';
  } catch {
    return ''; // app.request() in unit tests has no socket
  }
}

function isTrustedProxy(list: BlockList, address: string): boolean {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const family = isIP(plain);
  if (family === 0) return false;
  return list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
}
