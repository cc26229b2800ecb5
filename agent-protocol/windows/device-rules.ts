import { accountName, defined, deviceClassOf, usbIdsOf } from './field-parsers.js';
import { SECURITY, type WindowsMappingRule } from './mapping-rule.js';
import type { WindowsEvent } from './windows-event.js';

/**
 * External devices and device control: Security 6416/6419–6424 (Audit PNP Activity), the Kernel-PnP
 * configuration log, the DriverFrameworks-UserMode log and UserPnp's driver installs in System.
 */
const PNP_AUDIT = 'auditpol /set /subcategory:"Plug and Play Events" /success:enable';
const subject = (e: WindowsEvent) => accountName(e.data.SubjectDomainName, e.data.SubjectUserName);

function peripheral(
  instanceId: string | undefined,
  className: string | undefined,
  description: string | undefined,
  hardwareIds?: string,
) {
  return defined({
    deviceClass: deviceClassOf(className, instanceId),
    ...usbIdsOf(instanceId, hardwareIds),
    deviceName: description?.slice(0, 256),
  });
}

const securityPnp = (e: WindowsEvent) =>
  peripheral(e.data.DeviceId, e.data.ClassName, e.data.DeviceDescription, e.data.HardwareIds ?? e.data.VendorIds);

const control = (eventId: number, action: 'allowed' | 'blocked', reason: string): WindowsMappingRule => ({
  ...SECURITY,
  eventId,
  category: 'device_control',
  fields: ['action', 'user', 'deviceClass', 'vendorId', 'productId', 'serial', 'deviceName', 'reason'],
  windowsSetting:
    eventId === 6423 || eventId === 6424
      ? `${PNP_AUDIT}; device installation restriction policies (Computer Configuration > Administrative Templates > System > Device Installation > Device Installation Restrictions)`
      : PNP_AUDIT,
  map: (e) => defined({ action, user: subject(e), ...securityPnp(e), reason }),
});

/** The device instance id of a UserData event: an element (UserPnp) or the element's `instance` attribute (DriverFrameworks, raw XML). */
const userDataInstance = (e: WindowsEvent) =>
  e.userData?.data.DeviceInstanceID ?? e.userData?.data.instance ?? e.data.DeviceInstanceId ?? e.data.instance;

export const DEVICE_RULES: readonly WindowsMappingRule[] = [
  {
    ...SECURITY,
    eventId: 6416,
    category: 'external_device',
    fields: ['action', 'user', 'deviceClass', 'vendorId', 'productId', 'serial', 'deviceName'],
    windowsSetting: PNP_AUDIT,
    map: (e) => defined({ action: 'connect', user: subject(e), ...securityPnp(e) }),
  },
  control(6419, 'blocked', 'a request was made to disable the device'),
  control(6420, 'blocked', 'the device was disabled'),
  control(6421, 'allowed', 'a request was made to enable the device'),
  control(6422, 'allowed', 'the device was enabled'),
  control(6423, 'blocked', 'installation forbidden by system policy'),
  control(6424, 'allowed', 'installation allowed after previously being forbidden by policy'),
  {
    channel: 'Microsoft-Windows-Kernel-PnP/Configuration',
    provider: 'Microsoft-Windows-Kernel-PnP',
    eventId: 400,
    category: 'external_device',
    fields: ['action', 'deviceClass', 'vendorId', 'productId', 'serial'],
    windowsSetting: 'none: the Kernel-PnP/Configuration log is on by default',
    map: (e) =>
      defined({
        action: 'connect',
        ...peripheral(e.data.DeviceInstanceId, undefined, undefined),
        attributes: defined({ windowsDriver: e.data.DriverName }),
      }),
  },
  {
    channel: 'Microsoft-Windows-Kernel-PnP/Configuration',
    provider: 'Microsoft-Windows-Kernel-PnP',
    eventId: 410,
    category: 'external_device',
    fields: ['action', 'deviceClass', 'vendorId', 'productId', 'serial'],
    windowsSetting: 'none: the Kernel-PnP/Configuration log is on by default',
    map: (e) =>
      defined({
        action: 'connect',
        ...peripheral(e.data.DeviceInstanceId, undefined, undefined),
        attributes: defined({ windowsDriver: e.data.DriverName, windowsService: e.data.ServiceName }),
      }),
  },
  {
    channel: 'Microsoft-Windows-DriverFrameworks-UserMode/Operational',
    provider: 'Microsoft-Windows-DriverFrameworks-UserMode',
    eventId: 2003,
    category: 'external_device',
    fields: ['action', 'deviceClass', 'vendorId', 'productId', 'serial'],
    windowsSetting:
      'wevtutil sl Microsoft-Windows-DriverFrameworks-UserMode/Operational /e:true; receiver raw: true (the device id is an XML attribute)',
    map: (e) => defined({ action: 'connect', ...peripheral(userDataInstance(e), undefined, undefined) }),
  },
  {
    channel: 'Microsoft-Windows-DriverFrameworks-UserMode/Operational',
    provider: 'Microsoft-Windows-DriverFrameworks-UserMode',
    eventId: 2100,
    category: 'external_device',
    fields: ['action', 'deviceClass', 'vendorId', 'productId', 'serial'],
    windowsSetting:
      'wevtutil sl Microsoft-Windows-DriverFrameworks-UserMode/Operational /e:true; receiver raw: true (the device id is an XML attribute)',
    // 2100 is a PnP or power request to the device; minor 23 (surprise removal) and 2 (remove) are its removal.
    map: (e) => {
      const minor = e.userData?.data['Request.minor'];
      if (minor !== undefined && minor !== '23' && minor !== '2') return undefined;
      return defined({ action: 'disconnect', ...peripheral(userDataInstance(e), undefined, undefined) });
    },
  },
  {
    channel: 'System',
    provider: 'Microsoft-Windows-UserPnp',
    eventId: 20001,
    category: 'external_device',
    fields: ['action', 'deviceClass', 'vendorId', 'productId', 'serial', 'deviceName'],
    windowsSetting: 'none: written to System by default when a driver is installed for a new device',
    map: (e) =>
      defined({
        action: 'connect',
        ...peripheral(userDataInstance(e), e.userData?.data.SetupClass, e.userData?.data.DriverName),
        attributes: defined({ windowsInstallStatus: e.userData?.data.InstallStatus }),
      }),
  },
  {
    channel: 'System',
    provider: 'Microsoft-Windows-UserPnp',
    eventId: 20003,
    category: 'external_device',
    fields: ['action', 'deviceClass', 'vendorId', 'productId', 'serial'],
    windowsSetting: 'none: written to System by default when a device service is added',
    map: (e) =>
      defined({
        action: 'connect',
        ...peripheral(userDataInstance(e), undefined, undefined),
        attributes: defined({ windowsService: e.userData?.data.ServiceName }),
      }),
  },
];
