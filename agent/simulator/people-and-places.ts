/**
 * Who works at a simulated office and on what: common Japanese surnames and given names (romanised the
 * way Japanese companies spell account names, tanaka.hiroshi), departments with their share folders,
 * organisation codes for host names, and the business PCs Japanese offices buy. Data only.
 */

/** [romaji, kanji], roughly in order of frequency so that the common names come up more. */
export const SURNAMES: readonly (readonly [string, string])[] = [
  ['sato', '佐藤'],
  ['suzuki', '鈴木'],
  ['takahashi', '高橋'],
  ['tanaka', '田中'],
  ['ito', '伊藤'],
  ['watanabe', '渡辺'],
  ['yamamoto', '山本'],
  ['nakamura', '中村'],
  ['kobayashi', '小林'],
  ['kato', '加藤'],
  ['yoshida', '吉田'],
  ['yamada', '山田'],
  ['sasaki', '佐々木'],
  ['yamaguchi', '山口'],
  ['matsumoto', '松本'],
  ['inoue', '井上'],
  ['kimura', '木村'],
  ['hayashi', '林'],
  ['saito', '斎藤'],
  ['shimizu', '清水'],
  ['yamazaki', '山崎'],
  ['mori', '森'],
  ['ikeda', '池田'],
  ['hashimoto', '橋本'],
  ['abe', '阿部'],
  ['ishikawa', '石川'],
  ['yamashita', '山下'],
  ['nakajima', '中島'],
  ['ogawa', '小川'],
  ['maeda', '前田'],
  ['okada', '岡田'],
  ['hasegawa', '長谷川'],
  ['fujita', '藤田'],
  ['goto', '後藤'],
  ['kondo', '近藤'],
  ['murakami', '村上'],
];

export const GIVEN_NAMES: readonly (readonly [string, string])[] = [
  ['hiroshi', '浩'],
  ['takashi', '隆'],
  ['yuko', '裕子'],
  ['yuki', '由紀'],
  ['kenji', '健二'],
  ['akiko', '明子'],
  ['naoki', '直樹'],
  ['makoto', '誠'],
  ['tomoko', '智子'],
  ['daisuke', '大輔'],
  ['shota', '翔太'],
  ['haruka', '遥'],
  ['misaki', '美咲'],
  ['ryota', '亮太'],
  ['yumi', '由美'],
  ['kazuya', '和也'],
  ['emi', '恵美'],
  ['sho', '翔'],
  ['ayaka', '彩花'],
  ['kenta', '健太'],
  ['mayumi', '真由美'],
  ['takuya', '拓也'],
  ['nanami', '七海'],
  ['satoshi', '聡'],
  ['keiko', '恵子'],
  ['yusuke', '雄介'],
  ['mai', '舞'],
  ['tetsuya', '哲也'],
  ['kaori', '香織'],
  ['koji', '浩二'],
  ['minoru', '稔'],
  ['sakura', 'さくら'],
  ['hiroki', '大樹'],
  ['yoko', '陽子'],
  ['masato', '正人'],
  ['rina', '里奈'],
];

/** What a department does on its PCs; the web, document and software catalogues key on it. */
export type WorkProfile =
  'general_affairs' | 'sales' | 'accounting' | 'development' | 'human_resources' | 'planning' | 'it';

export interface Department {
  name: string;
  profile: WorkProfile;
  /** Share of a typical office's PCs. */
  weight: number;
  /** Floor, for printer names like 営業部_複合機 (3F). */
  floor: string;
}

export const DEPARTMENTS: readonly Department[] = [
  { name: '営業部', profile: 'sales', weight: 28, floor: '3F' },
  { name: '開発部', profile: 'development', weight: 18, floor: '4F' },
  { name: '総務部', profile: 'general_affairs', weight: 14, floor: '2F' },
  { name: '経理部', profile: 'accounting', weight: 11, floor: '2F' },
  { name: '企画部', profile: 'planning', weight: 11, floor: '3F' },
  { name: '人事部', profile: 'human_resources', weight: 9, floor: '2F' },
  { name: '情報システム部', profile: 'it', weight: 9, floor: '4F' },
];

/** Short codes for host names (SAKURA-PC-014) and share servers (\\SAKURA-FS01). */
export const ORGANISATION_CODES = [
  'SAKURA',
  'AOBA',
  'HOKUTO',
  'MIDORI',
  'YAMATO',
  'TOWA',
  'CHUO',
  'ASAHI',
  'KAEDE',
  'MINATO',
  'HIKARI',
  'TSUBAKI',
] as const;

/** Names for participants the caller did not name (CLI, demo). Fictional. */
export const DEFAULT_PARTICIPANT_NAMES = [
  '株式会社さくら商事',
  '青葉精機株式会社',
  '北斗物流株式会社',
  'みどり建設株式会社',
  '大和フーズ株式会社',
  '東和工業株式会社',
] as const;

/** Fictional customers and suppliers that appear in document names. */
export const BUSINESS_PARTNERS = [
  '山田商事',
  '東和工業',
  'みどり建設',
  '北斗物流',
  '青葉食品',
  '大和精機',
  '中央印刷',
  'さくら不動産',
  '日の出電機',
  '富士見製作所',
  'かもめ運輸',
  '桜井設計事務所',
  '松風産業',
  '朝日テクノ',
] as const;

export interface PcModel {
  manufacturer: string;
  model: string;
  biosPrefix: string;
  serial: 'dell' | 'lenovo' | 'hp' | 'digits';
}

export const PC_MODELS: readonly (readonly [PcModel, number])[] = [
  [{ manufacturer: 'Dell Inc.', model: 'Latitude 5440', biosPrefix: '1.1', serial: 'dell' }, 14],
  [{ manufacturer: 'Dell Inc.', model: 'OptiPlex 7010', biosPrefix: '1.1', serial: 'dell' }, 8],
  [{ manufacturer: 'LENOVO', model: 'ThinkPad L14 Gen 4', biosPrefix: 'R2', serial: 'lenovo' }, 10],
  [{ manufacturer: 'LENOVO', model: 'ThinkPad X1 Carbon Gen 11', biosPrefix: 'N3', serial: 'lenovo' }, 5],
  [{ manufacturer: 'HP', model: 'HP ProBook 450 G10 Notebook PC', biosPrefix: 'V7', serial: 'hp' }, 9],
  [{ manufacturer: 'Panasonic Connect Co., Ltd.', model: "Let's note CF-SV2", biosPrefix: 'V1', serial: 'digits' }, 9],
  [
    { manufacturer: 'FUJITSU CLIENT COMPUTING LIMITED', model: 'LIFEBOOK U9313/M', biosPrefix: 'R1', serial: 'digits' },
    8,
  ],
  [{ manufacturer: 'NEC', model: 'VersaPro VKT16/X-H', biosPrefix: 'R0', serial: 'digits' }, 8],
  [{ manufacturer: 'Dynabook Inc.', model: 'dynabook G83/KW', biosPrefix: '1.', serial: 'digits' }, 5],
];

export const CPU_MODELS: readonly (readonly [string, number])[] = [
  ['13th Gen Intel(R) Core(TM) i5-1345U', 10],
  ['13th Gen Intel(R) Core(TM) i7-1365U', 4],
  ['12th Gen Intel(R) Core(TM) i5-1235U', 7],
  ['Intel(R) Core(TM) Ultra 5 125U', 3],
  ['11th Gen Intel(R) Core(TM) i5-1145G7 @ 2.60GHz', 4],
  ['AMD Ryzen 5 PRO 7530U with Radeon Graphics', 2],
];

export interface WindowsRelease {
  name: string;
  version: string;
  build: string;
  /** Cumulative-update numbering offset, so each release gets its own KB numbers. */
  kbOffset: number;
}

export const WINDOWS_RELEASES: readonly (readonly [WindowsRelease, number])[] = [
  [{ name: 'Windows 11 Pro', version: '24H2', build: '26100.2454', kbOffset: 617 }, 45],
  [{ name: 'Windows 11 Pro', version: '23H2', build: '22631.4460', kbOffset: 633 }, 30],
  [{ name: 'Windows 11 Enterprise', version: '23H2', build: '22631.4460', kbOffset: 633 }, 5],
  [{ name: 'Windows 10 Pro', version: '22H2', build: '19045.5131', kbOffset: 613 }, 20],
];
