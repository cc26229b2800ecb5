/**
 * How long a test waits for something that should happen: long enough for a machine running two suites at
 * once, short enough to fail well inside the test's own timeout. Waits end as soon as the condition holds.
 * (Its own module: vitest.config.ts reads it, and must not import vitest's runtime.)
 */
export const WAIT_LIMIT_MS = 60_000;
