import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../common/hashes.js';

/**
 * Device credentials and enrollment secrets are 256-bit random tokens with a readable prefix and
 * the row id inside, so a lookup is by id and the secret part is compared by its SHA-256. A slow
 * password hash buys nothing for random tokens of this length and would cost every connection.
 */
const DEVICE_PREFIX = 'ydc1';
const SECRET_PREFIX = 'yes1';
const TOKEN = /^(ydc1|yes1)\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

export interface ParsedToken {
  id: string;
  secretHash: string;
}

function newToken(prefix: string, id: string): { token: string; secretHash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${prefix}.${id}.${secret}`, secretHash: sha256Hex(secret) };
}

export function newDeviceCredential(deviceId: string) {
  return newToken(DEVICE_PREFIX, deviceId);
}

export function newEnrollmentSecret() {
  const secretId = randomUUID();
  return { secretId, ...newToken(SECRET_PREFIX, secretId) };
}

function parseToken(token: string, prefix: string): ParsedToken | undefined {
  const match = TOKEN.exec(token.trim());
  if (!match || match[1] !== prefix) return undefined;
  return { id: match[2]!, secretHash: sha256Hex(match[3]!) };
}

export const parseDeviceCredential = (token: string) => parseToken(token, DEVICE_PREFIX);
export const parseEnrollmentSecret = (token: string) => parseToken(token, SECRET_PREFIX);

export function hashesMatch(expectedHex: string, actualHex: string): boolean {
  const expected = Buffer.from(expectedHex, 'hex');
  const actual = Buffer.from(actualHex, 'hex');
  return expected.length === actual.length && expected.length > 0 && timingSafeEqual(expected, actual);
}

/** The deviceId of an installation is derived from its participant and instance id, so enrolling twice gives one device. */
export function deviceIdFor(participantId: string, instanceId: string): string {
  return nameBasedUuid(`yorozu-device:${participantId}:${instanceId.toLowerCase()}`);
}

/**
 * A UUID derived from a name (SHA-256, RFC 9562 version 8): the same name always gives the same id,
 * which is how a device, a login name or a built-in policy keeps one id without a counter.
 */
export function nameBasedUuid(name: string): string {
  const hex = sha256Hex(name).slice(0, 32).split('');
  hex[12] = '8'; // version nibble: custom (RFC 9562 v8)
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
