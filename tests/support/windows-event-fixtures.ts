import type { WindowsEventFixture } from './windows-event-renderings.js';

/**
 * One event per mapping row, with the data names and example values of Microsoft's documentation
 * of that event id (Security auditing event pages, Sysmon's schema, the Defender event list), and
 * the protocol fields the mapping must produce. `lostInMaps`: fields only the XML carries (the map
 * bodies drop <UserData> attributes), expected absent from the two map layouts.
 */
export interface MappingFixture extends WindowsEventFixture {
  expected: Record<string, unknown> & { category: string };
  lostInMaps?: string[];
}

const T = '2026-12-04T00:15:02.6474239Z';
let record = 1000;
const security = (eventId: number, data: [string | null, string][], expected: MappingFixture['expected']): MappingFixture => ({
  channel: 'Security', provider: 'Microsoft-Windows-Security-Auditing', eventId, recordId: record++, time: T, data, expected,
});
const subject: [string, string][] = [['SubjectUserSid', 'S-1-5-21-1377283216-344919071-3415362939-1104'], ['SubjectUserName', 'tanaka'], ['SubjectDomainName', 'CORP'], ['SubjectLogonId', '0x1e3a2f']];
const targetLogon: [string, string][] = [['TargetUserSid', 'S-1-5-21-1377283216-344919071-3415362939-1104'], ['TargetUserName', 'tanaka'], ['TargetDomainName', 'CORP'], ['TargetLogonId', '0x1e3a2f']];
const usbDevice: [string, string][] = [
  ['DeviceId', 'USB\\VID_0781&PID_5581\\4C530001231120115142'], ['DeviceDescription', 'USB 大容量記憶装置'], ['ClassId', '{36fc9e60-c465-11cf-8056-444553540000}'], ['ClassName', 'USB'],
  ['HardwareIds', 'USB\\VID_0781&PID_5581&REV_0100 USB\\VID_0781&PID_5581'], ['CompatibleIds', 'USB\\Class_08&SubClass_06&Prot_50 USB\\Class_08'], ['LocationInformation', 'Port_#0002.Hub_#0004'],
];
const usbIds = { vendorId: '0781', productId: '5581', serial: '4C530001231120115142' };
const control = (eventId: number, action: string): MappingFixture => security(eventId, [...subject, ...usbDevice], { category: 'device_control', action, user: 'CORP\\tanaka', ...usbIds, deviceName: 'USB 大容量記憶装置' });
const sysmon = (eventId: number, data: [string, string][], expected: MappingFixture['expected']): MappingFixture => ({
  channel: 'Microsoft-Windows-Sysmon/Operational', provider: 'Microsoft-Windows-Sysmon', eventId, recordId: record++, time: T, data: [['RuleName', '-'], ['UtcTime', '2026-12-04 00:15:02.647'], ['ProcessGuid', '{5770385f-c22a-43e0-bf4c-06f5698ffbd9}'], ...data], expected,
});
const system = (provider: string, eventId: number, data: [string | null, string][], expected: MappingFixture['expected']): MappingFixture => ({ channel: 'System', provider, eventId, recordId: record++, time: T, data, expected });

export const MAPPING_FIXTURES: MappingFixture[] = [
  system('Microsoft-Windows-Kernel-General', 12, [['MajorVersion', '10'], ['MinorVersion', '0'], ['BuildVersion', '22631'], ['StartTime', '2026-12-04T00:14:58.500000000Z']], { category: 'boot', action: 'boot' }),
  system('Microsoft-Windows-Kernel-General', 13, [['StopTime', '2026-12-04T09:02:11.125000000Z']], { category: 'boot', action: 'shutdown' }),
  system('EventLog', 6005, [[null, ''], [null, ''], [null, '']], { category: 'boot', action: 'boot' }),
  system('EventLog', 6006, [[null, ''], [null, ''], [null, '']], { category: 'boot', action: 'shutdown' }),
  system('EventLog', 6008, [[null, '9:41:07'], [null, '2026/12/03'], [null, ''], [null, '']], { category: 'boot', action: 'shutdown', reason: 'unexpected shutdown at 9:41:07 2026/12/03' }),
  system('EventLog', 6013, [[null, ''], [null, ''], [null, ''], [null, ''], [null, '86400'], [null, '60'], [null, '540 東京 (標準時)']], { category: 'boot', action: 'uptime', uptimeSeconds: 86400 }),
  system('User32', 1074, [[null, 'C:\\Windows\\System32\\RuntimeBroker.exe (PC-SOUMU-01)'], [null, 'PC-SOUMU-01'], [null, 'その他 (計画済み)'], [null, '0x80000000'], [null, '再起動'], [null, ''], [null, 'CORP\\tanaka']], { category: 'boot', action: 'restart', user: 'CORP\\tanaka', reason: 'その他 (計画済み)' }),
  {
    channel: 'Microsoft-Windows-PrintService/Operational', provider: 'Microsoft-Windows-PrintService', eventId: 307, recordId: record++, time: T,
    userData: { name: 'DocumentPrinted', children: [['Param1', '12'], ['Param2', '見積書_2026-12.xlsx'], ['Param3', 'tanaka'], ['Param4', '\\\\PC-SOUMU-01'], ['Param5', '総務部 複合機 (RICOH IM C3000)'], ['Param6', '192.168.10.50'], ['Param7', '284112'], ['Param8', '3']] },
    expected: { category: 'printer_output', user: 'tanaka', printerName: '総務部 複合機 (RICOH IM C3000)', documentName: '見積書_2026-12.xlsx', pages: 3, sizeBytes: 284112 },
  },
  security(4624, [...subject.map(([k]) => [k, k === 'SubjectLogonId' ? '0x3e7' : '-'] as [string, string]), ...targetLogon, ['LogonType', '10'], ['LogonProcessName', 'User32'], ['AuthenticationPackageName', 'Negotiate'], ['WorkstationName', 'PC-SOUMU-01'], ['ProcessId', '0x2c4'], ['ProcessName', 'C:\\Windows\\System32\\svchost.exe'], ['IpAddress', '192.168.10.23'], ['IpPort', '0']],
    { category: 'logon', action: 'logon', user: 'CORP\\tanaka', logonType: 'remote', sourceIp: '192.168.10.23', sessionId: '0x1e3a2f' }),
  security(4625, [['SubjectUserSid', 'S-1-5-18'], ['SubjectUserName', 'PC-SOUMU-01$'], ['SubjectDomainName', 'CORP'], ['SubjectLogonId', '0x3e7'], ['TargetUserSid', 'S-1-0-0'], ['TargetUserName', 'suzuki'], ['TargetDomainName', 'CORP'], ['Status', '0xc000006d'], ['FailureReason', '%%2313'], ['SubStatus', '0xc000006a'], ['LogonType', '2'], ['ProcessName', 'C:\\Windows\\System32\\svchost.exe'], ['IpAddress', '127.0.0.1'], ['IpPort', '0']],
    { category: 'logon', action: 'logon_failed', user: 'CORP\\suzuki', logonType: 'interactive', sourceIp: '127.0.0.1', failureReason: 'wrong password (0xc000006a)' }),
  security(4634, [...targetLogon, ['LogonType', '2']], { category: 'logon', action: 'logoff', user: 'CORP\\tanaka', logonType: 'interactive', sessionId: '0x1e3a2f' }),
  security(4647, targetLogon, { category: 'logon', action: 'logoff', user: 'CORP\\tanaka', sessionId: '0x1e3a2f' }),
  security(4648, [...subject, ['LogonGuid', '{00000000-0000-0000-0000-000000000000}'], ['TargetUserName', 'adm-sato'], ['TargetDomainName', 'CORP'], ['TargetServerName', 'FILESV01'], ['TargetInfo', 'FILESV01'], ['ProcessId', '0x1f0'], ['ProcessName', 'C:\\Windows\\System32\\runas.exe'], ['IpAddress', '-'], ['IpPort', '-']],
    { category: 'logon', action: 'logon', user: 'CORP\\adm-sato', logonType: 'other' }),
  security(4672, [...subject, ['PrivilegeList', 'SeSecurityPrivilege\n\t\t\tSeBackupPrivilege']], { category: 'logon', action: 'logon', user: 'CORP\\tanaka', sessionId: '0x1e3a2f', message: 'special privileges assigned: SeSecurityPrivilege SeBackupPrivilege' }),
  security(4800, [...targetLogon, ['SessionId', '2']], { category: 'logon', action: 'lock', user: 'CORP\\tanaka', sessionId: '2' }),
  security(4801, [...targetLogon, ['SessionId', '2']], { category: 'logon', action: 'unlock', user: 'CORP\\tanaka', logonType: 'unlock', sessionId: '2' }),
  security(4688, [...subject, ['NewProcessId', '0x2bc4'], ['NewProcessName', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE'], ['TokenElevationType', '%%1938'], ['ProcessId', '0x1a30'], ['CommandLine', '"EXCEL.EXE" "C:\\Users\\tanaka\\Documents\\見積書.xlsx"'], ['TargetUserSid', 'S-1-0-0'], ['TargetUserName', '-'], ['TargetDomainName', '-'], ['TargetLogonId', '0x0'], ['ParentProcessName', 'C:\\Windows\\explorer.exe'], ['MandatoryLabel', 'S-1-16-8192']],
    { category: 'software_operation', action: 'start', user: 'CORP\\tanaka', processName: 'EXCEL.EXE', processPath: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE', pid: 0x2bc4, commandLine: '"EXCEL.EXE" "C:\\Users\\tanaka\\Documents\\見積書.xlsx"' }),
  security(4689, [...subject, ['Status', '0x0'], ['ProcessId', '0x2bc4'], ['ProcessName', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE']], { category: 'software_operation', action: 'stop', user: 'CORP\\tanaka', processName: 'EXCEL.EXE', pid: 0x2bc4 }),
  security(4656, [...subject, ['ObjectServer', 'Security'], ['ObjectType', 'File'], ['ObjectName', 'C:\\共有\\経理\\給与.xlsx'], ['HandleId', '0x1a4'], ['AccessList', '%%4416 %%4417'], ['AccessMask', '0x3'], ['ProcessId', '0x2bc4'], ['ProcessName', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE']],
    { category: 'file_operation', action: 'write', user: 'CORP\\tanaka', path: 'C:\\共有\\経理\\給与.xlsx', processName: 'EXCEL.EXE' }),
  security(4660, [...subject, ['ObjectServer', 'Security'], ['HandleId', '0x1a4'], ['ProcessId', '0x1a30'], ['ProcessName', 'C:\\Windows\\explorer.exe'], ['TransactionId', '{00000000-0000-0000-0000-000000000000}']],
    { category: 'file_operation', action: 'delete', user: 'CORP\\tanaka', path: '(handle 0x1a4)', processName: 'explorer.exe' }),
  security(4663, [...subject, ['ObjectServer', 'Security'], ['ObjectType', 'File'], ['ObjectName', 'C:\\共有\\経理\\旧データ.csv'], ['HandleId', '0x1a4'], ['AccessList', '%%1537'], ['AccessMask', '0x10000'], ['ProcessId', '0x1a30'], ['ProcessName', 'C:\\Windows\\explorer.exe']],
    { category: 'file_operation', action: 'delete', user: 'CORP\\tanaka', path: 'C:\\共有\\経理\\旧データ.csv', processName: 'explorer.exe' }),
  security(5140, [...subject, ['ObjectType', 'File'], ['IpAddress', '192.168.10.31'], ['IpPort', '49781'], ['ShareName', '\\\\*\\経理'], ['ShareLocalPath', '\\??\\D:\\共有\\経理'], ['AccessMask', '0x1'], ['AccessList', '%%4416']],
    { category: 'file_operation', action: 'read', user: 'CORP\\tanaka', path: 'D:\\共有\\経理', driveType: 'network' }),
  security(5145, [...subject, ['ObjectType', 'File'], ['IpAddress', '192.168.10.31'], ['IpPort', '49781'], ['ShareName', '\\\\*\\経理'], ['ShareLocalPath', '\\??\\D:\\共有\\経理'], ['RelativeTargetName', '2026\\請求書.pdf'], ['AccessMask', '0x2'], ['AccessList', '%%4417'], ['AccessReason', '-']],
    { category: 'file_operation', action: 'write', user: 'CORP\\tanaka', path: 'D:\\共有\\経理\\2026\\請求書.pdf', driveType: 'network' }),
  security(6416, [...subject, ...usbDevice, ['VendorIds', 'USB\\VID_0781&PID_5581&REV_0100 USB\\VID_0781&PID_5581']], { category: 'external_device', action: 'connect', user: 'CORP\\tanaka', ...usbIds, deviceName: 'USB 大容量記憶装置' }),
  control(6419, 'blocked'), control(6420, 'blocked'), control(6421, 'allowed'), control(6422, 'allowed'), control(6423, 'blocked'), control(6424, 'allowed'),
  {
    channel: 'Microsoft-Windows-Kernel-PnP/Configuration', provider: 'Microsoft-Windows-Kernel-PnP', eventId: 400, recordId: record++, time: T,
    data: [['DeviceInstanceId', 'USBSTOR\\Disk&Ven_SanDisk&Prod_Ultra&Rev_1.00\\4C530001231120115142&0'], ['DriverName', 'disk.inf'], ['ClassGuid', '{4d36e967-e325-11ce-bfc1-08002be10318}'], ['DriverVersion', '10.0.22621.1'], ['DriverProvider', 'Microsoft'], ['DeviceUpdated', 'false'], ['Status', '0x0'], ['ParentDeviceInstanceId', 'USB\\VID_0781&PID_5581\\4C530001231120115142']],
    expected: { category: 'external_device', action: 'connect', deviceClass: 'usb_storage', serial: '4C530001231120115142' },
  },
  {
    channel: 'Microsoft-Windows-Kernel-PnP/Configuration', provider: 'Microsoft-Windows-Kernel-PnP', eventId: 410, recordId: record++, time: T,
    data: [['DeviceInstanceId', 'USB\\VID_0781&PID_5581\\4C530001231120115142'], ['DriverName', 'usbstor.inf'], ['ClassGuid', '{36fc9e60-c465-11cf-8056-444553540000}'], ['ServiceName', 'USBSTOR'], ['LowerFilters', ''], ['UpperFilters', ''], ['Problem', '0x0'], ['Status', '0x0']],
    expected: { category: 'external_device', action: 'connect', ...usbIds },
  },
  {
    channel: 'Microsoft-Windows-DriverFrameworks-UserMode/Operational', provider: 'Microsoft-Windows-DriverFrameworks-UserMode', eventId: 2003, recordId: record++, time: T,
    userData: { name: 'UMDFHostDeviceArrivalBegin', attributes: { lifetime: '{AFB5D5BE-8A3F-4E1B-A3A4-7A4F5AE1C1E2}', instance: 'USB\\VID_0781&PID_5581\\4C530001231120115142' }, children: [] },
    expected: { category: 'external_device', action: 'connect', ...usbIds }, lostInMaps: ['vendorId', 'productId', 'serial'],
  },
  {
    channel: 'Microsoft-Windows-DriverFrameworks-UserMode/Operational', provider: 'Microsoft-Windows-DriverFrameworks-UserMode', eventId: 2100, recordId: record++, time: T,
    userData: { name: 'UMDFHostDeviceRequest', attributes: { lifetime: '{AFB5D5BE-8A3F-4E1B-A3A4-7A4F5AE1C1E2}', instance: 'USB\\VID_0781&PID_5581\\4C530001231120115142' }, children: [['Request', { major: '27', minor: '23' }], ['Argument1', '0x0'], ['Argument2', '0x0'], ['Argument3', '0x0'], ['Argument4', '0x0'], ['Status', '0x0']] },
    expected: { category: 'external_device', action: 'disconnect', ...usbIds }, lostInMaps: ['vendorId', 'productId', 'serial'],
  },
  {
    channel: 'System', provider: 'Microsoft-Windows-UserPnp', eventId: 20001, recordId: record++, time: T,
    userData: { name: 'InstallDeviceID', children: [['DriverName', 'wpdfs.inf'], ['DriverVersion', '10.0.22621.1'], ['DriverProvider', 'Microsoft'], ['DeviceInstanceID', 'USB\\VID_04E8&PID_6860\\R58N12ABCDE'], ['SetupClass', '{EEC5AD98-8080-425F-922A-DABF3DE3F69A}'], ['RebootOption', 'false'], ['UpgradeDevice', 'false'], ['IsDriverOEM', 'false'], ['InstallStatus', '0x0']] },
    expected: { category: 'external_device', action: 'connect', vendorId: '04e8', productId: '6860', serial: 'R58N12ABCDE' },
  },
  {
    channel: 'System', provider: 'Microsoft-Windows-UserPnp', eventId: 20003, recordId: record++, time: T,
    userData: { name: 'AddServiceID', children: [['ServiceName', 'WUDFWpdFs'], ['DriverFileName', '\\SystemRoot\\System32\\drivers\\WUDFRd.sys'], ['DeviceInstanceID', 'USB\\VID_04E8&PID_6860\\R58N12ABCDE'], ['PrimaryService', 'true'], ['UpdateService', 'false'], ['AddServiceStatus', '0x0']] },
    expected: { category: 'external_device', action: 'connect', vendorId: '04e8', productId: '6860', serial: 'R58N12ABCDE' },
  },
  sysmon(1, [['ProcessId', '11204'], ['Image', 'C:\\Users\\tanaka\\Downloads\\FreeVideoConverterSetup.exe'], ['FileVersion', '3.2.1'], ['Description', 'Setup'], ['Product', 'Free Video Converter'], ['Company', 'FVC Software'], ['OriginalFileName', 'setup.exe'], ['CommandLine', '"C:\\Users\\tanaka\\Downloads\\FreeVideoConverterSetup.exe" /S'], ['CurrentDirectory', 'C:\\Users\\tanaka\\Downloads\\'], ['User', 'CORP\\tanaka'], ['LogonId', '0x1e3a2f'], ['IntegrityLevel', 'Medium'], ['Hashes', 'SHA256=4F1E2A'], ['ParentProcessId', '6720'], ['ParentImage', 'C:\\Windows\\explorer.exe']],
    { category: 'software_operation', action: 'start', user: 'CORP\\tanaka', processName: 'FreeVideoConverterSetup.exe', pid: 11204, version: '3.2.1', publisher: 'FVC Software' }),
  sysmon(3, [['ProcessId', '9920'], ['Image', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'], ['User', 'CORP\\tanaka'], ['Protocol', 'tcp'], ['Initiated', 'true'], ['SourceIsIpv6', 'false'], ['SourceIp', '192.168.10.23'], ['SourcePort', '51234'], ['DestinationIsIpv6', 'false'], ['DestinationIp', '203.0.113.10'], ['DestinationHostname', 'www.example.co.jp'], ['DestinationPort', '443'], ['DestinationPortName', 'https']],
    { category: 'web_access', action: 'visit', user: 'CORP\\tanaka', url: 'https://www.example.co.jp/', browser: 'msedge' }),
  sysmon(11, [['ProcessId', '9920'], ['Image', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'], ['TargetFilename', 'C:\\Users\\tanaka\\Downloads\\請求書.pdf'], ['CreationUtcTime', '2026-12-04 00:15:02.600'], ['User', 'CORP\\tanaka']],
    { category: 'file_operation', action: 'create', user: 'CORP\\tanaka', path: 'C:\\Users\\tanaka\\Downloads\\請求書.pdf', processName: 'msedge.exe' }),
  sysmon(22, [['ProcessId', '9920'], ['QueryName', 'www.example.co.jp'], ['QueryStatus', '0'], ['QueryResults', '::ffff:203.0.113.10;'], ['Image', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'], ['User', 'CORP\\tanaka']],
    { category: 'web_access', action: 'visit', user: 'CORP\\tanaka', url: 'dns://www.example.co.jp', browser: 'msedge' }),
  sysmon(23, [['ProcessId', '6720'], ['User', 'CORP\\tanaka'], ['Image', 'C:\\Windows\\explorer.exe'], ['TargetFilename', 'C:\\Users\\tanaka\\Documents\\顧客一覧.xlsx'], ['Hashes', 'SHA256=9A0B'], ['IsExecutable', 'false'], ['Archived', 'true']],
    { category: 'file_operation', action: 'delete', user: 'CORP\\tanaka', path: 'C:\\Users\\tanaka\\Documents\\顧客一覧.xlsx', processName: 'explorer.exe' }),
  {
    channel: 'Microsoft-Windows-Windows Defender/Operational', provider: 'Microsoft-Windows-Windows Defender', eventId: 5001, recordId: record++, time: T,
    data: [['Product Name', 'Microsoft Defender ウイルス対策'], ['Product Version', '4.18.24090.11']],
    expected: { category: 'software_operation', action: 'stop', processName: 'MsMpEng.exe', version: '4.18.24090.11' },
  },
  {
    channel: 'Microsoft-Windows-Windows Defender/Operational', provider: 'Microsoft-Windows-Windows Defender', eventId: 1116, recordId: record++, time: T,
    data: [['Product Name', 'Microsoft Defender ウイルス対策'], ['Threat Name', 'Virus:DOS/EICAR_Test_File'], ['Severity Name', 'Severe'], ['Path', 'file:_C:\\Users\\tanaka\\Downloads\\eicar.com'], ['Detection User', 'CORP\\tanaka']],
    expected: { category: 'kept' },
  },
  {
    channel: 'Microsoft-Windows-Windows Defender/Operational', provider: 'Microsoft-Windows-Windows Defender', eventId: 1117, recordId: record++, time: T,
    data: [['Product Name', 'Microsoft Defender ウイルス対策'], ['Threat Name', 'Virus:DOS/EICAR_Test_File'], ['Action Name', '検疫'], ['Path', 'file:_C:\\Users\\tanaka\\Downloads\\eicar.com']],
    expected: { category: 'kept' },
  },
];
