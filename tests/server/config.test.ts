import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('configuration from the environment', () => {
  it('has defaults for the embedded mode', () => {
    const config = loadConfig({});
    expect(config.clickhouse.url).toBeUndefined();
    expect(config.clickhouse.embeddedPath).toMatch(/data\/clickhouse$/);
    expect(config.port).toBe(8080);
    expect(config.ingest.maxEventsPerBatch).toBe(5000);
  });

  it('names every bad setting', () => {
    let error: unknown;
    try {
      loadConfig({ YOROZU_PORT: 'eighty', CLICKHOUSE_URL: 'not a url', INGEST_FSYNC: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['YOROZU_PORT', 'CLICKHOUSE_URL', 'INGEST_FSYNC']) expect(message).toContain(name);
  });
});
