import type { SignedIn, UserIssued } from '../contract/index.js';

/**
 * Calling the REST API the way a script would: sign in, keep the session token, send it as a
 * bearer token (no CSRF needed), and for operators choose an access purpose once. The answers' types are the
 * API contract's (contract/), as the dashboard's are.
 */
export const TEST_OPERATOR = { loginName: 'admin', password: 'test-operator-password-0123' } as const;

export interface ApiReply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiClient {
  sessionToken: string;
  csrfToken: string;
  accountId: string;
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<ApiReply<T>>;
  /** A multipart/form-data request (message text and files). */
  upload<T = Record<string, unknown>>(method: string, path: string, form: FormData): Promise<ApiReply<T>>;
}

async function replyOf<T>(response: Response): Promise<ApiReply<T>> {
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    // not JSON (metrics, downloads): keep the text
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

export async function callApi<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiReply<T>> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return replyOf<T>(response);
}

export async function signIn(
  baseUrl: string,
  loginName: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<ApiClient> {
  const reply = await callApi<SignedIn>(baseUrl, 'POST', '/api/v1/auth/login', { loginName, password }, headers);
  if (reply.status !== 200)
    throw new Error(`sign-in of ${loginName} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  const { sessionToken, csrfToken, account } = reply.body;
  return {
    sessionToken,
    csrfToken,
    accountId: account.account_id,
    call: (method, path, body) => callApi(baseUrl, method, path, body, { authorization: `Bearer ${sessionToken}` }),
    upload: async (method, path, form) =>
      replyOf(
        await fetch(new URL(path, baseUrl), {
          method,
          headers: { authorization: `Bearer ${sessionToken}` },
          body: form,
        }),
      ),
  };
}

/** The test operator, signed in, with the access purpose "operation" chosen for the session. */
export async function operatorClient(baseUrl: string): Promise<ApiClient> {
  const client = await signIn(baseUrl, TEST_OPERATOR.loginName, TEST_OPERATOR.password);
  const purpose = await client.call('PUT', '/api/v1/auth/session/purpose', { purpose: 'operation', note: 'tests' });
  if (purpose.status !== 200)
    throw new Error(`choosing the access purpose failed: ${purpose.status} ${JSON.stringify(purpose.body)}`);
  return client;
}

/** A participant user created by the operator, who has replaced the generated password. */
export async function participantUserClient(
  baseUrl: string,
  operator: ApiClient,
  participantId: string,
  loginName: string,
): Promise<ApiClient & { password: string }> {
  const created = await operator.call<UserIssued>('POST', `/api/v1/admin/participants/${participantId}/users`, {
    loginName,
    displayName: loginName,
    email: `${loginName}@example.jp`,
  });
  if (created.status !== 201)
    throw new Error(`creating ${loginName} failed: ${created.status} ${JSON.stringify(created.body)}`);
  const first = await signIn(baseUrl, loginName, created.body.initialPassword);
  const password = `chosen-secret-words-${loginName.length}-42`;
  const changed = await first.call('POST', '/api/v1/me/password', {
    currentPassword: created.body.initialPassword,
    newPassword: password,
  });
  if (changed.status !== 200)
    throw new Error(`password change of ${loginName} failed: ${changed.status} ${JSON.stringify(changed.body)}`);
  // A participant registered by an operator has agreed to no terms version yet (art. 3): its first user agrees
  // to the version in force, as the portal asks at sign-in, so that clients built here start past that question.
  const standing = await first.call<{ mustAgree: boolean; inForce: { version: string } }>(
    'GET',
    `/api/v1/participants/${participantId}/terms`,
  );
  if (standing.status === 200 && standing.body.mustAgree) {
    const agreed = await first.call('POST', `/api/v1/participants/${participantId}/terms/agreement`, {
      version: standing.body.inForce.version,
    });
    if (agreed.status !== 200)
      throw new Error(`terms agreement of ${loginName} failed: ${agreed.status} ${JSON.stringify(agreed.body)}`);
  }
  return { ...first, password };
}
