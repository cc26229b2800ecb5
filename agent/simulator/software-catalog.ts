import type { WindowsRelease, WorkProfile } from './people-and-places.js';

/**
 * Software on Japanese office PCs with real version numbers (Microsoft 365 Apps, Edge, Chrome, Zoom,
 * 一太郎, Acrobat Reader, 弥生会計, ウイルスバスター …), the processes they run as, and Windows
 * cumulative updates numbered by month. A fleet is never fully up to date, so each package lists a few
 * versions, newest first, and PCs pick older ones less often.
 */
export interface SoftwareTitle {
  name: string;
  versions: readonly string[];
  publisher: string;
  source: 'msi' | 'exe' | 'store';
  /** The process it runs as, for software_operation events. */
  processName?: string;
  processPath?: string;
  /** Who has it: everyone (absent) or only some departments. */
  profiles?: readonly WorkProfile[];
  /** Share of PCs that have it, among those it applies to. */
  share: number;
}

const OFFICE_ROOT = 'C:\\Program Files\\Microsoft Office\\root\\Office16';

export const SOFTWARE_TITLES: readonly SoftwareTitle[] = [
  {
    name: 'Microsoft 365 Apps for business - ja-jp',
    versions: ['16.0.17928.20148', '16.0.17726.20160', '16.0.17531.20152'],
    publisher: 'Microsoft Corporation',
    source: 'exe',
    share: 1,
  },
  {
    name: 'Microsoft Edge',
    versions: ['131.0.2903.70', '130.0.2849.80', '129.0.2792.89'],
    publisher: 'Microsoft Corporation',
    source: 'msi',
    processName: 'msedge.exe',
    processPath: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    share: 1,
  },
  {
    name: 'Google Chrome',
    versions: ['131.0.6778.86', '130.0.6723.117', '129.0.6668.101'],
    publisher: 'Google LLC',
    source: 'msi',
    processName: 'chrome.exe',
    processPath: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    share: 0.7,
  },
  {
    name: 'Microsoft Teams',
    versions: ['24295.605.3225.8804', '24277.3502.3161.3296'],
    publisher: 'Microsoft Corporation',
    source: 'store',
    processName: 'ms-teams.exe',
    processPath: 'C:\\Program Files\\WindowsApps\\MSTeams_24295.605.3225.8804_x64__8wekyb3d8bbwe\\ms-teams.exe',
    share: 1,
  },
  {
    name: 'Zoom Workplace (64-bit)',
    versions: ['6.2.11.5069', '6.2.6.49050', '6.1.11.45704'],
    publisher: 'Zoom Video Communications, Inc.',
    source: 'msi',
    processName: 'Zoom.exe',
    processPath: 'C:\\Program Files\\Zoom\\bin\\Zoom.exe',
    share: 0.6,
  },
  {
    name: 'Adobe Acrobat Reader (64-bit)',
    versions: ['24.004.20272', '24.003.20180', '23.008.20470'],
    publisher: 'Adobe',
    source: 'msi',
    processName: 'Acrobat.exe',
    processPath: 'C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe',
    share: 0.95,
  },
  {
    name: '一太郎2024',
    versions: ['34.0.1', '34.0.0'],
    publisher: 'JUSTSYSTEMS CORPORATION',
    source: 'exe',
    processName: 'TAROW.EXE',
    processPath: 'C:\\Program Files (x86)\\JustSystems\\TARO34\\TAROW.EXE',
    profiles: ['general_affairs', 'human_resources', 'planning'],
    share: 0.5,
  },
  { name: 'Lhaplus', versions: ['1.74'], publisher: 'Schezo', source: 'exe', share: 0.35 },
  { name: '7-Zip 24.08 (x64)', versions: ['24.08', '23.01'], publisher: 'Igor Pavlov', source: 'exe', share: 0.4 },
  { name: 'CubePDF', versions: ['4.0.1', '3.5.0'], publisher: 'CubeSoft, Inc.', source: 'exe', share: 0.3 },
  {
    name: 'Chatwork',
    versions: ['2.10.1', '2.9.4'],
    publisher: 'Chatwork Co., Ltd.',
    source: 'exe',
    processName: 'Chatwork.exe',
    processPath: 'C:\\Program Files\\Chatwork\\Chatwork.exe',
    share: 0.4,
  },
  { name: 'Box Drive', versions: ['2.41.224', '2.40.345'], publisher: 'Box, Inc.', source: 'msi', share: 0.25 },
  {
    name: '弥生会計 25',
    versions: ['31.1.2', '31.0.1'],
    publisher: 'Yayoi Co.,Ltd.',
    source: 'exe',
    processName: 'Yayoi31.exe',
    processPath: 'C:\\Program Files (x86)\\Yayoi\\Yayoi Kaikei 25\\Yayoi31.exe',
    profiles: ['accounting'],
    share: 0.8,
  },
  {
    name: '奉行クラウド 連携ツール',
    versions: ['5.2.0'],
    publisher: 'OBC',
    source: 'exe',
    profiles: ['accounting', 'human_resources'],
    share: 0.3,
  },
  {
    name: 'Microsoft Visual Studio Code',
    versions: ['1.95.3', '1.94.2', '1.93.1'],
    publisher: 'Microsoft Corporation',
    source: 'exe',
    processName: 'Code.exe',
    processPath: 'C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe',
    profiles: ['development', 'it'],
    share: 0.9,
  },
  {
    name: 'Git',
    versions: ['2.47.1', '2.46.0'],
    publisher: 'The Git Development Community',
    source: 'exe',
    profiles: ['development', 'it'],
    share: 0.9,
  },
  {
    name: 'Docker Desktop',
    versions: ['4.36.0', '4.34.3'],
    publisher: 'Docker Inc.',
    source: 'exe',
    profiles: ['development'],
    share: 0.6,
  },
  {
    name: 'Python 3.12.7 (64-bit)',
    versions: ['3.12.7150.0'],
    publisher: 'Python Software Foundation',
    source: 'exe',
    profiles: ['development', 'it'],
    share: 0.5,
  },
  {
    name: 'Tera Term 5.3',
    versions: ['5.3'],
    publisher: 'TeraTerm Project',
    source: 'exe',
    processName: 'ttermpro.exe',
    processPath: 'C:\\Program Files (x86)\\teraterm5\\ttermpro.exe',
    profiles: ['development', 'it'],
    share: 0.7,
  },
  {
    name: 'WinSCP 6.3.5',
    versions: ['6.3.5'],
    publisher: 'Martin Prikryl',
    source: 'exe',
    profiles: ['development', 'it'],
    share: 0.5,
  },
  {
    name: 'サクラエディタ',
    versions: ['2.4.2.6048'],
    publisher: 'サクラエディタ開発チーム',
    source: 'exe',
    profiles: ['development', 'it', 'general_affairs'],
    share: 0.4,
  },
  {
    name: 'Microsoft Visio - ja-jp',
    versions: ['16.0.17928.20148'],
    publisher: 'Microsoft Corporation',
    source: 'exe',
    processName: 'VISIO.EXE',
    processPath: `${OFFICE_ROOT}\\VISIO.EXE`,
    profiles: ['it'],
    share: 0.6,
  },
];

/** The desktop programs behind documents and daily work, for software_operation events. */
export const OFFICE_PROCESSES: Record<string, { path: string; title: string }> = {
  'EXCEL.EXE': { path: `${OFFICE_ROOT}\\EXCEL.EXE`, title: 'Excel' },
  'WINWORD.EXE': { path: `${OFFICE_ROOT}\\WINWORD.EXE`, title: 'Word' },
  'POWERPNT.EXE': { path: `${OFFICE_ROOT}\\POWERPNT.EXE`, title: 'PowerPoint' },
  'OUTLOOK.EXE': { path: `${OFFICE_ROOT}\\OUTLOOK.EXE`, title: 'Outlook' },
  'VISIO.EXE': { path: `${OFFICE_ROOT}\\VISIO.EXE`, title: 'Visio' },
  'Acrobat.exe': {
    path: 'C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe',
    title: 'Adobe Acrobat Reader (64-bit)',
  },
  'TAROW.EXE': { path: 'C:\\Program Files (x86)\\JustSystems\\TARO34\\TAROW.EXE', title: '一太郎' },
  'explorer.exe': { path: 'C:\\Windows\\explorer.exe', title: 'エクスプローラー' },
};

export interface AntivirusProduct {
  name: string;
  version: string;
  publisher: string;
  processName: string;
  /** Built into Windows: absent from the installed-software list. */
  builtIn: boolean;
}

export const ANTIVIRUS_PRODUCTS: readonly (readonly [AntivirusProduct, number])[] = [
  [
    {
      name: 'Microsoft Defender ウイルス対策',
      version: '4.18.24090.11',
      publisher: 'Microsoft Corporation',
      processName: 'MsMpEng.exe',
      builtIn: true,
    },
    45,
  ],
  [
    {
      name: 'ウイルスバスター ビジネスセキュリティサービス',
      version: '7.5.1135',
      publisher: 'Trend Micro Inc.',
      processName: 'PccNTMon.exe',
      builtIn: false,
    },
    35,
  ],
  [
    {
      name: 'ESET Endpoint Security',
      version: '11.1.2039.2',
      publisher: 'ESET, spol. s r.o.',
      processName: 'ekrn.exe',
      builtIn: false,
    },
    20,
  ],
];

export interface WindowsUpdate {
  id: string;
  title: string;
  kind: 'security' | 'quality' | 'definition' | 'other';
  /** Patch-Wednesday day number of the month it belongs to. */
  month: { year: number; month: number };
}

/** Monthly updates for a release: cumulative (security), .NET (quality) and the removal tool. */
export function monthlyUpdates(release: WindowsRelease, year: number, month: number): WindowsUpdate[] {
  const monthsSince2024 = (year - 2024) * 12 + (month - 1);
  const label = `${year}-${String(month).padStart(2, '0')}`;
  const cumulative = 5_034_000 + monthsSince2024 * 1_000 + release.kbOffset;
  const product = release.name.startsWith('Windows 10')
    ? 'Windows 10 Version 22H2'
    : `Windows 11 Version ${release.version}`;
  return [
    {
      id: `KB${cumulative}`,
      title: `${label} x64 ベース システム用 ${product} の累積更新プログラム (KB${cumulative})`,
      kind: 'security',
      month: { year, month },
    },
    {
      id: `KB${cumulative - 580}`,
      title: `${label} ${product} x64 用 .NET Framework 3.5 および 4.8.1 の累積更新プログラム (KB${cumulative - 580})`,
      kind: 'quality',
      month: { year, month },
    },
    {
      id: 'KB890830',
      title: `Windows 悪意のあるソフトウェアの削除ツール x64 - v5.${130 + monthsSince2024} (KB890830)`,
      kind: 'other',
      month: { year, month },
    },
  ];
}
