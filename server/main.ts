import { setMaxListeners } from 'node:events';
import { ConfigError, loadConfig } from './config.js';
import { DatabaseLockedError } from './clickhouse.js';
import { createLogger } from './logger.js';
import { MigrationError } from './migrate.js';
import { startYorozu } from './yorozu.js';
import { runDemo } from './demo.js';
import { demoMailEnvironment } from './demo-mail.js';
import { stopOnSignals } from './stop-on-signals.js';
import { TRIAL_ARGUMENT, trialPeriodFromArguments } from './first-trial-period.js';

/** How long a stop asked by a signal may take before the process exits anyway. */
const STOP_LIMIT_MS = 9000;

/**
 * `npm start`: one process with everything in it; SIGINT/SIGTERM stop it gracefully within a bound
 * (server/stop-on-signals.ts). package.json `exec`s node, so the signal npm forwards reaches this process.
 * `npm start -- --demo`: the same, with simulated organisations streaming into it (server/demo.ts).
 * `npm start -- --trial-start=2027-01-04 --trial-end=2027-03-31`: the trial period (art. 1), on the first start.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  Object.assign(process.env, trialPeriodFromArguments(args));
  const unknown = args.filter((arg) => arg !== '--demo' && !TRIAL_ARGUMENT.test(arg));
  if (unknown.length > 0)
    throw new ConfigError(
      `Unknown argument(s): ${unknown.join(' ')}. The options are --demo, --trial-start=YYYY-MM-DD and --trial-end=YYYY-MM-DD; settings come from the environment (see README).`,
    );
  // The demo's desk receives mail (a listener on loopback and a stand-in MX): server/demo-mail.ts.
  if (args.includes('--demo')) Object.assign(process.env, demoMailEnvironment(process.env));
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const yorozu = await startYorozu(config, logger);
  const demo = new AbortController();
  setMaxListeners(0, demo.signal); // every simulated PC listens for the stop
  if (process.argv.includes('--demo')) {
    runDemo(yorozu, logger, demo.signal).catch((error: unknown) =>
      logger.error({ err: error }, 'the demo simulator failed; Yorozu keeps running'),
    );
  }
  stopOnSignals({
    logger,
    // Within 10 s by default: the gateway's grace for in-flight batches, then closing sockets and the last flush.
    limitMs: Math.max(STOP_LIMIT_MS, config.shutdownGraceMs + 4000),
    stop: async () => {
      demo.abort(); // the simulated PCs stop sending first
      await yorozu.stop();
    },
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseLockedError || error instanceof MigrationError) {
    console.error(`Yorozu could not start.\n${error.message}`);
  } else {
    console.error('Yorozu could not start:', error);
  }
  process.exit(1);
});
