import type { ClickHouseClient } from '@clickhouse/client';
import { selectRows } from '../sql/select-rows.js';
import { changeTimeNow, toClickHouseTime } from '../common/clickhouse-time.js';
import { deviceIdFor, newDeviceCredential, newEnrollmentSecret } from './credentials.js';

/** Enrollment secrets and devices: the only place running their SQL (participants live in participants/). */
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
  /** Revoked because the participant left: the agent is told to uninstall whenever it calls again. */
  uninstall_requested: boolean;
  enrolled_at: string;
  last_changed_at: string;
}

export interface UninstallState {
  uninstall_reported_at: string | null;
  uninstall_status: 'done' | 'failed' | null;
  uninstall_detail: string;
}
const NO_UNINSTALL: UninstallState = { uninstall_reported_at: null, uninstall_status: null, uninstall_detail: '' };

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

  private rows<T>(name: `${string}/${string}`, params: Record<string, unknown>, tag: string): Promise<T[]> {
    return selectRows<T>(this.client, name, params, tag);
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
    const [row] = await this.rows<EnrollmentSecretRecord>(
      'devices/current-enrollment-secret',
      { secretId },
      'devices:find-secret',
    );
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

  /** The current records of these devices (those that exist), in one query. */
  findDevices(deviceIds: readonly string[]): Promise<DeviceRecord[]> {
    return this.rows<DeviceRecord>('devices/current-devices', { deviceIds }, 'devices:find-devices');
  }

  async findDevice(deviceId: string): Promise<DeviceRecord | undefined> {
    const [row] = await this.rows<DeviceRecord>('devices/current-device', { deviceId }, 'devices:find-device');
    return row;
  }

  /** An agent's report after the uninstall command (agent_uninstall_reports). */
  async recordUninstallReport(report: {
    participantId: string;
    deviceId: string;
    status: 'done' | 'failed';
    detail: string;
    transport: 'websocket' | 'http';
  }): Promise<void> {
    await this.client.insert({
      table: 'agent_uninstall_reports',
      values: [
        {
          participant_id: report.participantId,
          device_id: report.deviceId,
          reported_at: changeTimeNow(),
          status: report.status,
          detail: report.detail,
          transport: report.transport,
        },
      ],
      format: 'JSONEachRow',
    });
  }

  /** The latest uninstall report of each device (of one participant, or all). */
  async uninstallReports(participantId?: string): Promise<Map<string, UninstallState>> {
    const rows = await this.rows<{ device_id: string } & UninstallState>(
      'devices/uninstall-reports',
      { participantId: participantId ?? null },
      'devices:uninstall-reports',
    );
    return new Map(rows.map(({ device_id, ...state }) => [device_id, state]));
  }

  /** Device records with their uninstall report (null fields when the agent never reported one). */
  async withUninstallReports<T extends { device_id: string }>(
    records: T[],
    participantId?: string,
  ): Promise<(T & UninstallState)[]> {
    const reports = records.length > 0 ? await this.uninstallReports(participantId) : new Map<string, UninstallState>();
    return records.map((record) => ({ ...record, ...(reports.get(record.device_id) ?? NO_UNINSTALL) }));
  }

  /** How many events the device re-sent with other content than it first sent (refused: the first write wins). */
  async conflictingResends(participantId: string, deviceId: string): Promise<number> {
    const [row] = await this.rows<{ c: string }>(
      'devices/conflicting-resends',
      { participantId, deviceId },
      'devices:conflicting-resends',
    );
    return Number(row?.c ?? 0);
  }

  /** Whether the desk asked this device for diagnostics under this request id (answers are taken only then). */
  async hasDiagnosticsRequest(
    device: { participantId: string; deviceId: string },
    requestId: string,
  ): Promise<boolean> {
    const [row] = await this.rows<{ c: string }>(
      'devices/diagnostics-request-exists',
      { participantId: device.participantId, deviceId: device.deviceId, requestId },
      'devices:diagnostics-request-exists',
    );
    return Number(row?.c ?? 0) > 0;
  }

  listDevices(participantId?: string): Promise<DeviceRecord[]> {
    return this.rows<DeviceRecord>(
      'devices/list-devices',
      { participantId: participantId ?? null },
      'devices:list-devices',
    );
  }

  /** Appends a revoked version of the device; its credential stops working everywhere. */
  revokeDevice(
    deviceId: string,
    reason: string,
    changedBy: string,
    uninstall = false,
  ): Promise<DeviceRecord | undefined> {
    return this.appendVersion(
      deviceId,
      { status: 'revoked', status_reason: reason, uninstall_requested: uninstall },
      changedBy,
    );
  }

  /**
   * What an agent says about itself (an OTLP Collector's resource attributes): a new version of the
   * device only when something differs, so a busy PC does not write a version per request.
   */
  async recordAgentFacts(
    deviceId: string,
    facts: Partial<Pick<DeviceRecord, 'hostname' | 'os_name' | 'os_version' | 'agent_version'>>,
    changedBy: string,
  ): Promise<boolean> {
    const found = await this.findDevice(deviceId);
    if (!found) return false;
    const changed = Object.entries(facts).some(
      ([key, value]) => value !== undefined && value !== found[key as keyof DeviceRecord],
    );
    if (changed)
      await this.appendVersion(
        deviceId,
        Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined)),
        changedBy,
      );
    return changed;
  }

  /** Terms art. 4: on a succession the devices move to the successor; their credentials keep working. */
  async moveDevices(fromParticipantId: string, toParticipantId: string, changedBy: string): Promise<string[]> {
    const moved: string[] = [];
    for (const device of await this.listDevices(fromParticipantId)) {
      await this.appendVersion(device.device_id, { participant_id: toParticipantId }, changedBy);
      moved.push(device.device_id);
    }
    return moved;
  }

  /** Stops every enrollment secret of a participant (it left): no new agent can enroll. */
  async revokeEnrollmentSecrets(participantId: string, changedBy: string): Promise<number> {
    const secrets = await this.rows<{
      secret_id: string;
      participant_id: string;
      secret_hash: string;
      label: string;
      expires_at: string | null;
    }>('devices/active-secrets-of-participant', { participantId }, 'devices:active-secrets');
    if (secrets.length === 0) return 0;
    await this.client.insert({
      table: 'enrollment_secrets',
      values: secrets.map((secret) => ({
        ...secret,
        status: 'revoked',
        changed_at: changeTimeNow(),
        changed_by: changedBy,
      })),
      format: 'JSONEachRow',
    });
    return secrets.length;
  }

  private async appendVersion(
    deviceId: string,
    change: Partial<DeviceRecord>,
    changedBy: string,
  ): Promise<DeviceRecord | undefined> {
    const found = await this.findDevice(deviceId);
    if (!found) return undefined;
    const { last_changed_at: _previousChange, ...current } = found;
    await this.client.insert({
      table: 'devices',
      values: [{ ...current, ...change, changed_at: changeTimeNow(), changed_by: changedBy }],
      format: 'JSONEachRow',
    });
    return this.findDevice(deviceId);
  }

  revokedSince(since: string): Promise<{ device_id: string; status_reason: string; uninstall_requested: boolean }[]> {
    return this.rows('devices/revoked-since', { since }, 'devices:revoked-since');
  }
}
