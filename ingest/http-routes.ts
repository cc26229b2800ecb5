import { Hono } from 'hono';
import { ERROR_CODES, uninstallReport, type ErrorMessage } from '../agent-protocol/index.js';
import type { AuthResult } from './device-authenticator.js';
import type { DeviceReadWait } from './device-read-holds.js';
import type { DeviceStore } from './device-store.js';
import { enrollDevice } from './enrollment.js';
import { readCappedBody } from './capped-body.js';
import type { IngestService } from './ingest-service.js';
import { httpStatusOf, invalidMessage, protocolError } from './protocol-replies.js';

/**
 * The agents' HTTP endpoints: enrollment and the batch endpoint, which takes exactly the messages
 * the WebSocket takes and answers with the same ack or error body. Errors here use the agent
 * protocol's error shape (not the REST API's), so an agent parses one shape on both transports.
 */
export function agentHttpRoutes(ingest: IngestService, devices: DeviceStore): Hono {
  const app = new Hono();

  app.post('/v1/enroll', async (c) => {
    const body = await readLimitedBody(c.req.raw, 64 * 1024);
    if (typeof body !== 'string') return c.json(body, ERROR_CODES[body.code].http as 413);
    const parsedBody = parseJsonBody(body);
    if (!parsedBody.ok) return c.json(parsedBody.error, 400);
    const outcome = await enrollDevice(devices, parsedBody.json, ingest.agentConfig);
    // A re-enrolled device has a new credential: drop the cached old one at once.
    if (outcome.status === 201) ingest.authenticator.forget(String((outcome.body as { deviceId: string }).deviceId));
    return c.json(outcome.body, outcome.status as 201);
  });

  app.post('/v1/batches', async (c) => {
    const auth = await authenticate(ingest, c.req.header('authorization'));
    if (!auth.ok) {
      // An HTTP-only agent hears the uninstall command here: it has no WebSocket to receive commands on.
      const uninstall = auth.code === 'credential_revoked' && auth.uninstall ? { uninstall: true as const } : {};
      return c.json(protocolError(auth.code, auth.message, uninstall), ERROR_CODES[auth.code].http as 401);
    }
    if (ingest.isBehind()) {
      c.header('Retry-After', '1');
      return c.json(
        protocolError('server_busy', 'The server is behind on writing to storage; retry after the delay.', {
          retryAfterMs: 1000,
        }),
        503,
      );
    }
    // The device's own limits, before its body is read (PROTOCOL.md §8): what a WebSocket leaves unread.
    const owed = ingest.deviceReadWait(auth.device.deviceId);
    if (owed) {
      c.header('Retry-After', String(Math.max(1, Math.ceil(owed.waitMs / 1000))));
      return c.json(deviceOwesReply(owed, ingest.limits.deviceReadBytesPerSecond), 429);
    }
    const body = await readLimitedBody(c.req.raw, ingest.limits.maxMessageBytes);
    if (typeof body !== 'string') return c.json(body, 413);
    ingest.chargeRead(auth.device.deviceId, Buffer.byteLength(body));
    const reply = await ingest.handleMessage(auth.device, body, 'http');
    if (!reply) return c.body(null, 204);
    const status = httpStatusOf(reply);
    if (reply.type === 'error' && reply.retryAfterMs !== undefined)
      c.header('Retry-After', String(Math.max(1, Math.ceil(reply.retryAfterMs / 1000))));
    return c.json(reply, status as 200);
  });

  // The agent's report after the uninstall command: taken with the revoked credential of a device told to uninstall.
  app.post('/v1/uninstall-report', async (c) => {
    const auth = await authenticate(ingest, c.req.header('authorization'));
    if (auth.ok)
      return c.json(
        protocolError('invalid_message', 'This device was not told to uninstall; its credential is still valid.'),
        409,
      );
    if (auth.code !== 'credential_revoked' || !auth.uninstall || !auth.deviceId || !auth.participantId)
      return c.json(
        protocolError(
          auth.code === 'credential_revoked' ? 'invalid_credential' : auth.code,
          auth.code === 'credential_revoked' ? 'This device was revoked but not told to uninstall.' : auth.message,
        ),
        ERROR_CODES[auth.code].http as 401,
      );
    const body = await readLimitedBody(c.req.raw, 64 * 1024);
    if (typeof body !== 'string') return c.json(body, 413);
    const parsedBody = parseJsonBody(body);
    if (!parsedBody.ok) return c.json(parsedBody.error, 400);
    const parsed = uninstallReport.safeParse(parsedBody.json);
    if (!parsed.success) return c.json(invalidMessage(parsed.error, undefined), 400);
    const removed = parsed.data.removed.length > 0 ? `removed: ${parsed.data.removed.join(', ')}` : '';
    await devices.recordUninstallReport({
      participantId: auth.participantId,
      deviceId: auth.deviceId,
      status: parsed.data.status,
      detail: [removed, parsed.data.detail ?? ''].filter(Boolean).join('; '),
      transport: parsed.data.heardBy,
    });
    return c.body(null, 204);
  });

  return app;
}

/** A device over its read budget or its refusals' rate: told before its body is read. */
function deviceOwesReply(owed: DeviceReadWait, bytesPerSecond: number): ErrorMessage {
  return owed.reason === 'read_budget'
    ? protocolError(
        'rate_limited',
        `This device sent more bytes than its read budget allows; retry after ${owed.waitMs} ms.`,
        { retryAfterMs: owed.waitMs, limit: { name: 'deviceReadBytesPerSecond', value: bytesPerSecond } },
      )
    : protocolError(
        'rate_limited',
        `Too many messages of this device were refused lately; it is not read for ${owed.waitMs} ms. Fix what the refusals named.`,
        { retryAfterMs: owed.waitMs },
      );
}

/** Reads a request body within `limit` bytes as text; over it, the agent protocol's `message_too_large`. */
async function readLimitedBody(request: Request, limit: number): Promise<string | ErrorMessage> {
  const body = await readCappedBody(request, limit);
  if (body.ok) return body.bytes.toString('utf8');
  return protocolError(
    'message_too_large',
    `The body is ${body.size} bytes; the limit is ${limit} bytes. Split the batch.`,
    {
      limit: { name: 'maxMessageBytes', value: limit },
    },
  );
}

/** The JSON of a small request body, or the agent protocol's `malformed_json` naming what is wrong. */
function parseJsonBody(body: string): { ok: true; json: unknown } | { ok: false; error: ErrorMessage } {
  try {
    return { ok: true, json: JSON.parse(body) };
  } catch (error) {
    return {
      ok: false,
      error: protocolError('malformed_json', `The request body is not valid JSON: ${(error as Error).message}`),
    };
  }
}

type CheckedCredential = AuthResult | { ok: false; code: 'internal_error'; message: string };

/** The device of a request's credential; a failure of the check itself is `internal_error` (retry later). */
function authenticate(ingest: IngestService, authorization: string | undefined): Promise<CheckedCredential> {
  return ingest.authenticator.authenticate(authorization).catch(() => ({
    ok: false as const,
    code: 'internal_error' as const,
    message: 'The server could not check the credential; retry later.',
  }));
}
