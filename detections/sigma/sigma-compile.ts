import { matching, parseCondition, type Aggregation, type ConditionNode } from './sigma-condition.js';
import { SigmaRuleError, type SigmaFieldMap, type SigmaRule, type SigmaSearchValue } from './sigma-rule.js';
import { resolveSource, type FieldExpression, type SourceBranch } from './sigma-taxonomy.js';
import { checkedCidr, likePattern, numericValue, placeholderName, windashVariants } from './sigma-values.js';

/**
 * A Sigma rule → one ClickHouse SELECT over the participant-scoped tables (scoped-query/policy-scope.ts) that
 * answers the matching events: `device_id, user, time, event_key, source` (source: 'events' or
 * 'windows_kept'; event_key: the row's seq or record_key). Every value of the rule is a query parameter
 * named `<prefix><n>`; the SQL text holds only the taxonomy's fixed expressions, fixed function names and
 * placeholders. Supported aggregation: `count()` / `count(field)` (distinct values), optionally `by field`,
 * compared with `>` or `>=` to N, over a sliding `timeframe` (or the whole evaluated range without one);
 * the events answered are those of every window that passed the threshold.
 */
export interface CompiledRule {
  sql: string;
  params: Record<string, string | number>;
  /** The Sigma fields the rule reads. */
  fields: string[];
  /** The lists (`|expand %name%`) the rule reads. */
  lists: string[];
  /** Whether the rule counts events (`| count() …`): its answer depends on events around the new ones. */
  aggregated: boolean;
  /**
   * Fields of a Windows service rule that only the events kept whole carry: the mapped events of the
   * channel lack them, so on those the rule sees an empty value (shown to the operator as a warning).
   */
  fieldsOnlyInKeptEvents: string[];
}

const SUPPORTED_MODIFIERS = new Set([
  'contains',
  'startswith',
  'endswith',
  'all',
  're',
  'i',
  'm',
  's',
  'cidr',
  'windash',
  'exists',
  'expand',
  'cased',
  'lt',
  'lte',
  'gt',
  'gte',
]);
const COMPARISONS: Record<string, string> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

class Parameters {
  readonly values: Record<string, string | number> = {};
  private count = 0;
  constructor(private readonly prefix: string) {}
  add(value: string | number, type: 'String' | 'Int64' | 'Float64'): string {
    const name = `${this.prefix}${this.count++}`;
    this.values[name] = value;
    return `{${name}:${type}}`;
  }
}

export function compileSigmaRule(rule: SigmaRule, paramPrefix = 'r'): CompiledRule {
  if (!/^[a-z][a-z0-9_]*$/.test(paramPrefix)) throw new Error(`invalid parameter prefix ${paramPrefix}`);
  const source = resolveSource(rule.logsource);
  const { expression, aggregation } = parseCondition(rule.condition, Object.keys(rule.searches));
  if (aggregation && !['>', '>='].includes(aggregation.operator))
    throw new SigmaRuleError(
      'condition',
      `aggregation comparison ${aggregation.operator} is not supported: use > or >=`,
    );
  const parameters = new Parameters(paramPrefix);
  const fields = new Set<string>();
  const lists = new Set<string>();
  const missing = new Set<string>();
  const onlyKept = new Set<string>();

  const fieldOf = (branch: SourceBranch, name: string): FieldExpression => {
    fields.add(name);
    const found = branch.field(name);
    if (found) return found;
    if (source.missingFieldIsError) missing.add(name);
    else onlyKept.add(name);
    return { sql: "''", kind: 'string' };
  };

  const compileBranch = (branch: SourceBranch) => {
    const searchSql = (name: string): string => {
      const search = rule.searches[name]!;
      if (search.kind === 'keywords')
        throw new SigmaRuleError('condition', `${name}: keyword searches (values without a field) are not supported`);
      return or(search.maps.map((map) => fieldMapSql(branch, map)));
    };
    const node = (n: ConditionNode): string => {
      switch (n.type) {
        case 'search':
          return searchSql(n.name);
        case 'and':
          return and(n.items.map(node));
        case 'or':
          return or(n.items.map(node));
        case 'not':
          return `NOT ${node(n.item)}`;
        case 'of': {
          const names = matching(Object.keys(rule.searches), n.pattern).filter(
            (name) => n.pattern !== '*' || !name.startsWith('_'),
          );
          const parts = names.map(searchSql);
          return n.quantifier === 'all' ? and(parts) : or(parts);
        }
      }
    };
    const condition = node(expression);
    const { user, key, source: sourceName } = branch.columns;
    const extra = aggregation ? aggregationColumns(branch, aggregation) : '';
    // sql-paste-ok: fixed taxonomy expressions and {placeholders}; every value is a parameter
    return `SELECT device_id, ${user} AS user, time, ${key} AS event_key, ${sourceName} AS source${extra} FROM ${branch.table} WHERE (${branch.where}) AND ${condition}`;
  };

  const fieldMapSql = (branch: SourceBranch, map: SigmaFieldMap): string =>
    and(Object.entries(map).map(([spec, value]) => fieldSql(branch, spec, value)));

  const fieldSql = (branch: SourceBranch, spec: string, value: SigmaSearchValue | SigmaSearchValue[]): string => {
    const [name = '', ...modifiers] = spec.split('|');
    if (!name) throw new SigmaRuleError('modifier', `${spec}: a field name is needed before the modifiers`);
    for (const modifier of modifiers)
      if (!SUPPORTED_MODIFIERS.has(modifier))
        throw new SigmaRuleError('modifier', `${spec}: modifier ${modifier} is not supported`);
    const field = fieldOf(branch, name);
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) throw new SigmaRuleError('value', `${spec}: an empty list matches nothing`);
    const has = (m: string) => modifiers.includes(m);
    if (has('exists')) {
      const wanted = values[0] === true || values[0] === 'true';
      return wanted ? `(${field.sql} != ${empty(field)})` : `(${field.sql} = ${empty(field)})`;
    }
    if (has('expand')) {
      if (modifiers.length > 1) throw new SigmaRuleError('modifier', `${spec}: expand is used alone`);
      const terms = values.map((v) => {
        const list = placeholderName(spec, v);
        lists.add(list);
        // A list entry matches the value itself and, for domains, its subdomains.
        // sql-paste-ok: a fixed taxonomy expression; the list name is a parameter
        return `arrayExists(entry -> lower(${field.sql}) = entry OR endsWith(lower(${field.sql}), concat('.', entry)), (SELECT groupArray(lower(value)) FROM p_lists WHERE list_name = ${parameters.add(list, 'String')}))`;
      });
      return or(terms);
    }
    const comparison = modifiers.find((m) => m in COMPARISONS);
    const terms = values.flatMap((v): string[] => {
      if (v === null) return [`(${field.sql} = ${empty(field)})`];
      if (comparison)
        return [`(${numberSql(field)} ${COMPARISONS[comparison]} ${parameters.add(numericValue(spec, v), 'Float64')})`];
      if (has('re')) {
        const flags = ['i', 'm', 's'].filter(has).join('');
        const pattern = flags ? `(?${flags})${String(v)}` : String(v);
        return [`match(${textSql(field)}, ${parameters.add(pattern, 'String')})`];
      }
      if (has('cidr')) {
        const text = textSql(field);
        return [
          `if(isIPv4String(${text}) OR isIPv6String(${text}), isIPAddressInRange(${text}, ${parameters.add(checkedCidr(String(v)), 'String')}), 0)`,
        ];
      }
      const match = has('contains')
        ? 'contains'
        : has('startswith')
          ? 'startswith'
          : has('endswith')
            ? 'endswith'
            : 'equals';
      if (field.kind === 'number' && match === 'equals' && !/[*?]/.test(String(v)))
        return [`(${field.sql} = ${parameters.add(numericValue(spec, v), 'Float64')})`];
      const variants = has('windash') ? windashVariants(String(v)) : [String(v)];
      const operator = has('cased') ? 'like' : 'ilike';
      return [
        or(
          variants.map(
            (text) => `${operator}(${textSql(field)}, ${parameters.add(likePattern(text, match), 'String')})`,
          ),
        ),
      ];
    });
    return has('all') ? and(terms) : or(terms);
  };

  const aggregationColumns = (branch: SourceBranch, a: Aggregation): string => {
    const group = a.groupBy ? textSql(fieldOf(branch, a.groupBy)) : "''";
    const distinct = a.distinctField ? textSql(fieldOf(branch, a.distinctField)) : "''";
    return `, ${group} AS group_value, ${distinct} AS distinct_value`;
  };

  const branches = source.branches.map(compileBranch);
  if (missing.size > 0) {
    const names = [...missing];
    throw new SigmaRuleError(
      'fields',
      `Yorozu does not have the field${names.length > 1 ? 's' : ''} ${names.join(', ')} for this logsource`,
      names,
    );
  }
  const matched = branches.join('\nUNION ALL\n');
  return {
    sql: aggregation ? aggregated(matched, aggregation, rule.timeframeMs) : matched,
    params: parameters.values,
    fields: [...fields],
    lists: [...lists],
    aggregated: aggregation !== undefined,
    fieldsOnlyInKeptEvents: [...onlyKept],
  };
}

/**
 * Sliding windows: each event counts the events (or distinct values) of its group in the timeframe
 * before it; an event is answered when a window containing it (ending within the timeframe after it)
 * passed the threshold. Without a timeframe, a group's whole count decides.
 */
function aggregated(matched: string, a: Aggregation, timeframeMs: number | undefined): string {
  const counter = a.distinctField ? "uniqExact(nullIf(distinct_value, ''))" : 'count()';
  const threshold = Math.trunc(a.threshold);
  if (timeframeMs === undefined) {
    // sql-paste-ok: counter is one of two fixed texts, the operator one of two checked ones, threshold an integer
    return `SELECT device_id, user, time, event_key, source FROM (SELECT *, ${counter} OVER (PARTITION BY group_value) AS window_count FROM (${matched})) WHERE window_count ${a.operator} ${threshold}`;
  }
  const window = Math.trunc(timeframeMs);
  // sql-paste-ok: as above; window is an integer of milliseconds from parseTimeframe
  const counted = `SELECT *, ${counter} OVER (PARTITION BY group_value ORDER BY toUnixTimestamp64Milli(time) RANGE BETWEEN ${window} PRECEDING AND CURRENT ROW) AS window_count FROM (${matched})`;
  // sql-paste-ok: as above
  const covered = `SELECT *, max(window_count) OVER (PARTITION BY group_value ORDER BY toUnixTimestamp64Milli(time) RANGE BETWEEN CURRENT ROW AND ${window} FOLLOWING) AS best_window FROM (${counted})`;
  // sql-paste-ok: as above
  return `SELECT device_id, user, time, event_key, source FROM (${covered}) WHERE best_window ${a.operator} ${threshold}`;
}

const empty = (field: FieldExpression) => (field.kind === 'number' ? '0' : "''");
const textSql = (field: FieldExpression) => (field.kind === 'number' ? `toString(${field.sql})` : field.sql);
const numberSql = (field: FieldExpression) => (field.kind === 'number' ? field.sql : `toFloat64OrNull(${field.sql})`);
const and = (parts: string[]) => (parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`);
const or = (parts: string[]) => (parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`);
