import { setMaxListeners } from 'node:events';
import { ConfigError, loadConfig } from './config.js';
import { DatabaseLockedError } from './clickhouse.js';
import { createLogger } from './logger.js';
import { MigrationError } from './migrate.js';
import { startYorozu } from './yorozu.js';
import { runDemo } from './demo.js';

/**
 * `npm start`: one process with everything in it; SIGINT/SIGTERM stop it gracefully.
 * `npm start -- --demo`: the same, with simulated organisations streaming into it (server/demo.ts).
 */
async function main(): Promise<void> {
  const unknown = process.argv.slice(2).filter((arg) => arg !== '--demo');
  if (unknown.length > 0) throw new ConfigError(`Unknown argument(s): ${unknown.join(' ')}. The only option is --demo; settings come from the environment (see README).`);
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const yorozu = await startYorozu(config, logger);
  const demo = new AbortController();
  setMaxListeners(0, demo.signal); // every simulated PC listens for the stop
  if (process.argv.includes('--demo')) {
    runDemo(yorozu, logger, demo.signal).catch((error: unknown) => logger.error({ err: error }, 'the demo simulator failed; Yorozu keeps running'));
  }
  let signals = 0;
  const stop = (signal: string) => {
    signals += 1;
    if (signals > 1) {
      logger.warn('second signal: exiting without draining');
      process.exit(1);
    }
    logger.info({ signal }, 'signal received');
    demo.abort();
    yorozu.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseLockedError || error instanceof MigrationError) {
    console.error(`Yorozu could not start.\n${error.message}`);
  } else {
    console.error('Yorozu could not start:', error);
  }
  process.exit(1);
});
