import {
  KEPT_TABLES,
  NO_PARTICIPANT_DATA,
  PARTICIPANT_TABLES,
  type DataKind,
  type ParticipantTable,
} from './participant-tables.js';

/**
 * The deletion's table list, derived from the schema as it is: every MergeTree table with a
 * participant_id column is deleted from (classified or not: a table a new migration added is
 * deleted from before anyone classifies it), plus the classified tables that reach a participant
 * another way. Pure functions over a description of the schema; schema-reader.ts reads it.
 */
export interface SchemaTable {
  /** The logical name (on a cluster: without the _local suffix of the replicated table). */
  table: string;
  engine: string;
  columns: readonly string[];
}

export interface PlannedTable extends Omit<ParticipantTable, 'kind'> {
  kind: DataKind | 'unclassified';
  /** Read with FINAL: the engine collapses rows (Replacing/Aggregating/…), so a count must see the result. */
  final: boolean;
}

export function deletionPlan(schema: readonly SchemaTable[]): PlannedTable[] {
  const byName = new Map(PARTICIPANT_TABLES.map((entry) => [entry.table, entry]));
  const planned: PlannedTable[] = [];
  for (const table of schema) {
    if (table.table in KEPT_TABLES) continue;
    const entry = byName.get(table.table);
    const hasParticipantId = table.columns.includes('participant_id');
    if (!entry && !hasParticipantId) continue;
    const final = collapses(table.engine);
    planned.push(
      entry
        ? { ...entry, direct: entry.direct && hasParticipantId, final }
        : { table: table.table, kind: 'unclassified', direct: true, final },
    );
  }
  return orderForDeletion(planned);
}

/**
 * Tables whose keys reach another table go last (a resumed run must still find the keys), and
 * `participants` goes last of all: until everything else is gone the participant is still on record.
 */
export function orderForDeletion(tables: PlannedTable[]): PlannedTable[] {
  const keySources = new Set(tables.flatMap((t) => (t.keys ? [t.keys.from] : [])));
  const rank = (t: PlannedTable) => (t.table === 'participants' ? 2 : keySources.has(t.table) ? 1 : 0);
  return [...tables].sort((a, b) => rank(a) - rank(b) || a.table.localeCompare(b.table));
}

export interface CoverageProblem {
  table: string;
  problem: string;
}

/** What the schema holds that this folder does not account for (tests/retention/coverage.test.ts). */
export function coverageProblems(schema: readonly SchemaTable[]): CoverageProblem[] {
  const problems: CoverageProblem[] = [];
  const classified = new Set(PARTICIPANT_TABLES.map((t) => t.table));
  const names = new Set(schema.map((t) => t.table));
  for (const table of schema) {
    const known = classified.has(table.table) || table.table in KEPT_TABLES || table.table in NO_PARTICIPANT_DATA;
    if (table.columns.includes('participant_id') && !known) {
      problems.push({
        table: table.table,
        problem:
          'has a participant_id column but retention/participant-tables.ts does not classify it (stored or generated data?)',
      });
    } else if (!known) {
      problems.push({
        table: table.table,
        problem:
          'is not classified: add it to PARTICIPANT_TABLES (with how it reaches a participant) or to NO_PARTICIPANT_DATA with the reason',
      });
    }
    if (table.columns.includes('participant_id') && table.table in NO_PARTICIPANT_DATA) {
      problems.push({
        table: table.table,
        problem: 'is listed as holding no participant data, yet has a participant_id column',
      });
    }
  }
  for (const entry of PARTICIPANT_TABLES) {
    if (!names.has(entry.table)) {
      problems.push({ table: entry.table, problem: 'is classified but no longer in the schema' });
      continue;
    }
    const columns = schema.find((t) => t.table === entry.table)!.columns;
    for (const column of [
      ...(entry.direct ? ['participant_id'] : []),
      ...(entry.idColumns ?? []),
      ...(entry.keys ? [entry.keys.column] : []),
    ]) {
      if (!columns.includes(column))
        problems.push({ table: entry.table, problem: `is reached through column ${column}, which it does not have` });
    }
  }
  return problems;
}

function collapses(engine: string): boolean {
  return /(Replacing|Aggregating|Summing|Collapsing|VersionedCollapsing)MergeTree/.test(engine);
}
