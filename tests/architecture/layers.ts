/**
 * The one table of which top-level folder may import which (CONVENTIONS.md: data flows
 * agent → agent-protocol → ingest → sql → domains → api → dashboard; a folder imports from its
 * left only). `import-rules.test.ts` checks it against the real import graph; the folder READMEs
 * point here instead of repeating it. A new top-level folder with code needs a row.
 */
export const ALLOWED_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  // The leaf every layer may use: JST/UTC time, the Japanese calendar, hashes, the job type.
  common: [],
  // The REST API's contract: the answers' zod schemas, read by the server and (types only) by the dashboard.
  contract: [],
  'agent-protocol': ['common'],
  agent: ['agent-protocol', 'common'],
  sql: ['common'],
  ingest: ['agent-protocol', 'sql', 'common'],
  api: ['agent-protocol', 'sql', 'contract', 'common'],
  // Queries over one participant's scoped tables (p_devices, p_events, …): the tables, the per-run snapshot of
  // them, the two isolation checks and the runner; health's policies and detections' rules both run through it.
  'scoped-query': ['sql', 'common'],
  // Domains: each owns its routes, store and rules; server/ wires them to each other.
  notices: ['agent-protocol', 'ingest', 'sql', 'contract', 'api', 'common'],
  participants: ['agent-protocol', 'ingest', 'sql', 'contract', 'api', 'notices', 'common'],
  health: ['agent-protocol', 'ingest', 'sql', 'contract', 'api', 'scoped-query', 'common'],
  investigation: ['agent-protocol', 'ingest', 'sql', 'contract', 'api', 'common'],
  desk: ['agent-protocol', 'ingest', 'sql', 'contract', 'api', 'common'],
  // Detection rules (Sigma) and findings: compiled to queries over the participant-scoped tables and run through
  // the same two isolation checks as health's policies (scoped-query/).
  detections: ['agent-protocol', 'ingest', 'sql', 'contract', 'api', 'scoped-query', 'common'],
  // Art. 16: deletes a participant's rows from every table; the table list comes from the schema.
  retention: ['agent-protocol', 'ingest', 'sql', 'contract', 'api', 'common'],
  // The process assembles everything that runs in it.
  server: [
    'agent-protocol',
    'agent',
    'ingest',
    'sql',
    'contract',
    'api',
    'scoped-query',
    'notices',
    'participants',
    'health',
    'detections',
    'investigation',
    'desk',
    'retention',
    'common',
  ],
  // Grafana dashboards as code, generated into provisioning JSON.
  grafana: ['sql', 'common'],
  // The browser app talks to the REST API only; it reads the API's types from the contract (type-only imports,
  // checked by tests/api/response-contract.test.ts).
  dashboard: ['contract'],
  // Drives a whole Yorozu from outside (child process, CLI, REST client), for tests and benchmarks.
  harness: ['server', 'contract', 'common'],
  bench: ['agent-protocol', 'agent', 'ingest', 'sql', 'api', 'server', 'harness', 'common'],
  tests: ['*'],
};

/** Top-level folders that hold no TypeScript of ours. */
export const NOT_CODE = new Set(['node_modules', 'data', 'dist', 'docs', '.git', '.ci', '.tmp']);
