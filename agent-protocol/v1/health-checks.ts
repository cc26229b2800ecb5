/**
 * The health checks with a meaning: what an agent sends under each `checkId`, its value's type and
 * unit, and when it passes. The built-in health policies (health/builtin-policies.ts) read these ids
 * and nothing else; tests/agent-protocol/policy-reads.test.ts fails when a policy reads an id missing
 * here or from PROTOCOL.md §5.4, and the JSON Schema of a health result constrains each value
 * (json-schemas.ts). The simulator and the reference agent's collectors send exactly these.
 */
export interface HealthCheckDefinition {
  /** `integer`: decimal digits only ("3"); `text`: free text; `flags`: name=on|off pairs joined by commas. */
  valueType: 'integer' | 'text' | 'flags' | 'boolean';
  /** Unit of an integer value; undefined for text. */
  unit?: 'days' | 'minutes' | 'count';
  /** What the value says, for PROTOCOL.md. */
  value: string;
  /** When the agent reports `pass`. */
  passWhen: string;
  /** The built-in policies that read this check (documentation; the test reads the policies themselves). */
  readBy: readonly string[];
  /** Where the reference agent takes it from. */
  windows: string;
  linux: string;
}

export const HEALTH_CHECKS = {
  'antivirus.running': {
    valueType: 'text',
    value: 'the product name when protection runs (`Microsoft Defender Antivirus`), `stopped` when it does not',
    passWhen: 'an antivirus is enabled and its real-time protection is on',
    readBy: ['antivirus-running'],
    windows: '`Get-MpComputerStatus`: `AntivirusEnabled` and `RealTimeProtectionEnabled`',
    linux: 'not collected (no standard antivirus)',
  },
  'antivirus.definitions_age_days': {
    valueType: 'integer',
    unit: 'days',
    value: 'whole days since the signatures were last updated (`0` = today); the date goes in `detail`',
    passWhen: 'the age is 3 days or less',
    readBy: ['antivirus-definitions-3d'],
    windows: '`Get-MpComputerStatus`: `AntivirusSignatureAge` (days), `AntivirusSignatureLastUpdated` in `detail`',
    linux: 'not collected',
  },
  'disk.encryption': {
    valueType: 'text',
    value: 'the encryption that protects the system drive (`BitLocker`, `LUKS`), `none` when there is none',
    passWhen: 'the system drive (the root file system on Linux) is encrypted',
    readBy: ['disk-encryption'],
    windows: '`Get-BitLockerVolume` of the system drive: `ProtectionStatus` On and `VolumeStatus` FullyEncrypted',
    linux: '`lsblk -J`: `/` is mounted inside a `crypt` (LUKS) device',
  },
  'firewall.enabled': {
    valueType: 'flags',
    value: 'each firewall profile or tool as `name=on|off`, comma-separated (`domain=on,private=on,public=off`)',
    passWhen: 'every profile is on',
    readBy: ['firewall-enabled'],
    windows: '`Get-NetFirewallProfile`: `Enabled` of Domain, Private, Public',
    linux: '`ufw status` (`ufw=on|off`), else `nft list ruleset` (`nftables=on` when a chain hooks input)',
  },
  'screen_lock.enabled': {
    valueType: 'integer',
    unit: 'minutes',
    value: 'minutes of inactivity before the screen locks; `0` when it never locks',
    passWhen: 'the screen locks after at most 15 minutes',
    readBy: ['screen-lock'],
    windows:
      'policy `InactivityTimeoutSecs` (HKLM\\…\\Policies\\System), else the screen saver of the console user (`ScreenSaveActive`, `ScreenSaverIsSecure`, `ScreenSaveTimeOut`)',
    linux:
      'GNOME desktops only: for each user with a graphical session (`loginctl`: Type x11/wayland), `gsettings` as that user: `org.gnome.desktop.session idle-delay` + `org.gnome.desktop.screensaver lock-delay` when `lock-enabled` is true (the laxest user counts); `unknown` on other desktops (KDE, Xfce, Cinnamon, MATE) and when no one is signed in to a desktop',
  },
  'os.updates_pending': {
    valueType: 'integer',
    unit: 'count',
    value: 'number of released updates not yet installed; which ones and the oldest age in days go in `detail`',
    passWhen: 'no pending update was released more than 7 days ago',
    readBy: ['os-updates-pending-7d'],
    windows:
      "`Microsoft.Update.Session` search `IsInstalled=0 and IsHidden=0 and Type='Software'`; age from `LastDeploymentChangeTime`",
    linux:
      '`apt-get -s upgrade` (the `Inst` lines); the release dates are not known, so `fail` when an update from a `-security` suite is pending',
  },
  'os.reboot_pending': {
    valueType: 'boolean',
    value: '`true` when the OS waits for a restart to finish installing updates',
    passWhen: 'no restart is pending',
    readBy: [],
    windows:
      'the registry keys `…\\Component Based Servicing\\RebootPending` and `…\\WindowsUpdate\\Auto Update\\RebootRequired`',
    linux: '`/var/run/reboot-required`',
  },
  'os.last_update_age_days': {
    valueType: 'integer',
    unit: 'days',
    value: 'whole days since the last successful Windows Update installation',
    passWhen: 'the last successful installation is 30 days old or less',
    readBy: [],
    windows: 'Windows Update history (`Microsoft.Update.Session` `QueryHistory`, `ResultCode` 2)',
    linux: 'not sent (the OS update history in the inventory carries the same)',
  },
  'accounts.local_admins': {
    valueType: 'integer',
    unit: 'count',
    value: 'number of members of the local Administrators group; their names go in `detail`',
    passWhen: 'informational: `pass` when the group was read (a policy decides from `detail`), `error` when not',
    readBy: [],
    windows: '`Get-LocalGroupMember -SID S-1-5-32-544` (the group by its SID, whatever the display language)',
    linux: 'not sent',
  },
  'eventlog.continuity': {
    valueType: 'text',
    value:
      '`ok`, or the last problem seen in 7 days: `cleared` (a log was cleared) or `overwritten` (Windows overwrote events before the agent read them); which log and records in `detail`',
    passWhen: 'no event log was cleared or overwritten unread in the last 7 days',
    readBy: [],
    windows:
      "the event source's bookmarks: a newest record id below the bookmark (cleared), an oldest record id above it (overwritten)",
    linux: 'not sent',
  },
} as const satisfies Record<string, HealthCheckDefinition>;

export type KnownHealthCheckId = keyof typeof HEALTH_CHECKS;
export const KNOWN_HEALTH_CHECK_IDS = Object.keys(HEALTH_CHECKS) as KnownHealthCheckId[];

/** The value pattern of a check (JSON Schema and zod share it). */
export function healthValuePattern(definition: HealthCheckDefinition): string | undefined {
  switch (definition.valueType) {
    case 'integer':
      return '^[0-9]{1,9}$';
    case 'boolean':
      return '^(true|false)$';
    case 'flags':
      return '^[a-z0-9_-]{1,32}=(on|off)(,[a-z0-9_-]{1,32}=(on|off))*$';
    case 'text':
      return undefined;
  }
}

export function healthCheckDefinition(checkId: string): HealthCheckDefinition | undefined {
  return Object.hasOwn(HEALTH_CHECKS, checkId) ? HEALTH_CHECKS[checkId as KnownHealthCheckId] : undefined;
}
