import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { NewEvent } from '../disk-buffer.js';
import { isUsbDevice, parseUdevBlocks, usbDeviceEvent, type UdevProperties } from './linux-udev-records.js';
import type { EventSource, SourceContext } from './source.js';

/**
 * External devices on Linux from udev: USB devices connected and disconnected, with vendor, product,
 * serial and class (linux-udev-records.ts).
 *
 * Why `udevadm monitor` as a long-running child and not polling /sys: udev tells the moment a device
 * comes and goes, so a stick plugged in for five seconds between two polls is still seen, and a remove
 * event still carries the device's properties (udev reads them from its database), where /sys has
 * nothing left to read once the device is gone. `udevadm` is part of systemd-udev on every
 * mainstream distribution, needs no privileges to listen, and is a documented interface; a native
 * netlink binding would need a compiler on the PC.
 *
 * What happens while the agent is not running is recovered from the difference between the devices
 * present (`udevadm info --export-db`) and those the agent last knew present (a state file written
 * like the Windows bookmarks, with the disk buffer's next seq): a device plugged in meanwhile is
 * reported connected (`linuxSeenAt: start`), one gone meanwhile disconnected. A kill between the
 * buffer append and the state write is caught up from the buffer, so nothing is reported twice.
 */
interface PresentDevice {
  properties: UdevProperties;
}
interface UdevState {
  present: Record<string, PresentDevice>;
  bufferNextSeq: number;
}

export interface UdevDeviceOptions {
  stateFile: string;
  /** How long to wait before starting `udevadm monitor` again after it exited. */
  restartMs?: number;
  log?: (level: 'info' | 'warn', message: string, details?: Record<string, unknown>) => void;
}

const exportDb = () =>
  new Promise<string>((resolve, reject) =>
    execFile('udevadm', ['info', '--export-db'], { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    ),
  );

export class LinuxUdevDeviceSource implements EventSource {
  readonly name = 'linux-udev';
  private state: UdevState;
  private monitor: ChildProcess | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private unavailable = false;
  private restarts = 0;

  constructor(private readonly options: UdevDeviceOptions) {
    this.state = existsSync(options.stateFile)
      ? (JSON.parse(readFileSync(options.stateFile, 'utf8')) as UdevState)
      : { present: {}, bufferNextSeq: 0 };
  }

  async start(emit: (events: NewEvent[]) => void, context?: SourceContext): Promise<void> {
    if (context) this.catchUp(context);
    const nextSeq = () => context?.nextSeq() ?? 0;
    const record = (events: NewEvent[]) => {
      if (events.length > 0) emit(events);
      this.state.bufferNextSeq = nextSeq();
      this.write();
    };
    // Listen first, then enumerate: a device that comes meanwhile is in one or the other, and the
    // present-set makes the second sighting a no-op.
    await this.listen(record);
    try {
      this.reconcile(parseUdevBlocks(await exportDb()).filter(isUsbDevice), record);
    } catch (error) {
      this.log('warn', 'could not list the USB devices present (udevadm info --export-db)', {
        error: (error as Error).message,
      });
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.monitor?.kill('SIGTERM');
  }

  /** Devices present now against those last known: connects and disconnects that happened while the agent was away. */
  private reconcile(present: UdevProperties[], record: (events: NewEvent[]) => void): void {
    const time = new Date().toISOString();
    const now = new Map(present.map((properties) => [properties.DEVPATH!, properties]));
    const events: NewEvent[] = [];
    for (const [devpath, known] of Object.entries(this.state.present)) {
      if (now.has(devpath)) continue;
      delete this.state.present[devpath];
      events.push(withSeenAtStart(usbDeviceEvent({ ...known.properties, DEVPATH: devpath }, 'disconnect', time)));
    }
    for (const [devpath, properties] of now) {
      if (this.state.present[devpath]) continue;
      this.state.present[devpath] = { properties: keep(properties) };
      events.push(withSeenAtStart(usbDeviceEvent(properties, 'connect', time)));
    }
    record(events);
  }

  private listen(record: (events: NewEvent[]) => void): Promise<void> {
    return new Promise((resolve) => {
      const child = spawn('udevadm', ['monitor', '--udev', '--property', '--subsystem-match=usb/usb_device'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      this.monitor = child;
      // The agent starts its sources before connecting: a monitor that never prints its header must not hold it.
      setTimeout(resolve, 10_000).unref();
      let block: string[] = [];
      let listening = false;
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        // "monitor will print the received events for:" … then the events: udev listens from here on.
        if (!listening && /received events/.test(line)) {
          listening = true;
          this.restarts = 0;
          resolve();
        }
        if (line.trim() !== '') {
          block.push(line);
          return;
        }
        const [properties] = parseUdevBlocks(block.join('\n'));
        block = [];
        if (properties && isUsbDevice(properties)) this.onUevent(properties, record);
      });
      child.stderr.resume();
      child.once('error', (error) => {
        // No udevadm (a container, a distribution without systemd-udev): said once, not retried.
        this.unavailable = true;
        this.log('warn', 'udevadm monitor could not start: external devices are not collected', {
          error: error.message,
        });
        resolve();
      });
      child.once('exit', (code, signal) => {
        resolve();
        if (this.stopped || this.unavailable) return;
        // A monitor that keeps failing is retried less and less often (up to every 5 minutes).
        const wait = Math.min((this.options.restartMs ?? 5000) * 2 ** this.restarts, 300_000);
        this.restarts += 1;
        this.log('warn', 'udevadm monitor exited; starting it again', { code, signal, waitMs: wait });
        this.restartTimer = setTimeout(() => {
          // The devices that came or went while it was down, then listening again.
          void this.listen(record).then(() =>
            exportDb().then(
              (text) => this.reconcile(parseUdevBlocks(text).filter(isUsbDevice), record),
              () => undefined,
            ),
          );
        }, wait);
        this.restartTimer.unref();
      });
    });
  }

  private onUevent(properties: UdevProperties, record: (events: NewEvent[]) => void): void {
    const devpath = properties.DEVPATH!;
    const time = new Date().toISOString();
    if (properties.ACTION === 'add' || properties.ACTION === 'bind') {
      if (this.state.present[devpath]) return;
      this.state.present[devpath] = { properties: keep(properties) };
      record([usbDeviceEvent(properties, 'connect', time)]);
    } else if (properties.ACTION === 'remove') {
      const known = this.state.present[devpath];
      if (!known) return;
      delete this.state.present[devpath];
      record([usbDeviceEvent({ ...known.properties, ...properties }, 'disconnect', time)]);
    }
  }

  /** Applies events already in the disk buffer that the state file does not cover (a kill between the two writes). */
  private catchUp(context: SourceContext): void {
    let moved = 0;
    for (const event of context.bufferedSince(this.state.bufferNextSeq)) {
      const devpath = event.attributes?.linuxDevpath;
      if (event.category !== 'external_device' || !devpath) continue;
      moved += 1;
      if ((event as { action?: string }).action === 'connect')
        this.state.present[devpath] = { properties: propertiesOf(event) };
      else delete this.state.present[devpath];
    }
    if (moved > 0) {
      this.state.bufferNextSeq = context.nextSeq();
      this.write();
    }
  }

  private write(): void {
    writeFileSync(`${this.options.stateFile}.tmp`, JSON.stringify(this.state), { mode: 0o600 });
    renameSync(`${this.options.stateFile}.tmp`, this.options.stateFile);
  }

  private log(level: 'info' | 'warn', message: string, details?: Record<string, unknown>): void {
    if (this.options.log) this.options.log(level, message, details);
    else console.error(JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...details }));
  }
}

/** The properties an event is built from: kept so a disconnect seen at start still names the device. */
const KEPT =
  /^(DEVPATH|PRODUCT|DRIVER|ID_VENDOR_ID|ID_MODEL_ID|ID_SERIAL_SHORT|ID_USB_INTERFACES|ID_MTP_DEVICE|ID_MEDIA_PLAYER|ID_VENDOR_ENC|ID_MODEL_ENC|ID_VENDOR_FROM_DATABASE|ID_MODEL_FROM_DATABASE|SUBSYSTEM|DEVTYPE)$/;
function keep(properties: UdevProperties): UdevProperties {
  return Object.fromEntries(Object.entries(properties).filter(([key]) => KEPT.test(key)));
}

/** Back from a buffered event to the properties that rebuild it (for the catch-up). */
function propertiesOf(event: NewEvent): UdevProperties {
  const device = event as unknown as { vendorId?: string; productId?: string; serial?: string; deviceName?: string };
  return {
    SUBSYSTEM: 'usb',
    DEVTYPE: 'usb_device',
    DEVPATH: event.attributes?.linuxDevpath ?? '',
    ...(event.attributes?.linuxUsbInterfaces ? { ID_USB_INTERFACES: event.attributes.linuxUsbInterfaces } : {}),
    ...(device.vendorId ? { ID_VENDOR_ID: device.vendorId } : {}),
    ...(device.productId ? { ID_MODEL_ID: device.productId } : {}),
    ...(device.serial ? { ID_SERIAL_SHORT: device.serial } : {}),
    ...(device.deviceName ? { ID_VENDOR_FROM_DATABASE: device.deviceName } : {}),
  };
}

const withSeenAtStart = (event: NewEvent): NewEvent => ({
  ...event,
  attributes: { ...event.attributes, linuxSeenAt: 'start' },
});
