import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { WINDOWS_MAPPING_RULES } from '../../agent-protocol/windows/index.js';

/**
 * What can be checked of agent/windows without Windows: the Collector configuration's keys against
 * the documented configuration of each component (opentelemetry-collector-contrib:
 * pkg/stanza/operator/input/windows/config_all.go and receiver/windowseventlogreceiver README for the
 * receiver; the otlphttp exporter, exporterhelper queue/retry, batch processor, resourcedetection
 * processor and file_storage extension READMEs), and that the Windows settings script switches on
 * what the mapping table says each event needs.
 */
const read = (name: string) => readFileSync(new URL(`../../agent/windows/${name}`, import.meta.url), 'utf8');
const config = parse(read('collector-config.yaml')) as Record<string, Record<string, Record<string, unknown>>>;
const settings = read('windows-settings.ps1');

const RECEIVER_KEYS = new Set([
  'channel',
  'ignore_channel_errors',
  'max_reads',
  'start_at',
  'poll_interval',
  'raw',
  'event_data_format',
  'include_log_record_original',
  'suppress_rendering_info',
  'exclude_providers',
  'remote',
  'query',
  'path',
  'max_events_per_poll',
  'wait_timeout',
  'event_driven_scraping',
  'storage',
  'operators',
  'retry_on_failure',
  'attributes',
  'resource',
]);
const OTLPHTTP_KEYS = new Set([
  'endpoint',
  'logs_endpoint',
  'traces_endpoint',
  'metrics_endpoint',
  'tls',
  'headers',
  'compression',
  'encoding',
  'timeout',
  'read_buffer_size',
  'write_buffer_size',
  'retry_on_failure',
  'sending_queue',
  'proxy_url',
  'auth',
]);
const RETRY_KEYS = new Set([
  'enabled',
  'initial_interval',
  'max_interval',
  'max_elapsed_time',
  'multiplier',
  'randomization_factor',
]);
const QUEUE_KEYS = new Set([
  'enabled',
  'num_consumers',
  'queue_size',
  'storage',
  'sizer',
  'blocking',
  'block_on_overflow',
  'batch',
  'wait_for_result',
]);
const FILE_STORAGE_KEYS = new Set([
  'directory',
  'timeout',
  'compaction',
  'fsync',
  'create_directory',
  'directory_permissions',
  'recreate',
]);
const BATCH_KEYS = new Set([
  'timeout',
  'send_batch_size',
  'send_batch_max_size',
  'metadata_keys',
  'metadata_cardinality_limit',
]);
const RESOURCE_DETECTION_KEYS = new Set(['detectors', 'timeout', 'override', 'system']);
const SYSTEM_DETECTOR_KEYS = new Set(['hostname_sources', 'resource_attributes']);

const keysOf = (value: unknown) => Object.keys((value ?? {}) as Record<string, unknown>);
const unknownKeys = (value: unknown, known: Set<string>) => keysOf(value).filter((key) => !known.has(key));

describe('agent/windows/collector-config.yaml', () => {
  const receivers = Object.entries(config.receivers!);

  it("uses only the windowseventlog receiver's documented keys, with valid values", () => {
    for (const [name, receiver] of receivers) {
      expect(name.split('/')[0]).toBe('windowseventlog');
      expect(unknownKeys(receiver, RECEIVER_KEYS), name).toEqual([]);
      expect(['beginning', 'end'], name).toContain((receiver as { start_at: string }).start_at);
      expect((receiver as { storage: string }).storage, `${name} keeps its bookmark on disk`).toBe('file_storage');
    }
  });

  it('has a receiver for every channel of the mapping, the DriverFrameworks one raw', () => {
    const channels = new Set(receivers.map(([, receiver]) => (receiver as { channel: string }).channel));
    for (const rule of WINDOWS_MAPPING_RULES)
      expect(channels, `${rule.channel} (${rule.eventId})`).toContain(rule.channel);
    const driverFrameworks = receivers.find(
      ([, receiver]) =>
        (receiver as { channel: string }).channel === 'Microsoft-Windows-DriverFrameworks-UserMode/Operational',
    );
    expect((driverFrameworks![1] as { raw?: boolean }).raw).toBe(true);
  });

  it('uses only documented keys of the exporter, processors and extension', () => {
    const exporter = config.exporters!['otlphttp/yorozu'] as Record<string, unknown>;
    expect(unknownKeys(exporter, OTLPHTTP_KEYS)).toEqual([]);
    expect(unknownKeys(exporter.retry_on_failure, RETRY_KEYS)).toEqual([]);
    expect(unknownKeys(exporter.sending_queue, QUEUE_KEYS)).toEqual([]);
    expect(exporter).toMatchObject({
      compression: 'gzip',
      encoding: 'proto',
      headers: { Authorization: 'Bearer __YOROZU_DEVICE_CREDENTIAL__' },
      sending_queue: { storage: 'file_storage' },
    });
    expect(unknownKeys(config.extensions!.file_storage, FILE_STORAGE_KEYS)).toEqual([]);
    expect(unknownKeys(config.processors!.batch, BATCH_KEYS)).toEqual([]);
    expect((config.processors!.batch as { send_batch_max_size: number }).send_batch_max_size).toBeLessThanOrEqual(
      10_000,
    );
    expect(unknownKeys(config.processors!.resourcedetection, RESOURCE_DETECTION_KEYS)).toEqual([]);
    const system = (config.processors!.resourcedetection as { system: Record<string, unknown> }).system;
    expect(unknownKeys(system, SYSTEM_DETECTOR_KEYS)).toEqual([]);
    expect(keysOf(system.resource_attributes)).toEqual(
      expect.arrayContaining(['host.name', 'host.id', 'os.type', 'os.description']),
    );
  });

  it('wires every receiver into the logs pipeline, with the storage extension on', () => {
    const service = config.service as unknown as {
      extensions: string[];
      pipelines: { logs: { receivers: string[]; processors: string[]; exporters: string[] } };
    };
    expect(service.extensions).toEqual(['file_storage']);
    expect(service.pipelines.logs.receivers.sort()).toEqual(receivers.map(([name]) => name).sort());
    expect(service.pipelines.logs.processors).toEqual(['resourcedetection', 'batch']);
    expect(service.pipelines.logs.exporters).toEqual(['otlphttp/yorozu']);
  });
});

describe('agent/windows/windows-settings.ps1', () => {
  it('sets every audit subcategory and enables every log the mapping table asks for', () => {
    for (const rule of WINDOWS_MAPPING_RULES) {
      for (const [, subcategory] of rule.windowsSetting.matchAll(/\/subcategory:"([^"]+)"/g))
        expect(settings, `${rule.eventId}`).toContain(`Name = '${subcategory}'`);
      for (const [, log] of rule.windowsSetting.matchAll(/wevtutil sl (\S+)/g))
        expect(settings, `${rule.eventId}`).toContain(`sl '${log}' /e:true`);
    }
  });

  it('names the install and uninstall scripts the docs describe', () => {
    for (const script of ['install.ps1', 'uninstall.ps1', 'check-enrollment.ps1', 'sysmon-config.xml'])
      expect(read(script).length, script).toBeGreaterThan(0);
    expect(read('install.ps1')).toContain('/v1/enroll');
    expect(read('install.ps1')).toContain('__YOROZU_DEVICE_CREDENTIAL__');
  });
});
