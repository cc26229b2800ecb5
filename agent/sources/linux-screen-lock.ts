import type { HealthResult } from '../../agent-protocol/index.js';
import type { LinuxCommand } from './linux-health.js';

/**
 * `screen_lock.enabled` on Linux, for GNOME desktops (Ubuntu's and Debian's default, RHEL/Fedora
 * Workstation): minutes of inactivity before the screen locks, read per desktop user from GNOME's
 * settings — `org.gnome.desktop.session idle-delay` (seconds until the screen blanks, 0 never),
 * `org.gnome.desktop.screensaver lock-enabled` and `lock-delay` (seconds from blanking to locking).
 * The users are those with a graphical session (`loginctl`: Type x11 or wayland, Class user); the
 * laxest one counts, as on Windows.
 *
 * A service runs as root, and gsettings reads the settings of the user it runs as: so it runs as each
 * desktop user (`runuser -u`), with that user's runtime directory, where dconf reads the user's
 * database file directly (no session bus is needed to read). Other desktops (KDE's kscreenlockerrc,
 * Xfce's xfconf, Cinnamon's and MATE's own schemas) are not read: the result is `unknown` naming the
 * desktop as not covered, as it is when no one is signed in to a desktop.
 */
export interface DesktopUser {
  name: string;
  uid: number;
}

/** `loginctl list-sessions --no-legend`: the session id is the first column in every systemd version. */
export function sessionIds(listing: string): string[] {
  return listing
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[0] ?? '')
    .filter((id) => id !== '');
}

/** `loginctl show-session ID -p Name -p Uid -p Type -p Class`: the user, when it is a graphical user session. */
export function graphicalUser(properties: string): DesktopUser | undefined {
  const value = (name: string) => new RegExp(`^${name}=(.*)$`, 'm').exec(properties)?.[1]?.trim();
  const type = value('Type');
  if (value('Class') !== 'user' || (type !== 'x11' && type !== 'wayland')) return undefined;
  const name = value('Name');
  const uid = Number(value('Uid'));
  return name && Number.isSafeInteger(uid) ? { name, uid } : undefined;
}

/** gsettings prints GVariant text: "uint32 300", "300", "true". */
const gvariantNumber = (text: string) => Number(/(\d+)\s*$/.exec(text.trim())?.[1] ?? NaN);

/** Minutes before the screen locks for one user's settings; 0 when it never locks. */
export function lockMinutes(idleDelay: string, lockEnabled: string, lockDelay: string): number {
  const idle = gvariantNumber(idleDelay);
  if (!Number.isFinite(idle)) throw new Error(`gsettings printed an idle-delay that is not a number: ${idleDelay}`);
  if (lockEnabled.trim() !== 'true' || idle === 0) return 0;
  const delay = gvariantNumber(lockDelay);
  return Math.ceil((idle + (Number.isFinite(delay) ? delay : 0)) / 60);
}

export async function linuxScreenLock(run: LinuxCommand, time: string): Promise<HealthResult> {
  const unknown = (detail: string): HealthResult => ({
    checkId: 'screen_lock.enabled',
    time,
    status: 'unknown',
    detail,
  });
  let users: DesktopUser[];
  try {
    const ids = sessionIds(await run('loginctl', ['list-sessions', '--no-legend']));
    const found = await Promise.all(
      ids.map(async (id) =>
        graphicalUser(
          await run('loginctl', ['show-session', id, '-p', 'Name', '-p', 'Uid', '-p', 'Type', '-p', 'Class']),
        ),
      ),
    );
    users = [...new Map(found.filter((user) => user !== undefined).map((user) => [user.uid, user])).values()];
  } catch (error) {
    return unknown(`ログイン中のセッションを読めませんでした (loginctl): ${(error as Error).message.slice(0, 200)}`);
  }
  if (users.length === 0) return unknown('デスクトップにサインインしているユーザーがいないため確認できませんでした');
  const minutes: number[] = [];
  for (const user of users) {
    const get = (schema: string, key: string) => run(...asUser(user, ['gsettings', 'get', schema, key]));
    try {
      minutes.push(
        lockMinutes(
          await get('org.gnome.desktop.session', 'idle-delay'),
          await get('org.gnome.desktop.screensaver', 'lock-enabled'),
          await get('org.gnome.desktop.screensaver', 'lock-delay'),
        ),
      );
    } catch (error) {
      const message = (error as Error).message;
      if (/No such schema|command not found|ENOENT/i.test(message))
        return unknown(
          `${user.name} のデスクトップは GNOME ではないため画面ロックの設定を読めません（対応は GNOME のみ）`,
        );
      return {
        checkId: 'screen_lock.enabled',
        time,
        status: 'error',
        detail: `${user.name} の画面ロックの設定を読めませんでした: ${message.slice(0, 200)}`,
      };
    }
  }
  const laxest = minutes.includes(0) ? 0 : Math.max(...minutes);
  return {
    checkId: 'screen_lock.enabled',
    time,
    status: laxest > 0 && laxest <= 15 ? 'pass' : 'fail',
    value: String(laxest),
    ...(laxest === 0
      ? { detail: '画面ロックが無効です' }
      : laxest > 15
        ? { detail: `画面ロックまで ${laxest} 分` }
        : {}),
  };
}

/** The command as `user`: directly when the agent is that user, through runuser when it runs as root. */
function asUser(user: DesktopUser, command: string[]): [string, string[]] {
  if (process.getuid?.() === user.uid) return [command[0]!, command.slice(1)];
  return [
    'runuser',
    [
      '-u',
      user.name,
      '--',
      'env',
      `XDG_RUNTIME_DIR=/run/user/${user.uid}`,
      `DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/${user.uid}/bus`,
      ...command,
    ],
  ];
}
