import path from 'node:path';
import { createRetentionDomain } from '../../retention/retention-domain.js';
import { openDatabase } from '../../server/clickhouse.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';

/**
 * Run as its own process over a stopped Yorozu's data directory: the real deletion of one
 * participant, which prints a line after each table and then waits, so the test can kill this
 * process (SIGKILL) between two tables and check that the next run finishes the work.
 */
const [dataDir, participantId] = process.argv.slice(2);
if (!dataDir || !participantId) throw new Error('usage: deletion-child <dataDir> <participantId>');
const config = loadConfig({ YOROZU_DATA_DIR: dataDir });
const database = await openDatabase(config);
const retention = createRetentionDomain({
  client: database.client,
  cluster: undefined,
  fileRoots: [path.join(config.dataDir, 'participant-files')],
  renderPdf: undefined,
  mailCertificate: async () => {
    throw new Error('this process is killed before it certifies');
  },
  logger: createLogger('silent'),
  cron: '0 0 1 1 *',
  retentionDays: 30,
  onTableDeleted: (table) =>
    new Promise<void>((resolve) => {
      process.stdout.write(`${JSON.stringify({ tableDeleted: table })}\n`);
      process.stdin.once('data', () => resolve());
    }),
});
await retention.deletion.run(participantId, 'test:deletion-child');
await database.close();
