import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import { drainPending } from 'chdb';
import { createChdbConnection } from 'chdb/connection';
import type { Config } from './config.js';
import { withQueryScopedSettings } from './query-scoped-settings.js';
import type { InsertFormatted } from '../ingest/table-writers.js';
import { embeddedFormattedInserter, serverFormattedInserter } from './formatted-insert.js';

/**
 * The one way Yorozu reaches ClickHouse: the official client, over in-process chDB when no
 * CLICKHOUSE_URL is configured, over HTTP to a server or cluster when it is.
 */
export interface Database {
  client: ClickHouseClient;
  mode: 'embedded' | 'server';
  /** Cluster name when migrations must run ON CLUSTER with replicated engines. */
  cluster: string | undefined;
  databaseName: string;
  /** The ingest writers' insert of JSONEachRow bytes (server/formatted-insert.ts). */
  insertFormatted: InsertFormatted;
  close(): Promise<void>;
}

export class DatabaseLockedError extends Error {
  constructor(readonly embeddedPath: string) {
    super(
      `The data directory ${embeddedPath} is in use by another Yorozu process (embedded ClickHouse binds ` +
        'one directory to one process). Stop that process first, or use its HTTP API.',
    );
  }
}

type EmbeddedConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

export function baseSettings(): ClickHouseSettings {
  return {
    // DDL returns only once it has taken effect everywhere it applies.
    wait_end_of_query: 1,
    // The server quotes 64-bit integers in JSON by default and chDB does not: pin it so both modes
    // return the same shapes (strings, which keep values above 2^53 exact).
    output_format_json_quote_64bit_integers: 1,
  };
}

export async function openDatabase(config: Config): Promise<Database> {
  const { clickhouse } = config;
  if (clickhouse.url) return openServerDatabase(config);

  mkdirSync(clickhouse.embeddedPath, { recursive: true });
  let connection: EmbeddedConnection;
  try {
    // chdb ships its own copy of the client-common types; the runtime contract is the same.
    connection = createChdbConnection({ path: clickhouse.embeddedPath }) as unknown as EmbeddedConnection;
  } catch (error) {
    if (String((error as Error & { cause?: unknown }).cause ?? error).includes('Cannot lock file')) {
      throw new DatabaseLockedError(clickhouse.embeddedPath);
    }
    throw error;
  }
  // Per-query settings must not stay on chDB's shared session (query-scoped-settings.ts).
  const client = createClient({ connection: withQueryScopedSettings(connection), clickhouse_settings: baseSettings() });
  // chDB ignores the client's `database` option; USE is kept by the session for every later query.
  await client.command({
    query: 'CREATE DATABASE IF NOT EXISTS {db:Identifier}',
    query_params: { db: clickhouse.database },
  });
  await client.command({ query: 'USE {db:Identifier}', query_params: { db: clickhouse.database } });
  const inserter = embeddedFormattedInserter(
    clickhouse.embeddedPath,
    clickhouse.database,
    config.ingest.insertConnections,
    path.join(config.dataDir, 'ingest-spool'),
  );
  return {
    client,
    mode: 'embedded',
    cluster: undefined,
    databaseName: clickhouse.database,
    insertFormatted: inserter.insert,
    close: async () => {
      await client.close();
      inserter.close();
      // close() defers the engine's teardown behind queries still running (e.g. an agent's sign-in cut short by
      // a stop); exiting before they land crashes the process in the engine (SIGSEGV), so wait for them here.
      await drainPending();
    },
  };
}

async function openServerDatabase(config: Config): Promise<Database> {
  const { clickhouse } = config;
  const common = {
    url: clickhouse.url,
    username: clickhouse.user,
    password: clickhouse.password,
    clickhouse_settings: (clickhouse.cluster
      ? {
          ...baseSettings(),
          // An insert into a Distributed table returns only once the shard has it: an ack, or the
          // read-back of a compare-and-swap (sql/versioned-state.ts), must not precede the data.
          insert_distributed_sync: 1,
        }
      : baseSettings()) as ClickHouseSettings,
    request_timeout: 60_000,
  };
  const bootstrap = createClient(common);
  try {
    await bootstrap.command({
      query: clickhouse.cluster
        ? 'CREATE DATABASE IF NOT EXISTS {db:Identifier} ON CLUSTER {cluster:Identifier}'
        : 'CREATE DATABASE IF NOT EXISTS {db:Identifier}',
      query_params: { db: clickhouse.database, cluster: clickhouse.cluster ?? '' },
    });
  } finally {
    await bootstrap.close();
  }
  const client = createClient({ ...common, database: clickhouse.database });
  return {
    client,
    mode: 'server',
    cluster: clickhouse.cluster,
    databaseName: clickhouse.database,
    insertFormatted: serverFormattedInserter(client).insert,
    close: () => client.close(),
  };
}
