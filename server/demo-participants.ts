import type { DeviceStore } from '../ingest/device-store.js';
import type { ParticipantsDomain } from '../participants/participants-domain.js';

/**
 * The demo's organisations. On a data directory that already has them they are reused, so a
 * restarted demo keeps its history and only streams on.
 */
export const DEMO_ORGANISATIONS = ['株式会社さくら商事', '有限会社みなと製作所', '医療法人あおば会'] as const;

export interface DemoParticipant {
  participantId: string;
  name: string;
  secret: string;
  isNew: boolean;
}

export async function prepareDemoParticipants(devices: DeviceStore, participants: ParticipantsDomain): Promise<DemoParticipant[]> {
  const existing = new Map((await participants.store.listParticipants(['active'])).map((participant) => [participant.name, participant.participant_id]));
  const prepared: DemoParticipant[] = [];
  for (const name of DEMO_ORGANISATIONS) {
    const known = existing.get(name);
    const participantId = known ?? (await participants.applications.registerDirectly({ organisation: name }, 'demo'));
    const { token } = await devices.createEnrollmentSecret(participantId, 'demo agents', 'demo');
    prepared.push({ participantId, name, secret: token, isNew: known === undefined });
  }
  return prepared;
}
