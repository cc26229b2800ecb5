import { ConfigError, loadConfig } from './config.js';
import { DatabaseLockedError } from './clickhouse.js';
import { createLogger } from './logger.js';
import { MigrationError } from './migrate.js';
import { startYorozu } from './yorozu.js';

/** `npm start`: one process with everything in it; SIGINT/SIGTERM stop it gracefully. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const yorozu = await startYorozu(config, logger);
  let signals = 0;
  const stop = (signal: string) => {
    signals += 1;
    if (signals > 1) {
      logger.warn('second signal: exiting without draining');
      process.exit(1);
    }
    logger.info({ signal }, 'signal received');
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
