import { baseName, defined, destinationUrl, ipAddress, processId } from './field-parsers.js';
import type { WindowsMappingRule } from './mapping-rule.js';

/**
 * Sysmon (when installed, agent/windows/sysmon-config.xml) and Microsoft Defender. Sysmon's data
 * names are those of its event schema (sysmon -s); Defender's have spaces ("Product Name").
 */
const SYSMON = { channel: 'Microsoft-Windows-Sysmon/Operational', provider: 'Microsoft-Windows-Sysmon' } as const;
const DEFENDER = {
  channel: 'Microsoft-Windows-Windows Defender/Operational',
  provider: 'Microsoft-Windows-Windows Defender',
} as const;
const SYSMON_SETTING = 'Sysmon installed with agent/windows/sysmon-config.xml';
const user = (value: string | undefined) => (value && value !== '-' ? value : undefined);

export const SYSMON_DEFENDER_RULES: readonly WindowsMappingRule[] = [
  {
    ...SYSMON,
    eventId: 1,
    category: 'software_operation',
    fields: ['action', 'user', 'processName', 'processPath', 'pid', 'commandLine', 'version', 'publisher'],
    windowsSetting: SYSMON_SETTING,
    map: (e) =>
      defined({
        action: 'start',
        user: user(e.data.User),
        processName: baseName(e.data.Image) ?? '(unknown)',
        processPath: e.data.Image,
        pid: processId(e.data.ProcessId),
        commandLine: e.data.CommandLine,
        version: e.data.FileVersion?.slice(0, 256),
        publisher: e.data.Company?.slice(0, 256),
        attributes: defined({
          windowsParentProcess: e.data.ParentImage,
          windowsParentPid: e.data.ParentProcessId,
          windowsHashes: e.data.Hashes?.slice(0, 1024),
        }),
      }),
  },
  {
    ...SYSMON,
    eventId: 3,
    category: 'web_access',
    fields: ['action', 'user', 'url', 'browser'],
    windowsSetting: `${SYSMON_SETTING} (NetworkConnect on ports 80/443)`,
    map: (e) => {
      const url = destinationUrl(e.data.DestinationHostname, ipAddress(e.data.DestinationIp), e.data.DestinationPort);
      if (!url) return undefined;
      return defined({
        action: 'visit',
        user: user(e.data.User),
        url,
        browser: baseName(e.data.Image)
          ?.replace(/\.exe$/i, '')
          .toLowerCase(),
        attributes: defined({ windowsSource: 'sysmon-network', windowsDestinationIp: e.data.DestinationIp }),
      });
    },
  },
  {
    ...SYSMON,
    eventId: 11,
    category: 'file_operation',
    fields: ['action', 'user', 'path', 'processName'],
    windowsSetting: `${SYSMON_SETTING} (FileCreate)`,
    map: (e) =>
      defined({
        action: 'create',
        user: user(e.data.User),
        path: e.data.TargetFilename,
        processName: baseName(e.data.Image),
      }),
  },
  {
    ...SYSMON,
    eventId: 22,
    category: 'web_access',
    fields: ['action', 'user', 'url', 'browser'],
    windowsSetting: `${SYSMON_SETTING} (DnsQuery): the queried domain when no proxy log exists`,
    map: (e) => {
      const name = e.data.QueryName?.trim().replace(/\.$/, '');
      if (!name || !/^[A-Za-z0-9.-]+$/.test(name)) return undefined;
      return defined({
        action: 'visit',
        user: user(e.data.User),
        url: `dns://${name}`,
        browser: baseName(e.data.Image)
          ?.replace(/\.exe$/i, '')
          .toLowerCase(),
        attributes: defined({ windowsSource: 'sysmon-dns', windowsQueryStatus: e.data.QueryStatus }),
      });
    },
  },
  {
    ...SYSMON,
    eventId: 23,
    category: 'file_operation',
    fields: ['action', 'user', 'path', 'processName'],
    windowsSetting: `${SYSMON_SETTING} (FileDelete)`,
    map: (e) =>
      defined({
        action: 'delete',
        user: user(e.data.User),
        path: e.data.TargetFilename,
        processName: baseName(e.data.Image),
      }),
  },
  {
    ...DEFENDER,
    eventId: 5001,
    category: 'software_operation',
    fields: ['action', 'processName', 'publisher', 'version', 'message'],
    windowsSetting: 'none: the Defender Operational log is on by default',
    // Read by the built-in policy admin-actions-outside-it-7d (attributes.windowsEventId = 5001, action stop).
    map: (e) =>
      defined({
        action: 'stop',
        processName: 'MsMpEng.exe',
        publisher: 'Microsoft Corporation',
        version: e.data['Product Version'],
        message: 'Microsoft Defender: real-time protection was disabled',
      }),
  },
  {
    ...DEFENDER,
    eventId: 1116,
    category: 'kept',
    fields: [],
    windowsSetting: 'none: the Defender Operational log is on by default',
    map: () => ({}),
  },
  {
    ...DEFENDER,
    eventId: 1117,
    category: 'kept',
    fields: [],
    windowsSetting: 'none: the Defender Operational log is on by default',
    map: () => ({}),
  },
];
