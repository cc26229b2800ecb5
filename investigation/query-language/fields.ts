/**
 * The field catalogue: the only source of column identifiers that compiled queries contain.
 * Whatever an operator types is looked up here; a name that is not here is an error, never SQL.
 */
export type FieldKind = 'keyword' | 'text' | 'number' | 'enum' | 'device' | 'uuid';

export interface Label {
  ja: string;
  en: string;
}

/** The `events` columns (sql/migrations/0004_create_events.sql) a query may read. */
export const EVENT_COLUMNS = [
  'category',
  'device_id',
  'action',
  'user_name',
  'message',
  'process_name',
  'process_path',
  'pid',
  'command_line',
  'window_title',
  'version',
  'publisher',
  'url',
  'domain',
  'http_method',
  'http_status',
  'browser',
  'referrer',
  'bytes',
  'file_path',
  'target_path',
  'drive_type',
  'printer_name',
  'document_name',
  'pages',
  'copies',
  'color_mode',
  'paper_size',
  'device_class',
  'vendor_id',
  'product_id',
  'serial',
  'device_name',
  'volume_label',
  'capacity_bytes',
  'rule_name',
  'reason',
  'logon_type',
  'source_ip',
  'session_id',
  'boot_id',
  'uptime_seconds',
  'attributes',
] as const;

export type EventColumn = (typeof EVENT_COLUMNS)[number];

export interface FieldDefinition {
  /** The canonical name, reported in `CompiledQuery.fields`. */
  name: string;
  aliases: readonly string[];
  column: EventColumn;
  kind: FieldKind;
  label: Label;
  /** Few distinct values (a category, a user, a host): the explorer's histogram may be split by it. */
  lowCardinality?: true;
}

export const CATEGORIES = [
  { value: 'boot', label: { ja: '起動', en: 'Boot' } },
  { value: 'logon', label: { ja: 'ログオン', en: 'Logon' } },
  { value: 'web_access', label: { ja: 'Webアクセス', en: 'Web access' } },
  { value: 'software_operation', label: { ja: 'ソフトウェア操作', en: 'Software operation' } },
  { value: 'file_operation', label: { ja: 'ファイル操作', en: 'File operation' } },
  { value: 'printer_output', label: { ja: '印刷', en: 'Printer output' } },
  { value: 'external_device', label: { ja: '外部デバイス', en: 'External device' } },
  { value: 'device_control', label: { ja: 'デバイス制御', en: 'Device control' } },
] as const satisfies readonly { value: string; label: Label }[];

export type Category = (typeof CATEGORIES)[number]['value'];

function field(
  column: EventColumn,
  kind: FieldKind,
  ja: string,
  en: string,
  aliases: readonly string[] = [],
): FieldDefinition {
  return { name: column, aliases, column, kind, label: { ja, en } };
}

/** A field with few distinct values in an office's events, so a histogram split by it stays readable. */
function fewValues(definition: FieldDefinition): FieldDefinition {
  return { ...definition, lowCardinality: true };
}

export const FIELDS: readonly FieldDefinition[] = [
  fewValues(field('category', 'enum', 'カテゴリー', 'Category')),
  {
    name: 'device',
    aliases: ['host', 'hostname'],
    column: 'device_id',
    kind: 'device',
    label: { ja: '端末 (ホスト名)', en: 'Device (host name)' },
    lowCardinality: true,
  },
  // The device's id: what stays the same when a PC is renamed (evidence from a device timeline uses it).
  field('device_id', 'uuid', '端末 ID', 'Device ID'),
  fewValues(field('user_name', 'keyword', 'ユーザー名', 'User name', ['user'])),
  fewValues(field('action', 'keyword', '操作', 'Action')),
  fewValues(field('process_name', 'keyword', 'プロセス名', 'Process name', ['process'])),
  field('domain', 'keyword', 'ドメイン', 'Domain'),
  fewValues(field('http_method', 'keyword', 'HTTP メソッド', 'HTTP method', ['method'])),
  fewValues(field('browser', 'keyword', 'ブラウザー', 'Browser')),
  fewValues(field('printer_name', 'keyword', 'プリンター名', 'Printer name', ['printer'])),
  field('vendor_id', 'keyword', 'ベンダー ID', 'Vendor ID', ['vendor']),
  field('product_id', 'keyword', 'プロダクト ID', 'Product ID', ['product']),
  field('serial', 'keyword', 'シリアル番号', 'Serial number'),
  fewValues(field('logon_type', 'keyword', 'ログオンの種類', 'Logon type')),
  fewValues(field('rule_name', 'keyword', 'ルール名', 'Rule name', ['rule'])),
  fewValues(field('drive_type', 'keyword', 'ドライブの種類', 'Drive type')),
  fewValues(field('device_class', 'keyword', 'デバイスクラス', 'Device class')),
  fewValues(field('color_mode', 'keyword', 'カラーモード', 'Colour mode')),
  fewValues(field('paper_size', 'keyword', '用紙サイズ', 'Paper size')),
  field('publisher', 'keyword', '発行元', 'Publisher'),
  field('version', 'keyword', 'バージョン', 'Version'),
  field('source_ip', 'keyword', '接続元 IP アドレス', 'Source IP address', ['ip']),
  field('session_id', 'keyword', 'セッション ID', 'Session ID'),
  field('boot_id', 'keyword', 'ブート ID', 'Boot ID'),
  field('message', 'text', 'メッセージ', 'Message', ['msg']),
  field('url', 'text', 'URL', 'URL'),
  field('file_path', 'text', 'ファイルパス', 'File path', ['path', 'file']),
  field('target_path', 'text', 'コピー先・移動先のパス', 'Target path', ['target']),
  field('process_path', 'text', 'プロセスのパス', 'Process path'),
  field('command_line', 'text', 'コマンドライン', 'Command line', ['cmd']),
  field('window_title', 'text', 'ウィンドウタイトル', 'Window title', ['title']),
  field('document_name', 'text', '文書名', 'Document name', ['document']),
  field('device_name', 'text', 'デバイス名', 'Device name'),
  field('reason', 'text', '理由', 'Reason'),
  field('referrer', 'text', '参照元', 'Referrer'),
  field('volume_label', 'text', 'ボリュームラベル', 'Volume label'),
  field('bytes', 'number', 'バイト数', 'Bytes', ['size']),
  field('pages', 'number', 'ページ数', 'Pages'),
  field('copies', 'number', '部数', 'Copies'),
  field('http_status', 'number', 'HTTP ステータス', 'HTTP status', ['status']),
  field('pid', 'number', 'プロセス ID', 'Process ID'),
  field('capacity_bytes', 'number', '容量 (バイト)', 'Capacity (bytes)', ['capacity']),
  field('uptime_seconds', 'number', '稼働時間 (秒)', 'Uptime (seconds)', ['uptime']),
];

/** `attributes.<key>`: one entry of the event's Map column; the key is a query parameter. */
export const ATTRIBUTES_FIELD = {
  name: 'attributes',
  column: 'attributes',
  label: { ja: '属性', en: 'Attributes' },
} as const satisfies {
  name: string;
  column: EventColumn;
  label: Label;
};

/** Columns a bare word or phrase is searched in (one shared parameter). */
export const FREE_TEXT_COLUMNS: readonly EventColumn[] = [
  'message',
  'user_name',
  'process_name',
  'url',
  'file_path',
  'document_name',
  'window_title',
  'command_line',
  'device_name',
  'printer_name',
  'serial',
  'domain',
];

const BY_NAME = new Map<string, FieldDefinition>();
for (const definition of FIELDS) {
  for (const name of [definition.name, ...definition.aliases]) {
    if (BY_NAME.has(name)) throw new Error(`query-language: field name ${name} is defined twice`);
    BY_NAME.set(name, definition);
  }
}

/** Field names are matched without regard to case: `User:` is `user:`. */
export function lookupField(name: string): FieldDefinition | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** Every name an operator may type before `:`, canonical names and aliases, in catalogue order. */
export function fieldNames(): string[] {
  return [...BY_NAME.keys(), ATTRIBUTES_FIELD.name];
}

/** The catalogue name closest to a mistyped one, when it is close enough to be what was meant. */
export function suggestField(typed: string): string | undefined {
  const lower = typed.toLowerCase();
  const dot = lower.indexOf('.');
  if (dot > 0 && editDistance(lower.slice(0, dot), ATTRIBUTES_FIELD.name) <= 2) {
    return `${ATTRIBUTES_FIELD.name}${typed.slice(dot)}`;
  }
  const limit = Math.min(3, Math.max(1, Math.floor(lower.length / 3)));
  let best: { name: string; distance: number } | undefined;
  for (const name of fieldNames()) {
    const distance = editDistance(lower, name);
    if (distance <= limit && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      rows[i]![j] = distance;
    }
  }
  return at(a.length, b.length);
}
