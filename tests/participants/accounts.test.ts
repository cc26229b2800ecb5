import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionHashOf } from '../../api/session-token.js';
import { accountIdFor } from '../../participants/rules/login-names.js';
import { writeVersion } from '../../sql/versioned-state.js';
import { callApi, participantUserClient, signIn, TEST_OPERATOR, type ApiClient } from '../../harness/api-client.js';
import { queryRows, startTestYorozu } from '../support/yorozu-under-test.js';
import type * as contract from '../../contract/index.js';

type TestYorozu = Awaited<ReturnType<typeof startTestYorozu>>;
let yorozu: TestYorozu;
let operator: ApiClient;
let participantId: string;
let ipCounter = 0;
/** Sign-ins are rate-limited per address: each test speaks from its own (trusted proxy header). */
const freshAddress = () => ({ 'x-forwarded-for': `198.51.100.${++ipCounter}` });

beforeAll(async () => {
  yorozu = await startTestYorozu('accounts', { YOROZU_TRUST_PROXY: '1', YOROZU_SIGN_INS_PER_MINUTE: '20' });
  operator = await signIn(yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password, freshAddress());
  await operator.call('PUT', '/api/v1/auth/session/purpose', { purpose: 'operation' });
  participantId = await yorozu.participants.applications.registerDirectly(
    { organisation: '株式会社テスト商会', contactEmail: 'info@test-shokai.example.jp' },
    'test',
  );
});

afterAll(async () => {
  await yorozu?.cleanup();
});

const login = (loginName: string, password: string, headers: Record<string, string> = freshAddress()) =>
  callApi(yorozu.url, 'POST', '/api/v1/auth/login', { loginName, password }, headers);

async function newUser(loginName: string) {
  return participantUserClient(yorozu.url, operator, participantId, loginName);
}

describe('signing in', () => {
  it('the first operator, created on the empty database, signs in; the session cookie is HttpOnly and SameSite, and Secure behind HTTPS', async () => {
    const plain = await login(TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({ account: { login_name: 'admin', role: 'operator' } });
    const cookie = plain.headers.getSetCookie().find((c) => c.startsWith('yorozu_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);

    const behindTls = await login(TEST_OPERATOR.loginName, TEST_OPERATOR.password, {
      ...freshAddress(),
      'x-forwarded-proto': 'https',
    });
    expect(behindTls.headers.getSetCookie().find((c) => c.startsWith('yorozu_session='))).toMatch(/Secure/);
  });

  it('a wrong password gets a clear 401 that does not say which part was wrong, and an unknown name gets the same', async () => {
    const wrong = await login(TEST_OPERATOR.loginName, 'not-the-password-at-all');
    const unknown = await login('nobody-of-that-name', 'not-the-password-at-all');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({
      error: { code: 'invalid_credentials', message: expect.stringContaining('login name or the password is wrong') },
    });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('five failures in a row lock the login for 15 minutes, even for the right password, and unknown names lock alike', async () => {
    const user = await newUser('lock-target');
    for (let i = 0; i < 5; i++) expect((await login('lock-target', `wrong-password-${i}-xyz`)).status).toBe(401);
    const locked = await login('lock-target', user.password);
    expect(locked.status).toBe(423);
    expect(locked.body).toMatchObject({
      error: {
        code: 'account_locked',
        message: expect.stringMatching(/locked until \d{4}-\d\d-\d\d \d\d:\d\d \(JST\)/),
      },
    });

    for (let i = 0; i < 5; i++) await login('no-such-login-name', `wrong-password-${i}-xyz`);
    expect((await login('no-such-login-name', 'anything-at-all-123')).body).toMatchObject({
      error: { code: 'account_locked' },
    });
    // The lock is the login's, not the session's: a session opened before keeps working.
    expect((await user.call('GET', '/api/v1/me')).status).toBe(200);
  });

  it('100 wrong passwords at once: at most five are checked, the rest find the login locked (issue 15, finding 3)', async () => {
    await newUser('burst-target');
    const statuses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        login('burst-target', `wrong-password-${i}-xyz`).then((answer) => answer.status),
      ),
    );
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status !== 401 && status !== 423)).toEqual([]);
    const history = await queryRows<{ result: string; n: string }>(
      yorozu,
      'SELECT result, count() AS n FROM sign_ins WHERE login_name = {login:String} GROUP BY result',
      { login: 'burst-target' },
    );
    expect(Number(history.find((row) => row.result === 'wrong_password')?.n ?? 0)).toBeLessThanOrEqual(5);
  });

  it('39 wrong passwords and the right one at once: at most five guesses are checked, the right one among them or not at all', async () => {
    const user = await newUser('burst-right');
    const guesses = [...Array.from({ length: 39 }, (_, i) => `wrong-password-${i}-xyz`), user.password];
    const statuses = await Promise.all(
      guesses.map((password) => login('burst-right', password).then((answer) => answer.status)),
    );
    const checked = statuses.filter((status) => status === 401 || status === 200);
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => ![401, 200, 423].includes(status))).toEqual([]);
    // The right password after those failures: locked.
    expect((await login('burst-right', user.password)).status).toBe(statuses.includes(200) ? 200 : 423);
  });

  it('more sign-ins from one address than the limit get 429 with Retry-After, and other addresses are not affected', async () => {
    const address = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++)
      statuses.push((await login('nobody-from-here', 'whatever-password-1', address)).status);
    expect(statuses.slice(0, 20).every((status) => status === 401 || status === 423)).toBe(true);
    const limited = await login('nobody-from-here', 'whatever-password-1', address);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ error: { code: 'too_many_sign_ins' } });
    expect((await login(TEST_OPERATOR.loginName, TEST_OPERATOR.password)).status).toBe(200);
  });

  it('an address the client writes in front of X-Forwarded-For neither escapes the limit nor reaches the history (issue 15, finding 4)', async () => {
    const real = freshAddress()['x-forwarded-for'];
    // Twice the per-address limit at once, each with another address written in front: the limit still bites.
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        login('spoofer-target', 'whatever-password-1', { 'x-forwarded-for': `203.0.113.${i}, ${real}` }).then(
          (answer) => answer.status,
        ),
      ),
    );
    expect(statuses).toContain(429);
    const recorded = await queryRows<{ ip: string }>(
      yorozu,
      'SELECT DISTINCT ip FROM sign_ins WHERE login_name = {login:String}',
      { login: 'spoofer-target' },
    );
    expect(recorded).toEqual([{ ip: real }]);
  });

  it('the owner sees its sign-in history: time, address, browser and result', async () => {
    const user = await newUser('history-owner');
    await login('history-owner', 'a-wrong-password-1', {
      'x-forwarded-for': '203.0.113.7',
      'user-agent': 'Mozilla/5.0 (X11; yorozu-test)',
    });
    const history = await user.call<contract.SignIns>('GET', '/api/v1/me/sign-ins');
    expect(history.status).toBe(200);
    const results = history.body.signIns.map((s) => s.result);
    expect(results).toContain('wrong_password');
    expect(results).toContain('success');
    expect(history.body.signIns.find((s) => s.result === 'wrong_password')).toMatchObject({
      ip: '203.0.113.7',
      user_agent: 'Mozilla/5.0 (X11; yorozu-test)',
    });
  });
});

describe('sessions', () => {
  it('a state-changing request signed in by cookie needs the CSRF token of its session', async () => {
    const reply = await login(TEST_OPERATOR.loginName, TEST_OPERATOR.password);
    const { sessionToken, csrfToken } = reply.body as { sessionToken: string; csrfToken: string };
    const cookie = { cookie: `yorozu_session=${sessionToken}` };
    const purpose = { purpose: 'maintenance' };
    expect((await callApi(yorozu.url, 'GET', '/api/v1/me', undefined, cookie)).status).toBe(200);
    const missing = await callApi(yorozu.url, 'PUT', '/api/v1/auth/session/purpose', purpose, cookie);
    expect(missing.status).toBe(403);
    expect(missing.body).toMatchObject({
      error: { code: 'csrf_token_missing', message: expect.stringContaining('x-csrf-token') },
    });
    const wrong = await callApi(yorozu.url, 'PUT', '/api/v1/auth/session/purpose', purpose, {
      ...cookie,
      'x-csrf-token': 'A'.repeat(csrfToken.length),
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ error: { code: 'csrf_token_invalid' } });
    expect(
      (
        await callApi(yorozu.url, 'PUT', '/api/v1/auth/session/purpose', purpose, {
          ...cookie,
          'x-csrf-token': csrfToken,
        })
      ).status,
    ).toBe(200);
  });

  it('a session idle for longer than its role allows ends: 30 minutes for operators by default (issue 15, finding 9)', async () => {
    const created = await operator.call<{ password: string }>('POST', '/api/v1/admin/accounts', {
      loginName: 'idle-operator',
      displayName: '待機',
      password: 'resting-desk-password-1',
    });
    expect(created.status).toBe(201);
    const idleOperator = await signIn(yorozu.url, 'idle-operator', 'resting-desk-password-1', freshAddress());
    const user = await newUser('idle-user');
    // 31 minutes since the sign-in, without a request: the session's start is moved back, as the clock would.
    const backdate = (token: string) =>
      yorozu.database.client.command({
        query: `INSERT INTO sessions SELECT session_hash, account_id, status, created_at - INTERVAL 31 MINUTE, expires_at, ip, user_agent, access_purpose, purpose_note, now64(6)
                FROM sessions WHERE session_hash = {hash:FixedString(64)} ORDER BY changed_at DESC LIMIT 1`,
        query_params: { hash: sessionHashOf(token) },
      });
    await backdate(idleOperator.sessionToken);
    await backdate(user.sessionToken);
    const idle = await idleOperator.call('GET', '/api/v1/me');
    expect(idle.status).toBe(401);
    expect(idle.body).toMatchObject({
      error: { code: 'session_idle', message: expect.stringContaining('30 minutes') },
    });
    // A participant user's limit is longer (120 minutes by default): still signed in.
    expect((await user.call('GET', '/api/v1/me')).status).toBe(200);
    // A request within the limit keeps a session alive: the latest one counts, not the sign-in.
    const active = await signIn(yorozu.url, 'idle-operator', 'resting-desk-password-1', freshAddress());
    expect((await active.call('GET', '/api/v1/me')).status).toBe(200);
    await backdate(active.sessionToken);
    expect((await active.call('GET', '/api/v1/me')).status).toBe(200);
  });

  it('signing out ends the session on the server: the same token is refused at once', async () => {
    const session = await signIn(yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password, freshAddress());
    expect((await session.call('POST', '/api/v1/auth/logout')).status).toBe(200);
    const after = await session.call('GET', '/api/v1/me');
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ error: { code: 'session_ended' } });
  });

  it('no session, a malformed token and an unknown token each get their own 401', async () => {
    expect((await callApi(yorozu.url, 'GET', '/api/v1/me')).body).toMatchObject({
      error: { code: 'unauthenticated', message: expect.stringContaining('/api/v1/auth/login') },
    });
    expect(
      (await callApi(yorozu.url, 'GET', '/api/v1/me', undefined, { authorization: 'Bearer nonsense' })).body,
    ).toMatchObject({ error: { code: 'invalid_session' } });
    const unknown = `yss1.${'x'.repeat(43)}`;
    expect(
      (await callApi(yorozu.url, 'GET', '/api/v1/me', undefined, { authorization: `Bearer ${unknown}` })).body,
    ).toMatchObject({ error: { code: 'session_unknown' } });
  });

  it('an issued password must be changed before anything else, and changing a password ends the other sessions', async () => {
    const created = await operator.call<contract.UserIssued>(
      'POST',
      `/api/v1/admin/participants/${participantId}/users`,
      { loginName: 'first-timer', displayName: '初回 太郎', email: 'first@test-shokai.example.jp' },
    );
    expect(created.status).toBe(201);
    const session = await signIn(yorozu.url, 'first-timer', created.body.initialPassword, freshAddress());
    const blocked = await session.call('GET', `/api/v1/participants/${participantId}/devices`);
    expect(blocked.status).toBe(403);
    expect(blocked.body).toMatchObject({ error: { code: 'password_change_required' } });

    const other = await signIn(yorozu.url, 'first-timer', created.body.initialPassword, freshAddress());
    const weak = await session.call('POST', '/api/v1/me/password', {
      currentPassword: created.body.initialPassword,
      newPassword: 'short',
    });
    expect(weak.body).toMatchObject({
      error: { code: 'weak_password', message: expect.stringContaining('12 characters') },
    });
    expect(
      (
        await session.call('POST', '/api/v1/me/password', {
          currentPassword: created.body.initialPassword,
          newPassword: 'a-much-better-password-9',
        })
      ).status,
    ).toBe(200);
    expect((await session.call('GET', `/api/v1/participants/${participantId}/devices`)).status).toBe(200);
    expect((await other.call('GET', '/api/v1/me')).body).toMatchObject({ error: { code: 'session_ended' } });
    expect((await login('first-timer', created.body.initialPassword)).status).toBe(401);
  });
});

describe('suspension (art. 20)', () => {
  it('reinstating needs a reason, and refuses an account that is not suspended (issue 15, finding 9)', async () => {
    const user = await newUser('reinstate-target');
    const path = `/api/v1/admin/accounts/${user.accountId}/reinstate`;
    // No body at all: refused before the handler (no JSON media type: 415, the route table's rule).
    const missing = await operator.call('POST', path);
    expect(missing.status).toBe(415);
    expect((await operator.call('POST', path, {})).body).toMatchObject({
      error: { issues: [expect.objectContaining({ path: expect.stringContaining('reason') })] },
    });
    const noOp = await operator.call('POST', path, { reason: '確認済み' });
    expect(noOp.status).toBe(409);
    expect(noOp.body).toMatchObject({ error: { code: 'not_suspended' } });
    await operator.call('POST', `/api/v1/admin/accounts/${user.accountId}/suspend`, { reason: '調査中', urgent: true });
    const reinstated = await operator.call('POST', path, { reason: '調査の結果、問題なし' });
    expect(reinstated.body).toMatchObject({
      account: {
        status: 'active',
        status_reason: 'reinstated: 調査の結果、問題なし',
        // What a page words in its reader's language (dashboard/src/i18n/account-status-reasons.ts).
        status_reason_code: 'reinstated',
        status_reason_detail: '調査の結果、問題なし',
      },
    });
  });

  it('urgent: the open session is refused on its next request and the account cannot sign in', async () => {
    const user = await newUser('urgent-suspend');
    const suspended = await operator.call('POST', `/api/v1/admin/accounts/${user.accountId}/suspend`, {
      reason: '不正アクセスの疑い',
      urgent: true,
    });
    expect(suspended.body).toMatchObject({ account: { status: 'suspended', status_reason: '不正アクセスの疑い' } });
    // Suspending again changes nothing but would send a second notice: refused, naming the present reason.
    const again = await operator.call('POST', `/api/v1/admin/accounts/${user.accountId}/suspend`, {
      reason: '別の理由',
      urgent: true,
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      error: { code: 'already_suspended', message: expect.stringContaining('不正アクセスの疑い') },
    });
    expect((await user.call('GET', '/api/v1/me')).body).toMatchObject({
      error: { code: 'account_suspended', message: expect.stringContaining('不正アクセスの疑い') },
    });
    expect((await login('urgent-suspend', user.password)).body).toMatchObject({ error: { code: 'account_suspended' } });
  });

  it('with prior notice: the reason is told in advance, and the suspension takes effect when the job runs at the announced time', async () => {
    const user = await newUser('noticed-suspend');
    const effectiveAt = new Date(Date.now() + 3 * 86_400_000);
    const scheduled = await operator.call('POST', `/api/v1/admin/accounts/${user.accountId}/suspend`, {
      reason: '規約第20条違反',
      effectiveAt: effectiveAt.toISOString(),
    });
    expect(scheduled.body).toMatchObject({
      account: { status: 'active', pending_suspension_reason: '規約第20条違反' },
    });
    const notices = await operator.call<contract.NoticeList>('GET', `/api/v1/participants/${participantId}/notices`);
    expect(notices.body.notices).toContainEqual(
      expect.objectContaining({
        kind: 'account_suspension_scheduled',
        account_id: user.accountId,
        body_ja: expect.stringContaining('規約第20条違反'),
      }),
    );

    await yorozu.jobs.runNow('account-suspensions', new Date(effectiveAt.getTime() - 60_000));
    expect((await user.call('GET', '/api/v1/me')).status).toBe(200);
    await yorozu.jobs.runNow('account-suspensions', new Date(effectiveAt.getTime() + 60_000));
    expect((await user.call('GET', '/api/v1/me')).body).toMatchObject({ error: { code: 'account_suspended' } });
  });
});

describe('the two properties accounts on ClickHouse must keep', () => {
  it('a login name is unique even when twenty requests create it at the same moment', async () => {
    // Three spellings of one name: they normalise alike (NFKC, lower case).
    const spellings = ['race-target', 'Race-Target', 'ＲＡＣＥ-ＴＡＲＧＥＴ'];
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        operator.call('POST', '/api/v1/admin/accounts', {
          loginName: spellings[i % spellings.length],
          displayName: `候補${i}`,
          password: `racing-password-${i}-abc`,
        }),
      ),
    );
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(replies.find((r) => r.status === 409)!.body).toMatchObject({ error: { code: 'login_name_taken' } });
    const rows = await queryRows<{ n: string }>(
      yorozu,
      'SELECT count() AS n FROM accounts WHERE account_id = {id:UUID}',
      { id: accountIdFor('race-target') },
    );
    expect(Number(rows[0]!.n)).toBe(1);
    // The one that landed is the one that was told 201: its password signs in.
    const winner = replies.findIndex((r) => r.status === 201);
    expect((await login('race-target', `racing-password-${winner}-abc`)).status).toBe(200);
  });

  it('a write of a version already taken is dropped by the engine, whatever its clock says', async () => {
    const id = '5f1c2a9e-0000-4000-8000-00000000cafe';
    const row = (name: string, changedAt: string) => ({
      name,
      change_kind: 'test',
      changed_at: changedAt,
      changed_by: 'test',
    });
    expect(
      await writeVersion(
        yorozu.database.client,
        'participants',
        id,
        1,
        row('first writer', '2026-01-01 00:00:00.000002'),
        'test',
      ),
    ).toBe(true);
    // A slower writer of the same version arrives later with an EARLIER change time: still refused.
    expect(
      await writeVersion(
        yorozu.database.client,
        'participants',
        id,
        1,
        row('late writer', '2026-01-01 00:00:00.000001'),
        'test',
      ),
    ).toBe(false);
    expect(
      await writeVersion(
        yorozu.database.client,
        'participants',
        id,
        2,
        row('next version', '2026-01-01 00:00:00.000003'),
        'test',
      ),
    ).toBe(true);
    const rows = await queryRows<{ name: string }>(
      yorozu,
      'SELECT name FROM participants WHERE participant_id = {id:UUID} ORDER BY version',
      { id },
    );
    expect(rows.map((r) => r.name)).toEqual(['first writer', 'next version']);
  });

  it('a read right after a write sees the write', async () => {
    for (let i = 0; i < 25; i++) {
      const phone = `03-1234-${String(1000 + i)}`;
      expect((await operator.call('PUT', `/api/v1/participants/${participantId}/details`, { phone })).status).toBe(200);
      const read = await operator.call<contract.ParticipantAnswer>('GET', `/api/v1/participants/${participantId}`);
      expect(read.body.participant.phone).toBe(phone);
    }
    const created = await operator.call('POST', '/api/v1/admin/accounts', {
      loginName: 'read-after-write',
      displayName: '即時',
      password: 'instant-password-123',
    });
    expect(created.status).toBe(201);
    expect((await login('read-after-write', 'instant-password-123')).status).toBe(200);
    const history = await operator.call<contract.ParticipantHistory>(
      'GET',
      `/api/v1/participants/${participantId}/history`,
    );
    expect(history.body.history.filter((v) => v.phone.startsWith('03-1234-'))).toHaveLength(25);
  });
});

describe('login CSRF (a cross-site page cannot sign a browser into another account)', () => {
  it('a cross-site text/plain form post to login is refused; a JSON sign-in from this origin or from a script works', async () => {
    // What a browser sends for <form enctype="text/plain" method="post" action=".../login"> on another site.
    const formBody = `{"loginName":"${TEST_OPERATOR.loginName}","password":"${TEST_OPERATOR.password}","x":"=1"}`;
    const crossSite = await fetch(new URL('/api/v1/auth/login', yorozu.url), {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://attacker.example', ...freshAddress() },
      body: formBody,
    });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: { code: 'cross_origin_request' } });
    expect(crossSite.headers.get('set-cookie')).toBeNull();
    // Without an Origin (an old browser, a proxy that drops it) the media type alone refuses it.
    const plain = await fetch(new URL('/api/v1/auth/login', yorozu.url), {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...freshAddress() },
      body: formBody,
    });
    expect(plain.status).toBe(415);
    expect(await plain.json()).toMatchObject({
      error: {
        code: 'unsupported_media_type',
        message: expect.stringContaining('application/json'),
        issues: [{ path: 'content-type' }],
      },
    });
    expect(plain.headers.get('set-cookie')).toBeNull();
    // JSON from another site's page (fetch with a preflight the server never grants) is refused on its Origin.
    expect(
      (
        await login(TEST_OPERATOR.loginName, TEST_OPERATOR.password, {
          ...freshAddress(),
          origin: 'https://attacker.example',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await login(TEST_OPERATOR.loginName, TEST_OPERATOR.password, {
          ...freshAddress(),
          origin: new URL(yorozu.url).origin,
        })
      ).status,
    ).toBe(200);
    expect((await login(TEST_OPERATOR.loginName, TEST_OPERATOR.password)).status).toBe(200);
  });

  it('every JSON route refuses another media type with 415 in the error shape; multipart routes refuse JSON', async () => {
    const asText = await fetch(new URL('/api/v1/auth/session/purpose', yorozu.url), {
      method: 'PUT',
      headers: { authorization: `Bearer ${operator.sessionToken}`, 'content-type': 'text/plain' },
      body: '{"purpose":"operation"}',
    });
    expect(asText.status).toBe(415);
    expect(await asText.json()).toMatchObject({
      error: {
        code: 'unsupported_media_type',
        message: expect.any(String),
        issues: [{ path: 'content-type', message: 'must be application/json' }],
      },
    });
    const asForm = await fetch(new URL('/api/v1/applications', yorozu.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'organisation=x',
    });
    expect(asForm.status).toBe(415);
    const user = await newUser('media-type-user');
    const jsonToMultipart = await user.call('POST', `/api/v1/participants/${participantId}/tickets`, {
      subject: 'x',
      category: 'other',
      body: 'y',
    });
    expect(jsonToMultipart.status).toBe(415);
    expect(jsonToMultipart.body).toMatchObject({
      error: { code: 'unsupported_media_type', message: expect.stringContaining('multipart/form-data') },
    });
  });
});

describe('operators', () => {
  it('an operator cannot open participant data before choosing a purpose, and the purpose comes back with the session', async () => {
    const fresh = await signIn(yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password, freshAddress());
    const refused = await fresh.call('GET', `/api/v1/participants/${participantId}/devices`);
    expect(refused.status).toBe(428);
    expect(refused.body).toMatchObject({
      error: { code: 'access_purpose_required', message: expect.stringContaining('art. 15') },
    });
    const bad = await fresh.call('PUT', '/api/v1/auth/session/purpose', { purpose: 'curiosity' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'invalid_request', message: expect.stringContaining('purpose') } });
    await fresh.call('PUT', '/api/v1/auth/session/purpose', { purpose: 'maintenance', note: '障害調査 #12' });
    expect((await fresh.call('GET', '/api/v1/auth/session')).body).toMatchObject({
      purpose: 'maintenance',
      purposeNote: '障害調査 #12',
    });
    expect((await fresh.call('GET', `/api/v1/participants/${participantId}/devices`)).status).toBe(200);
  });

  it("operator lists that show participants' data need the purpose too, and are written to each participant's access log (art. 15)", async () => {
    const user = await newUser('listed-user');
    const lists = ['/api/v1/admin/participants', '/api/v1/admin/accounts', '/api/v1/admin/mail/held'];
    const fresh = await signIn(yorozu.url, TEST_OPERATOR.loginName, TEST_OPERATOR.password, freshAddress());
    for (const path of lists) {
      const refused = await fresh.call('GET', path);
      expect(refused.status, path).toBe(428);
      expect(refused.body, path).toMatchObject({ error: { code: 'access_purpose_required' } });
    }
    await fresh.call('PUT', '/api/v1/auth/session/purpose', { purpose: 'operation', note: '一覧の確認' });
    for (const path of lists) expect((await fresh.call('GET', path)).status, path).toBe(200);
    const log = await user.call<contract.AccessLog>('GET', `/api/v1/participants/${participantId}/access-log`);
    expect(log.body.accessLog).toContainEqual(
      expect.objectContaining({
        route: 'GET /api/v1/admin/participants',
        purpose: 'operation',
        purpose_note: '一覧の確認',
      }),
    );
    expect(log.body.accessLog).toContainEqual(
      expect.objectContaining({ route: 'GET /api/v1/admin/accounts', purpose: 'operation' }),
    );
  });
});
