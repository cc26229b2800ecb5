import type { ClickHouseClient } from '@clickhouse/client';
import { CERTIFICATE_MAIL_KIND } from './participant-tables.js';
import type { PlannedTable } from './deletion-plan.js';

/**
 * Counts and deletes one participant's rows in one table: the only place running the deletion's SQL
 * against participant tables. Table and column names are {name:Identifier} parameters taken from
 * the plan (the schema and participant-tables.ts), values are parameters; the WHERE clause is put
 * together from the constant fragments below.
 *
 * Mechanism: `ALTER TABLE … DELETE` with mutations_sync = 2, for every table (README.md says why,
 * table by table). On a cluster the mutation runs on the replicated `<table>_local` tables
 * `ON CLUSTER` (the statement's cluster form comes from server/cluster-ddl.ts, like the migrations'),
 * and counts read the Distributed table over every shard.
 */
export interface ClusterForm {
  /** Turns `ALTER TABLE {table:Identifier} …` into its ON CLUSTER form. */
  onCluster(statement: string): string;
}

const BY_PARTICIPANT = 'participant_id = {participantId:UUID}';
const BY_ID_COLUMN = [
  '{idColumn0:Identifier} = {participantId:UUID}',
  '{idColumn1:Identifier} = {participantId:UUID}',
] as const;
const BY_KEYS = 'toString({keyColumn:Identifier}) IN {keys:Array(String)}';
const KEEP_CERTIFICATE_MAIL = 'kind != {keptKind:String}';

export class TableDeleter {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly cluster: ClusterForm | undefined,
  ) {}

  /** The keys through which the table reaches the participant (read from the key table, which is deleted after this one). */
  async keysOf(table: PlannedTable, participantId: string): Promise<string[]> {
    if (!table.keys) return [];
    const keepFilter = table.keepsCertificateMail ? ' AND ' + KEEP_CERTIFICATE_MAIL : '';
    // sql-paste-ok: constant fragments; the table and column are Identifier parameters
    const query =
      'SELECT DISTINCT toString({fromColumn:Identifier}) AS key FROM {from:Identifier} WHERE ' +
      BY_PARTICIPANT +
      keepFilter;
    const result = await this.client.query({
      query,
      query_params: {
        fromColumn: table.keys.fromColumn,
        from: table.keys.from,
        participantId,
        keptKind: CERTIFICATE_MAIL_KIND,
      },
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: `retention:keys:${table.table}` },
    });
    return (await result.json<{ key: string }>()).map((row) => row.key);
  }

  async count(table: PlannedTable, participantId: string, keys: readonly string[]): Promise<number> {
    const where = this.where(table, keys);
    if (!where) return 0;
    // sql-paste-ok: constant fragments; the table is an Identifier parameter
    const query = 'SELECT count() AS n FROM {table:Identifier}' + (table.final ? ' FINAL' : '') + ' WHERE ' + where;
    const result = await this.client.query({
      query,
      query_params: this.params(table, participantId, keys, table.table),
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: `retention:count:${table.table}` },
    });
    const [row] = await result.json<{ n: string | number }>();
    return Number(row?.n ?? 0);
  }

  async delete(table: PlannedTable, participantId: string, keys: readonly string[]): Promise<void> {
    const where = this.where(table, keys);
    if (!where) return;
    // sql-paste-ok: constant fragments; the table and columns are Identifier parameters
    const statement = 'ALTER TABLE {table:Identifier} DELETE WHERE ' + where;
    await this.client.command({
      query: this.cluster ? this.cluster.onCluster(statement) : statement,
      query_params: this.params(table, participantId, keys, this.cluster ? `${table.table}_local` : table.table),
      // 2: the statement returns once the mutation is done on every replica, so the counts that follow see it.
      clickhouse_settings: { mutations_sync: '2', log_comment: `retention:delete:${table.table}` },
    });
  }

  /** The statement's text as it would run (the dry run shows it). */
  statementFor(table: PlannedTable, keys: readonly string[]): string | undefined {
    const where = this.where(table, keys);
    if (!where) return undefined;
    // sql-paste-ok: constant fragments; shown to operators, never run from here
    const statement = 'ALTER TABLE {table:Identifier} DELETE WHERE ' + where;
    return this.cluster ? this.cluster.onCluster(statement) : statement;
  }

  private where(table: PlannedTable, keys: readonly string[]): string | undefined {
    const reaches = [
      ...(table.direct ? [BY_PARTICIPANT] : []),
      ...(table.idColumns ?? []).map((_, index) => BY_ID_COLUMN[index]!),
      ...(table.keys && keys.length > 0 ? [BY_KEYS] : []),
    ];
    if (reaches.length === 0) return undefined;
    const reach = reaches.length === 1 ? reaches[0]! : reaches.map((r) => '(' + r + ')').join(' OR ');
    return table.keepsCertificateMail && table.direct ? '(' + reach + ') AND ' + KEEP_CERTIFICATE_MAIL : reach;
  }

  private params(
    table: PlannedTable,
    participantId: string,
    keys: readonly string[],
    name: string,
  ): Record<string, unknown> {
    const [idColumn0, idColumn1] = table.idColumns ?? [];
    return {
      table: name,
      participantId,
      keptKind: CERTIFICATE_MAIL_KIND,
      ...(idColumn0 ? { idColumn0 } : {}),
      ...(idColumn1 ? { idColumn1 } : {}),
      ...(table.keys ? { keyColumn: table.keys.column, keys } : {}),
    };
  }
}
