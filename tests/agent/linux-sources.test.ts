import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { logEvent } from '../../agent-protocol/index.js';
import type { NewEvent } from '../../agent/disk-buffer.js';
import { LinuxAuditExecSource } from '../../agent/sources/linux-audit-exec.js';
import { execEvent, parseAuditLine } from '../../agent/sources/linux-audit-records.js';
import { isUsbDevice, parseUdevBlocks, usbDeviceEvent } from '../../agent/sources/linux-udev-records.js';
import type { SourceContext } from '../../agent/sources/source.js';

/**
 * The Linux sources' readers on udev's and auditd's documented output (tests/agent/fixtures/linux/;
 * the audit records are also read by the real `ausearch -if`), and the audit offset's discipline
 * without the agent around it: a kill between the buffer append and the offset write, records of
 * two events interleaved.
 */
const FIXTURES = fileURLToPath(new URL('./fixtures/linux/', import.meta.url));
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const directory = mkdtempSync(path.join(tmpdir(), 'yorozu-linux-sources-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const valid = (event: NewEvent) => logEvent.safeParse({ ...event, seq: 1 }).success;

describe('udev records', () => {
  it('a USB stick from udevadm monitor: the ids, serial and class the Windows mapping sends', () => {
    const [add, bind] = parseUdevBlocks(fixture('udev-monitor-events.txt'));
    expect(add).toMatchObject({ ACTION: 'add', DEVTYPE: 'usb_device', ID_SERIAL_SHORT: '4C530001231120115142' });
    expect(bind?.ACTION).toBe('bind');
    const event = usbDeviceEvent(add!, 'connect', '2026-12-05T01:00:00.000Z');
    expect(event).toMatchObject({
      category: 'external_device',
      action: 'connect',
      deviceClass: 'usb_storage',
      vendorId: '0781',
      productId: '5581',
      // The same serial the Windows fixture's USBSTOR instance id carries (fixtures/windows/…Kernel-PnP…).
      serial: '4C530001231120115142',
      deviceName: 'SanDisk Corp. Ultra',
    });
    expect(valid(event)).toBe(true);
  });

  it('export-db lists devices; root hubs are not external devices; names come from the _ENC values', () => {
    const before = parseUdevBlocks(fixture('udev-export-db-before.txt'));
    expect(before.map((block) => block.DEVPATH)).toEqual([
      '/devices/pci0000:00/0000:00:14.0/usb1',
      '/devices/pci0000:00/0000:00:14.0/usb1/1-3',
    ]);
    expect(before.filter(isUsbDevice).map((block) => block.ID_MODEL_ID)).toEqual(['c31c']);
    const [, stick] = parseUdevBlocks(fixture('udev-export-db-after.txt'));
    expect(usbDeviceEvent(stick!, 'connect', '2026-12-05T01:00:00.000Z')).toMatchObject({
      deviceClass: 'usb_storage',
      vendorId: '0411',
      productId: '01ea',
      deviceName: 'BUFFALO RUF3-K',
    });
  });

  it('a remove event with only the kernel PRODUCT still names vendor and product', () => {
    const event = usbDeviceEvent(
      { ACTION: 'remove', DEVPATH: '/devices/x/1-9', SUBSYSTEM: 'usb', DEVTYPE: 'usb_device', PRODUCT: '781/5581/100' },
      'disconnect',
      '2026-12-05T01:00:00.000Z',
    );
    expect(event).toMatchObject({ vendorId: '0781', productId: '5581', deviceClass: 'other' });
    expect(valid(event)).toBe(true);
  });
});

const auditRecords = fixture('audit-records.txt').split('\n').filter(Boolean);
const auditEvent = (serial: number) => auditRecords.filter((line) => line.includes(`:${serial}):`));
const lines = (records: string[]) => records.map((line) => `${line}\n`).join('');

describe('audit records', () => {
  const identity = { userName: (uid: string) => ({ '0': 'root', '1000': 'tanaka' })[uid] };
  const eventOf = (serial: number) =>
    execEvent(
      auditEvent(serial).map((line) => parseAuditLine(line)!),
      identity,
    ) as unknown as Record<string, unknown>;

  it('an execve: user, process, pid, command line with hex arguments decoded, parent and cwd', () => {
    const event = eventOf(8103);
    expect(event).toMatchObject({
      category: 'software_operation',
      action: 'start',
      time: '2026-12-04T01:02:02.540Z',
      user: 'tanaka',
      processName: 'soffice.bin',
      processPath: '/usr/lib/libreoffice/program/soffice.bin',
      pid: 2417,
      commandLine: '/usr/lib/libreoffice/program/soffice.bin --calc "見積書 最終.xlsx"',
      attributes: {
        linuxAuditEvent: '1796346122.540:8103',
        linuxParentPid: '2290',
        linuxCwd: '/home/tanaka/デスクトップ',
      },
    });
    expect(valid(event as unknown as NewEvent)).toBe(true);
  });

  it('the login user (auid) is the user; the effective uid is kept beside it; no login falls back to uid', () => {
    expect(eventOf(8105)).toMatchObject({ user: 'sato', attributes: { linuxUid: 'root' } });
    expect(eventOf(8107)).toMatchObject({ user: 'root', processName: 'logrotate' });
  });

  it('a failed execve, another syscall and a login record are not launches', () => {
    expect(eventOf(8104)).toBeUndefined();
    expect(eventOf(8106)).toBeUndefined();
    expect(eventOf(8102)).toBeUndefined();
  });
});

describe('the audit log offset', () => {
  /** A disk buffer stand-in: the events appended, with their seq. */
  function buffer() {
    const events: NewEvent[] = [];
    const context: SourceContext = {
      nextSeq: () => events.length,
      bufferedSince: (seq) => events.slice(seq),
    };
    return { events, context, emit: (batch: NewEvent[]) => events.push(...batch) };
  }
  const stamps = (events: NewEvent[]) => events.map((event) => event.attributes?.linuxAuditEvent);
  const source = (log: string, offsetFile: string) =>
    new LinuxAuditExecSource({ offsetFile, auditLog: log, pollMs: 3_600_000, log: () => undefined });
  const readOnce = (log: string, offsetFile: string, sink: ReturnType<typeof buffer>) => {
    const reader = source(log, offsetFile);
    reader.start(sink.emit, sink.context);
    reader.stop();
  };

  it('a kill between the buffer append and the offset write sends nothing twice', () => {
    const log = path.join(directory, 'kill-audit.log');
    const offsetFile = path.join(directory, 'kill-offset.json');
    writeFileSync(log, lines(auditEvent(8101)));
    const sink = buffer();
    readOnce(log, offsetFile, sink); // first run: from the end
    copyFileSync(offsetFile, `${offsetFile}.before`);
    appendFileSync(log, lines([...auditEvent(8103), ...auditEvent(8105)]));
    readOnce(log, offsetFile, sink);
    expect(stamps(sink.events)).toEqual(['1796346122.540:8103', '1796346240.877:8105']);
    // The kill: the events reached the buffer, the offset file did not move.
    copyFileSync(`${offsetFile}.before`, offsetFile);
    appendFileSync(log, lines(auditEvent(8107)));
    readOnce(log, offsetFile, sink);
    expect(stamps(sink.events)).toEqual(['1796346122.540:8103', '1796346240.877:8105', '1796346360.220:8107']);
  });

  it('interleaved records: the complete event is sent at once, the open one when its EOE comes, each once', () => {
    const log = path.join(directory, 'interleaved-audit.log');
    const offsetFile = path.join(directory, 'interleaved-offset.json');
    writeFileSync(log, '');
    const sink = buffer();
    readOnce(log, offsetFile, sink);
    // Interleaving happens between events written in the same moment: 8109 a millisecond before 8110.
    const open = auditEvent(8109).map((line) => line.replace('1796346480.101:8109', '1796346540.317:8109'));
    const complete = auditEvent(8110);
    // 8109's SYSCALL, then all of 8110, then the rest of 8109 later.
    appendFileSync(log, lines([open[0]!, ...complete]));
    readOnce(log, offsetFile, sink);
    expect(stamps(sink.events)).toEqual(['1796346540.318:8110']);
    expect(JSON.parse(readFileSync(offsetFile, 'utf8')).offset).toBe(0);
    appendFileSync(log, lines(open.slice(1)));
    readOnce(log, offsetFile, sink);
    readOnce(log, offsetFile, sink);
    expect(stamps(sink.events)).toEqual(['1796346540.318:8110', '1796346540.317:8109']);
  });
});
