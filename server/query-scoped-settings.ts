import type { createClient } from '@clickhouse/client';

/**
 * Makes the embedded engine's `clickhouse_settings` apply to their own query only, as they do over
 * HTTP (URL parameters are per request).
 *
 * Why: chdb's connection (chdb 3.4 `chdb/connection`) turns each call's settings into `SET k = v;`
 * statements in front of the query, on the one session the process shares. A `SET` stays on the
 * session, so a health run's `max_result_rows`, `max_execution_time` and `log_comment` applied to
 * every later export, insert and deletion (issue 15, finding 0). This belongs upstream: the
 * connection should scope them itself (a `SETTINGS` clause, or per-call settings in the native
 * session). Until it does, this wrapper:
 *
 * - runs the calls one at a time, in the order they were made. The session already runs one
 *   statement at a time (two `sleep(1)` on one session take 2 s), so this costs no parallelism; it
 *   makes the order of the `SET`s known;
 * - remembers every setting any call put on the session, and has every later call that does not pass
 *   it reset it first (`SET k = DEFAULT`), so a call sees exactly its own settings plus the defaults.
 *   Names are never forgotten: chdb skips an insert with an empty body without running its
 *   statements, so "this reset ran" cannot be known; the list is short (the names Yorozu uses).
 *
 * A `SETTINGS` clause was not used: on `CREATE TABLE … ENGINE = MergeTree` a trailing `SETTINGS`
 * names table settings, so commands would still need another path; one mechanism for every kind of
 * statement is easier to trust.
 */
type EmbeddedConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;
type Settings = Record<string, unknown> | undefined;

const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Settings chdb drops itself (HTTP-only, or mapped to a chdb option): they never reach the session. */
const NOT_SESSION_SETTINGS = new Set([
  'wait_end_of_query',
  'default_format',
  'send_progress_in_http_headers',
  'http_response_buffer_size',
  'http_headers_progress_interval_ms',
  'http_send_progress_interval_ms',
  'enable_http_compression',
  'http_zlib_compression_level',
  'http_response_compression_method',
  'http_native_compression_disable_checksumming_on_decompress',
]);

export function withQueryScopedSettings(inner: EmbeddedConnection): EmbeddedConnection {
  /** Every setting a call has passed on this session: each later call sets or resets all of them. */
  const everSet = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();

  function inTurn<T>(settings: Settings, run: (prefix: string) => Promise<T>): Promise<T> {
    const turn = queue.then(() => {
      const own = Object.entries(settings ?? {})
        .filter(([name, value]) => value !== undefined && !NOT_SESSION_SETTINGS.has(name))
        .map(([name]) => name);
      for (const name of own) {
        if (!SETTING_NAME.test(name)) throw new Error(`Invalid setting name: ${JSON.stringify(name)}`);
      }
      const resets = [...everSet].filter((name) => !own.includes(name));
      for (const name of own) everSet.add(name);
      return run(resets.map((name) => `SET ${name} = DEFAULT; `).join(''));
    });
    queue = turn.catch(() => undefined);
    return turn;
  }

  return {
    ping: (params) => inner.ping(params),
    close: () => inner.close(),
    query: (params) =>
      inTurn(params.clickhouse_settings, (prefix) => inner.query({ ...params, query: prefix + params.query })),
    command: (params) =>
      inTurn(params.clickhouse_settings, (prefix) => inner.command({ ...params, query: prefix + params.query })),
    exec: (params) =>
      inTurn(params.clickhouse_settings, (prefix) => inner.exec({ ...params, query: prefix + params.query })),
    insert: (params) =>
      inTurn(params.clickhouse_settings, (prefix) => inner.insert({ ...params, query: prefix + params.query })),
  };
}
