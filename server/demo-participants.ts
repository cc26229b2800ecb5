import type { DeviceStore } from '../ingest/device-store.js';
import type { ParticipantsDomain } from '../participants/participants-domain.js';

/**
 * The demo's organisations. On a data directory that already has them they are reused, so a
 * restarted demo keeps its history and only streams on.
 */
export const DEMO_ORGANISATIONS = ['株式会社さくら商事', '有限会社みなと製作所', '医療法人あおば会'] as const;
/** One portal user per demo organisation, with a known password: a demo is for looking around. */
export const DEMO_USERS = ['sakura', 'minato', 'aoba'] as const;
export const DEMO_PASSWORD = 'yorozu-demo-password';

export interface DemoParticipant {
  participantId: string;
  name: string;
  secret: string;
  isNew: boolean;
}

export async function prepareDemoParticipants(
  devices: DeviceStore,
  participants: ParticipantsDomain,
): Promise<DemoParticipant[]> {
  const existing = new Map(
    (await participants.store.listParticipants(['active'])).map((participant) => [
      participant.name,
      participant.participant_id,
    ]),
  );
  const prepared: DemoParticipant[] = [];
  for (const [index, name] of DEMO_ORGANISATIONS.entries()) {
    const known = existing.get(name);
    const participantId = known ?? (await participants.applications.registerDirectly({ organisation: name }, 'demo'));
    if (!known) {
      const loginName = DEMO_USERS[index]!;
      await participants.accounts.createAccount(
        {
          loginName,
          displayName: `${name} 担当者`,
          email: `${loginName}@demo.example.jp`,
          role: 'participant_user',
          participantId,
          password: DEMO_PASSWORD,
        },
        'demo',
      );
    }
    const { token } = await devices.createEnrollmentSecret(participantId, 'demo agents', 'demo');
    prepared.push({ participantId, name, secret: token, isNew: known === undefined });
  }
  return prepared;
}
