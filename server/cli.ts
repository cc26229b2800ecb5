import { parseArgs } from 'node:util';
import { ApiError } from '../api/errors.js';
import { DeviceStore } from '../ingest/device-store.js';
import { createNoticesDomain } from '../notices/notices-domain.js';
import { AccountService } from '../participants/account-service.js';
import { AccountStore } from '../participants/account-store.js';
import { Applications } from '../participants/applications.js';
import { ParticipantStore } from '../participants/participant-store.js';
import { ParticipantUpdates } from '../participants/participant-updates.js';
import { accountIdFor, normaliseLoginName } from '../participants/rules/login-names.js';
import { createLogger } from './logger.js';
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
  participant add <name>                   register a participant directly (approved, started today)
  participant list [--status S1,S2]        list participants (and applications) by status
  operator add <login> [--name TEXT]       create an operator account; prints a generated password once
  account reset-password <login>           new generated password (shown once, must be changed);
                                           ends the account's sessions
  account reinstate <login>                lift a suspension
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
      status: { type: 'string' },
      name: { type: 'string' },
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
    const participants = new ParticipantStore(database.client);
    const logger = createLogger('warn');
    // Offline: no outbox runs here, so e-mail deliveries are recorded undelivered and shown to operators.
    const notices = createNoticesDomain({
      client: database.client,
      logger,
      publicUrl: () => config.publicUrl ?? '',
    }).centre;
    const applications = new Applications(
      new ParticipantUpdates(participants, notices, logger),
      config.accounts.retentionDays,
    );
    const accounts = new AccountService(
      new AccountStore(database.client),
      participants,
      notices,
      logger,
      config.accounts.sessionHours,
    );
    const accountOf = async (login: string) => accounts.requireAccount(accountIdFor(normaliseLoginName(login)));
    const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));
    switch (`${group} ${action ?? ''}`.trim()) {
      case 'participant add':
        if (!argument) return usage('participant add needs a name');
        print({
          participantId: await applications.registerDirectly({ organisation: argument }, 'cli'),
          name: argument,
        });
        return 0;
      case 'participant list':
        print(
          (await participants.listParticipants((values.status?.split(',') ?? []) as never)).map(
            ({ applicant_token_hash: _t, ...p }) => p,
          ),
        );
        return 0;
      case 'operator add': {
        if (!argument) return usage('operator add needs a login name');
        const created = await accounts.createAccount(
          {
            loginName: argument,
            displayName: values.name ?? argument,
            email: '',
            role: 'operator',
            participantId: null,
          },
          'cli',
        );
        print({
          accountId: created.account.account_id,
          loginName: created.account.login_name,
          initialPassword: created.password,
          note: 'Shown once; change it at the first sign-in.',
        });
        return 0;
      }
      case 'account reset-password': {
        if (!argument) return usage('account reset-password needs a login name');
        const account = await accountOf(argument);
        print({
          loginName: account.login_name,
          newPassword: await accounts.resetPassword(account.account_id, 'cli'),
          note: 'Shown once; change it at the next sign-in.',
        });
        return 0;
      }
      case 'account reinstate': {
        if (!argument) return usage('account reinstate needs a login name');
        const account = await accounts.reinstate(
          (await accountOf(argument)).account_id,
          'cli',
          'reinstated from the command line',
        );
        print({ loginName: account.login_name, status: account.status });
        return 0;
      }
      case 'secret create': {
        if (!argument) return usage('secret create needs a participant id');
        if (!(await participants.findParticipant(argument)))
          return usage(`no participant ${argument} (see: participant list)`);
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
    if (
      error instanceof ConfigError ||
      error instanceof DatabaseLockedError ||
      error instanceof MigrationError ||
      error instanceof ApiError
    )
      console.error(error.message);
    else console.error(error);
    process.exit(1);
  },
);
