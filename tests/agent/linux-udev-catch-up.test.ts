import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../agent/disk-buffer.js';
import { LinuxUdevDeviceSource } from '../../agent/sources/linux-udev-devices.js';
import type { SourceContext } from '../../agent/sources/source.js';

/**
 * The udev source's state against the disk buffer, with the fake `udevadm` on PATH: a kill between
 * the buffer append and the state write (the state file lost) reports nothing twice, and a device
 * gone while the agent was stopped is reported disconnected at the next start.
 */
const FIXTURES = fileURLToPath(new URL('./fixtures/linux/', import.meta.url));
const FAKE_TOOLS = fileURLToPath(new URL('./fake-linux-tools/', import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'yorozu-udev-'));
process.env.PATH = `${FAKE_TOOLS}${path.delimiter}${process.env.PATH}`;
process.env.YOROZU_FAKE_LINUX_DIR = work;
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the udev source across restarts', () => {
  const events: NewEvent[] = [];
  const context: SourceContext = { nextSeq: () => events.length, bufferedSince: (seq) => events.slice(seq) };
  const stateFile = path.join(work, 'udev-devices.json');
  const run = async () => {
    const source = new LinuxUdevDeviceSource({ stateFile, log: () => undefined });
    await source.start((batch) => events.push(...batch), context);
    source.stop();
  };
  const seen = () =>
    events.map((event) => `${(event as unknown as { action: string }).action} ${event.attributes?.linuxDevpath}`);

  it('a lost state write is caught up from the buffer; changes while stopped are found at start', async () => {
    copyFileSync(path.join(FIXTURES, 'udev-export-db-before.txt'), path.join(work, 'udev-db.txt'));
    await run();
    expect(seen()).toEqual(['connect /devices/pci0000:00/0000:00:14.0/usb1/1-3']);
    // The kill: the event reached the buffer, the state file did not.
    rmSync(stateFile);
    await run();
    expect(seen()).toEqual(['connect /devices/pci0000:00/0000:00:14.0/usb1/1-3']);
    copyFileSync(path.join(FIXTURES, 'udev-export-db-after.txt'), path.join(work, 'udev-db.txt'));
    await run();
    expect(seen()).toEqual([
      'connect /devices/pci0000:00/0000:00:14.0/usb1/1-3',
      'disconnect /devices/pci0000:00/0000:00:14.0/usb1/1-3',
      'connect /devices/pci0000:00/0000:00:14.0/usb1/1-4',
    ]);
    expect(events[1]).toMatchObject({ deviceClass: 'hid', vendorId: '046d', productId: 'c31c' });
  });
});
