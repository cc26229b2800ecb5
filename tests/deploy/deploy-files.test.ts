import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/clickhouse.js';
import { toClusterStatements } from '../../server/cluster-ddl.js';
import { CREATE_LEASES } from '../../server/job-lease.js';
import { ALLOWED_IMPORTS } from '../architecture/layers.js';
import { freshDataDir, testConfig } from '../support/yorozu-under-test.js';

/**
 * The deployment files, checked without a Docker daemon (none runs here, nor in CI):
 * - both compose files validate with `docker-compose config -q` (Debian's docker-compose, installed by
 *   `npm test`'s pretest), list the services the docs promise, and stop with a clear message when a
 *   password is missing;
 * - the Dockerfile keeps the rules hadolint would check that matter here (hadolint itself is not
 *   installable: not in Debian 12, and its npm wrapper needs the binary from GitHub releases);
 * - the image gets every folder the process imports;
 * - the leases table's cluster DDL parses on the engine (the migrations' own: tests/server/migrations.test.ts).
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(`${ROOT}${file}`, 'utf8');
const hasDockerCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;
const SECRETS = {
  YOROZU_CLICKHOUSE_PASSWORD: 'check-only',
  YOROZU_GRAFANA_CLICKHOUSE_PASSWORD: 'check-only',
  YOROZU_GRAFANA_ADMIN_PASSWORD: 'check-only',
  YOROZU_CLICKHOUSE_CLUSTER_SECRET: 'check-only',
};

// An empty env file instead of the checkout's .env: a developer's own settings must not decide the result.
const emptyEnvFile = path.join(mkdtempSync(path.join(tmpdir(), 'yorozu-compose-')), 'empty.env');
writeFileSync(emptyEnvFile, '');

function compose(file: string, args: string[], env: Record<string, string> = SECRETS) {
  // A clean environment plus the placeholders.
  return spawnSync(
    'docker-compose',
    ['--project-directory', ROOT, '--env-file', emptyEnvFile, '-f', `${ROOT}${file}`, ...args],
    {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    },
  );
}

afterAll(() => rmSync(path.dirname(emptyEnvFile), { recursive: true, force: true }));

if (!hasDockerCompose) {
  console.warn(
    'tests/deploy: docker-compose is not installed (apt-get install docker-compose); the compose files are not validated in this run.',
  );
}

describe.skipIf(!hasDockerCompose)('the compose files (docker-compose config, no daemon)', () => {
  it.each(['docker-compose.yml', 'docker-compose.cluster.yml'])('%s validates', (file) => {
    const result = compose(file, ['config', '-q']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('the single-server file has one ClickHouse, Yorozu, Prometheus and Grafana, with volumes', () => {
    expect(compose('docker-compose.yml', ['config', '--services']).stdout.trim().split('\n').sort()).toEqual([
      'clickhouse',
      'grafana',
      'prometheus',
      'yorozu',
    ]);
    expect(compose('docker-compose.yml', ['config', '--volumes']).stdout.trim().split('\n')).toEqual(
      expect.arrayContaining(['clickhouse-data', 'grafana-data', 'prometheus-data']),
    );
    const resolved = compose('docker-compose.yml', ['config']).stdout;
    expect(resolved).toContain('CLICKHOUSE_URL: http://clickhouse:8123');
    expect(resolved).toMatch(/published: 2525|2525:2525/);
  });

  it('the cluster file has Keeper ×3, 2 shards × 2 replicas, two gateways behind nginx, Prometheus and Grafana', () => {
    const services = compose('docker-compose.cluster.yml', ['config', '--services']).stdout.trim().split('\n').sort();
    expect(services).toEqual([
      'ch-s1r1',
      'ch-s1r2',
      'ch-s2r1',
      'ch-s2r2',
      'grafana',
      'keeper-1',
      'keeper-2',
      'keeper-3',
      'lb',
      'prometheus',
      'yorozu-1',
      'yorozu-2',
    ]);
    const resolved = compose('docker-compose.cluster.yml', ['config']).stdout;
    expect(resolved.match(/CLICKHOUSE_CLUSTER: yorozu/g)).toHaveLength(2);
    const cluster = read('deploy/clickhouse/cluster/config.d/cluster.xml');
    for (const node of ['ch-s1r1', 'ch-s1r2', 'ch-s2r1', 'ch-s2r2']) expect(cluster).toContain(`<host>${node}</host>`);
    for (const keeper of ['keeper-1', 'keeper-2', 'keeper-3']) expect(cluster).toContain(`<host>${keeper}</host>`);
  });

  it('a missing password stops the set-up with a message naming it', () => {
    const result = compose('docker-compose.yml', ['config', '-q'], {});
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/YOROZU_CLICKHOUSE_PASSWORD in \.env/);
  });
});

describe('the container image', () => {
  const dockerfile = read('Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => /^[A-Z]+\s/.test(line));

  it('is multi-stage on Node 20 slim, runs as a user that is not root, and checks /healthz', () => {
    expect(dockerfile).toMatch(/ARG NODE_IMAGE=node:20-bookworm-slim/);
    expect(instructions.filter((line) => line.startsWith('FROM ')).length).toBeGreaterThanOrEqual(3);
    const users = instructions.filter((line) => line.startsWith('USER '));
    expect(users.at(-1)).toBe('USER node');
    expect(instructions.find((line) => line.startsWith('HEALTHCHECK '))).toContain('/healthz');
    expect(instructions.find((line) => line.startsWith('CMD '))).toMatch(/^CMD \[/); // exec form (hadolint DL3025)
  });

  it('builds the dashboard and installs Chromium and CJK fonts the way hadolint asks', () => {
    expect(dockerfile).toContain('npm run dashboard:build');
    expect(dockerfile).toContain('COPY --from=build /app/dashboard/dist ./dashboard/dist');
    const apt = instructions.find((line) => line.includes('apt-get install'))!;
    expect(apt).toMatch(/chromium/);
    expect(apt).toMatch(/fonts-noto-cjk/);
    expect(apt).toContain('--no-install-recommends'); // DL3015
    expect(apt).toContain('rm -rf /var/lib/apt/lists/*'); // DL3009
    expect(apt).toMatch(/apt-get update && apt-get install|apt-get update\s+&& apt-get install/); // DL3009: update and install in one layer
  });

  it('gets every folder the process imports (.dockerignore leaves them in)', () => {
    const ignored = new Set(
      read('.dockerignore')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#')),
    );
    for (const folder of ['server', ...ALLOWED_IMPORTS.server!])
      expect(ignored.has(folder), `${folder} is excluded from the image`).toBe(false);
    for (const heavy of ['node_modules', '.git', 'data', 'tests', 'bench'])
      expect(ignored.has(heavy), `${heavy} should stay out of the image`).toBe(true);
  });

  it('the load balancer passes WebSocket upgrades and outlasts the agents heartbeat', () => {
    const nginx = read('deploy/nginx/nginx.conf');
    expect(nginx).toContain('proxy_set_header Upgrade $http_upgrade;');
    expect(nginx).toContain('proxy_set_header Connection $connection_upgrade;');
    expect(Number(/proxy_read_timeout (\d+)s/.exec(nginx)?.[1])).toBeGreaterThan(30);
  });
});

describe('the leases table on a cluster', () => {
  const dataDir = freshDataDir('deploy-ddl');
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase(testConfig(dataDir));
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is a Replicated local table and a Distributed table, and both statements parse on the engine', async () => {
    const statements = toClusterStatements(CREATE_LEASES, 'yorozu', 'yorozu');
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(
      /CREATE TABLE IF NOT EXISTS leases_local ON CLUSTER yorozu[\s\S]*ENGINE = ReplicatedMergeTree/,
    );
    expect(statements[1]).toMatch(/ENGINE = Distributed\('yorozu', 'yorozu', 'leases_local', cityHash64\(name\)\)/);
    for (const statement of statements) {
      // sql-paste-ok: the statement is generated DDL of the leases table, not a value
      const ast = await db.client.query({
        query: `EXPLAIN AST ${statement.replace(/--[^\n]*/g, '')}`,
        format: 'TabSeparated',
      });
      expect(await ast.text()).toContain('CreateQuery');
    }
  });
});

// The docs tell operators to run these; keep them honest about what exists.
it('docs/deployment.md names the files it explains', () => {
  const docs = read('docs/deployment.md');
  for (const file of ['docker-compose.yml', 'docker-compose.cluster.yml', 'deploy/env.example', 'server/job-lease.ts'])
    expect(docs).toContain(file);
  execFileSync('test', ['-f', `${ROOT}deploy/env.example`]);
});
