import type { TimedEvent } from './activity-events.js';
import type { DaySchedule } from './daily-schedule.js';
import { sensitiveFiles } from './document-catalog.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, type CalendarDay } from './japan-calendar.js';
import { toJstIsoString } from '../../common/jst-time.js';
import type { SimulatedDevice } from './office-roster.js';
import { EXFILTRATION_DRIVES, ownPeripheral } from './peripheral-catalog.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * The things an operator should find, as events: a night logon followed by a bulk copy to an unknown
 * USB drive, a visit to a known-bad domain (phishing or malware download), the antivirus switched off
 * for the rest of a day, a night-time print burst. Bad domains use the reserved .example and .invalid
 * TLDs so that no real site is named.
 */
export type IncidentKind = 'night_usb_copy' | 'known_bad_domain' | 'antivirus_disabled' | 'night_print_burst';

export interface IncidentIndicators {
  domain?: string;
  url?: string;
  usbVendorId?: string;
  usbProductId?: string;
  usbSerial?: string;
  filesCopied?: number;
  bytesCopied?: number;
  printerName?: string;
  printJobs?: number;
  pagesPrinted?: number;
  checkId?: string;
}

/** What a scenario produces for one device-day. */
export interface ScenarioOutcome {
  events: TimedEvent[];
  fromMs: number;
  toMs: number;
  /** A session outside the day's schedule (the PC is on; health checks run). */
  extraPoweredInterval?: { from: number; to: number };
  /** From this time until the day ends, antivirus.running fails. */
  antivirusOffFrom?: number;
  indicators: IncidentIndicators;
  description: { ja: string; en: string };
}

export interface ScenarioInput {
  rng: SeededRandom;
  device: SimulatedDevice;
  day: CalendarDay;
  schedule: DaySchedule;
}

const hhmm = (ms: number) => toJstIsoString(ms).slice(11, 16);
const dateTime = (ms: number) => `${toJstIsoString(ms).slice(0, 10)} ${hhmm(ms)}`;

export function nightUsbCopy({ rng, device, day }: ScenarioInput): ScenarioOutcome {
  const logonAt = day.startMs + rng.between(1.5, 3.3) * HOUR_MS;
  const drive = ownPeripheral(rng, rng.pick(EXFILTRATION_DRIVES), rng.pick(['USB DRIVE', 'BACKUP', 'DATA']));
  const { model } = drive;
  const user = device.user;
  const events: TimedEvent[] = [
    {
      at: logonAt - rng.between(2, 4) * MINUTE_MS,
      body: {
        category: 'boot',
        action: 'boot',
        bootId: rng.hex(8),
        uptimeSeconds: 0,
        message: 'Windows が起動しました',
        attributes: { windowsEventId: '12' },
      },
    },
    {
      at: logonAt,
      body: {
        category: 'logon',
        action: 'logon',
        user,
        logonType: 'interactive',
        sessionId: '2',
        attributes: { windowsEventId: '4624' },
      },
    },
  ];
  let t = logonAt + rng.between(1.5, 3) * MINUTE_MS;
  const peripheral = {
    deviceClass: model.deviceClass,
    vendorId: model.vendorId,
    productId: model.productId,
    serial: drive.serial,
    deviceName: model.deviceName,
  };
  events.push({
    at: t,
    body: {
      category: 'external_device',
      action: 'connect',
      user,
      ...peripheral,
      volumeLabel: drive.volumeLabel,
      capacityBytes: drive.capacityBytes,
      attributes: { windowsEventId: '6416' },
    },
  });
  events.push({
    at: t + 800,
    body: {
      category: 'device_control',
      action: 'allowed',
      user,
      ...peripheral,
      ruleName: '未登録USBメモリ (監査のみ)',
      reason: '監査モードのため接続を許可',
    },
  });
  const files = sensitiveFiles(rng, device, day, rng.int(120, 320));
  let bytes = 0;
  for (const file of files) {
    t += rng.between(1, 7) * 1000;
    bytes += file.sizeBytes;
    const folder = file.folder.split('\\').pop() ?? '資料';
    events.push({
      at: t,
      body: {
        category: 'file_operation',
        action: 'copy',
        user,
        path: `${file.folder}\\${file.name}`,
        targetPath: `E:\\持出\\${folder}\\${file.name}`,
        sizeBytes: file.sizeBytes,
        driveType: 'removable',
        processName: 'explorer.exe',
      },
    });
  }
  t += rng.between(0.5, 2) * MINUTE_MS;
  events.push({ at: t, body: { category: 'external_device', action: 'disconnect', user, ...peripheral } });
  events.push({
    at: t + rng.between(0.5, 1.5) * MINUTE_MS,
    body: {
      category: 'logon',
      action: 'logoff',
      user,
      logonType: 'interactive',
      sessionId: '2',
      attributes: { windowsEventId: '4647' },
    },
  });
  const offAt = t + rng.between(2, 3) * MINUTE_MS;
  events.push({
    at: offAt,
    body: {
      category: 'boot',
      action: 'shutdown',
      reason: 'ユーザーによるシャットダウン',
      attributes: { windowsEventId: '13' },
    },
  });
  const megabytes = Math.round(bytes / 1e6);
  const fromMs = events[0]!.at;
  return {
    events,
    fromMs,
    toMs: offAt,
    extraPoweredInterval: { from: fromMs, to: offAt },
    indicators: {
      usbVendorId: model.vendorId,
      usbProductId: model.productId,
      usbSerial: drive.serial,
      filesCopied: files.length,
      bytesCopied: bytes,
    },
    description: {
      ja: `深夜 ${hhmm(logonAt)} に ${device.hostname} へ ${user} がログオンし、未登録のUSBストレージ「${model.deviceName}」(VID ${model.vendorId} / PID ${model.productId}、シリアル ${drive.serial}) を接続して、共有フォルダのファイル ${files.length} 件 (約 ${megabytes} MB) をコピーしました。`,
      en: `At ${hhmm(logonAt)} JST ${user} logged on to ${device.hostname}, connected an unregistered USB drive "${model.deviceName}" (VID ${model.vendorId}, PID ${model.productId}, serial ${drive.serial}) and copied ${files.length} files (about ${megabytes} MB) off the file shares onto it.`,
    },
  };
}

interface BadSite {
  domain: string;
  path: (rng: SeededRandom, user: string) => string;
  payload?: string;
  ja: string;
  en: string;
}

export const KNOWN_BAD_SITES: readonly BadSite[] = [
  {
    domain: 'login-microsoftonline.secure-verify.example',
    path: (rng, user) => `/common/oauth2/authorize?client_id=${rng.uuid()}&login_hint=${user}`,
    ja: 'Microsoft 365 のサインイン画面を装ったフィッシングサイト',
    en: 'a phishing site posing as the Microsoft 365 sign-in page',
  },
  {
    domain: 'takuhai-fuzai-notice.invalid',
    path: (rng) => `/redelivery?id=${rng.digits(12)}`,
    ja: '宅配便の不在通知を装ったフィッシングサイト',
    en: 'a phishing site posing as a parcel redelivery notice',
  },
  {
    domain: 'invoice-share-docs.example',
    path: (rng) => `/d/${rng.hex(10)}/${encodeURIComponent('請求書')}.zip`,
    payload: '請求書.zip',
    ja: '請求書を装ったマルウェア配布サイト',
    en: 'a malware site posing as an invoice download',
  },
  {
    domain: 'update-flashplayer-jp.invalid',
    path: () => '/download/FlashPlayer_Update.exe',
    payload: 'FlashPlayer_Update.exe',
    ja: '偽のソフトウェア更新を配布するサイト',
    en: 'a site handing out a fake software update',
  },
];

/** A time inside a busy span of the day, leaving room for what follows. */
function busyMoment(rng: SeededRandom, schedule: DaySchedule, room: number): number {
  const spans = schedule.activity.filter((s) => s.rate >= 0.7 && s.to - s.from > room);
  const span = spans.length > 0 ? rng.pick(spans) : { from: schedule.logonAt, to: schedule.leaveAt };
  return rng.between(span.from, Math.max(span.from, span.to - room));
}

export function knownBadDomain({ rng, device, schedule }: ScenarioInput): ScenarioOutcome {
  const site = rng.pick(KNOWN_BAD_SITES);
  const at = busyMoment(rng, schedule, 10 * MINUTE_MS);
  const url = `https://${site.domain}${site.path(rng, device.user)}`;
  const user = device.user;
  const web = { category: 'web_access' as const, user, browser: device.browser };
  const events: TimedEvent[] = [
    {
      at,
      body: {
        ...web,
        action: 'visit',
        url,
        method: 'GET',
        status: 200,
        bytes: rng.int(9_000, 60_000),
        referrer: 'https://outlook.office.com/',
      },
    },
  ];
  let toMs: number;
  let ja: string;
  let en: string;
  if (site.payload) {
    const downloadAt = at + rng.between(5, 40) * 1000;
    const saved = `C:\\Users\\${user}\\Downloads\\${site.payload}`;
    events.push({
      at: downloadAt,
      body: { ...web, action: 'download', url, method: 'GET', status: 200, bytes: rng.int(300_000, 2_500_000) },
    });
    events.push({
      at: downloadAt + 1500,
      body: {
        category: 'file_operation',
        action: 'create',
        user,
        path: saved,
        driveType: 'fixed',
        processName: `${device.browser}.exe`,
      },
    });
    toMs = downloadAt + rng.between(20, 90) * 1000;
    const runs = site.payload.endsWith('.exe') ? site.payload : 'Lhaplus.exe';
    events.push({
      at: toMs,
      body: {
        category: 'software_operation',
        action: 'start',
        user,
        processName: runs,
        processPath: site.payload.endsWith('.exe') ? saved : 'C:\\Program Files (x86)\\Lhaplus\\Lhaplus.exe',
        commandLine: `"${saved}"`,
        pid: rng.int(250, 12_000) * 4,
      },
    });
    ja = `ファイル ${site.payload} をダウンロードして開きました。`;
    en = ` and downloaded and opened ${site.payload}.`;
  } else {
    toMs = at + rng.between(30, 120) * 1000;
    events.push({
      at: toMs,
      body: {
        ...web,
        action: 'visit',
        url: `https://${site.domain}/common/login`,
        method: 'POST',
        status: 302,
        bytes: rng.int(400, 2_000),
      },
    });
    ja = 'フォームを送信しており、ID・パスワードを入力した可能性があります。';
    en = ' and submitted its form, probably with the password.';
  }
  return {
    events,
    fromMs: at,
    toMs,
    indicators: { domain: site.domain, url },
    description: {
      ja: `${device.hostname} (${user}) が ${dateTime(at)} に既知の不審ドメイン ${site.domain} (${site.ja}) にアクセスし、${ja}`,
      en: `${device.hostname} (${user}) visited the known-bad domain ${site.domain} (${site.en}) at ${dateTime(at)} JST${en}`,
    },
  };
}

export function antivirusDisabled({ rng, device, day, schedule }: ScenarioInput): ScenarioOutcome {
  const at = Math.min(schedule.logonAt + rng.between(0.5, 4) * HOUR_MS, schedule.leaveAt - 30 * MINUTE_MS);
  const av = device.antivirus;
  const events: TimedEvent[] = [
    {
      at,
      body: {
        category: 'software_operation',
        action: 'stop',
        user: device.user,
        processName: av.processName,
        publisher: av.publisher,
        version: av.version,
        message: `${av.name}: リアルタイム保護が無効になりました`,
        ...(av.builtIn ? { attributes: { windowsEventId: '5001' } } : {}),
      },
    },
    {
      at: at + rng.between(2, 8) * MINUTE_MS,
      body: {
        category: 'software_operation',
        action: 'install',
        user: device.user,
        processName: 'FreeVideoConverterSetup.exe',
        processPath: `C:\\Users\\${device.user}\\Downloads\\FreeVideoConverterSetup.exe`,
        version: '3.2.1',
      },
    },
  ];
  const toMs = day.startMs + DAY_MS - 1;
  return {
    events,
    fromMs: at,
    toMs,
    antivirusOffFrom: at,
    indicators: { checkId: 'antivirus.running' },
    description: {
      ja: `${device.hostname} (${device.user}) で ${dateTime(at)} に ${av.name} のリアルタイム保護が停止され、その日の終わりまでヘルスチェック antivirus.running が fail のままでした (直後にフリーソフトをインストール)。`,
      en: `On ${device.hostname} (${device.user}) real-time protection of ${av.name} was switched off at ${dateTime(at)} JST; the antivirus.running check stayed failed for the rest of the day (a freeware installer ran right after).`,
    },
  };
}

export const PRINT_BURST_STAY_UNTIL_HOUR = 23;

export function nightPrintBurst({ rng, device, day, schedule }: ScenarioInput): ScenarioOutcome {
  let t = schedule.leaveAt - rng.between(55, 70) * MINUTE_MS;
  const files = sensitiveFiles(rng, device, day, rng.int(25, 40));
  const events: TimedEvent[] = [];
  let pages = 0;
  for (const file of files) {
    t += rng.between(20, 60) * 1000;
    const jobPages = rng.int(10, 45);
    pages += jobPages;
    events.push({
      at: t,
      body: {
        category: 'printer_output',
        user: device.user,
        printerName: device.printer,
        documentName: file.name,
        pages: jobPages,
        copies: 1,
        colorMode: 'mono',
        paperSize: 'A4',
        sizeBytes: jobPages * rng.int(60_000, 200_000),
        processName: 'Acrobat.exe',
      },
    });
  }
  const fromMs = events[0]!.at;
  return {
    events,
    fromMs,
    toMs: t,
    indicators: { printerName: device.printer, printJobs: files.length, pagesPrinted: pages },
    description: {
      ja: `${device.hostname} (${device.user}) から夜間 ${hhmm(fromMs)}〜${hhmm(t)} に「${device.printer}」へ ${files.length} 件・合計 ${pages} ページの印刷がありました (顧客リスト・契約書など)。`,
      en: `${device.hostname} (${device.user}) sent ${files.length} print jobs, ${pages} pages in all, to "${device.printer}" between ${hhmm(fromMs)} and ${hhmm(t)} JST at night (customer lists, contracts and the like).`,
    },
  };
}
