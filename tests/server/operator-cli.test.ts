import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger.js';
import { startYorozu } from '../../server/yorozu.js';
import { callApi, signIn } from '../../harness/api-client.js';
import { yorozuCli } from '../../harness/yorozu-process.js';
import { freshDataDir, testConfig } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

/** What an operator can do from the shell before any screen exists (README "Operators before the dashboard"). */
const dataDir = freshDataDir('operator-cli');

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the operator CLI', () => {
  it('adds an operator and resets a forgotten password; both generated passwords must be changed at the next sign-in', async () => {
    const added = (await yorozuCli(dataDir, ['operator', 'add', 'Night-Shift', '--name', '夜間当番'])) as {
      loginName: string;
      initialPassword: string;
    };
    expect(added.loginName).toBe('night-shift');
    expect(added.initialPassword).toMatch(/^[A-Za-z2-9]{16}$/);
    const reset = (await yorozuCli(dataDir, ['account', 'reset-password', 'night-shift'])) as { newPassword: string };
    expect(reset.newPassword).not.toBe(added.initialPassword);
    const registered = (await yorozuCli(dataDir, ['participant', 'add', '株式会社シェル'])) as {
      participantId: string;
    };

    const yorozu = await startYorozu(testConfig(dataDir), createLogger('silent'));
    try {
      expect(
        (
          await callApi(yorozu.url, 'POST', '/api/v1/auth/login', {
            loginName: 'night-shift',
            password: added.initialPassword,
          })
        ).status,
      ).toBe(401);
      const session = await signIn(yorozu.url, 'night-shift', reset.newPassword);
      expect((await session.call('GET', '/api/v1/admin/participants')).body).toMatchObject({
        error: { code: 'password_change_required' },
      });
      expect(
        (
          await session.call('POST', '/api/v1/me/password', {
            currentPassword: reset.newPassword,
            newPassword: 'a-chosen-password-for-nights',
          })
        ).status,
      ).toBe(200);
      // The list shows participants' registered details: an access purpose first (art. 15).
      expect((await session.call('PUT', '/api/v1/auth/session/purpose', { purpose: 'operation' })).status).toBe(200);
      const participants = await session.call<contract.ParticipantList>('GET', '/api/v1/admin/participants');
      expect(participants.body.participants).toContainEqual(
        expect.objectContaining({ participant_id: registered.participantId, status: 'active' }),
      );
    } finally {
      await yorozu.stop();
    }
  });
});
