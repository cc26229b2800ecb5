import {
  accountName,
  baseName,
  defined,
  fileActionOfAccessMask,
  ipAddress,
  localPath,
  logonFailureReason,
  logonType,
  processId,
} from './field-parsers.js';
import { SECURITY, type WindowsMappingRule } from './mapping-rule.js';
import type { WindowsEvent } from './windows-event.js';

/**
 * Security log events (provider Microsoft-Windows-Security-Auditing). Field names are those of
 * Microsoft's "Advanced security audit policy" event pages (e.g. 4624(S): An account was
 * successfully logged on).
 */
const target = (e: WindowsEvent) => accountName(e.data.TargetDomainName, e.data.TargetUserName);
const subject = (e: WindowsEvent) => accountName(e.data.SubjectDomainName, e.data.SubjectUserName);

const logonRule = (
  eventId: number,
  setting: string,
  fields: readonly string[],
  map: WindowsMappingRule['map'],
): WindowsMappingRule => ({
  ...SECURITY,
  eventId,
  category: 'logon',
  fields,
  windowsSetting: setting,
  map,
});

const fileObjectRule = (eventId: number, setting: string, map: WindowsMappingRule['map']): WindowsMappingRule => ({
  ...SECURITY,
  eventId,
  category: 'file_operation',
  fields: ['action', 'user', 'path', 'processName'],
  windowsSetting: setting,
  map,
});

const FILE_SACL =
  'auditpol /set /subcategory:"File System" /success:enable; a SACL (auditing entry) on each watched folder';

function objectAccess(e: WindowsEvent): Record<string, unknown> | undefined {
  if (e.data.ObjectType && e.data.ObjectType !== 'File') return undefined; // registry keys, kernel objects: not file operations
  return defined({
    action: fileActionOfAccessMask(e.data.AccessMask),
    user: subject(e),
    path: e.data.ObjectName,
    processName: baseName(e.data.ProcessName),
    driveType: e.data.ObjectName?.startsWith('\\\\') ? 'network' : undefined,
  });
}

export const SECURITY_RULES: readonly WindowsMappingRule[] = [
  logonRule(
    4624,
    'auditpol /set /subcategory:"Logon" /success:enable',
    ['action', 'user', 'logonType', 'sourceIp', 'sessionId'],
    (e) =>
      defined({
        action: 'logon',
        user: target(e),
        logonType: logonType(e.data.LogonType),
        sourceIp: ipAddress(e.data.IpAddress),
        sessionId: e.data.TargetLogonId,
        attributes: defined({ windowsProcess: baseName(e.data.ProcessName) }),
      }),
  ),
  logonRule(
    4625,
    'auditpol /set /subcategory:"Logon" /failure:enable',
    ['action', 'user', 'logonType', 'sourceIp', 'failureReason'],
    (e) =>
      defined({
        action: 'logon_failed',
        user: target(e) ?? '(unknown)',
        logonType: logonType(e.data.LogonType),
        sourceIp: ipAddress(e.data.IpAddress),
        failureReason: logonFailureReason(e.data.Status, e.data.SubStatus),
        attributes: defined({ windowsProcess: baseName(e.data.ProcessName) }),
      }),
  ),
  logonRule(
    4634,
    'auditpol /set /subcategory:"Logoff" /success:enable',
    ['action', 'user', 'logonType', 'sessionId'],
    (e) =>
      defined({
        action: 'logoff',
        user: target(e),
        logonType: logonType(e.data.LogonType),
        sessionId: e.data.TargetLogonId,
      }),
  ),
  logonRule(
    4647,
    'auditpol /set /subcategory:"Logoff" /success:enable',
    ['action', 'user', 'logonType', 'sessionId'],
    (e) => defined({ action: 'logoff', user: target(e), logonType: 'interactive', sessionId: e.data.TargetLogonId }),
  ),
  logonRule(
    4648,
    'auditpol /set /subcategory:"Logon" /success:enable',
    ['action', 'user', 'logonType', 'sourceIp', 'message'],
    (e) =>
      defined({
        action: 'logon',
        user: target(e),
        logonType: 'other',
        sourceIp: ipAddress(e.data.IpAddress),
        attributes: defined({ windowsProcess: baseName(e.data.ProcessName) }),
        message: `explicit credentials used by ${subject(e) ?? 'unknown'} for ${e.data.TargetServerName ?? '-'}`,
      }),
  ),
  logonRule(
    4672,
    'auditpol /set /subcategory:"Special Logon" /success:enable',
    ['action', 'user', 'logonType', 'sessionId', 'message'],
    (e) =>
      defined({
        action: 'logon',
        user: subject(e),
        logonType: 'other',
        sessionId: e.data.SubjectLogonId,
        message: `special privileges assigned: ${(e.data.PrivilegeList ?? '').replace(/\s+/g, ' ').trim()}`,
      }),
  ),
  logonRule(
    4800,
    'auditpol /set /subcategory:"Other Logon/Logoff Events" /success:enable',
    ['action', 'user', 'logonType', 'sessionId'],
    (e) => defined({ action: 'lock', user: target(e), logonType: 'interactive', sessionId: e.data.SessionId }),
  ),
  logonRule(
    4801,
    'auditpol /set /subcategory:"Other Logon/Logoff Events" /success:enable',
    ['action', 'user', 'logonType', 'sessionId'],
    (e) => defined({ action: 'unlock', user: target(e), logonType: 'unlock', sessionId: e.data.SessionId }),
  ),
  {
    ...SECURITY,
    eventId: 4688,
    category: 'software_operation',
    fields: ['action', 'user', 'processName', 'processPath', 'pid', 'commandLine'],
    windowsSetting:
      'auditpol /set /subcategory:"Process Creation" /success:enable; command lines: policy "Include command line in process creation events" (ProcessCreationIncludeCmdLine_Enabled=1)',
    map: (e) =>
      defined({
        action: 'start',
        user: accountName(e.data.TargetDomainName, e.data.TargetUserName) ?? subject(e),
        processName: baseName(e.data.NewProcessName) ?? '(unknown)',
        processPath: e.data.NewProcessName,
        pid: processId(e.data.NewProcessId),
        commandLine: e.data.CommandLine,
        attributes: defined({
          windowsParentProcess: e.data.ParentProcessName,
          windowsParentPid: processId(e.data.ProcessId)?.toString(),
        }),
      }),
  },
  {
    ...SECURITY,
    eventId: 4689,
    category: 'software_operation',
    fields: ['action', 'user', 'processName', 'processPath', 'pid'],
    windowsSetting: 'auditpol /set /subcategory:"Process Termination" /success:enable',
    map: (e) =>
      defined({
        action: 'stop',
        user: subject(e),
        processName: baseName(e.data.ProcessName) ?? '(unknown)',
        processPath: e.data.ProcessName,
        pid: processId(e.data.ProcessId),
      }),
  },
  fileObjectRule(4656, `${FILE_SACL} (handle requests)`, objectAccess),
  // 4660 carries no object name: Windows names the deleted object only in the 4656/4663 with the same HandleId.
  fileObjectRule(4660, FILE_SACL, (e) =>
    defined({
      action: 'delete',
      user: subject(e),
      path: e.data.ObjectName ?? `(handle ${e.data.HandleId ?? '?'})`,
      processName: baseName(e.data.ProcessName),
      attributes: defined({ windowsHandleId: e.data.HandleId }),
    }),
  ),
  fileObjectRule(4663, FILE_SACL, objectAccess),
  {
    ...SECURITY,
    eventId: 5140,
    category: 'file_operation',
    fields: ['action', 'user', 'path', 'driveType'],
    windowsSetting: 'auditpol /set /subcategory:"File Share" /success:enable',
    map: (e) =>
      defined({
        action: 'read',
        user: subject(e),
        path: localPath(e.data.ShareLocalPath) ?? e.data.ShareName,
        driveType: 'network',
        attributes: defined({ windowsShareName: e.data.ShareName, windowsSourceIp: ipAddress(e.data.IpAddress) }),
      }),
  },
  {
    ...SECURITY,
    eventId: 5145,
    category: 'file_operation',
    fields: ['action', 'user', 'path', 'driveType'],
    windowsSetting: 'auditpol /set /subcategory:"Detailed File Share" /success:enable /failure:enable',
    map: (e) => {
      const share = localPath(e.data.ShareLocalPath) ?? e.data.ShareName ?? '';
      const relative = e.data.RelativeTargetName && e.data.RelativeTargetName !== '\\' ? e.data.RelativeTargetName : '';
      return defined({
        action: fileActionOfAccessMask(e.data.AccessMask),
        user: subject(e),
        path: relative ? `${share.replace(/\\$/, '')}\\${relative}` : share,
        driveType: 'network',
        attributes: defined({ windowsShareName: e.data.ShareName, windowsSourceIp: ipAddress(e.data.IpAddress) }),
      });
    },
  },
];
