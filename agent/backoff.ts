/** Reconnect delays: exponential from `baseMs` to `maxMs`, with full jitter so a fleet does not reconnect in step. */
export function reconnectDelayMs(
  attempt: number,
  baseMs = 1000,
  maxMs = 60_000,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
