import type { NewEvent } from '../disk-buffer.js';

/**
 * udev's property blocks, as `udevadm monitor --udev --property` prints an event (a header line
 * `UDEV  [12.345] add  /devices/… (usb)`, then `KEY=value` lines, then a blank line) and as
 * `udevadm info --export-db` prints a device (`P: /devices/…`, `E: KEY=value` lines, a blank line).
 * Both become the same property map; a USB device (DEVTYPE=usb_device) becomes an external_device
 * event with the fields the Windows mapping fills (agent-protocol/windows/device-rules.ts): vendor
 * and product id as four lower-case hex digits, the serial the device reports (ID_SERIAL_SHORT, the
 * same iSerialNumber string Windows puts at the end of its device instance id, so one
 * `approved_usb_serials` entry matches the stick on both systems), and the device class from its
 * interfaces.
 */
export type UdevProperties = Record<string, string>;

/** Splits text into blocks of properties; `monitor` and `export-db` forms both accepted. */
export function parseUdevBlocks(text: string): UdevProperties[] {
  const blocks: UdevProperties[] = [];
  let current: UdevProperties = {};
  const flush = () => {
    if (Object.keys(current).length > 0) blocks.push(current);
    current = {};
  };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      flush();
      continue;
    }
    const exported = /^([A-Z]): (.*)$/.exec(line);
    if (exported) {
      if (exported[1] === 'P') current.DEVPATH = exported[2]!;
      else if (exported[1] === 'E') {
        const eq = exported[2]!.indexOf('=');
        if (eq > 0) current[exported[2]!.slice(0, eq)] = exported[2]!.slice(eq + 1);
      }
      continue;
    }
    const header = /^(UDEV|KERNEL)\s+\[[\d.]+\]\s+(\w+)\s+(\S+)/.exec(line);
    if (header) {
      flush();
      current.ACTION = header[2]!;
      current.DEVPATH = header[3]!;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0 && /^[A-Za-z0-9_.]+$/.test(line.slice(0, eq))) current[line.slice(0, eq)] = line.slice(eq + 1);
  }
  flush();
  return blocks;
}

/** udev's `_ENC` values escape bytes as `\xNN` (udev_util_encode_string). */
function decodeUdev(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const hex = /^\\x([0-9a-fA-F]{2})/.exec(value.slice(i, i + 4));
    if (hex) {
      bytes.push(Number.parseInt(hex[1]!, 16));
      i += 3;
    } else bytes.push(...Buffer.from(value[i]!, 'utf8'));
  }
  const decoded = Buffer.from(bytes).toString('utf8').trim();
  return decoded === '' ? undefined : decoded;
}

const hex4 = (value: string | undefined) =>
  value && /^[0-9a-f]{1,4}$/i.test(value) ? value.toLowerCase().padStart(4, '0') : undefined;

type DeviceClass =
  'usb_storage' | 'smartphone' | 'optical' | 'bluetooth' | 'printer' | 'hid' | 'network' | 'camera' | 'other';

/**
 * USB interface classes (usb.org "Defined Class Codes") in ID_USB_INTERFACES (":080650:030101:"):
 * 08 mass storage (subclass 02 is an optical drive's MMC-2), 03 HID, 07 printer, 06 still image
 * (a phone in PTP/MTP mode when udev marks ID_MTP_DEVICE), 0e video, e0 wireless controller
 * (Bluetooth), 02/0a communications (a network adapter or a tethering phone).
 */
export function usbDeviceClass(properties: UdevProperties): DeviceClass {
  const interfaces = (properties.ID_USB_INTERFACES ?? '')
    .split(':')
    .filter((triplet) => /^[0-9a-f]{6}$/i.test(triplet));
  const classes = interfaces.map((triplet) => triplet.slice(0, 2).toLowerCase());
  if (properties.ID_MTP_DEVICE === '1' || properties.ID_MEDIA_PLAYER) return 'smartphone';
  if (interfaces.some((triplet) => /^0802/i.test(triplet))) return 'optical';
  if (classes.includes('08')) return 'usb_storage';
  if (classes.includes('06')) return 'camera';
  if (classes.includes('0e')) return 'camera';
  if (classes.includes('07')) return 'printer';
  if (classes.includes('e0')) return 'bluetooth';
  if (classes.includes('02') || classes.includes('0a')) return 'network';
  if (classes.includes('03')) return 'hid';
  return 'other';
}

/** Is this block a whole USB device (not one of its interfaces, nor a hub's port)? */
export function isUsbDevice(properties: UdevProperties): boolean {
  return (
    properties.SUBSYSTEM === 'usb' &&
    properties.DEVTYPE === 'usb_device' &&
    !/^:09/.test(properties.ID_USB_INTERFACES ?? '')
  );
}

/** A USB device's udev properties → an external_device event (connect or disconnect). */
export function usbDeviceEvent(properties: UdevProperties, action: 'connect' | 'disconnect', time: string): NewEvent {
  // PRODUCT (from the kernel, present on remove too) is "vid/pid/bcdDevice" in hex without padding.
  const [productVendor, productProduct] = (properties.PRODUCT ?? '').split('/');
  const vendor = decodeUdev(properties.ID_VENDOR_FROM_DATABASE) ?? decodeUdev(properties.ID_VENDOR_ENC);
  const model = decodeUdev(properties.ID_MODEL_FROM_DATABASE) ?? decodeUdev(properties.ID_MODEL_ENC);
  const deviceName = [vendor, model].filter(Boolean).join(' ').slice(0, 256);
  const serial = properties.ID_SERIAL_SHORT?.trim();
  return {
    category: 'external_device',
    time,
    action,
    deviceClass: usbDeviceClass(properties),
    ...(hex4(properties.ID_VENDOR_ID ?? productVendor)
      ? { vendorId: hex4(properties.ID_VENDOR_ID ?? productVendor) }
      : {}),
    ...(hex4(properties.ID_MODEL_ID ?? productProduct)
      ? { productId: hex4(properties.ID_MODEL_ID ?? productProduct) }
      : {}),
    ...(serial ? { serial: serial.slice(0, 256) } : {}),
    ...(deviceName ? { deviceName } : {}),
    attributes: {
      linuxDevpath: (properties.DEVPATH ?? '').slice(0, 1024),
      ...(properties.DRIVER ? { linuxDriver: properties.DRIVER.slice(0, 1024) } : {}),
      ...(properties.ID_USB_INTERFACES ? { linuxUsbInterfaces: properties.ID_USB_INTERFACES.slice(0, 1024) } : {}),
    },
  } as NewEvent;
}
