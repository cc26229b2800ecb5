import { rmSync } from 'node:fs';
import { loadConfig, type Config } from '../../server/config.js';
import { startYorozu, type RunningYorozu } from '../../server/yorozu.js';
import { createLogger } from '../../server/logger.js';
import { TEST_OPERATOR } from '../../harness/api-client.js';
import { freshDataDir } from '../../harness/data-dir.js';

export { freshDataDir } from '../../harness/data-dir.js';
import { runSimulator, type SimulatorResult } from '../../agent/simulator/index.js';

/**
 * A whole Yorozu on loopback over a fresh embedded ClickHouse directory. chDB binds one directory
 * per process, so each test file starts at most one of these (vitest runs files in forked processes).
 */
export function testConfig(dataDir: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    YOROZU_DATA_DIR: dataDir,
    YOROZU_HOST: '127.0.0.1',
    YOROZU_PORT: '0',
    YOROZU_LOG_LEVEL: 'silent',
    YOROZU_ADMIN_PASSWORD: TEST_OPERATOR.password,
    INGEST_FLUSH_INTERVAL_MS: '20',
    YOROZU_SIGN_INS_PER_MINUTE: '1000',
    YOROZU_APPLICATIONS_PER_HOUR: '1000',
    ...env,
  });
}

export async function startTestYorozu(
  label: string,
  env: Record<string, string> = {},
): Promise<RunningYorozu & { dataDir: string; cleanup(): Promise<void> }> {
  const dataDir = freshDataDir(label);
  const config = testConfig(dataDir, env);
  const yorozu = await startYorozu(
    config,
    createLogger(process.env.YOROZU_TEST_LOG_LEVEL === 'error' ? 'error' : 'silent'),
  );
  return {
    ...yorozu,
    dataDir,
    async cleanup() {
      await yorozu.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A participant with an enrollment secret, created the way an operator would. */
export async function participantWithSecret(
  yorozu: RunningYorozu,
  name: string,
): Promise<{ participantId: string; secret: string }> {
  const participantId = await yorozu.participants.applications.registerDirectly({ organisation: name }, 'test');
  const { token } = await yorozu.devices.createEnrollmentSecret(participantId, 'test', 'test');
  return { participantId, secret: token };
}

export async function queryRows<T = Record<string, unknown>>(
  yorozu: RunningYorozu,
  query: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const result = await yorozu.database.client.query({ query, query_params: params, format: 'JSONEachRow' });
  return result.json<T>();
}

/** Offices whose simulated PCs enroll and backfill over the real protocol (the simulator's backfill mode). */
export async function backfilledOffices(
  yorozu: RunningYorozu,
  offices: { name: string; code: string }[],
  options: { seed: number; days: number; devicesPerParticipant: number; scale: number },
): Promise<{ participants: { participantId: string; secret: string }[]; simulated: SimulatorResult }> {
  const participants: { participantId: string; secret: string }[] = [];
  for (const office of offices) participants.push(await participantWithSecret(yorozu, office.name));
  const simulated = await runSimulator({
    serverUrl: yorozu.url,
    participants: offices.map((office, index) => ({ ...participants[index]!, ...office })),
    mode: 'backfill',
    ...options,
  });
  return { participants, simulated };
}
