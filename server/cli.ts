import { parseArgs } from 'node:util';
import { DeviceStore } from '../ingest/device-store.js';
import { DatabaseLockedError, openDatabase } from './clickhouse.js';
import { ConfigError, loadConfig } from './config.js';
import { MigrationError, runMigrations } from './migrate.js';

/**
 * `npm run yorozu -- <command>`: operator commands against the database directly. With embedded
 * storage Yorozu must not be running on the same data directory (chDB binds it to one process);
 * use the admin HTTP API then. With CLICKHOUSE_URL it works at any time.
 */
const HELP = `Usage: npm run yorozu -- <command> [options]

Commands:
  participant add <name>                   create a participant, print its id
  participant list                         list participants
  secret create <participantId> [--label TEXT] [--expires ISO-8601]
                                           create an enrollment secret for agents (shown once)
  device list [--participant ID]           list enrolled devices and their credential state
  device revoke <deviceId> --reason TEXT   revoke a device; a running gateway closes its
                                           connection within INGEST_REVOCATION_SWEEP_MS
  migrate                                  apply pending migrations and exit

Environment: YOROZU_DATA_DIR (default ./data), CLICKHOUSE_URL for a server (see README).`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      label: { type: 'string' },
      expires: { type: 'string' },
      participant: { type: 'string' },
      reason: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [group, action, argument] = positionals;
  if (values.help || !group) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await runMigrations(database);
    const store = new DeviceStore(database.client);
    const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));
    switch (`${group} ${action ?? ''}`.trim()) {
      case 'participant add':
        if (!argument) return usage('participant add needs a name');
        print({ participantId: await store.createParticipant(argument, 'cli'), name: argument });
        return 0;
      case 'participant list':
        print(await store.listParticipants());
        return 0;
      case 'secret create': {
        if (!argument) return usage('secret create needs a participant id');
        if (!(await store.participantExists(argument))) return usage(`no participant ${argument} (see: participant list)`);
        const expires = values.expires ? new Date(values.expires) : undefined;
        if (expires && Number.isNaN(expires.getTime())) return usage(`--expires ${values.expires} is not a date`);
        const secret = await store.createEnrollmentSecret(argument, values.label ?? '', 'cli', expires);
        print({ secretId: secret.secretId, secret: secret.token, note: 'Shown once; only its hash is stored.' });
        return 0;
      }
      case 'device list':
        print(await store.listDevices(values.participant));
        return 0;
      case 'device revoke': {
        if (!argument || !values.reason) return usage('device revoke needs a device id and --reason');
        const device = await store.revokeDevice(argument, values.reason, 'cli');
        if (!device) return usage(`no device ${argument}`);
        print({ deviceId: device.device_id, status: device.status, reason: device.status_reason });
        return 0;
      }
      case 'migrate':
        console.log('migrations are applied');
        return 0;
      default:
        return usage(`unknown command: ${positionals.join(' ')}`);
    }
  } finally {
    await database.close();
  }
}

function usage(problem: string): number {
  console.error(`${problem}\n\n${HELP}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof DatabaseLockedError || error instanceof MigrationError) console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
