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

  it('reads an empty variable as unset (docker-compose.yml passes optional settings as ${X:-})', () => {
    const config = loadConfig({
      YOROZU_ADMIN_PASSWORD: '',
      YOROZU_SMTP_RELAY_URL: '',
      YOROZU_MAIL_AUTHSERV_ID: '',
      YOROZU_PORT: '',
    });
    expect(config.firstOperator.password).toBeUndefined();
    expect(config.desk.mail.relayUrl).toBeUndefined();
    expect(config.port).toBe(8080);
  });
});
