import type { NewEvent } from '../disk-buffer.js';

/**
 * The Linux audit log's raw records (auditd's `log_format = RAW` or `ENRICHED`; Red Hat's "Understanding
 * audit log files" and auditd.conf(5)):
 *
 *   type=SYSCALL msg=audit(1764900302.117:5321): arch=c000003e syscall=59 success=yes exit=0 … ppid=2210
 *     pid=2291 auid=1000 uid=1000 … tty=pts0 ses=3 comm="cat" exe="/usr/bin/cat" key="yorozu_exec"
 *   type=EXECVE msg=audit(1764900302.117:5321): argc=2 a0="cat" a1="/etc/hosts"
 *   type=CWD msg=audit(1764900302.117:5321): cwd="/home/tanaka"
 *   type=EOE msg=audit(1764900302.117:5321):
 *
 * Records of one event share the `msg=audit(seconds.millis:serial)` stamp and end with EOE. A string
 * value is quoted, or hex-encoded without quotes when it holds a space, a quote or a control
 * character; an argument too long for one record is split into `aN_len=` and `aN[0]=`, `aN[1]=`….
 * ENRICHED adds, after a 0x1d byte, the names of ids: `AUID="tanaka" UID="tanaka"`.
 */
export interface AuditRecord {
  type: string;
  /** "1764900302.117:5321": the event's identity in this log. */
  stamp: string;
  timeMs: number;
  fields: Record<string, string>;
  /** The ENRICHED part (names of uids), when auditd writes it. */
  names: Record<string, string>;
}

const FIELD = /([A-Za-z0-9_[\]]+)=("[^"]*"|'[^']*'|\S+)/g;

function fieldsOf(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of text.matchAll(FIELD)) fields[match[1]!] = match[2]!;
  return fields;
}

export function parseAuditLine(line: string): AuditRecord | undefined {
  const match = /^type=(\S+) msg=audit\((\d+)\.(\d{3}):(\d+)\)\s*:\s?(.*)$/.exec(line);
  if (!match) return undefined;
  const [, type, seconds, millis, serial, rest] = match;
  const [raw, enriched] = rest!.split('\x1d');
  return {
    type: type!,
    stamp: `${seconds}.${millis}:${serial}`,
    timeMs: Number(seconds) * 1000 + Number(millis),
    fields: fieldsOf(raw ?? ''),
    names: fieldsOf(enriched ?? ''),
  };
}

/** A string field: quoted as is, unquoted hex decoded, "(null)" and "(none)" as nothing. */
export function auditString(value: string | undefined): string | undefined {
  if (value === undefined || value === '(null)' || value === '(none)') return undefined;
  if (value.startsWith('"') && value.endsWith('"')) return value.slice(1, -1);
  if (/^([0-9A-F]{2})+$/.test(value)) return Buffer.from(value, 'hex').toString('utf8').replace(/\0/g, ' ');
  return value;
}

/** EXECVE's arguments, the split ones joined again. */
export function execveArguments(fields: Record<string, string>): string[] {
  const argc = Number(fields.argc);
  if (!Number.isSafeInteger(argc) || argc < 0) return [];
  const args: string[] = [];
  for (let i = 0; i < Math.min(argc, 4096); i += 1) {
    if (fields[`a${i}`] !== undefined) {
      args.push(auditString(fields[`a${i}`]) ?? '');
      continue;
    }
    let joined = '';
    // Pieces are hex (auditd hex-encodes every piece of a split argument).
    for (let piece = 0; fields[`a${i}[${piece}]`] !== undefined; piece += 1)
      joined += fields[`a${i}[${piece}]`]!.replace(/^"|"$/g, '');
    args.push(/^([0-9A-F]{2})+$/.test(joined) ? Buffer.from(joined, 'hex').toString('utf8') : joined);
  }
  return args;
}

/** One command line as a shell would take it back: arguments with spaces or quotes are double-quoted. */
function commandLineOf(args: string[]): string {
  return args
    .map((arg) => (arg === '' || /[\s"'\\]/.test(arg) ? `"${arg.replace(/(["\\])/g, '\\$1')}"` : arg))
    .join(' ');
}

const UNSET_ID = '4294967295';

export interface AuditIdentity {
  /** uid → account name (from /etc/passwd) for RAW logs, which carry numbers only. */
  userName(uid: string): string | undefined;
}

/**
 * One audit event (its records) → a software_operation `start`, when it is a successful execve:
 * the fields the Windows 4688 rule fills (agent-protocol/windows/security-rules.ts): user (the login
 * user, auid, as 4688's target user; uid when there is no login), processName, processPath, pid,
 * commandLine, and the parent's pid as an attribute.
 */
export function execEvent(records: AuditRecord[], identity: AuditIdentity): NewEvent | undefined {
  const syscall = records.find((record) => record.type === 'SYSCALL');
  // A long command line spans several EXECVE records: their fields together are the arguments.
  const execves = records.filter((record) => record.type === 'EXECVE');
  const execve =
    execves.length > 0
      ? { fields: Object.assign({}, ...execves.map((record) => record.fields)) as Record<string, string> }
      : undefined;
  if (!syscall || !execve || syscall.fields.success !== 'yes') return undefined;
  const name = (field: 'auid' | 'uid') => {
    const id = syscall.fields[field];
    if (!id || id === UNSET_ID) return undefined;
    return auditString(syscall.names[field.toUpperCase()]) ?? identity.userName(id) ?? `uid:${id}`;
  };
  const exe = auditString(syscall.fields.exe);
  const args = execveArguments(execve.fields);
  const cwd = auditString(records.find((record) => record.type === 'CWD')?.fields.cwd);
  const key = auditString(syscall.fields.key);
  const pid = Number(syscall.fields.pid);
  const user = name('auid') ?? name('uid');
  return {
    category: 'software_operation',
    time: new Date(syscall.timeMs).toISOString(),
    action: 'start',
    ...(user ? { user: user.slice(0, 256) } : {}),
    processName: (exe?.split('/').pop() || auditString(syscall.fields.comm) || '(unknown)').slice(0, 256),
    ...(exe ? { processPath: exe.slice(0, 1024) } : {}),
    ...(Number.isSafeInteger(pid) && pid >= 0 ? { pid } : {}),
    ...(args.length > 0 ? { commandLine: commandLineOf(args).slice(0, 8192) } : {}),
    attributes: {
      linuxAuditEvent: `${records[0]!.stamp}`,
      ...(syscall.fields.ppid ? { linuxParentPid: syscall.fields.ppid } : {}),
      ...(name('uid') && name('uid') !== user ? { linuxUid: name('uid')!.slice(0, 1024) } : {}),
      ...(cwd ? { linuxCwd: cwd.slice(0, 1024) } : {}),
      ...(key ? { linuxAuditKey: key.slice(0, 1024) } : {}),
    },
  } as NewEvent;
}
