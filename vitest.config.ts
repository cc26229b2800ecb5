import { defineConfig } from 'vitest/config';
import { WAIT_LIMIT_MS } from './tests/support/wait-limit.js';

/**
 * `npm run test:unit` runs these: the rules and pure modules, with no engine, no browser, no server and no
 * child process, in seconds. `npm test` runs them with everything else. A new test file of that kind is
 * listed here; any file not listed runs in the `integration` project.
 */
const UNIT_TESTS = [
  'tests/desk/reply-template-rules.test.ts',
  'tests/desk/ticket-search-rules.test.ts',
  'tests/desk/history-text.test.ts',
  'tests/agent-protocol/json-schemas.test.ts',
  'tests/agent-protocol/event-catalogue.test.ts',
  'tests/health/engine-message.test.ts',
  'tests/detections/sigma-exceptions.test.ts',
  'tests/detections/finding-merge.test.ts',
  'tests/detections/rule-pack-japanese.test.ts',
  'tests/agent-protocol/messages.test.ts',
  'tests/agent-protocol/policy-reads.test.ts',
  'tests/agent/windows-collectors.test.ts',
  'tests/agent/linux-health.test.ts',
  'tests/agent/linux-cups-pages.test.ts',
  'tests/agent/linux-sources.test.ts',
  'tests/agent-protocol/windows-mapping-docs.test.ts',
  'tests/agent-protocol/windows-mapping.test.ts',
  'tests/agent/windows-collector-config.test.ts',
  'tests/agent/disk-buffer.test.ts',
  'tests/api/client-address.test.ts',
  'tests/architecture/import-rules.test.ts',
  'tests/dashboard/api-error-catalogue.test.ts',
  'tests/dashboard/landing.test.ts',
  'tests/dashboard/evidence-columns.test.ts',
  'tests/dashboard/histogram-live.test.ts',
  'tests/dashboard/result-order.test.ts',
  'tests/investigation/histogram-split.test.ts',
  'tests/dashboard/score-tone.test.ts',
  'tests/dashboard/query-autocomplete.test.ts',
  'tests/dashboard/notice-names.test.ts',
  'tests/desk/business-hours.test.ts',
  'tests/desk/mail-authentication.test.ts',
  'tests/desk/mail-threading.test.ts',
  'tests/desk/sla.test.ts',
  'tests/ingest/read-scheduler.test.ts',
  'tests/ingest/fair-share.test.ts',
  'tests/ingest/device-read-budget.test.ts',
  'tests/ingest/event-validator.test.ts',
  'tests/bench/docs-table.test.ts',
  'tests/bench/noisy-neighbour-figures.test.ts',
  'tests/bench/connections-rows.test.ts',
  'tests/health/evaluation-history-rules.test.ts',
  'tests/ingest/event-rows.test.ts',
  'tests/investigation/event-export.test.ts',
  'tests/common/spreadsheet-csv.test.ts',
  'tests/desk/evidence-marks.test.ts',
  'tests/health/antivirus-history-rules.test.ts',
  'tests/investigation/query-language.test.ts',
  'tests/notices/rules.test.ts',
  'tests/participants/rules.test.ts',
  'tests/participants/account-status-reasons.test.ts',
  'tests/retention/rules.test.ts',
  'tests/server/config.test.ts',
];

// chDB binds one data directory per process, so every test file runs in its own forked process and opens
// its own temporary directory (startTestYorozu in tests/support/yorozu-under-test.ts).
export default defineConfig({
  test: {
    pool: 'forks',
    // Deadlines, not expectations: on the shared 2-core machine (load 20-35 with several suites at once) a test of
    // the engine took over 60 s. A test that hangs still fails, only later.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    maxWorkers: 2,
    // expect.poll waits for a condition up to this long (vitest's default of 1 s fails on a busy machine).
    expect: { poll: { timeout: WAIT_LIMIT_MS, interval: 50 } },
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT_TESTS } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          exclude: UNIT_TESTS,
          // The browser tests need the built dashboard; this builds it once when a source changed.
          globalSetup: ['tests/support/build-dashboard.ts'],
        },
      },
    ],
  },
});
