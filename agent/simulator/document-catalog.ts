import type { CalendarDay } from './japan-calendar.js';
import { BUSINESS_PARTNERS, SURNAMES, type WorkProfile } from './people-and-places.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * The documents Japanese office work revolves around (見積書, 議事録, 請求書, 契約書, 稟議書 …), named the
 * way people name them (種類_相手先_日付.xlsx) and kept where they keep them: Documents and Desktop,
 * the department share on the file server (\\SAKURA-FS01\共有\営業部\2026年度\…) and OneDrive.
 */
const DOCUMENT_NAMES: Record<WorkProfile | 'anyone', readonly string[]> = {
  anyone: [
    '議事録_{meeting}_{ymd}.docx',
    '日報_{ymd}.xlsx',
    '経費精算書_{ym}.xlsx',
    '勤怠表_{ym}.xlsx',
    '社内報_第{n}号.pdf',
    '出張申請書_{partner}.docx',
  ],
  sales: [
    '見積書_{partner}_{ymd}.xlsx',
    '提案書_{partner}様_v{v}.pptx',
    '契約書_{partner}.pdf',
    '注文書_{partner}_{ymd}.pdf',
    '顧客リスト_{fy}年度.xlsx',
    '売上実績_{y}年{m}月.xlsx',
    '訪問記録_{partner}.docx',
  ],
  accounting: [
    '請求書_{partner}_{y}年{m}月分.pdf',
    '支払予定表_{ym}.xlsx',
    '仕訳帳_{ym}.csv',
    '月次決算_{y}年{m}月.xlsx',
    '領収書_{partner}_{ymd}.pdf',
    '固定資産台帳_{fy}年度.xlsx',
  ],
  development: [
    '設計書_{system}_v{v}.docx',
    '仕様書_{system}.xlsx',
    'テスト仕様書_{system}_v{v}.xlsx',
    '障害報告書_{ymd}.docx',
    'リリース手順書_{system}.docx',
  ],
  general_affairs: [
    '稟議書_{topic}.docx',
    '備品管理台帳_{fy}年度.xlsx',
    '社内規程_改定案.docx',
    '会議室予約表_{ym}.xlsx',
    '防災訓練_実施要領.docx',
    '契約書_{partner}_賃貸借.pdf',
    '社内通知_{topic}.jtd',
  ],
  human_resources: [
    '給与明細_{ym}.pdf',
    '入社手続き_{surname}.docx',
    '人事評価シート_{fy}年度上期.xlsx',
    '年末調整_{y}.xlsx',
    '採用計画_{fy}年度.pptx',
    '就業規則.pdf',
  ],
  planning: ['企画書_{topic}.pptx', '市場調査_{topic}.xlsx', '事業計画_{fy}年度.xlsx', 'プレスリリース_{topic}.docx'],
  it: [
    'PC管理台帳_{fy}年度.xlsx',
    'ネットワーク構成図.vsdx',
    'アカウント申請書_{surname}.docx',
    'バックアップ手順書.docx',
    'ライセンス一覧_{fy}年度.xlsx',
  ],
};

/** What an exfiltration grabs: the files a competitor would want. */
const SENSITIVE_NAMES = [
  '顧客リスト_{fy}年度.xlsx',
  '見積書_{partner}_{ymd}.xlsx',
  '契約書_{partner}.pdf',
  '売上実績_{y}年{m}月.xlsx',
  '提案書_{partner}様_v{v}.pptx',
  '設計書_{system}_v{v}.docx',
  '人事評価シート_{fy}年度上期.xlsx',
  '給与明細_{ym}.pdf',
  '取引先台帳_{fy}年度.xlsx',
];

const MEETINGS = [
  '定例会議',
  '営業会議',
  '部内ミーティング',
  '朝礼',
  'プロジェクト進捗会議',
  '経営会議',
  '安全衛生委員会',
];
const TOPICS = [
  '新規事業',
  '業務効率化',
  '働き方改革',
  'コスト削減',
  'DX推進',
  '新製品発表',
  '社員旅行',
  'テレワーク規程',
];
const SYSTEMS = ['勤怠管理システム', '受発注システム', '顧客管理システム', '在庫管理', '社内ポータル'];

export type StorageKind = 'fixed' | 'network' | 'cloud';

export interface WorkingDocument {
  name: string;
  folder: string;
  driveType: StorageKind;
  /** The process that opens it (EXCEL.EXE for .xlsx …). */
  application: string;
  sizeBytes: number;
}

/** A SimulatedDevice is one: the person at the PC and their department's share. */
export interface DocumentOwner {
  user: string;
  department: string;
  profile: WorkProfile;
  fileShare: string;
  oneDriveFolder: string;
}

const APPLICATION_BY_EXTENSION: Record<string, string> = {
  xlsx: 'EXCEL.EXE',
  csv: 'EXCEL.EXE',
  docx: 'WINWORD.EXE',
  pptx: 'POWERPNT.EXE',
  pdf: 'Acrobat.exe',
  jtd: 'TAROW.EXE',
  vsdx: 'VISIO.EXE',
};

const SIZE_RANGE_BY_EXTENSION: Record<string, readonly [number, number]> = {
  xlsx: [18_000, 2_400_000],
  csv: [4_000, 900_000],
  docx: [14_000, 1_200_000],
  pptx: [400_000, 18_000_000],
  pdf: [60_000, 5_000_000],
  jtd: [20_000, 600_000],
  vsdx: [80_000, 3_000_000],
};

export function applicationFor(fileName: string): string {
  return APPLICATION_BY_EXTENSION[fileName.split('.').pop() ?? ''] ?? 'explorer.exe';
}

function fiscalYear(day: CalendarDay): number {
  return day.month >= 4 ? day.year : day.year - 1;
}

export function documentName(rng: SeededRandom, template: string, day: CalendarDay): string {
  // Dates in names mostly point at recent days, not only today.
  const back = rng.int(0, 20);
  const when = new Date(Date.UTC(day.year, day.month - 1, day.dayOfMonth - back));
  const ymd = `${when.getUTCFullYear()}${String(when.getUTCMonth() + 1).padStart(2, '0')}${String(when.getUTCDate()).padStart(2, '0')}`;
  return template.replace(/\{(\w+)\}/g, (_, token: string) => {
    switch (token) {
      case 'ymd':
        return ymd;
      case 'ym':
        return ymd.slice(0, 6);
      case 'y':
        return String(day.year);
      case 'm':
        return String(day.month);
      case 'fy':
        return String(fiscalYear(day));
      case 'n':
        return String(rng.int(80, 240));
      case 'v':
        return `${rng.int(1, 3)}.${rng.int(0, 9)}`;
      case 'partner':
        return rng.pick(BUSINESS_PARTNERS);
      case 'meeting':
        return rng.pick(MEETINGS);
      case 'topic':
        return rng.pick(TOPICS);
      case 'system':
        return rng.pick(SYSTEMS);
      case 'surname':
        return rng.pick(SURNAMES)[1];
      default:
        return token;
    }
  });
}

function sizeFor(rng: SeededRandom, name: string): number {
  const [low, high] = SIZE_RANGE_BY_EXTENSION[name.split('.').pop() ?? ''] ?? [10_000, 500_000];
  return Math.round(low + (high - low) * rng.next() ** 2);
}

/** Where a document lives: personal folders, the department share or OneDrive. */
export function folderFor(
  rng: SeededRandom,
  owner: DocumentOwner,
  name: string,
  day: CalendarDay,
): { folder: string; driveType: StorageKind } {
  const kind = name.split('_')[0]!.replace(/\..*$/, '');
  const storage = rng.weighted([
    ['fixed', 45],
    ['network', 40],
    ['cloud', 15],
  ] as const);
  if (storage === 'network')
    return { folder: `${owner.fileShare}\\${owner.department}\\${fiscalYear(day)}年度\\${kind}`, driveType: 'network' };
  if (storage === 'cloud') return { folder: `${owner.oneDriveFolder}\\${kind}`, driveType: 'cloud' };
  const place = rng.weighted([
    ['Documents', 60],
    ['Desktop', 25],
    ['Downloads', 15],
  ] as const);
  return {
    folder: `C:\\Users\\${owner.user}\\${place}${place === 'Documents' ? `\\${kind}` : ''}`,
    driveType: 'fixed',
  };
}

/** The handful of documents a person works on during one day. */
export function workingSetFor(rng: SeededRandom, owner: DocumentOwner, day: CalendarDay): WorkingDocument[] {
  const count = rng.int(4, 8);
  return Array.from({ length: count }, () => {
    const list = rng.chance(0.3) ? DOCUMENT_NAMES.anyone : DOCUMENT_NAMES[owner.profile];
    const name = documentName(rng, rng.pick(list), day);
    return {
      name,
      ...folderFor(rng, owner, name, day),
      application: applicationFor(name),
      sizeBytes: sizeFor(rng, name),
    };
  });
}

/** Distinct sensitive files from the department shares, for a planted bulk copy. */
export function sensitiveFiles(
  rng: SeededRandom,
  owner: DocumentOwner,
  day: CalendarDay,
  count: number,
): WorkingDocument[] {
  const seen = new Set<string>();
  const files: WorkingDocument[] = [];
  for (let attempt = 0; files.length < count && attempt < count * 20; attempt += 1) {
    const name = documentName(rng, rng.pick(SENSITIVE_NAMES), day);
    const department = rng.chance(0.6) ? owner.department : rng.pick(['営業部', '経理部', '人事部', '開発部']);
    const folder = `${owner.fileShare}\\${department}\\${fiscalYear(day) - rng.int(0, 2)}年度\\${name.split('_')[0]}`;
    const path = `${folder}\\${name}`;
    if (seen.has(path)) continue;
    seen.add(path);
    files.push({ name, folder, driveType: 'network', application: 'explorer.exe', sizeBytes: sizeFor(rng, name) });
  }
  return files;
}
