import type { WorkProfile } from './people-and-places.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * Where Japanese office PCs browse: portals and news, Microsoft 365, Japanese SaaS (kintone, Chatwork,
 * freee, Sansan), government sites (e-Gov, 国税庁, 厚労省) and developer sites, weighted by what each
 * department does. Path templates take {tokens} so URLs vary the way real ones do.
 */
interface WebSite {
  /** A host, or a tenant host built from the organisation's slug ({tenant}). */
  host: string;
  paths: readonly string[];
  weight: number;
  /** Extra weight for some departments. */
  boost?: Partial<Record<WorkProfile, number>>;
  /** Sites where forms are posted and files uploaded. */
  app?: boolean;
}

const SITES: readonly WebSite[] = [
  { host: 'www.google.co.jp', paths: ['/search?q={q}'], weight: 10 },
  { host: 'www.bing.com', paths: ['/search?q={q}&form=QBLH'], weight: 2 },
  { host: 'www.yahoo.co.jp', paths: ['/'], weight: 5 },
  { host: 'news.yahoo.co.jp', paths: ['/articles/{hex40}', '/pickup/{n7}', '/topics/top-picks'], weight: 5 },
  { host: 'www3.nhk.or.jp', paths: ['/news/html/{ymd}/k{n11}000.html', '/news/'], weight: 1.5 },
  {
    host: 'www.nikkei.com',
    paths: ['/article/DGXZQO{UP4}{n6}{UP2}{n2}C24A{n2}000000/', '/markets/'],
    weight: 1.5,
    boost: { planning: 3, accounting: 1 },
  },
  { host: 'weather.yahoo.co.jp', paths: ['/weather/jp/13/4410.html'], weight: 0.8 },
  {
    host: 'transit.yahoo.co.jp',
    paths: ['/search/result?from={station}&to={station}'],
    weight: 1,
    boost: { sales: 5 },
  },
  {
    host: 'outlook.office.com',
    paths: ['/mail/', '/mail/inbox/id/AAQkA{blob}', '/calendar/view/workweek'],
    weight: 12,
    app: true,
  },
  { host: 'teams.microsoft.com', paths: ['/v2/', '/l/meetup-join/19%3ameeting_{blob}%40thread.v2/0'], weight: 6 },
  { host: 'www.office.com', paths: ['/', '/launch/excel', '/launch/word'], weight: 2 },
  {
    host: 'login.microsoftonline.com',
    paths: ['/common/oauth2/v2.0/authorize?client_id={uuid}&response_type=code'],
    weight: 1.5,
  },
  {
    host: '{tenant}.sharepoint.com',
    paths: ['/sites/{site}/Shared%20Documents/Forms/AllItems.aspx', '/sites/{site}/SitePages/Home.aspx'],
    weight: 5,
    app: true,
  },
  {
    host: '{tenant}.cybozu.com',
    paths: ['/k/{n2}/', '/k/{n2}/show#record={n4}', '/g/portal/index.csp', '/g/schedule/index.csp'],
    weight: 6,
    app: true,
  },
  { host: 'www.chatwork.com', paths: ['/#!rid{n8}', '/#!rid{n8}-{n10}'], weight: 5, app: true },
  { host: 'zoom.us', paths: ['/j/{n11}?pwd={blob}', '/wc/join/{n11}'], weight: 1.2, boost: { sales: 2 } },
  { host: 'app.box.com', paths: ['/folder/{n12}', '/file/{n12}'], weight: 1, app: true },
  {
    host: 'www.askul.co.jp',
    paths: ['/p/{n7}/', '/ksearch/?searchWord=%E3%82%B3%E3%83%94%E3%83%BC%E7%94%A8%E7%B4%99'],
    weight: 0.6,
    boost: { general_affairs: 4 },
  },
  { host: 'www.amazon.co.jp', paths: ['/dp/B0{UP8}'], weight: 0.8 },
  {
    host: 'www.ipa.go.jp',
    paths: ['/security/security-alert/{y}/', '/security/anshin/'],
    weight: 0.3,
    boost: { it: 4 },
  },
  { host: 'www.jpcert.or.jp', paths: ['/at/{y}/at{y2}00{n2}.html'], weight: 0.2, boost: { it: 3 } },
  {
    host: 'github.com',
    paths: ['/{tenant}/{repo}/pull/{n3}', '/{tenant}/{repo}/issues/{n3}', '/{tenant}/{repo}'],
    weight: 0,
    boost: { development: 12, it: 2 },
    app: true,
  },
  { host: 'stackoverflow.com', paths: ['/questions/{n8}/'], weight: 0, boost: { development: 6, it: 1 } },
  { host: 'qiita.com', paths: ['/{word}/items/{hex20}'], weight: 0, boost: { development: 6, it: 2 } },
  { host: 'zenn.dev', paths: ['/{word}/articles/{hex14}'], weight: 0, boost: { development: 4 } },
  {
    host: 'learn.microsoft.com',
    paths: ['/ja-jp/windows/security/', '/ja-jp/microsoft-365/admin/', '/ja-jp/dotnet/csharp/'],
    weight: 0.2,
    boost: { development: 4, it: 6 },
  },
  {
    host: 'developer.mozilla.org',
    paths: ['/ja/docs/Web/JavaScript/Reference/Global_Objects/Array'],
    weight: 0,
    boost: { development: 3 },
  },
  {
    host: 'docs.aws.amazon.com',
    paths: ['/ja_jp/AmazonS3/latest/userguide/Welcome.html'],
    weight: 0,
    boost: { development: 3, it: 1 },
  },
  {
    host: 'secure.freee.co.jp',
    paths: ['/deals', '/reports/journals', '/expense_applications/{n6}'],
    weight: 0,
    boost: { accounting: 8, human_resources: 1 },
    app: true,
  },
  {
    host: 'biz.moneyforward.com',
    paths: ['/expense/reports', '/payroll/'],
    weight: 0,
    boost: { accounting: 3, human_resources: 2 },
    app: true,
  },
  {
    host: 'www.nta.go.jp',
    paths: [
      '/taxes/shiraberu/taxanswer/gensen/{n4}.htm',
      '/publication/pamph/gensen/{y}.pdf',
      '/taxes/tetsuzuki/shinsei/annai/hojin/annai/01.htm',
    ],
    weight: 0.2,
    boost: { accounting: 5, human_resources: 2 },
  },
  { host: 'www.e-tax.nta.go.jp', paths: ['/', '/toiawase/qa/yokuaru.htm'], weight: 0, boost: { accounting: 2 } },
  {
    host: 'www.invoice-kohyo.nta.go.jp',
    paths: ['/regno-search/', '/regno-search/detail?selRegNo=T{n13}'],
    weight: 0,
    boost: { accounting: 3, sales: 0.5 },
  },
  {
    host: 'www.houjin-bangou.nta.go.jp',
    paths: ['/henkorireki-johoto.html?selHoujinNo={n13}'],
    weight: 0,
    boost: { accounting: 1, sales: 1 },
  },
  { host: 'www.e-gov.go.jp', paths: ['/', '/law/'], weight: 0.2, boost: { general_affairs: 3, human_resources: 4 } },
  {
    host: 'shinsei.e-gov.go.jp',
    paths: ['/', '/recept/procedure/search'],
    weight: 0,
    boost: { human_resources: 2, general_affairs: 1 },
    app: true,
  },
  {
    host: 'www.mhlw.go.jp',
    paths: ['/stf/seisakunitsuite/bunya/koyou_roudou/roudoukijun/', '/content/{n9}.pdf'],
    weight: 0.1,
    boost: { human_resources: 4 },
  },
  {
    host: 'www.nenkin.go.jp',
    paths: ['/service/kounen/hokenryo/ryogaku/ryogakuhyo/index.html'],
    weight: 0,
    boost: { human_resources: 3 },
  },
  { host: 'ap.sansan.com', paths: ['/v/persons/{hex12}', '/v/companies/'], weight: 0, boost: { sales: 4 }, app: true },
  {
    host: '{tenant}.my.salesforce.com',
    paths: ['/lightning/r/Opportunity/006{blob}/view', '/lightning/o/Account/list'],
    weight: 0,
    boost: { sales: 6 },
    app: true,
  },
  { host: 'prtimes.jp', paths: ['/main/html/rd/p/{n9}.{n6}.html'], weight: 0.2, boost: { planning: 4 } },
  { host: 'www.canva.com', paths: ['/design/{blob}/edit'], weight: 0, boost: { planning: 3 }, app: true },
];

const SEARCHES: Record<WorkProfile | 'anyone', readonly string[]> = {
  anyone: [
    '天気 東京',
    '乗換案内',
    'ランチ 近く',
    '郵便料金 改定',
    '祝日 一覧',
    'Excel VLOOKUP 使い方',
    'PDF 結合 方法',
  ],
  general_affairs: [
    '電子帳簿保存法 対応',
    '防災備蓄品 リスト',
    '会議室 予約 システム',
    '社用車 リース 比較',
    '印鑑 電子化',
  ],
  sales: [
    '{partner} 会社概要',
    '新幹線 時刻表',
    '手土産 おすすめ 東京駅',
    '見積書 テンプレート',
    '展示会 2026 東京ビッグサイト',
  ],
  accounting: [
    '源泉徴収 税率',
    '消費税 端数処理',
    '減価償却 耐用年数表',
    '振込手数料 比較',
    '勘定科目 一覧',
    'インボイス 登録番号 確認',
  ],
  development: [
    'TypeScript generics 制約',
    'docker compose healthcheck',
    'PostgreSQL インデックス 効かない',
    'git rebase 取り消し',
    'Python pandas groupby',
  ],
  human_resources: ['社会保険料 料率', '有給休暇 付与日数', '36協定 届出', '雇用保険 手続き', '年末調整 スケジュール'],
  planning: ['市場規模 調査 方法', 'プレスリリース 書き方', 'SNS 運用 事例', '競合分析 フレームワーク'],
  it: [
    'Windows 11 24H2 不具合',
    'BitLocker 回復キー 確認',
    'Microsoft 365 障害情報',
    'Defender 除外設定',
    'VPN 接続できない',
  ],
};

const STATIONS = ['東京', '新宿', '品川', '大宮', '横浜', '新大阪', '名古屋', '博多', '仙台', '千葉'];
const SITE_NAMES = ['soumu', 'eigyo', 'keiri', 'kaihatsu', 'jinji', 'kikaku', 'portal', 'kitei'];
const REPOS = ['kintai-system', 'order-api', 'web-catalog', 'infra', 'mobile-app'];
const WORDS = ['yamada_dev', 'tech-note', 'kaihatsu', 'infra-jp', 'frontend'];

export interface WebVisit {
  action: 'visit' | 'download' | 'upload' | 'blocked';
  url: string;
  method: string;
  status: number;
  bytes: number;
  referrer?: string;
}

export interface WebContext {
  rng: SeededRandom;
  profile: WorkProfile;
  tenant: string;
  dateCompact: string;
  year: number;
  partners: readonly string[];
}

function expandTemplate(template: string, context: WebContext): string {
  const { rng } = context;
  return template.replace(/\{([a-zA-Z]+)(\d*)\}/g, (_, token: string, digits: string) => {
    const n = Number(digits || '1');
    switch (token) {
      case 'n':
        return String(rng.int(1, 9)) + rng.digits(n - 1);
      case 'hex':
        return rng.hex(n);
      case 'UP':
        return Array.from({ length: n }, () => rng.pick('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'.split(''))).join('');
      case 'blob':
        return rng.hex(16) + rng.hex(8, true);
      case 'uuid':
        return rng.uuid();
      case 'ymd':
        return context.dateCompact;
      case 'y':
        return n === 2 ? String(context.year).slice(2) : String(context.year);
      case 'tenant':
        return context.tenant;
      case 'site':
        return rng.pick(SITE_NAMES);
      case 'repo':
        return rng.pick(REPOS);
      case 'word':
        return rng.pick(WORDS);
      case 'station':
        return encodeURIComponent(rng.pick(STATIONS));
      case 'q':
        return encodeURIComponent(searchQuery(context));
      default:
        return token;
    }
  });
}

function searchQuery(context: WebContext): string {
  const { rng } = context;
  const list = rng.chance(0.3) ? SEARCHES.anyone : SEARCHES[context.profile];
  return rng.pick(list).replace('{partner}', rng.pick(context.partners));
}

const siteTables = new Map<WorkProfile, (readonly [WebSite, number])[]>();
function sitesFor(profile: WorkProfile): (readonly [WebSite, number])[] {
  let table = siteTables.get(profile);
  if (!table) {
    table = SITES.map((site) => [site, site.weight + (site.boost?.[profile] ?? 0)] as const).filter(([, w]) => w > 0);
    siteTables.set(profile, table);
  }
  return table;
}

/** One page visit, download, upload or blocked request of an ordinary working day. */
export function ordinaryWebVisit(context: WebContext): WebVisit {
  const { rng } = context;
  if (rng.chance(0.003)) {
    const url = rng.chance(0.5)
      ? `https://www.youtube.com/watch?v=${rng.hex(11)}`
      : `https://www.nicovideo.jp/watch/sm${rng.digits(8)}`;
    return { action: 'blocked', url, method: 'GET', status: 403, bytes: 0 };
  }
  const site = rng.weighted(sitesFor(context.profile));
  const host = site.host.replace('{tenant}', context.tenant);
  const path = expandTemplate(rng.pick(site.paths), context);
  const url = `https://${host}${path}`;
  const isFile = /\.(pdf|zip|xlsx|csv)$/.test(path);
  if (isFile) return { action: 'download', url, method: 'GET', status: 200, bytes: rng.int(80_000, 4_000_000) };
  if (site.app && rng.chance(0.03))
    return { action: 'upload', url, method: 'POST', status: 200, bytes: rng.int(20_000, 6_000_000) };
  const method = site.app && rng.chance(0.08) ? 'POST' : 'GET';
  const status = rng.weighted([
    [200, 88],
    [304, 6],
    [302, 4],
    [404, 1],
    [500, 0.3],
  ] as const);
  const bytes = status === 304 ? 0 : Math.round(Math.exp(rng.gaussian(10.5, 1.2)));
  const visit: WebVisit = { action: 'visit', url, method, status, bytes };
  if (rng.chance(0.3)) visit.referrer = `https://${host}/`;
  return visit;
}
