import { shardingKeyOf } from './migration-files.js';

/**
 * The cluster layout is generated from the same migrations as the single-node one:
 * each MergeTree table becomes `<name>_local` with the Replicated engine on every replica, and
 * `<name>` becomes a Distributed table over it, sharded by the key the migration declares
 * (`-- cluster-sharding-key: ...`). Everything else runs ON CLUSTER unchanged.
 */
const CREATE_TABLE = /^(\s*(?:--[^\n]*\n\s*)*)CREATE TABLE IF NOT EXISTS\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(/i;
const ENGINE = /ENGINE\s*=\s*(Replacing|Summing|Aggregating|Collapsing|VersionedCollapsing)?MergeTree\b/i;
const ALTER_TABLE = /^(\s*(?:--[^\n]*\n\s*)*)ALTER TABLE\s+([A-Za-z_][A-Za-z0-9_]*)\s+/i;

export function toClusterStatements(statement: string, cluster: string, database: string): string[] {
  const onCluster = `ON CLUSTER ${quoteIdentifier(cluster)}`;
  const create = CREATE_TABLE.exec(statement);
  if (create && ENGINE.test(statement)) {
    const [, leading = '', table] = create;
    const key = shardingKeyOf(statement);
    if (!key)
      throw new Error(
        `Table ${table} of this migration has no "-- cluster-sharding-key:" line; the cluster layout needs one`,
      );
    const local = `${table}_local`;
    // sql-paste-ok: identifiers taken from the migration file itself and a validated cluster name
    const localStatement = statement
      .replace(CREATE_TABLE, `${leading}CREATE TABLE IF NOT EXISTS ${local} ${onCluster} (`)
      .replace(ENGINE, (engine) => engine.replace(/=\s*/, '= Replicated'));
    // sql-paste-ok: identifiers from the migration file; cluster and database are quoted string literals
    const distributed =
      `CREATE TABLE IF NOT EXISTS ${table} ${onCluster} AS ${local} ` +
      `ENGINE = Distributed(${quoteString(cluster)}, ${quoteString(database)}, ${quoteString(local)}, ${key})`;
    return [localStatement, distributed];
  }
  const alter = ALTER_TABLE.exec(statement);
  if (alter) {
    const [, leading = '', table] = alter;
    const rest = statement.slice(alter[0].length);
    const isSchemaChange = /^(ADD|DROP|MODIFY|RENAME|COMMENT)\s+COLUMN/i.test(rest);
    // sql-paste-ok: identifiers and clauses taken from the migration file itself
    const local = `${leading}ALTER TABLE ${table}_local ${onCluster} ${rest}`;
    // Index and TTL changes live on the local tables only; columns must change on both.
    // sql-paste-ok: identifiers and clauses taken from the migration file itself
    return isSchemaChange ? [local, `ALTER TABLE ${table} ${onCluster} ${rest}`] : [local];
  }
  if (/CREATE MATERIALIZED VIEW/i.test(statement)) {
    // On a cluster a materialized view fires on inserts into the local table it reads, and writes
    // to the local table of its target: both names become their _local tables.
    // sql-paste-ok: identifiers taken from the migration file itself and a validated cluster name
    const local = statement
      .replace(
        /(CREATE MATERIALIZED VIEW IF NOT EXISTS\s+[A-Za-z_][A-Za-z0-9_]*)\s+TO\s+([A-Za-z_][A-Za-z0-9_]*)/,
        `$1 ${onCluster} TO $2_local`,
      )
      .replace(/^FROM\s+([A-Za-z_][A-Za-z0-9_]*)/m, 'FROM $1_local');
    return [local];
  }
  const replaceView = /^(\s*(?:--[^\n]*\n\s*)*)(CREATE OR REPLACE VIEW\s+[A-Za-z_][A-Za-z0-9_]*)/i;
  if (replaceView.test(statement)) return [statement.replace(replaceView, `$1$2 ${onCluster}`)];
  return [
    statement.replace(
      /^(\s*(?:--[^\n]*\n\s*)*)(CREATE\s+\w+(?:\s+\w+)*?\s+IF NOT EXISTS\s+[A-Za-z_][A-Za-z0-9_.]*)/i,
      `$1$2 ${onCluster}`,
    ),
  ];
}

/**
 * A participant deletion's mutation on a cluster: `ALTER TABLE {table:Identifier} …` runs ON CLUSTER
 * (the caller binds {table} to the replicated `<name>_local`), so every shard and replica applies it.
 */
export function toClusterMutation(statement: string, cluster: string): string {
  const head = /^ALTER TABLE \{table:Identifier\}\s/;
  if (!head.test(statement)) throw new Error('A cluster mutation must start with ALTER TABLE {table:Identifier}');
  // sql-paste-ok: a validated cluster name after the table's Identifier parameter
  return statement.replace(head, `ALTER TABLE {table:Identifier} ON CLUSTER ${quoteIdentifier(cluster)} `);
}

function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) throw new Error(`Invalid cluster name: ${name}`);
  return name.includes('-') ? `\`${name}\`` : name;
}

function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
