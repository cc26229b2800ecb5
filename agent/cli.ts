import { parseArgs } from 'node:util';
import { YorozuAgent, AGENT_VERSION } from './agent-runtime.js';
import { LinuxBootLogonSource } from './sources/linux-boot-logon.js';
import { LinuxInventory, parseOsRelease } from './sources/linux-inventory.js';
import { existsSync, readFileSync } from 'node:fs';
import type { EventSource } from './sources/source.js';
import { SteadySource } from './sources/steady-source.js';
import path from 'node:path';
import { release } from 'node:os';
import { spawn } from 'node:child_process';
import type { HealthCollector, InventoryCollector } from './sources/source.js';
import { LinuxHealth } from './sources/linux-health.js';
import { CupsPageLogSource } from './sources/linux-cups-pages.js';
import { LinuxAuditExecSource } from './sources/linux-audit-exec.js';
import { LinuxUdevDeviceSource } from './sources/linux-udev-devices.js';
import { WindowsBookmarks } from './sources/windows-bookmarks.js';
import { WindowsEventLogSource } from './sources/windows-event-log.js';
import { WindowsHealth } from './sources/windows-health.js';
import { WindowsInventory } from './sources/windows-inventory.js';

/** `npx yorozu-agent --server URL --secret S`: the reference agent on this machine. */
const HELP = `yorozu-agent ${AGENT_VERSION} — the Yorozu reference agent

Usage: npx yorozu-agent --server URL [--secret SECRET] [options]

  --server URL          Yorozu server, e.g. http://desk.example.jp:8080 (required)
  --secret SECRET       the participant's enrollment secret (yes1.…); needed only on the first run,
                        after that the device credential in the state directory is used
  --state-dir DIR       where the credential (mode 0600), configuration and disk buffer live
                        (default: ./yorozu-agent-state; on Windows %ProgramData%\\Yorozu\\agent)
  --os windows|linux    which collectors to use (default: this machine's OS). On Windows: the event
                        logs through wevtutil, inventory and health through PowerShell
  --event-poll-ms N     how often the Windows event logs (on Linux: the audit log) are read (default 5000)
  --buffer-max-mb N     disk buffer limit in MiB (default 256). When full, the OLDEST unsent events
                        are dropped, the loss is logged and counted in diagnostics
  --source NAME         event source, repeatable: linux (boot time, wtmp logons, CUPS page_log, USB devices
                        from udev, process launches from the audit log; default on Linux),
                        windows (the event logs; default on Windows), steady (synthetic events for
                        trying the agent), none
  --audit-log FILE      on Linux: auditd's log, read for execve events (default /var/log/audit/audit.log;
                        needs an execve audit rule, see agent/README.md)
  --steady-rate N       events per second of the steady source (default 10)
  --steady-limit N      stop the steady source after N events (default: no limit)
  --no-inventory        do not collect hardware/software/update inventory
  --no-health           do not run health checks
  --enroll-only         enroll with --secret, write the credential and exit (the install script does this)
  --uninstall-script F  on Windows: the script that removes the service and program after the
                        uninstall command (yorozu-agent-uninstall.ps1; the install script sets it)
  --reconnect-max-ms N  longest wait between reconnect attempts (default 60000)
  --hostname NAME       report this host name instead of the machine's
  --help                this text

Exit codes: 0 stopped, 3 revoked by the desk, 4 uninstalled, 5 credential refused or not enrolled.
Logs are JSON lines on stderr.`;

const { values } = parseArgs({
  options: {
    server: { type: 'string' },
    secret: { type: 'string' },
    'state-dir': { type: 'string' },
    os: { type: 'string' },
    'event-poll-ms': { type: 'string', default: '5000' },
    'no-health': { type: 'boolean', default: false },
    'uninstall-script': { type: 'string' },
    'enroll-only': { type: 'boolean', default: false },
    'buffer-max-mb': { type: 'string', default: '256' },
    source: { type: 'string', multiple: true },
    'audit-log': { type: 'string', default: '/var/log/audit/audit.log' },
    'steady-rate': { type: 'string', default: '10' },
    'steady-limit': { type: 'string' },
    'no-inventory': { type: 'boolean', default: false },
    'reconnect-max-ms': { type: 'string', default: '60000' },
    hostname: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}
if (!values.server) {
  console.error(`--server is required.\n\n${HELP}`);
  process.exit(2);
}

const targetOs = values.os ?? (process.platform === 'win32' ? 'windows' : process.platform);
if (!['windows', 'linux'].includes(targetOs)) {
  console.error(`--os ${targetOs}: the agent collects on windows and linux only.`);
  process.exit(2);
}
const stateDirectory =
  values['state-dir'] ??
  (process.platform === 'win32'
    ? path.join(process.env.ProgramData ?? 'C:\\ProgramData', 'Yorozu', 'agent')
    : './yorozu-agent-state');
const bookmarks =
  targetOs === 'windows' ? new WindowsBookmarks(path.join(stateDirectory, 'event-log-bookmarks.json')) : undefined;

const sourceNames = values.source ?? [targetOs];
const sources: EventSource[] = [];
for (const name of sourceNames) {
  if (name === 'linux')
    sources.push(
      new LinuxBootLogonSource(),
      new CupsPageLogSource(path.join(stateDirectory, 'cups-page-log-offset')),
      new LinuxUdevDeviceSource({ stateFile: path.join(stateDirectory, 'udev-devices.json') }),
      new LinuxAuditExecSource({
        offsetFile: path.join(stateDirectory, 'audit-log-offset.json'),
        auditLog: values['audit-log'],
        pollMs: Number(values['event-poll-ms']),
      }),
    );
  else if (name === 'windows')
    sources.push(new WindowsEventLogSource({ bookmarks: bookmarks!, pollMs: Number(values['event-poll-ms']) }));
  else if (name === 'steady')
    sources.push(
      new SteadySource(
        Number(values['steady-rate']),
        values['steady-limit'] ? Number(values['steady-limit']) : undefined,
      ),
    );
  else if (name !== 'none') {
    console.error(`Unknown --source ${name}; use linux, windows, steady or none.`);
    process.exit(2);
  }
}

if (sourceNames.includes('windows') && !bookmarks) {
  console.error('--source windows needs --os windows.');
  process.exit(2);
}
const inventory: InventoryCollector | undefined = values['no-inventory']
  ? undefined
  : targetOs === 'windows'
    ? new WindowsInventory()
    : new LinuxInventory();
const health: HealthCollector | undefined = values['no-health']
  ? undefined
  : targetOs === 'windows'
    ? new WindowsHealth(bookmarks)
    : new LinuxHealth();

const agent = new YorozuAgent({
  serverUrl: values.server,
  enrollmentSecret: values.secret,
  stateDirectory,
  bufferMaxBytes: Number(values['buffer-max-mb']) * 1024 * 1024,
  sources,
  inventory,
  health,
  removeProgram: values['uninstall-script'] ? () => startProgramRemoval(values['uninstall-script']!) : undefined,
  reconnectMaxMs: Number(values['reconnect-max-ms']),
  hostname: values.hostname,
  // On Windows the inventory sent right after connecting names the OS exactly (Windows 11 Pro, 23H2).
  os:
    targetOs === 'windows'
      ? { name: 'Windows', version: release() }
      : existsSync('/etc/os-release')
        ? parseOsRelease(readFileSync('/etc/os-release', 'utf8'))
        : undefined,
});

/**
 * Starts the uninstall script outside this process's tree (through WMI's Win32_Process.Create), so
 * stopping the service does not stop the script: it waits for this process to exit, then removes
 * the service, the program and what is left of the state.
 */
function startProgramRemoval(script: string): { removing: ('service' | 'program')[]; detail: string } {
  const commandLine = `powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -File "${script}" -AgentProcessId ${process.pid}`;
  const launcher = `Invoke-CimMethod -ClassName Win32_Process -MethodName Create -Arguments @{ CommandLine = '${commandLine.replace(/'/g, "''")}' } | Out-Null`;
  const child = spawn(
    'powershell',
    [
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-EncodedCommand',
      Buffer.from(launcher, 'utf16le').toString('base64'),
    ],
    { detached: true, stdio: 'ignore', windowsHide: true },
  );
  child.unref();
  return { removing: ['service', 'program'], detail: `service and program removal started (${path.basename(script)})` };
}

async function main(): Promise<number> {
  if (values['enroll-only']) {
    // The install script enrolls before it registers the service, so a wrong secret fails the install at once.
    const enrolled = await agent.enrollOnly().catch((error: Error) => {
      console.error(JSON.stringify({ level: 'error', msg: 'enrollment failed', error: error.message }));
      return false;
    });
    return enrolled ? 0 : 5;
  }
  process.on('SIGINT', () => void agent.stop());
  process.on('SIGTERM', () => void agent.stop());
  const status = await agent.run().catch((error: Error) => {
    console.error(JSON.stringify({ level: 'error', msg: 'the agent could not start', error: error.message }));
    return 'credential_invalid' as const;
  });
  return { stopped: 0, running: 0, starting: 0, revoked: 3, uninstalled: 4, credential_invalid: 5 }[status];
}

// No top-level await: the single executable (agent/windows/build-agent-exe.ts) bundles this file as CommonJS.
void main().then((code) => process.exit(code));
