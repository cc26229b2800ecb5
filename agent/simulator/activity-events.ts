import type { LogEvent } from '../../agent-protocol/index.js';
import { applicationFor, type WorkingDocument } from './document-catalog.js';
import type { CalendarDay } from './japan-calendar.js';
import type { SimulatedDevice } from './office-roster.js';
import type { WorkProfile } from './people-and-places.js';
import type { SeededRandom } from './seeded-random.js';
import { OFFICE_PROCESSES, SOFTWARE_TITLES } from './software-catalog.js';
import { ordinaryWebVisit, type WebContext } from './web-catalog.js';

/**
 * The events of ordinary work, one at a time: page visits, document reads and saves (with Office's
 * ~$ lock files), program starts and stops, print jobs. What share each category gets depends on the
 * department: sales browse more, accounting prints and edits spreadsheets more, development runs more
 * programs. Web access and file operations dominate everywhere.
 */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event before the agent stamps it with seq and time. */
export type EventBody = DistributiveOmit<LogEvent, 'seq' | 'time'>;
export interface TimedEvent {
  at: number;
  body: EventBody;
}

export interface ActivityContext {
  rng: SeededRandom;
  device: SimulatedDevice;
  day: CalendarDay;
  workingSet: WorkingDocument[];
  web: WebContext;
}

type ActivityKind = 'web' | 'file' | 'software' | 'print';

const ACTIVITY_MIX: Record<WorkProfile, readonly (readonly [ActivityKind, number])[]> = {
  sales: [
    ['web', 58],
    ['file', 29],
    ['software', 9],
    ['print', 1.8],
  ],
  development: [
    ['web', 42],
    ['file', 40],
    ['software', 15],
    ['print', 0.5],
  ],
  accounting: [
    ['web', 42],
    ['file', 43],
    ['software', 10],
    ['print', 3],
  ],
  general_affairs: [
    ['web', 48],
    ['file', 36],
    ['software', 10],
    ['print', 3],
  ],
  human_resources: [
    ['web', 47],
    ['file', 38],
    ['software', 10],
    ['print', 2.5],
  ],
  planning: [
    ['web', 55],
    ['file', 32],
    ['software', 10],
    ['print', 1.5],
  ],
  it: [
    ['web', 48],
    ['file', 32],
    ['software', 17],
    ['print', 0.8],
  ],
};

export function ordinaryActivity(context: ActivityContext): EventBody {
  switch (context.rng.weighted(ACTIVITY_MIX[context.device.profile])) {
    case 'web':
      return webAccess(context);
    case 'file':
      return fileOperation(context);
    case 'software':
      return softwareOperation(context);
    case 'print':
      return printJob(context);
  }
}

export function webAccess(context: ActivityContext): EventBody {
  const visit = ordinaryWebVisit(context.web);
  const event: EventBody = {
    category: 'web_access',
    action: visit.action,
    user: context.device.user,
    url: visit.url,
    method: visit.method,
    status: visit.status,
    browser: context.device.browser,
    bytes: visit.bytes,
  };
  if (visit.referrer) event.referrer = visit.referrer;
  return event;
}

function splitName(name: string): { base: string; extension: string } {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? { base: name, extension: '' } : { base: name.slice(0, dot), extension: name.slice(dot) };
}

export function fileOperation(context: ActivityContext): EventBody {
  const { rng, device } = context;
  const doc = rng.pick(context.workingSet);
  const path = `${doc.folder}\\${doc.name}`;
  const { base, extension } = splitName(doc.name);
  const common = { category: 'file_operation' as const, user: device.user, sizeBytes: doc.sizeBytes };
  const action = rng.weighted([
    ['read', 40],
    ['write', 27],
    ['lock', 9],
    ['copy', 8],
    ['rename', 5],
    ['move', 4],
    ['delete', 4],
  ] as const);
  switch (action) {
    case 'read':
    case 'write':
      return {
        ...common,
        action,
        path,
        driveType: doc.driveType,
        processName: doc.application,
        sizeBytes: doc.sizeBytes + (action === 'write' ? rng.int(-2000, 8000) : 0),
      };
    case 'lock': {
      // Office writes a ~$ owner file when a document opens and removes it on close.
      const lockAction = rng.chance(0.5) ? 'create' : 'delete';
      return {
        ...common,
        action: lockAction,
        path: `${doc.folder}\\~$${doc.name}`,
        sizeBytes: 165,
        driveType: doc.driveType,
        processName: doc.application,
      };
    }
    case 'copy': {
      const toShare = doc.driveType !== 'network';
      const targetPath = toShare
        ? `${device.fileShare}\\${device.department}\\${doc.name}`
        : `C:\\Users\\${device.user}\\Desktop\\${doc.name}`;
      return {
        ...common,
        action,
        path,
        targetPath,
        driveType: toShare ? 'network' : 'fixed',
        processName: 'explorer.exe',
      };
    }
    case 'rename': {
      const suffix = rng.pick(['_修正', '_最終', '_v2', '_確認済', '(2)']);
      return {
        ...common,
        action,
        path,
        targetPath: `${doc.folder}\\${base}${suffix}${extension}`,
        driveType: doc.driveType,
        processName: 'explorer.exe',
      };
    }
    case 'move': {
      const from = `C:\\Users\\${device.user}\\Downloads\\${doc.name}`;
      return { ...common, action, path: from, targetPath: path, driveType: doc.driveType, processName: 'explorer.exe' };
    }
    case 'delete':
      return {
        ...common,
        action,
        path: `${doc.folder}\\${base} - コピー${extension}`,
        driveType: doc.driveType,
        processName: 'explorer.exe',
      };
  }
}

const EVERYDAY_PROGRAMS: readonly (readonly [string, string, string])[] = [
  ['OUTLOOK.EXE', OFFICE_PROCESSES['OUTLOOK.EXE']!.path, '受信トレイ - Outlook'],
  ['explorer.exe', 'C:\\Windows\\explorer.exe', 'エクスプローラー'],
  ['notepad.exe', 'C:\\Windows\\System32\\notepad.exe', 'メモ帳'],
  [
    'SnippingTool.exe',
    'C:\\Program Files\\WindowsApps\\Microsoft.ScreenSketch_11.2409.25.0_x64__8wekyb3d8bbwe\\SnippingTool\\SnippingTool.exe',
    'Snipping Tool',
  ],
  [
    'CalculatorApp.exe',
    'C:\\Program Files\\WindowsApps\\Microsoft.WindowsCalculator_11.2405.2.0_x64__8wekyb3d8bbwe\\CalculatorApp.exe',
    '電卓',
  ],
];

function pid(rng: SeededRandom): number {
  return rng.int(250, 12_000) * 4;
}

export function softwareOperation(context: ActivityContext): EventBody {
  const { rng, device } = context;
  const roll = rng.next();
  if (roll < 0.015) return browserUpdate(context);
  const action: 'crash' | 'start' | 'stop' = roll < 0.02 ? 'crash' : rng.chance(0.5) ? 'start' : 'stop';
  const common = { category: 'software_operation' as const, user: device.user, action, pid: pid(rng) };
  if (rng.chance(0.6)) {
    const doc = rng.pick(context.workingSet);
    const program = OFFICE_PROCESSES[doc.application] ?? OFFICE_PROCESSES['explorer.exe']!;
    const docPath = `${doc.folder}\\${doc.name}`;
    const event: Extract<EventBody, { category: 'software_operation' }> = {
      ...common,
      processName: doc.application,
      processPath: program.path,
      windowTitle: `${doc.name} - ${program.title}`,
    };
    if (action === 'start') event.commandLine = `"${program.path}" "${docPath}"`;
    return event;
  }
  const installed = device.software.filter((s) => s.processName);
  if (installed.length > 0 && rng.chance(0.6)) {
    const program = rng.pick(installed);
    return {
      ...common,
      processName: program.processName!,
      processPath: program.processPath,
      version: program.version,
      publisher: program.publisher,
      windowTitle: program.name,
    };
  }
  const [processName, processPath, windowTitle] = rng.pick(EVERYDAY_PROGRAMS);
  return { ...common, processName, processPath, windowTitle };
}

function browserUpdate(context: ActivityContext): EventBody {
  const { rng, device } = context;
  const browsers = device.software.filter((s) => s.processName === 'msedge.exe' || s.processName === 'chrome.exe');
  const program = browsers.length > 0 ? rng.pick(browsers) : undefined;
  const title = SOFTWARE_TITLES.find((t) => t.name === program?.name);
  if (!program || !title)
    return {
      category: 'software_operation',
      action: 'start',
      user: device.user,
      processName: 'explorer.exe',
      pid: pid(rng),
    };
  return {
    category: 'software_operation',
    action: 'update',
    user: device.user,
    processName: program.processName!,
    processPath: program.processPath,
    version: title.versions[0],
    publisher: program.publisher,
    message: `${program.name} を ${title.versions[0]} に更新`,
  };
}

const PAGES_BY_EXTENSION: Record<string, readonly [number, number]> = {
  '.pdf': [1, 12],
  '.xlsx': [1, 4],
  '.csv': [1, 3],
  '.docx': [1, 8],
  '.pptx': [4, 30],
  '.jtd': [1, 4],
  '.vsdx': [1, 2],
};
const SPOOL_PREFIX: Record<string, string> = {
  'EXCEL.EXE': 'Microsoft Excel - ',
  'WINWORD.EXE': 'Microsoft Word - ',
  'POWERPNT.EXE': 'Microsoft PowerPoint - ',
};

export function printJob(context: ActivityContext): EventBody {
  const { rng, device } = context;
  const doc = rng.pick(context.workingSet);
  const [low, high] = PAGES_BY_EXTENSION[splitName(doc.name).extension] ?? [1, 3];
  const pages = rng.int(low, high);
  const application = applicationFor(doc.name);
  return {
    category: 'printer_output',
    user: device.user,
    printerName: device.printer,
    documentName: `${SPOOL_PREFIX[application] ?? ''}${doc.name}`,
    pages,
    copies: rng.weighted([
      [1, 85],
      [2, 8],
      [3, 4],
      [5, 2],
      [10, 1],
    ] as const),
    colorMode: rng.chance(0.35) ? 'color' : 'mono',
    paperSize: rng.weighted([
      ['A4', 88],
      ['A3', 9],
      ['B5', 2],
      ['B4', 1],
    ] as const),
    sizeBytes: pages * rng.int(40_000, 400_000),
    processName: application,
  };
}
