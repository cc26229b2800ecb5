import { vi } from 'vitest';
import { WAIT_LIMIT_MS } from './wait-limit.js';

export { WAIT_LIMIT_MS };

type Probe<T> = () => T | undefined | false | Promise<T | undefined | false>;

/**
 * Polls `probe` until it gives a value (anything but `undefined` or `false`) and returns that value; after
 * `timeoutMs` it fails naming `what` (a function can say how far it got), or with the probe's own last error.
 * The one wait the tests use instead of a fixed sleep, so the suite passes on a busy machine (vi.waitFor inside).
 */
export function until<T>(
  what: string | (() => string),
  probe: Probe<T>,
  { timeoutMs = WAIT_LIMIT_MS, intervalMs = 50 } = {},
): Promise<Exclude<T, undefined | false>> {
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (value === undefined || value === false)
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
      return value as Exclude<T, undefined | false>;
    },
    { timeout: timeoutMs, interval: intervalMs },
  );
}
