import type { LogEvent } from '../agent-protocol/index.js';

/**
 * Office-like events for load until the simulator exists: the eight categories in proportions where
 * web access and file operations dominate, seeded so the same seed gives the same batches.
 */
const MIX: [LogEvent['category'], number][] = [
  ['web_access', 0.4],
  ['file_operation', 0.35],
  ['software_operation', 0.1],
  ['logon', 0.05],
  ['printer_output', 0.04],
  ['external_device', 0.03],
  ['boot', 0.02],
  ['device_control', 0.01],
];
const USERS = ['tanaka.hiroshi', 'suzuki.yuko', 'sato.kenji', 'takahashi.mai', 'ito.daisuke', 'watanabe.aya'];
const DOMAINS = [
  'www.google.co.jp',
  'outlook.office.com',
  'www.yahoo.co.jp',
  'teams.microsoft.com',
  'www.e-gov.go.jp',
  'www.nta.go.jp',
];
const FILES = ['見積書', '議事録', '請求書', '提案書', '報告書', '契約書'];

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function officeEvents(seed: number, firstSeq: number, count: number, startMs: number): LogEvent[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, (_, i): LogEvent => {
    let roll = random();
    const category = MIX.find(([, weight]) => (roll -= weight) < 0)?.[0] ?? 'web_access';
    const base = { seq: firstSeq + i, time: new Date(startMs + i * 250).toISOString(), user: pick(USERS) };
    switch (category) {
      case 'web_access':
        return {
          ...base,
          category,
          action: 'visit',
          url: `https://${pick(DOMAINS)}/path/${Math.floor(random() * 500)}`,
          browser: 'msedge',
          method: 'GET',
          status: 200,
        };
      case 'file_operation':
        return {
          ...base,
          category,
          action: pick(['read', 'write', 'create'] as const),
          path: `C:\\Users\\${base.user}\\Documents\\${pick(FILES)}_${Math.floor(random() * 90)}.xlsx`,
          driveType: 'fixed',
          processName: 'EXCEL.EXE',
          sizeBytes: Math.floor(random() * 1e6),
        };
      case 'software_operation':
        return {
          ...base,
          category,
          action: pick(['start', 'stop'] as const),
          processName: pick(['WINWORD.EXE', 'EXCEL.EXE', 'Zoom.exe', 'msedge.exe']),
          version: '16.0.17928.20148',
          pid: Math.floor(random() * 30000),
        };
      case 'logon':
        return {
          ...base,
          category,
          action: pick(['logon', 'logoff', 'unlock'] as const),
          user: base.user,
          logonType: 'interactive',
        };
      case 'printer_output':
        return {
          ...base,
          category,
          printerName: 'RICOH IM C3000',
          documentName: `${pick(FILES)}.pdf`,
          pages: 1 + Math.floor(random() * 20),
          copies: 1,
          colorMode: 'mono',
        };
      case 'external_device':
        return {
          ...base,
          category,
          action: 'connect',
          deviceClass: 'usb_storage',
          vendorId: '0781',
          productId: '5581',
          serial: `4C53${Math.floor(random() * 1e8)}`,
        };
      case 'boot':
        return { ...base, category, action: 'boot' };
      case 'device_control':
        return { ...base, category, action: 'blocked', deviceClass: 'smartphone', vendorId: '05ac', productId: '12a8' };
    }
  });
}
