import { PROTOCOL_VERSION, enrollRequest, type AgentConfig, type ErrorMessage } from '../agent-protocol/index.js';
import { deviceIdFor, hashesMatch, parseEnrollmentSecret } from './credentials.js';
import type { DeviceStore } from './device-store.js';
import { protocolError } from './protocol-replies.js';

/**
 * POST /v1/enroll: an agent presents its participant's enrollment secret and gets a device
 * credential of its own. Enrolling again with the same instanceId returns the same device with a
 * fresh credential (the old one stops working); a revoked installation cannot enroll again.
 */
export type EnrollmentOutcome = { status: 201; body: Record<string, unknown> } | { status: number; body: ErrorMessage };

export async function enrollDevice(store: DeviceStore, body: unknown, config: AgentConfig): Promise<EnrollmentOutcome> {
  const parsed = enrollRequest.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const first = issues[0]!;
    return {
      status: 400,
      body: protocolError(
        'invalid_message',
        `The enrollment request is invalid: ${first.path || '(root)'}: ${first.message}.`,
        { issues },
      ),
    };
  }
  const request = parsed.data;
  const token = parseEnrollmentSecret(request.secret);
  const secret = token ? await store.findEnrollmentSecret(token.id) : undefined;
  const expired = secret?.expires_at ? Date.parse(`${secret.expires_at}Z`) < Date.now() : false;
  if (
    !token ||
    !secret ||
    !hashesMatch(secret.secret_hash, token.secretHash) ||
    secret.status !== 'active' ||
    expired
  ) {
    return {
      status: 401,
      body: protocolError(
        'invalid_enrollment_secret',
        'The enrollment secret is unknown, revoked or expired. Ask the desk for a current one.',
      ),
    };
  }
  const existing = await store.findDevice(deviceIdFor(secret.participant_id, request.instanceId));
  if (existing?.status === 'revoked') {
    return {
      status: 403,
      body: protocolError(
        'credential_revoked',
        `This installation was revoked (${existing.status_reason || 'no reason given'}); reinstall the agent to enroll as a new device.`,
      ),
    };
  }
  const { deviceId, credential } = await store.enrollDevice({
    participantId: secret.participant_id,
    instanceId: request.instanceId,
    hostname: request.hostname,
    osName: request.os.name,
    osVersion: request.os.version,
    agentVersion: request.agentVersion,
  });
  return {
    status: 201,
    body: { v: PROTOCOL_VERSION, type: 'enrolled', deviceId, participantId: secret.participant_id, credential, config },
  };
}
