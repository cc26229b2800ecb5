/**
 * Small readers of Windows event data values, each with the Microsoft convention it follows.
 * Pure functions: shared by every mapping rule.
 */

/** "CORP" + "tanaka" → "CORP\tanaka"; Windows' own placeholders ("-", empty) mean no user. */
export function accountName(domain: string | undefined, user: string | undefined): string | undefined {
  const name = (user ?? '').trim();
  if (name === '' || name === '-') return undefined;
  const realm = (domain ?? '').trim();
  return realm === '' || realm === '-' ? name : `${realm}\\${name}`;
}

/** Process ids in Security events are hex ("0x1a2c"); Sysmon's are decimal. */
export function processId(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const parsed = /^0x[0-9a-f]+$/i.test(value)
    ? Number.parseInt(value.slice(2), 16)
    : /^\d+$/.test(value)
      ? Number(value)
      : Number.NaN;
  return Number.isSafeInteger(parsed) && parsed <= 0xffffffff ? parsed : undefined;
}

/** "C:\Windows\System32\cmd.exe" → "cmd.exe". */
export function baseName(path: string | undefined): string | undefined {
  if (!path || path === '-') return undefined;
  const name = path.split(/[\\/]/).pop();
  return name ? name : undefined;
}

/** Logon types of 4624/4625/4634 (Microsoft: "Audit Logon", logon type table) → the protocol's logonType. */
export function logonType(
  value: string | undefined,
): 'interactive' | 'remote' | 'network' | 'unlock' | 'service' | 'cached' | 'other' {
  switch (value) {
    case '2':
      return 'interactive';
    case '3':
    case '8':
      return 'network';
    case '4':
    case '5':
      return 'service';
    case '7':
      return 'unlock';
    case '10':
    case '12':
      return 'remote';
    case '11':
    case '13':
      return 'cached';
    default:
      return 'other';
  }
}

/** NTSTATUS sub-status codes of 4625 that Microsoft documents, as short reasons. */
const LOGON_FAILURES: Record<string, string> = {
  '0xc0000064': 'unknown user name',
  '0xc000006a': 'wrong password',
  '0xc000006d': 'bad user name or password',
  '0xc000006f': 'outside allowed logon hours',
  '0xc0000070': 'workstation not allowed',
  '0xc0000071': 'password expired',
  '0xc0000072': 'account disabled',
  '0xc0000133': 'clock out of sync with the domain controller',
  '0xc000015b': 'logon type not granted',
  '0xc0000193': 'account expired',
  '0xc0000224': 'password must be changed',
  '0xc0000234': 'account locked out',
};

export function logonFailureReason(status: string | undefined, subStatus: string | undefined): string | undefined {
  const code = (subStatus && subStatus !== '0x0' ? subStatus : (status ?? '')).toLowerCase();
  if (!code) return undefined;
  return LOGON_FAILURES[code] ? `${LOGON_FAILURES[code]} (${code})` : code;
}

/** A usable IP address, or undefined for Windows' "-", "::1"-style placeholders stay (they are addresses). */
export function ipAddress(value: string | undefined): string | undefined {
  if (!value || value === '-') return undefined;
  const address = value.replace(/^::ffff:/i, '');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address) && address.split('.').every((part) => Number(part) <= 255))
    return address;
  if (/^[0-9a-f:]+$/i.test(address) && address.includes(':')) return address;
  return undefined;
}

/**
 * Object access (4656, 4663, 5145): the access mask → the protocol's file action. Bits from
 * Microsoft's "File access rights constants": DELETE 0x10000, WRITE_DAC 0x40000, FILE_WRITE_DATA 0x2,
 * FILE_APPEND_DATA 0x4, FILE_READ_DATA 0x1, FILE_EXECUTE 0x20.
 */
export function fileActionOfAccessMask(mask: string | undefined): 'read' | 'write' | 'delete' {
  const bits = processId(mask) ?? 0;
  if (bits & 0x10000) return 'delete';
  if (bits & (0x2 | 0x4)) return 'write';
  return 'read';
}

/** "\??\C:\共有" (the NT form in 5140/5145) → "C:\共有". */
export function localPath(value: string | undefined): string | undefined {
  if (!value || value === '-') return undefined;
  return value.replace(/^\\\?\?\\/, '');
}

export interface UsbIds {
  vendorId?: string;
  productId?: string;
  serial?: string;
}

/**
 * Device instance ids (Microsoft: "Device Instance ID"): `USB\VID_0781&PID_5581\4C530001231120115142`,
 * or a storage id `USBSTOR\DISK&VEN_…&PROD_…\4C530001231120115142&0`. The last segment is the
 * device's serial number when the device reports one; Windows makes one up (it contains "&") when not.
 */
export function usbIdsOf(...instanceIds: (string | undefined)[]): UsbIds {
  const ids: UsbIds = {};
  for (const instanceId of instanceIds) {
    if (!instanceId) continue;
    const vid = /VID_([0-9A-F]{4})/i.exec(instanceId)?.[1];
    const pid = /PID_([0-9A-F]{4})/i.exec(instanceId)?.[1];
    if (vid && !ids.vendorId) ids.vendorId = vid.toLowerCase();
    if (pid && !ids.productId) ids.productId = pid.toLowerCase();
    const segments = instanceId.split('\\');
    const last = segments.length >= 3 ? segments[segments.length - 1]! : '';
    const serial = /^USBSTOR$/i.test(segments[0] ?? '') ? last.replace(/&\d+$/, '') : last;
    if (serial && !serial.includes('&') && !ids.serial && /^(USB|USBSTOR)$/i.test(segments[0] ?? ''))
      ids.serial = serial.slice(0, 256);
  }
  return ids;
}

type DeviceClass =
  'usb_storage' | 'smartphone' | 'optical' | 'bluetooth' | 'printer' | 'hid' | 'network' | 'camera' | 'other';

/** Setup class names (Microsoft: "System-defined device setup classes") and instance id prefixes → the protocol's deviceClass. */
export function deviceClassOf(className: string | undefined, instanceId: string | undefined): DeviceClass {
  const name = (className ?? '').toLowerCase();
  const id = (instanceId ?? '').toUpperCase();
  if (name === 'diskdrive' || name === 'volume' || id.startsWith('USBSTOR\\') || id.includes('USBSTOR#'))
    return 'usb_storage';
  if (name === 'wpd' || id.startsWith('SWD\\WPDBUSENUM')) return id.includes('USBSTOR') ? 'usb_storage' : 'smartphone';
  if (name === 'cdrom') return 'optical';
  if (name === 'bluetooth' || id.startsWith('BTH')) return 'bluetooth';
  if (name === 'printer' || name === 'printqueue') return 'printer';
  if (name === 'hidclass' || name === 'keyboard' || name === 'mouse' || id.startsWith('HID\\')) return 'hid';
  if (name === 'net') return 'network';
  if (name === 'camera' || name === 'image') return 'camera';
  return 'other';
}

/** A URL for a network destination (Sysmon 3): the scheme from the well-known port. */
export function destinationUrl(
  host: string | undefined,
  ip: string | undefined,
  port: string | undefined,
): string | undefined {
  const name = host && host !== '-' ? host : ip;
  if (!name) return undefined;
  const bracketed = name.includes(':') ? `[${name}]` : name;
  const scheme = port === '443' ? 'https' : 'http';
  const explicitPort = port && port !== '80' && port !== '443' ? `:${port}` : '';
  return `${scheme}://${bracketed}${explicitPort}/`;
}

/** Integers Windows writes as text; undefined when absent or not a whole number. */
export function wholeNumber(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) && parsed >= 0 ? parsed : undefined;
}

/** Drops undefined and empty values, so the mapped event carries only what Windows said. */
export function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined && value !== ''),
  ) as Partial<T>;
}
