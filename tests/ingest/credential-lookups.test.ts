import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enroll } from '../../agent/protocol-client.js';
import { nameBasedUuid } from '../../ingest/credentials.js';
import { DeviceAuthenticator } from '../../ingest/device-authenticator.js';
import { participantWithSecret, startTestYorozu } from '../support/yorozu-under-test.js';

/**
 * Credential checks the caches cannot answer go to the database one query at a time, together
 * (ingest/batched-lookups.ts): a storm of made-up credentials (the noisy-neighbour bench's 2,000 unknown device
 * ids, each new to the negative cache) costs one query per wave, not one per attempt, and every answer is still
 * the one a query of its own would give.
 */
type Yorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: Yorozu;
let credential: string;

beforeAll(async () => {
  yorozu = await startTestYorozu('credential-lookups');
  const { secret } = await participantWithSecret(yorozu, '株式会社かぎあわせ');
  ({ credential } = await enroll(yorozu.url, secret, 'PC-KEY'));
});
afterAll(async () => yorozu?.cleanup());

const madeUp = (label: string, count: number) =>
  Array.from({ length: count }, (_, i) => `ydc1.${nameBasedUuid(`${label}-${i}`)}.${'A'.repeat(43)}`);
const check = (authenticator: DeviceAuthenticator, credentials: string[]) =>
  Promise.all(credentials.map((c) => authenticator.authenticate(`Bearer ${c}`)));

describe('credential lookups', () => {
  it('answers 500 made-up credentials, a real one and one whose id is no UUID in a single query, each rightly', async () => {
    const authenticator = new DeviceAuthenticator(yorozu.devices);
    const notUuid = `ydc1.${'-'.repeat(36)}.${'A'.repeat(43)}`;
    const answers = await check(authenticator, [...madeUp('storm', 500), credential, notUuid]);
    expect(answers.slice(0, 500).filter((a) => a.ok || a.code !== 'invalid_credential')).toEqual([]);
    expect(answers[500]).toMatchObject({ ok: true });
    expect(answers[501]).toMatchObject({ ok: false, code: 'invalid_credential' });
    expect(authenticator.lookups.queries).toBe(1);
    // Asked again within the caches' time: the caches answer, no query.
    const again = await check(authenticator, [...madeUp('storm', 500), credential]);
    expect(again[500]).toMatchObject({ ok: true });
    expect(authenticator.lookups.queries).toBe(1);
  });

  it('makes the ids asked for while a query runs wait for it, then asks for them together', async () => {
    const authenticator = new DeviceAuthenticator(yorozu.devices);
    const first = check(authenticator, madeUp('first-wave', 100));
    // The first wave's query has started (it starts on the next turn); the next waves come while it runs.
    await new Promise((resolve) => setImmediate(resolve));
    const second = check(authenticator, madeUp('second-wave', 100));
    const third = check(authenticator, [...madeUp('third-wave', 100), credential]);
    const [a, b, c] = await Promise.all([first, second, third]);
    expect([...a, ...b, ...c.slice(0, 100)].filter((answer) => answer.ok)).toEqual([]);
    expect(c[100]).toMatchObject({ ok: true });
    expect(authenticator.lookups.queries).toBe(2);
  });
});
