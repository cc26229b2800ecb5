/**
 * Expands a panel's SQL the way Grafana and the official ClickHouse data source do before the query
 * reaches ClickHouse, so a test can run it on the engine. Written from the plugin's behaviour
 * (grafana/clickhouse-datasource: src/data/CHDatasource.ts applyTemplateVariables, and
 * pkg/macros/macros.go on the macropro engine), in two stages like the plugin:
 *
 * 1. In the browser: `$__conditionalAll(phrase, $var)` becomes `1=1` when the variable is "All" or
 *    empty, else the phrase; then Grafana's template service replaces variables (`$v`, `${v}`,
 *    `[[v]]`) and the built-ins `$__interval`, `$__interval_ms`, `$__from`, `$__to`. The plugin's
 *    formatter pastes a single value as is and joins several as `'a','b'`.
 * 2. In the plugin's backend: `$__name(args)` macros, arguments split at top-level commas; macros
 *    inside string literals and comments are left alone; an unknown macro is left unchanged (and then
 *    fails on the engine, which is what a test wants).
 */
export interface GrafanaQueryContext {
  from: Date;
  to: Date;
  /** The panel's interval (Grafana: the range over max data points, rounded). */
  intervalMs: number;
  /** Variable values: a string, several strings, or '$__all' for "All" (expanded to every option). */
  variables: Record<string, string | string[]>;
  /** Every option of each variable, for "All" without a custom all value. */
  allOptions?: Record<string, string[]>;
}

export function expandGrafanaClickHouseSql(sql: string, context: GrafanaQueryContext): string {
  return expandBackendMacros(replaceTemplateVariables(applyConditionalAll(sql, context), context), context);
}

// ---- stage 1: the browser ----

function applyConditionalAll(sql: string, context: GrafanaQueryContext): string {
  const macro = '$__conditionalAll(';
  let text = sql;
  for (let at = text.lastIndexOf(macro); at !== -1; at = text.lastIndexOf(macro)) {
    const parsed = argumentsAt(text, at + macro.length - 1);
    if (!parsed || parsed.args.length !== 2) return text;
    const [phrase, variableArg] = parsed.args as [string, string];
    const name = /\$\{(\w+)\}|\$(\w+)/.exec(variableArg.trim());
    let replacement = phrase;
    if (name) {
      const value = context.variables[name[1] ?? name[2]!];
      const shown = Array.isArray(value) ? value.join(',') : value;
      if (shown === '' || shown === '$__all') replacement = '1=1';
    }
    text = text.slice(0, at) + replacement + text.slice(parsed.end);
  }
  return text;
}

function formatValue(value: string | string[]): string {
  return Array.isArray(value) ? `'${value.join("','")}'` : value;
}

function replaceTemplateVariables(sql: string, context: GrafanaQueryContext): string {
  const builtins: Record<string, string> = {
    __interval: grafanaIntervalText(context.intervalMs),
    __interval_ms: String(context.intervalMs),
    __from: String(context.from.getTime()),
    __to: String(context.to.getTime()),
  };
  return sql.replace(
    /\$\{(\w+)(?::\w+)?\}|\[\[(\w+)\]\]|\$(\w+)/g,
    (whole, braced: string | undefined, bracketed: string | undefined, plain: string | undefined) => {
      const name = braced ?? bracketed ?? plain!;
      if (name in builtins) return builtins[name]!;
      if (name.startsWith('__')) return whole; // a plugin macro, for stage 2
      const value = context.variables[name];
      if (value === undefined) return whole;
      const all = value === '$__all' || (Array.isArray(value) && value.length === 1 && value[0] === '$__all');
      return formatValue(all ? (context.allOptions?.[name] ?? []) : value);
    },
  );
}

function grafanaIntervalText(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

// ---- stage 2: the plugin's backend macros ----

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const dateTime = (date: Date) => `toDateTime(${seconds(date)})`;
const dateTime64 = (date: Date) => `fromUnixTimestamp64Milli(${date.getTime()})`;
const dateOnly = (date: Date) => `toDate('${date.toISOString().slice(0, 10)}')`;

type Macro = (context: GrafanaQueryContext, args: string[]) => string;

function oneArg(name: string, expand: (column: string, context: GrafanaQueryContext) => string): Macro {
  return (context, args) => {
    if (args.length !== 1) throw new Error(`$__${name} expected 1 argument(s), received ${args.length}`);
    return expand(args[0]!, context);
  };
}

function goDurationSeconds(text: string): number {
  const units: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
  let total = 0;
  for (const part of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(part[1]) * units[part[2]!]!;
  if (total <= 0) throw new Error(`$__timeGroup: invalid interval "${text}"`);
  return Math.round(total);
}

const MACROS: Record<string, Macro> = {
  timeFilter: oneArg('timeFilter', (c, x) => `${c} >= ${dateTime(x.from)} AND ${c} <= ${dateTime(x.to)}`),
  timeFilter_ms: oneArg('timeFilter_ms', (c, x) => `${c} >= ${dateTime64(x.from)} AND ${c} <= ${dateTime64(x.to)}`),
  dateFilter: oneArg('dateFilter', (c, x) => `${c} >= ${dateOnly(x.from)} AND ${c} <= ${dateOnly(x.to)}`),
  timeFrom: oneArg('timeFrom', (c, x) => `${c} >= ${dateTime(x.from)}`),
  timeTo: oneArg('timeTo', (c, x) => `${c} <= ${dateTime(x.to)}`),
  timeInterval: oneArg(
    'timeInterval',
    (c, x) => `toStartOfInterval(toDateTime(${c}), INTERVAL ${Math.max(Math.floor(x.intervalMs / 1000), 1)} second)`,
  ),
  timeInterval_ms: oneArg(
    'timeInterval_ms',
    (c, x) => `toStartOfInterval(toDateTime64(${c}, 3), INTERVAL ${Math.max(x.intervalMs, 1)} millisecond)`,
  ),
  interval_s: (x) => String(Math.max(Math.floor(x.intervalMs / 1000), 1)),
  fromTime: (x) => dateTime(x.from),
  toTime: (x) => dateTime(x.to),
  fromTime_ms: (x) => dateTime64(x.from),
  toTime_ms: (x) => dateTime64(x.to),
  timeGroup: (_x, args) => {
    if (args.length !== 2) throw new Error(`$__timeGroup expected 2 argument(s), received ${args.length}`);
    return `toStartOfInterval(toDateTime(${args[0]!.trim()}), INTERVAL ${goDurationSeconds(args[1]!.trim().replace(/^['"]|['"]$/g, ''))} second)`;
  },
  dateTimeFilter: (x, args) => {
    if (args.length !== 2) throw new Error(`$__dateTimeFilter expected 2 argument(s), received ${args.length}`);
    const [d, t] = args as [string, string];
    return `(${d} >= ${dateOnly(x.from)} AND ${d} <= ${dateOnly(x.to)}) AND (${t} >= ${dateTime(x.from)} AND ${t} <= ${dateTime(x.to)})`;
  },
};
MACROS.dt = MACROS.dateTimeFilter!;

function expandBackendMacros(sql: string, context: GrafanaQueryContext): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const skipped = skipLiteralOrComment(sql, i);
    if (skipped > i) {
      out += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    const match = /^\$__(\w+)/.exec(sql.slice(i));
    const macro = match ? MACROS[match[1]!] : undefined;
    if (!match || !macro) {
      out += sql[i];
      i += 1;
      continue;
    }
    const afterName = i + match[0].length;
    const parsed = sql[afterName] === '(' ? argumentsAt(sql, afterName) : undefined;
    const args = parsed ? parsed.args.map((arg) => arg.trim()) : [];
    out += macro(context, args);
    i = parsed ? parsed.end : afterName;
  }
  return out;
}

/** Where a string literal, quoted identifier or comment starting at `i` ends (`i` when none starts there). */
function skipLiteralOrComment(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'" || c === '`' || c === '"') {
    let j = i + 1;
    while (j < sql.length && sql[j] !== c) j += sql[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  if (sql.startsWith('--', i)) {
    const end = sql.indexOf('\n', i);
    return end === -1 ? sql.length : end;
  }
  if (sql.startsWith('/*', i)) {
    const end = sql.indexOf('*/', i + 2);
    return end === -1 ? sql.length : end + 2;
  }
  return i;
}

/** The comma-separated arguments of the parenthesis at `open`, split at depth one; `end` is past the ')'. */
function argumentsAt(sql: string, open: number): { args: string[]; end: number } | undefined {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < sql.length; i += 1) {
    const skipped = skipLiteralOrComment(sql, i);
    if (skipped > i) {
      i = skipped - 1;
      continue;
    }
    const c = sql[i];
    if (c === '(') depth += 1;
    else if (c === ')') {
      depth -= 1;
      if (depth === 0) {
        args.push(sql.slice(start, i));
        return { args, end: i + 1 };
      }
    } else if (c === ',' && depth === 1) {
      args.push(sql.slice(start, i));
      start = i + 1;
    }
  }
  return undefined;
}
