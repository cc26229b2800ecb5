import { createHash } from 'node:crypto';

/** SHA-256 as lower-case hex: credential and token digests, file and snapshot fingerprints. */
export function sha256Hex(value: string | Uint8Array): string {
  return createHash('sha256').update(value).digest('hex');
}
