import type { HealthResult } from '../../agent-protocol/index.js';
import type { HealthCollector } from './source.js';
import type { WindowsBookmarks } from './windows-bookmarks.js';
import {
  asArray,
  asBoolean,
  asNumber,
  asRecord,
  asText,
  runPowerShellJson,
  type WindowsCommand,
} from './windows-commands.js';
import { WINDOWS_HEALTH_SCRIPT } from './windows-health-script.js';

/**
 * The Windows health checks of PROTOCOL.md §5.4 from one PowerShell call (windows-health-script.ts),
 * plus `eventlog.continuity` from the event log bookmarks. Details are Japanese: the participant
 * reads them in the report as they are.
 */
const DAY_MS = 86_400_000;

type Part = { error: string } | { value: unknown };
function part(json: Record<string, unknown>, name: string): Part {
  const value = json[name];
  const record = asRecord(value);
  return typeof record.Error === 'string' ? { error: record.Error } : { value };
}

/** SecurityCenter2 productState: the middle byte 0x10/0x11 = on; the low byte 0x00 = definitions up to date. */
const productEnabled = (state: number) => [0x10, 0x11].includes((state >> 8) & 0xff);

function antivirus(json: Record<string, unknown>, time: string): HealthResult[] {
  const defender = part(json, 'Defender');
  const status = 'value' in defender ? asRecord(defender.value) : {};
  const defenderActive =
    'value' in defender &&
    asBoolean(status.AntivirusEnabled) === true &&
    !/passive|edr/i.test(asText(status.AMRunningMode));
  const products = part(json, 'AntivirusProducts');
  const others =
    'value' in products ? asArray(products.value).filter((p) => !/Defender/i.test(asText(p.displayName))) : [];
  const other = others.find((p) => productEnabled(asNumber(p.productState) ?? 0));
  const results: HealthResult[] = [];
  if (defenderActive) {
    const realTime = asBoolean(status.RealTimeProtectionEnabled) === true;
    results.push(
      realTime
        ? { checkId: 'antivirus.running', time, status: 'pass', value: 'Microsoft Defender Antivirus' }
        : {
            checkId: 'antivirus.running',
            time,
            status: 'fail',
            value: 'stopped',
            detail: 'Microsoft Defender ウイルス対策: リアルタイム保護が無効です',
          },
    );
    const age = asNumber(status.AntivirusSignatureAge);
    const updated = asText(status.AntivirusSignatureLastUpdated);
    results.push(
      age === undefined
        ? {
            checkId: 'antivirus.definitions_age_days',
            time,
            status: 'unknown',
            detail: '定義ファイルの古さを読めませんでした',
          }
        : {
            checkId: 'antivirus.definitions_age_days',
            time,
            status: age <= 3 ? 'pass' : 'fail',
            value: String(Math.max(0, Math.trunc(age))),
            detail: `定義ファイル ${updated ? new Date(updated).toISOString().slice(0, 10) : '日付不明'} (${age} 日前、${asText(status.AntivirusSignatureVersion)})`,
          },
    );
  } else if (other) {
    const name = asText(other.displayName).slice(0, 256);
    results.push({ checkId: 'antivirus.running', time, status: 'pass', value: name });
    results.push({
      checkId: 'antivirus.definitions_age_days',
      time,
      status: 'unknown',
      detail: `${name} の定義ファイルの日数は Windows から読めません`,
    });
  } else {
    const reason = 'error' in defender ? defender.error : '有効なウイルス対策ソフトが見つかりません';
    results.push({
      checkId: 'antivirus.running',
      time,
      status: 'error' in defender && others.length === 0 ? 'error' : 'fail',
      ...('error' in defender && others.length === 0 ? {} : { value: 'stopped' }),
      detail: `ウイルス対策ソフトが動作していません（${reason.slice(0, 200)}）`,
    });
  }
  return results;
}

function diskEncryption(json: Record<string, unknown>, time: string): HealthResult {
  const bitlocker = part(json, 'BitLocker');
  const drive = asText(json.SystemDrive) || 'C:';
  if ('error' in bitlocker)
    return {
      checkId: 'disk.encryption',
      time,
      status: 'error',
      detail: `BitLocker の状態を読めませんでした: ${bitlocker.error.slice(0, 200)}`,
    };
  const volume = asArray(bitlocker.value).find((v) => asText(v.MountPoint).toUpperCase() === drive.toUpperCase());
  if (!volume)
    return {
      checkId: 'disk.encryption',
      time,
      status: 'fail',
      value: 'none',
      detail: `${drive} ドライブが暗号化されていません`,
    };
  const protection = asText(volume.ProtectionStatus);
  const state = asText(volume.VolumeStatus);
  if (protection === 'On' && state === 'FullyEncrypted')
    return {
      checkId: 'disk.encryption',
      time,
      status: 'pass',
      value: 'BitLocker',
      detail: `${drive} 暗号化済み (${asText(volume.EncryptionMethod)})`,
    };
  const detail =
    state === 'FullyEncrypted'
      ? `${drive} は暗号化されていますが BitLocker の保護が一時停止しています`
      : state === 'EncryptionInProgress'
        ? `${drive} は暗号化中です（${asNumber(volume.EncryptionPercentage) ?? 0}%）`
        : `${drive} ドライブが暗号化されていません`;
  return {
    checkId: 'disk.encryption',
    time,
    status: 'fail',
    value: state === 'FullyDecrypted' ? 'none' : 'BitLocker',
    detail,
  };
}

function firewall(json: Record<string, unknown>, time: string): HealthResult {
  const profiles = part(json, 'Firewall');
  if ('error' in profiles)
    return {
      checkId: 'firewall.enabled',
      time,
      status: 'error',
      detail: `ファイアウォールの状態を読めませんでした: ${profiles.error.slice(0, 200)}`,
    };
  const flags = asArray(profiles.value).map((p) => ({
    name: asText(p.Name).toLowerCase(),
    on: asText(p.Enabled) === 'True',
  }));
  if (flags.length === 0)
    return {
      checkId: 'firewall.enabled',
      time,
      status: 'unknown',
      detail: 'ファイアウォールのプロファイルがありません',
    };
  const off = flags.filter((f) => !f.on);
  const names: Record<string, string> = { domain: 'ドメイン', private: 'プライベート', public: 'パブリック' };
  return {
    checkId: 'firewall.enabled',
    time,
    status: off.length === 0 ? 'pass' : 'fail',
    value: flags.map((f) => `${f.name}=${f.on ? 'on' : 'off'}`).join(','),
    ...(off.length > 0
      ? { detail: `${off.map((f) => names[f.name] ?? f.name).join('・')} プロファイルのファイアウォールが無効です` }
      : {}),
  };
}

/** Minutes until the screen locks: the machine's inactivity limit, else each signed-in user's secure screen saver; the laxest user counts. */
function screenLock(json: Record<string, unknown>, time: string): HealthResult {
  const lock = part(json, 'ScreenLock');
  if ('error' in lock)
    return {
      checkId: 'screen_lock.enabled',
      time,
      status: 'error',
      detail: `画面ロックの設定を読めませんでした: ${lock.error.slice(0, 200)}`,
    };
  const settings = asRecord(lock.value);
  const machineSeconds = asNumber(settings.InactivityTimeoutSecs) ?? 0;
  const machine = machineSeconds > 0 ? Math.ceil(machineSeconds / 60) : Infinity;
  const users = asArray(settings.Users).map((user) => {
    const setting = (name: string) => asText(user[`Policy${name}`]) || asText(user[name]);
    const seconds = asNumber(setting('ScreenSaveTimeOut')) ?? 0;
    const locks = setting('ScreenSaveActive') === '1' && setting('ScreenSaverIsSecure') === '1' && seconds > 0;
    return Math.min(machine, locks ? Math.ceil(seconds / 60) : Infinity);
  });
  if (users.length === 0 && machine === Infinity)
    return {
      checkId: 'screen_lock.enabled',
      time,
      status: 'unknown',
      detail: 'サインイン中のユーザーがいないため確認できませんでした',
    };
  const minutes = users.length > 0 ? Math.max(...users) : machine;
  return {
    checkId: 'screen_lock.enabled',
    time,
    status: minutes <= 15 ? 'pass' : 'fail',
    value: Number.isFinite(minutes) ? String(minutes) : '0',
  };
}

function windowsUpdate(json: Record<string, unknown>, time: string, now: number): HealthResult[] {
  const update = part(json, 'WindowsUpdate');
  if ('error' in update) {
    const detail = `Windows Update の状態を読めませんでした: ${update.error.slice(0, 200)}`;
    return [
      { checkId: 'os.updates_pending', time, status: 'error', detail },
      { checkId: 'os.last_update_age_days', time, status: 'error', detail },
    ];
  }
  const state = asRecord(update.value);
  const pending = asArray(state.Pending).map((u) => ({
    title: asText(u.Title),
    days: Math.max(0, Math.floor((now - (Date.parse(asText(u.LastDeploymentChangeTime)) || now)) / DAY_MS)),
  }));
  const oldest = pending.reduce((max, u) => Math.max(max, u.days), 0);
  const lastSuccess = Date.parse(asText(state.LastSuccess));
  const lastDays = Number.isFinite(lastSuccess) ? Math.max(0, Math.floor((now - lastSuccess) / DAY_MS)) : undefined;
  return [
    {
      checkId: 'os.updates_pending',
      time,
      status: oldest > 7 ? 'fail' : 'pass',
      value: String(pending.length),
      ...(pending.length > 0
        ? {
            detail: `未適用: ${pending
              .map((u) => u.title)
              .join(', ')
              .slice(0, 7000)} (${oldest} 日)`,
          }
        : {}),
    },
    lastDays === undefined
      ? {
          checkId: 'os.last_update_age_days',
          time,
          status: 'unknown',
          detail: '成功した Windows Update の履歴がありません',
        }
      : {
          checkId: 'os.last_update_age_days',
          time,
          status: lastDays <= 30 ? 'pass' : 'fail',
          value: String(lastDays),
          detail: `最後に成功した更新: ${asText(state.LastSuccessTitle).slice(0, 500)}`,
        },
  ];
}

function rebootPending(json: Record<string, unknown>, time: string): HealthResult {
  const reboot = part(json, 'RebootPending');
  if ('error' in reboot)
    return { checkId: 'os.reboot_pending', time, status: 'error', detail: reboot.error.slice(0, 500) };
  const keys = asRecord(reboot.value);
  const pending = asBoolean(keys.ComponentBasedServicing) === true || asBoolean(keys.WindowsUpdate) === true;
  return {
    checkId: 'os.reboot_pending',
    time,
    status: pending ? 'fail' : 'pass',
    value: String(pending),
    ...(pending ? { detail: '更新を完了するための再起動を待っています' } : {}),
  };
}

function localAdmins(json: Record<string, unknown>, time: string): HealthResult {
  const admins = part(json, 'LocalAdministrators');
  if ('error' in admins)
    return { checkId: 'accounts.local_admins', time, status: 'error', detail: admins.error.slice(0, 500) };
  const names = asArray(admins.value).map((member) => asText(member.Name));
  return {
    checkId: 'accounts.local_admins',
    time,
    status: 'pass',
    value: String(names.length),
    detail: names.join('、').slice(0, 8000),
  };
}

/** Every health result of one run, from the PowerShell JSON of windows-health-script.ts. */
export function healthFromPowerShell(json: Record<string, unknown>, now: Date): HealthResult[] {
  const time = now.toISOString();
  return [
    ...antivirus(json, time),
    diskEncryption(json, time),
    firewall(json, time),
    screenLock(json, time),
    ...windowsUpdate(json, time, now.getTime()),
    rebootPending(json, time),
    localAdmins(json, time),
  ];
}

/** A cleared or overwritten event log within the last 7 days fails `eventlog.continuity`. */
export function eventLogContinuity(bookmarks: WindowsBookmarks, now: Date): HealthResult {
  const recent = bookmarks.anomaliesSince(now.getTime() - 7 * DAY_MS);
  const time = now.toISOString();
  if (recent.length === 0) return { checkId: 'eventlog.continuity', time, status: 'pass', value: 'ok' };
  const last = recent.at(-1)!;
  return {
    checkId: 'eventlog.continuity',
    time,
    status: 'fail',
    value: last.kind,
    detail: recent
      .map((a) =>
        a.kind === 'cleared'
          ? `${a.channel} ログが消去されました（${a.detectedAt} に検知、消去前に読んだ最後のレコード ${a.bookmark}）`
          : `${a.channel} ログのレコード ${a.bookmark + 1}〜${a.oldest - 1} が読む前に上書きされました`,
      )
      .join('\n')
      .slice(0, 8000),
  };
}

export class WindowsHealth implements HealthCollector {
  constructor(
    private readonly bookmarks?: WindowsBookmarks,
    private readonly run?: WindowsCommand,
  ) {}

  async collect(): Promise<HealthResult[]> {
    const now = new Date();
    const results = healthFromPowerShell(await runPowerShellJson(WINDOWS_HEALTH_SCRIPT, this.run), now);
    return this.bookmarks ? [...results, eventLogContinuity(this.bookmarks, now)] : results;
  }
}
