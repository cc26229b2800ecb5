import type { Logger } from 'pino';

/**
 * SIGTERM and SIGINT stop the process gracefully, within a bound. `stop` stops taking work, answers what is
 * in flight and drains the writers; if it has not finished by `limitMs`, the process exits anyway. That loses
 * nothing acknowledged: an agent is acknowledged only after its rows are written, and re-sends the rest.
 *
 * A Ctrl-C in a terminal reaches the process twice (from the terminal, and forwarded by `npm start`), so a
 * second signal within a second is the same request; a later one exits at once, without draining.
 */
export const DUPLICATE_SIGNAL_MS = 1000;

export function stopOnSignals(options: { stop: () => Promise<void>; logger: Logger; limitMs: number }): void {
  const { stop, logger, limitMs } = options;
  let firstAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstAt > 0) {
      if (Date.now() - firstAt < DUPLICATE_SIGNAL_MS) return;
      logger.warn({ signal }, 'second signal: exiting without draining');
      process.exit(1);
    }
    firstAt = Date.now();
    logger.info({ signal, limitMs }, 'signal received: stopping');
    const limit = setTimeout(() => {
      logger.error(
        { limitMs },
        'the graceful stop did not finish in time: exiting (unacknowledged batches are re-sent by the agents)',
      );
      process.exit(1);
    }, limitMs);
    limit.unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
