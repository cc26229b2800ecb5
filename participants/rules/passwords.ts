import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords: argon2id with the OWASP-recommended minimum (19 MiB, 2 passes). Policy: 12 or more
 * characters, not all one kind of character, not the login name. Generated passwords avoid
 * look-alike characters because operators read them out over the phone.
 */
/** `algorithm: 2` is Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax). */
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Hashing a password nobody has, so that an unknown login name costs as long as a wrong password. */
let decoy: Promise<string> | undefined;
export async function spendPasswordCheckTime(password: string): Promise<void> {
  decoy ??= hashPassword('decoy-password-for-timing');
  await passwordMatches(await decoy, password);
}

export function passwordProblem(password: string, loginName: string): string | undefined {
  if (password.length < 12) return 'The password must have at least 12 characters.';
  if (password.length > 256) return 'The password must have at most 256 characters.';
  if (new Set(password).size < 4) return 'The password must not repeat so few characters.';
  if (password.toLowerCase().includes(loginName.toLowerCase())) return 'The password must not contain the login name.';
  return undefined;
}

const READABLE = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function generatePassword(length = 16): string {
  return Array.from({ length }, () => READABLE[randomInt(READABLE.length)]).join('');
}
