import type { Logger } from 'pino';
import type { DeviceStore } from '../device-store.js';

/**
 * The Collector's resource attributes (resourcedetection: host.name, host.id, os.type,
 * os.description; service.version) → the device record. Remembered per device so the record is
 * read only when the attributes change, not on every request. host.id (the Windows MachineGuid) is
 * compared but has no column of its own yet: it stays in the Collector's resource.
 */
export class DeviceFacts {
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly devices: DeviceStore,
    private readonly logger: Logger,
  ) {}

  async note(deviceId: string, resource: Record<string, unknown>): Promise<void> {
    const text = (key: string) =>
      typeof resource[key] === 'string' && resource[key] !== '' ? (resource[key] as string).slice(0, 256) : undefined;
    const description = text('os.description');
    // "Microsoft Windows 11 Pro 10.0.22631" → name and version; other shapes stay whole in the name.
    const version = /\s(\d+(?:\.\d+){1,3})$/.exec(description ?? '')?.[1];
    const facts = {
      hostname: text('host.name'),
      os_name: version ? description!.slice(0, -version.length - 1) : (description ?? text('os.type')),
      os_version: version ?? text('os.version'),
      agent_version: text('service.name')
        ? `${text('service.name')} ${text('service.version') ?? ''}`.trim()
        : undefined,
    };
    const fingerprint = JSON.stringify([facts, text('host.id')]);
    if (this.seen.get(deviceId) === fingerprint || Object.values(facts).every((value) => value === undefined)) return;
    try {
      await this.devices.recordAgentFacts(deviceId, facts, 'otlp-resource');
      this.seen.set(deviceId, fingerprint);
    } catch (error) {
      this.logger.warn({ err: error, deviceId }, 'could not update the device from the Collector resource');
    }
  }
}
