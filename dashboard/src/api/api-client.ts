/**
 * Every call of the dashboard to the REST API: same-origin cookies, the CSRF token on state-changing
 * requests, and the API's one error shape turned into an ApiFailure the pages can show.
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

function csrfToken(): string {
  return /(?:^|;\s*)yorozu_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '';
}

export const SIGNED_OUT_EVENT = 'yorozu-signed-out';

/**
 * A body is sent as JSON, or as multipart when it is a FormData (the routes that take files): then without a
 * content-type, which the browser sets with the boundary.
 */
export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  /** Headers of a route that needs more than the session, e.g. the applicant's token. */
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const multipart = body instanceof FormData;
  const headers: Record<string, string> = { ...extraHeaders };
  if (body !== undefined && !multipart) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken();
  let response: Response;
  try {
    const sent = multipart ? { body } : body !== undefined ? { body: JSON.stringify(body) } : {};
    response = await fetch(path, { method, headers, credentials: 'same-origin', ...sent });
  } catch (error) {
    throw new ApiFailure(0, 'network_error', (error as Error).message);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string } & Record<string, unknown> } | undefined)
      ?.error;
    const failure = new ApiFailure(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `${response.status} ${response.statusText}`,
      error ?? {},
    );
    if (response.status === 401 && !path.endsWith('/auth/login'))
      window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT, { detail: failure }));
    throw failure;
  }
  return parsed as T;
}

/** Query strings from a plain object, skipping empty values. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
