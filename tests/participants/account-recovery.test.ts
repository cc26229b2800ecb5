import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, participantUserClient, signIn, TEST_OPERATOR, type ApiClient } from '../../harness/api-client.js';
import { queryRows, startTestYorozu } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

/**
 * Issue 19: the desk helps users back in (a temporary password, an unlock), each recorded with who did it and told
 * to a participant's user, and manages its own operators without ever locking itself out.
 */
type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let operator: ApiClient;
let participantId: string;
let ipCounter = 0;
const freshAddress = () => ({ 'x-forwarded-for': `203.0.113.${++ipCounter}` });
const login = (loginName: string, password: string) =>
  callApi(yorozu.url, 'POST', '/api/v1/auth/login', { loginName, password }, freshAddress());

beforeAll(async () => {
  yorozu = await startTestYorozu('account-recovery', { YOROZU_TRUST_PROXY: '1' });
  operator = await signIn(yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password, freshAddress());
  await operator.call('PUT', '/api/v1/auth/session/purpose', { purpose: 'operation' });
  participantId = await yorozu.participants.applications.registerDirectly(
    { organisation: '株式会社かぎ工房', contactEmail: 'info@kagi.example.jp' },
    'test',
  );
});

afterAll(async () => {
  await yorozu?.cleanup();
});

const changes = (accountId: string) =>
  queryRows<{ change_kind: string; changed_by: string }>(
    yorozu,
    'SELECT change_kind, changed_by FROM accounts WHERE account_id = {accountId:UUID} ORDER BY version',
    { accountId },
  );

const noticesOf = async (accountId: string) =>
  (
    await operator.call<contract.NoticeList>('GET', `/api/v1/participants/${participantId}/notices`)
  ).body.notices.filter((notice) => notice.account_id === accountId);

describe('password reset', () => {
  it("ends the user's sessions, the temporary password must be changed first, the old one no longer works, and the user is told", async () => {
    const user = await participantUserClient(yorozu.url, operator, participantId, 'reset-target');
    const reset = await operator.call<contract.PasswordReset>(
      'POST',
      `/api/v1/admin/accounts/${user.accountId}/reset-password`,
    );
    expect(reset.status).toBe(200);
    expect(reset.body.account).toMatchObject({ must_change_password: true });
    expect(reset.body.temporaryPassword.length).toBeGreaterThanOrEqual(12);
    expect((await user.call('GET', '/api/v1/me')).body).toMatchObject({ error: { code: 'session_ended' } });
    expect((await login('reset-target', user.password)).status).toBe(401);

    const again = await signIn(yorozu.url, 'reset-target', reset.body.temporaryPassword, freshAddress());
    expect((await again.call('GET', `/api/v1/participants/${participantId}/devices`)).body).toMatchObject({
      error: { code: 'password_change_required' },
    });
    const changed = await again.call('POST', '/api/v1/me/password', {
      currentPassword: reset.body.temporaryPassword,
      newPassword: 'a-new-password-after-reset-77',
    });
    expect(changed.status).toBe(200);
    expect(await changes(user.accountId)).toContainEqual({ change_kind: 'password_reset', changed_by: 'admin' });
    expect(await noticesOf(user.accountId)).toContainEqual(
      expect.objectContaining({ kind: 'password_reset', body_ja: expect.stringContaining('reset-target') }),
    );
  });

  it("an operator's password is reset the same way, without a notice (operators are not parties to the terms)", async () => {
    const created = await operator.call<contract.AccountCreated>('POST', '/api/v1/admin/accounts', {
      loginName: 'night-desk',
      displayName: '夜間担当',
    });
    const reset = await operator.call<contract.PasswordReset>(
      'POST',
      `/api/v1/admin/accounts/${created.body.account.account_id}/reset-password`,
    );
    expect(reset.status).toBe(200);
    expect((await login('night-desk', created.body.initialPassword!)).status).toBe(401);
    expect((await login('night-desk', reset.body.temporaryPassword)).status).toBe(200);
  });

  it('a participant user cannot reset anyone, and an unknown account is a 404', async () => {
    const user = await participantUserClient(yorozu.url, operator, participantId, 'not-an-operator');
    const refused = await user.call('POST', `/api/v1/admin/accounts/${user.accountId}/reset-password`);
    expect(refused.body).toMatchObject({ error: { code: 'operator_only' } });
    const unknown = await operator.call(
      'POST',
      '/api/v1/admin/accounts/00000000-0000-4000-8000-000000000000/reset-password',
    );
    expect(unknown.status).toBe(404);
  });
});

describe('unlock', () => {
  it('a locked login signs in with its right password at once after the unlock; recorded and told', async () => {
    const user = await participantUserClient(yorozu.url, operator, participantId, 'unlock-target');
    for (let i = 0; i < 5; i++) expect((await login('unlock-target', `wrong-password-${i}-xyz`)).status).toBe(401);
    expect((await login('unlock-target', user.password)).body).toMatchObject({ error: { code: 'account_locked' } });

    const unlocked = await operator.call<contract.AccountUnlocked>(
      'POST',
      `/api/v1/admin/accounts/${user.accountId}/unlock`,
    );
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.wasLockedUntil).not.toBeNull();
    expect((await login('unlock-target', user.password)).status).toBe(200);
    expect(await changes(user.accountId)).toContainEqual({ change_kind: 'unlocked', changed_by: 'admin' });
    expect(await noticesOf(user.accountId)).toContainEqual(expect.objectContaining({ kind: 'account_unlocked' }));

    // The count starts afresh: four more failures do not lock it again.
    for (let i = 0; i < 4; i++) await login('unlock-target', `wrong-again-${i}-xyz`);
    expect((await login('unlock-target', user.password)).status).toBe(200);
  });

  it('an account that is not locked says so, and no notice is sent', async () => {
    const user = await participantUserClient(yorozu.url, operator, participantId, 'never-locked');
    const unlocked = await operator.call<contract.AccountUnlocked>(
      'POST',
      `/api/v1/admin/accounts/${user.accountId}/unlock`,
    );
    expect(unlocked.body.wasLockedUntil).toBeNull();
    expect((await noticesOf(user.accountId)).map((notice) => notice.kind)).not.toContain('account_unlocked');
  });
});

describe('operator accounts', () => {
  it('an operator cannot disable itself; another operator is disabled (it cannot sign in) and enabled again', async () => {
    const self = await operator.call('POST', `/api/v1/admin/operators/${operator.accountId}/disable`, {
      reason: '退職',
    });
    expect(self.status).toBe(409);
    expect(self.body).toMatchObject({ error: { code: 'cannot_disable_self' } });
    const selfSuspend = await operator.call('POST', `/api/v1/admin/accounts/${operator.accountId}/suspend`, {
      reason: '退職',
      urgent: true,
    });
    expect(selfSuspend.body).toMatchObject({ error: { code: 'cannot_disable_self' } });

    const created = await operator.call<contract.AccountCreated>('POST', '/api/v1/admin/accounts', {
      loginName: 'second-operator',
      displayName: '二人目',
      password: 'kumo-no-ue-no-hoshi-42',
    });
    const secondId = created.body.account.account_id;
    const second = await signIn(yorozu.url, 'second-operator', 'kumo-no-ue-no-hoshi-42', freshAddress());
    const disabled = await operator.call<contract.AccountAnswer>(
      'POST',
      `/api/v1/admin/operators/${secondId}/disable`,
      { reason: '異動' },
    );
    expect(disabled.body.account).toMatchObject({ status: 'suspended', status_reason: '異動' });
    expect((await second.call('GET', '/api/v1/me')).body).toMatchObject({ error: { code: 'account_suspended' } });
    expect((await login('second-operator', 'kumo-no-ue-no-hoshi-42')).status).toBe(403);
    expect(await changes(secondId)).toContainEqual({ change_kind: 'operator_disabled', changed_by: 'admin' });

    const enabled = await operator.call('POST', `/api/v1/admin/operators/${secondId}/enable`, { reason: '復帰' });
    expect(enabled.body).toMatchObject({ account: { status: 'active' } });
    expect((await login('second-operator', 'kumo-no-ue-no-hoshi-42')).status).toBe(200);
    const twice = await operator.call('POST', `/api/v1/admin/operators/${secondId}/enable`, { reason: '復帰' });
    expect(twice.body).toMatchObject({ error: { code: 'not_suspended' } });
    const notOperator = await participantUserClient(yorozu.url, operator, participantId, 'portal-only');
    const wrongKind = await operator.call('POST', `/api/v1/admin/operators/${notOperator.accountId}/disable`, {
      reason: 'x',
    });
    expect(wrongKind.status).toBe(404);
  });

  it('the last active operator is never disabled (only a race between two operators could ask it)', async () => {
    const operators = (await operator.call<contract.AccountList>('GET', '/api/v1/admin/accounts?role=operator')).body
      .accounts;
    for (const other of operators)
      if (other.account_id !== operator.accountId && other.status === 'active')
        await operator.call('POST', `/api/v1/admin/operators/${other.account_id}/disable`, { reason: '整理' });
    const someoneElse = operators.find((other) => other.account_id !== operator.accountId)!;
    await expect(
      yorozu.participants.operatorAccounts.disable(operator.accountId, '整理', someoneElse.account_id, 'test'),
    ).rejects.toMatchObject({ code: 'last_active_operator', status: 409 });
    expect((await operator.call('GET', '/api/v1/me')).status).toBe(200);
  });
});
