import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorClient, participantUserClient, signIn, type ApiClient } from '../../harness/api-client.js';
import { participantWithSecret, queryRows, startTestYorozu } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

/**
 * Issue 22: saved searches kept on the server and shared between operators (they used to live in one browser's
 * localStorage), each with the access purpose its owner had chosen.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let first: ApiClient;
let second: ApiClient;
let user: ApiClient;
let participantId: string;
const PATH = '/api/v1/admin/saved-searches';

beforeAll(async () => {
  yorozu = await startTestYorozu('saved-searches');
  first = await operatorClient(yorozu.url);
  ({ participantId } = await participantWithSecret(yorozu, '株式会社ほくと'));
  const created = await first.call('POST', '/api/v1/admin/accounts', {
    loginName: 'second-operator',
    displayName: '二人目',
    password: 'second-desk-password-42',
  });
  expect(created.status).toBe(201);
  second = await signIn(yorozu.url, 'second-operator', 'second-desk-password-42');
  await second.call('PUT', '/api/v1/auth/session/purpose', { purpose: 'maintenance', note: '' });
  user = await participantUserClient(yorozu.url, first, participantId, 'hokuto-user');
});

afterAll(async () => {
  await yorozu?.cleanup();
});

const explorer = (q: string) => `/participants/${participantId}/explorer?q=${encodeURIComponent(q)}&range=7d`;

describe('saved searches on the server', () => {
  it('a shared search is seen by every operator with its owner and purpose; a private one by its owner only', async () => {
    const shared = await first.call<contract.SavedSearches>('POST', PATH, {
      name: '夜間の USB コピー',
      path: explorer('category:external_device'),
      shared: true,
    });
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    await first.call('POST', PATH, { name: '自分用', path: '/investigation?q=domain%3Abad.example&range=7d' });

    const seenBySecond = await second.call<contract.SavedSearches>('GET', PATH);
    expect(seenBySecond.body.searches.map((s) => s.name)).toEqual(['夜間の USB コピー']);
    expect(seenBySecond.body.searches[0]).toMatchObject({
      ownerName: 'admin',
      mine: false,
      shared: true,
      purpose: 'operation',
      participantId,
      path: explorer('category:external_device'),
    });
    const seenByFirst = await first.call<contract.SavedSearches>('GET', PATH);
    expect(seenByFirst.body.searches.map((s) => [s.name, s.participantId])).toEqual([
      ['自分用', null],
      ['夜間の USB コピー', participantId],
    ]);
  });

  it('saving under the same name replaces the search', async () => {
    await first.call('POST', PATH, { name: '自分用', path: explorer('category:printer_output') });
    const mine = (await first.call<contract.SavedSearches>('GET', PATH)).body.searches.filter(
      (s) => s.name === '自分用',
    );
    expect(mine).toHaveLength(1);
    expect(mine[0]!.path).toBe(explorer('category:printer_output'));
  });

  it('only the owner deletes a search', async () => {
    const [shared] = (await second.call<contract.SavedSearches>('GET', PATH)).body.searches;
    const refused = await second.call('DELETE', `${PATH}/${shared!.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'saved_search_not_yours' } });
    const deleted = await first.call<contract.SavedSearches>('DELETE', `${PATH}/${shared!.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.searches.map((s) => s.name)).toEqual(['自分用']);
    expect((await second.call<contract.SavedSearches>('GET', PATH)).body.searches).toEqual([]);
    expect((await first.call('DELETE', `${PATH}/${shared!.id}`)).status).toBe(404);
  });

  it('refuses an address that is not a search, naming the field', async () => {
    const reply = await first.call('POST', PATH, { name: 'x', path: 'https://evil.example/' });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { code: 'invalid_saved_search_path', issues: [{ path: 'path' }] } });
  });

  it("a participant's user never reaches them, and the rows are the participant's for deletion", async () => {
    expect((await user.call('GET', PATH)).status).toBe(403);
    const rows = await queryRows<{ n: string }>(
      yorozu,
      'SELECT count() AS n FROM saved_searches WHERE participant_id = {p:UUID}',
      { p: participantId },
    );
    expect(Number(rows[0]!.n)).toBeGreaterThan(0);
  });
});
