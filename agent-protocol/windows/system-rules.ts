import { accountName, baseName, defined, wholeNumber } from './field-parsers.js';
import type { WindowsMappingRule } from './mapping-rule.js';

/**
 * Boot and shutdown (System log) and printing (PrintService/Operational). Keyed on the provider
 * too: System 12 is a boot only from Microsoft-Windows-Kernel-General.
 */
const KERNEL_GENERAL = { channel: 'System', provider: 'Microsoft-Windows-Kernel-General' } as const;
const EVENT_LOG = { channel: 'System', provider: 'EventLog' } as const;
const BY_DEFAULT = 'none: the System log records it by default';

export const SYSTEM_RULES: readonly WindowsMappingRule[] = [
  {
    ...KERNEL_GENERAL,
    eventId: 12,
    category: 'boot',
    fields: ['action', 'message'],
    windowsSetting: BY_DEFAULT,
    map: (e) =>
      defined({
        action: 'boot',
        message: e.data.StartTime ? `operating system started at ${e.data.StartTime}` : 'operating system started',
      }),
  },
  {
    ...KERNEL_GENERAL,
    eventId: 13,
    category: 'boot',
    fields: ['action', 'message'],
    windowsSetting: BY_DEFAULT,
    map: (e) =>
      defined({
        action: 'shutdown',
        message: e.data.StopTime
          ? `operating system shutting down at ${e.data.StopTime}`
          : 'operating system shutting down',
      }),
  },
  {
    ...EVENT_LOG,
    eventId: 6005,
    category: 'boot',
    fields: ['action', 'message'],
    windowsSetting: BY_DEFAULT,
    map: () => ({ action: 'boot', message: 'the Event Log service was started' }),
  },
  {
    ...EVENT_LOG,
    eventId: 6006,
    category: 'boot',
    fields: ['action', 'message'],
    windowsSetting: BY_DEFAULT,
    map: () => ({ action: 'shutdown', message: 'the Event Log service was stopped' }),
  },
  {
    ...EVENT_LOG,
    eventId: 6008,
    category: 'boot',
    fields: ['action', 'reason'],
    windowsSetting: BY_DEFAULT,
    // Anonymous data: the time and date of the unexpected shutdown, in the PC's local format.
    map: (e) => ({
      action: 'shutdown',
      reason: `unexpected shutdown${e.data.param1 ? ` at ${e.data.param1} ${e.data.param2 ?? ''}`.trimEnd() : ''}`,
    }),
  },
  {
    ...EVENT_LOG,
    eventId: 6013,
    category: 'boot',
    fields: ['action', 'uptimeSeconds'],
    windowsSetting: BY_DEFAULT,
    // "The system uptime is N seconds." — N is the fifth anonymous value.
    map: (e) => defined({ action: 'uptime', uptimeSeconds: wholeNumber(e.data.param5) }),
  },
  {
    channel: 'System',
    provider: 'User32',
    eventId: 1074,
    category: 'boot',
    fields: ['action', 'user', 'reason'],
    windowsSetting: BY_DEFAULT,
    // param1 process (with the computer), param3 reason text, param4 code, param5 "restart" / "power off", param6 comment, param7 user.
    map: (e) =>
      defined({
        action: /restart|再起動/i.test(e.data.param5 ?? '') ? 'restart' : 'shutdown',
        user: accountName(undefined, e.data.param7),
        reason: [e.data.param3, e.data.param6].filter((part) => part && part.trim() !== '').join(' — ') || undefined,
        attributes: defined({
          windowsProcess: baseName(e.data.param1?.replace(/\s*\(.*\)\s*$/, '')),
          windowsReasonCode: e.data.param4,
        }),
      }),
  },
  {
    channel: 'Microsoft-Windows-PrintService/Operational',
    provider: 'Microsoft-Windows-PrintService',
    eventId: 307,
    category: 'printer_output',
    fields: ['user', 'printerName', 'documentName', 'pages', 'sizeBytes'],
    windowsSetting: 'wevtutil sl Microsoft-Windows-PrintService/Operational /e:true',
    // <UserData><DocumentPrinted>: Param1 job id, Param2 document, Param3 user, Param4 client, Param5 printer, Param6 port, Param7 bytes, Param8 pages.
    map: (e) => {
      const p = e.userData?.data ?? e.data;
      return defined({
        user: accountName(undefined, p.Param3),
        printerName: p.Param5 || '(unknown printer)',
        documentName: p.Param2,
        pages: wholeNumber(p.Param8) ?? 0,
        sizeBytes: wholeNumber(p.Param7),
        attributes: defined({
          windowsPrintJobId: p.Param1,
          windowsPrintClient: p.Param4,
          windowsPrinterPort: p.Param6,
        }),
      });
    },
  },
];
