import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import { sqlQuery } from '../sql/query-files.js';
import { changeTimeNow, toClickHouseTime } from './clickhouse-time.js';
import { deviceIdFor, newDeviceCredential, newEnrollmentSecret } from './credentials.js';

/** Participants (minimal, until the participants issue), enrollment secrets and devices: the only place running their SQL. */
export interface DeviceRecord {
  device_id: string;
  participant_id: string;
  instance_id?: string;
  hostname: string;
  os_name: string;
  os_version: string;
  agent_version: string;
  credential_hash?: string;
  status: 'active' | 'revoked';
  status_reason: string;
  enrolled_at: string;
  last_changed_at: string;
}

export interface EnrollmentSecretRecord {
  secret_id: string;
  participant_id: string;
  secret_hash: string;
  status: 'active' | 'revoked';
  expires_at: string | null;
}

export interface EnrollDeviceInput {
  participantId: string;
  instanceId: string;
  hostname: string;
  osName: string;
  osVersion: string;
  agentVersion: string;
}

export class DeviceStore {
  constructor(private readonly client: ClickHouseClient) {}

  private async rows<T>(name: `${string}/${string}`, params: Record<string, unknown>, tag: string): Promise<T[]> {
    const result = await this.client.query({
      query: sqlQuery(name),
      query_params: params,
      format: 'JSONEachRow',
      clickhouse_settings: { log_comment: tag },
    });
    return result.json<T>();
  }

  async createParticipant(name: string, changedBy: string): Promise<string> {
    const participantId = randomUUID();
    await this.client.insert({
      table: 'participants',
      values: [{ participant_id: participantId, name, changed_at: changeTimeNow(), changed_by: changedBy }],
      format: 'JSONEachRow',
    });
    return participantId;
  }

  async participantExists(participantId: string): Promise<boolean> {
    const [row] = await this.rows<{ found: string | number }>('devices/participant-exists', { participantId }, 'devices:participant-exists');
    return Number(row?.found ?? 0) > 0;
  }

  listParticipants() {
    return this.rows<{ participant_id: string; name: string; created_at: string }>('devices/list-participants', {}, 'devices:list-participants');
  }

  async createEnrollmentSecret(participantId: string, label: string, changedBy: string, expiresAt?: Date) {
    const { secretId, token, secretHash } = newEnrollmentSecret();
    await this.client.insert({
      table: 'enrollment_secrets',
      values: [
        {
          secret_id: secretId,
          participant_id: participantId,
          secret_hash: secretHash,
          label,
          status: 'active',
          expires_at: expiresAt ? toClickHouseTime(expiresAt.getTime()) : null,
          changed_at: changeTimeNow(),
          changed_by: changedBy,
        },
      ],
      format: 'JSONEachRow',
    });
    return { secretId, token };
  }

  async findEnrollmentSecret(secretId: string): Promise<EnrollmentSecretRecord | undefined> {
    const [row] = await this.rows<EnrollmentSecretRecord>('devices/current-enrollment-secret', { secretId }, 'devices:find-secret');
    return row;
  }

  /** Enrolling the same installation again rotates its credential and keeps its deviceId. */
  async enrollDevice(input: EnrollDeviceInput): Promise<{ deviceId: string; credential: string }> {
    const deviceId = deviceIdFor(input.participantId, input.instanceId);
    const { token, secretHash } = newDeviceCredential(deviceId);
    const now = changeTimeNow();
    await this.client.insert({
      table: 'devices',
      values: [
        {
          device_id: deviceId,
          participant_id: input.participantId,
          instance_id: input.instanceId,
          hostname: input.hostname,
          os_name: input.osName,
          os_version: input.osVersion,
          agent_version: input.agentVersion,
          credential_hash: secretHash,
          status: 'active',
          status_reason: '',
          enrolled_at: now.slice(0, 23),
          changed_at: now,
          changed_by: 'enrollment',
        },
      ],
      format: 'JSONEachRow',
    });
    return { deviceId, credential: token };
  }

  async findDevice(deviceId: string): Promise<DeviceRecord | undefined> {
    const [row] = await this.rows<DeviceRecord>('devices/current-device', { deviceId }, 'devices:find-device');
    return row;
  }

  listDevices(participantId?: string): Promise<DeviceRecord[]> {
    return this.rows<DeviceRecord>('devices/list-devices', { participantId: participantId ?? null }, 'devices:list-devices');
  }

  /** Appends a revoked version of the device; its credential stops working everywhere. */
  async revokeDevice(deviceId: string, reason: string, changedBy: string): Promise<DeviceRecord | undefined> {
    const found = await this.findDevice(deviceId);
    if (!found) return undefined;
    const { last_changed_at: _previousChange, ...current } = found;
    await this.client.insert({
      table: 'devices',
      values: [
        {
          ...current,
          credential_hash: current.credential_hash,
          status: 'revoked',
          status_reason: reason,
          changed_at: changeTimeNow(),
          changed_by: changedBy,
        },
      ],
      format: 'JSONEachRow',
    });
    return this.findDevice(deviceId);
  }

  revokedSince(since: string): Promise<{ device_id: string; status_reason: string }[]> {
    return this.rows('devices/revoked-since', { since }, 'devices:revoked-since');
  }
}
