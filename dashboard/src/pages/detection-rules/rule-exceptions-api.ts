import { api } from '../../api/api-client.js';
import type { DetectionExceptions } from '../../api/contract.js';

/**
 * Per-participant exceptions to detection rules: all of them (GET /admin/detection-exceptions), a new one for a
 * participant (the whole rule, or where one field has a value), and lifting one. Each answers the full list.
 */
export type RuleException = DetectionExceptions['exceptions'][number];

export async function fetchExceptions(): Promise<RuleException[]> {
  return (await api<DetectionExceptions>('GET', '/api/v1/admin/detection-exceptions')).exceptions;
}

export async function addException(
  participantId: string,
  exception: { ruleId: string; field: string; value: string; reason: string },
): Promise<RuleException[]> {
  return (
    await api<DetectionExceptions>(
      'POST',
      `/api/v1/admin/participants/${participantId}/detection-exceptions`,
      exception,
    )
  ).exceptions;
}

export async function liftException(exception: RuleException): Promise<RuleException[]> {
  return (
    await api<DetectionExceptions>(
      'DELETE',
      `/api/v1/admin/participants/${exception.participantId}/detection-exceptions/${exception.exceptionId}`,
    )
  ).exceptions;
}
