import { z } from 'zod';

/**
 * The building blocks of the API contract. Everything under contract/ is plain zod with no import
 * of the server: the server validates and shapes its answers with it, and the dashboard imports its
 * types (`import type`, erased at build) so both sides read one definition.
 */
/** An id: 8-4-4-4-12 hex digits (random v4 ids, name-based v8 ids, the nil id for "nobody"). */
export const uuid = z.guid();
/** A time as the engine writes it (UTC, `YYYY-MM-DD hh:mm:ss.sss`) or as ISO 8601; the dashboard shows it in JST. */
export const time = z.string();
/** A calendar day, YYYY-MM-DD (JST where it is a day of the service). */
export const day = z.string();
/** A 64-bit count from the engine, as decimal text (JSON numbers lose precision above 2^53). */
export const uint64 = z.string();
export const localised = z.object({ ja: z.string(), en: z.string() });
export type Localised = z.infer<typeof localised>;
export const ok = z.object({ ok: z.boolean() });
export type Ok = z.infer<typeof ok>;

export const ACCESS_PURPOSES = ['maintenance', 'operation', 'improvement'] as const;
export const ACCOUNT_ROLES = ['operator', 'participant_user'] as const;
/**
 * Why an account has its status, as a code the dashboard words in the reader's language: none; the desk's own words
 * (suspension or operator disable, art. 20); a reinstatement; the end of participation (art. 6, 7, 9, 12); a
 * succession (art. 4). `status_reason_detail` carries the desk's words, the successor's name or the reason code.
 */
export const ACCOUNT_STATUS_REASONS = [
  'none',
  'desk',
  'reinstated',
  'participation_withdrawn',
  'participation_revoked',
  'participation_ended',
  'succeeded',
] as const;
/** A count. The engine sends 64-bit counts as text; the answer carries them as JSON numbers. */
export const count = z.coerce.number();
