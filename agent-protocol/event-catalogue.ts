import { LOG_CATEGORIES, type LogCategory } from './v1/events.js';

/**
 * The one catalogue of the event fields: every column of the `events` table
 * (sql/migrations/0004_create_events.sql), once, with what each consumer needs to know about it. The query
 * language's fields (investigation/query-language/fields.ts), the ingest's protocol → column names
 * (ingest/event-rows.ts), Sigma's `product: yorozu` fields (detections/sigma/sigma-taxonomy.ts) and the dashboard's
 * category and column names (dashboard/src/format/event-catalogue.generated.ts, `npm run catalogue:dashboard`) are
 * derived from it. tests/agent-protocol/event-catalogue.test.ts fails when a v1 event field, a table column or a
 * Sigma mapping disagrees with it.
 */
export interface Label {
  ja: string;
  en: string;
}

/** How the query language reads a field: exact words, words inside text, numbers, the category, a device. */
export type FieldKind = 'keyword' | 'text' | 'number' | 'enum' | 'device' | 'uuid';

/** The column's type in the table: what a comparison or an order over it means. */
export type ColumnType = 'uuid' | 'enum' | 'string' | 'number' | 'time' | 'map';

/** A name an operator types before `:` in the query language. */
export interface SearchName {
  name: string;
  aliases: readonly string[];
  kind: FieldKind;
  /** When the name reads the column differently from its plain label (`device`: by host name). */
  label?: Label;
  /**
   * Few distinct values in an office's events (a category, a user, a host): the explorer's histogram may be split by
   * it (`split=`, investigation/histogram-split.ts). Not the column's storage (`EventField.lowCardinality`): `domain`
   * is stored LowCardinality but has hundreds of values in a week, `category` is an Enum, and `device` reads a UUID
   * column by host name. A property of the name, not the column: `device` splits, `device_id` does not.
   */
  splittable?: true;
}

export interface EventField<Column extends string = string> {
  column: Column;
  type: ColumnType;
  label: Label;
  /** The v1 event keys (agent-protocol/v1/events.ts) stored in this column; empty: the server fills it. */
  protocol: readonly string[];
  /** The categories whose events set it. */
  categories: readonly LogCategory[];
  /** The query language's names for it, in the order they are offered; empty: not searchable by name. */
  search: readonly SearchName[];
  /** Its place among the columns a bare word is searched in (1 first); undefined: not searched by bare words. */
  freeTextRank?: number;
  /** Stored as LowCardinality or Enum: the table's type (which names split the histogram: `SearchName.splittable`). */
  lowCardinality: boolean;
  /** An order over it means something to a person (times, numbers, short names), not a long text. */
  sortable: boolean;
  /** Sigma Windows-taxonomy field names that read this column (detections/sigma/sigma-taxonomy.ts). */
  sigma: readonly string[];
}

const ALL = LOG_CATEGORIES;
const WITH_ACTION = LOG_CATEGORIES.filter((category) => category !== 'printer_output');
const PERIPHERAL: readonly LogCategory[] = ['external_device', 'device_control'];

interface Options {
  protocol?: readonly string[];
  search?: readonly SearchName[] | FieldKind;
  aliases?: readonly string[];
  /** The one search name made from `search: <kind>` splits the histogram (`SearchName.splittable`). */
  splittable?: true;
  freeTextRank?: number;
  lowCardinality?: boolean;
  sortable?: boolean;
  sigma?: readonly string[];
}

function field<Column extends string>(
  column: Column,
  type: ColumnType,
  categories: readonly LogCategory[],
  label: [ja: string, en: string],
  options: Options = {},
): EventField<Column> {
  const search =
    typeof options.search === 'string'
      ? [
          {
            name: column,
            aliases: options.aliases ?? [],
            kind: options.search,
            ...(options.splittable ? { splittable: options.splittable } : {}),
          },
        ]
      : (options.search ?? []);
  const lowCardinality = options.lowCardinality ?? false;
  return {
    column,
    type,
    label: { ja: label[0], en: label[1] },
    protocol: options.protocol ?? [column],
    categories,
    search,
    ...(options.freeTextRank === undefined ? {} : { freeTextRank: options.freeTextRank }),
    lowCardinality,
    sortable: options.sortable ?? (type === 'time' || type === 'number' || lowCardinality),
    sigma: options.sigma ?? [],
  };
}

const low = { lowCardinality: true } as const;
const split = { splittable: true } as const;

/** In the order the query language offers its field names (autocomplete, suggestions), then the others. */
const FIELD_LIST = [
  field('category', 'enum', ALL, ['カテゴリー', 'Category'], { search: 'enum', ...low, ...split }),
  field('device_id', 'uuid', ALL, ['端末 ID', 'Device ID'], {
    protocol: [],
    search: [
      {
        name: 'device',
        aliases: ['host', 'hostname'],
        kind: 'device',
        label: { ja: '端末 (ホスト名)', en: 'Device (host name)' },
        splittable: true,
      },
      // The device's id: what stays the same when a PC is renamed (evidence from a device timeline uses it).
      { name: 'device_id', aliases: [], kind: 'uuid' },
    ],
    sigma: ['Computer'],
  }),
  field('user_name', 'string', ALL, ['ユーザー名', 'User name'], {
    protocol: ['user'],
    search: 'keyword',
    aliases: ['user'],
    freeTextRank: 2,
    ...low,
    ...split,
    sigma: ['User', 'SubjectUserName', 'TargetUserName'],
  }),
  field('action', 'string', WITH_ACTION, ['操作', 'Action'], { search: 'keyword', ...low, ...split }),
  field(
    'process_name',
    'string',
    ['software_operation', 'file_operation', 'printer_output'],
    ['プロセス名', 'Process name'],
    {
      protocol: ['processName'],
      search: 'keyword',
      aliases: ['process'],
      freeTextRank: 3,
      ...low,
      ...split,
      sigma: ['Image'],
    },
  ),
  field('domain', 'string', ['web_access'], ['ドメイン', 'Domain'], {
    protocol: [],
    search: 'keyword',
    freeTextRank: 12,
    ...low,
    sigma: ['QueryName', 'DestinationHostname'],
  }),
  field('http_method', 'string', ['web_access'], ['HTTP メソッド', 'HTTP method'], {
    protocol: ['method'],
    search: 'keyword',
    aliases: ['method'],
    ...low,
    ...split,
  }),
  field('browser', 'string', ['web_access'], ['ブラウザー', 'Browser'], { search: 'keyword', ...low, ...split }),
  field('printer_name', 'string', ['printer_output'], ['プリンター名', 'Printer name'], {
    protocol: ['printerName'],
    search: 'keyword',
    aliases: ['printer'],
    freeTextRank: 10,
    ...low,
    ...split,
  }),
  field('vendor_id', 'string', PERIPHERAL, ['ベンダー ID', 'Vendor ID'], {
    protocol: ['vendorId'],
    search: 'keyword',
    aliases: ['vendor'],
    ...low,
  }),
  field('product_id', 'string', PERIPHERAL, ['プロダクト ID', 'Product ID'], {
    protocol: ['productId'],
    search: 'keyword',
    aliases: ['product'],
    ...low,
  }),
  field('serial', 'string', PERIPHERAL, ['シリアル番号', 'Serial number'], { search: 'keyword', freeTextRank: 11 }),
  field('logon_type', 'string', ['logon'], ['ログオンの種類', 'Logon type'], {
    protocol: ['logonType'],
    search: 'keyword',
    ...low,
    ...split,
  }),
  field('rule_name', 'string', ['device_control'], ['ルール名', 'Rule name'], {
    protocol: ['ruleName'],
    search: 'keyword',
    aliases: ['rule'],
    ...low,
    ...split,
  }),
  field('drive_type', 'string', ['file_operation'], ['ドライブの種類', 'Drive type'], {
    protocol: ['driveType'],
    search: 'keyword',
    ...low,
    ...split,
  }),
  field('device_class', 'string', PERIPHERAL, ['デバイスクラス', 'Device class'], {
    protocol: ['deviceClass'],
    search: 'keyword',
    ...low,
    ...split,
    sigma: ['ClassName'],
  }),
  field('color_mode', 'string', ['printer_output'], ['カラーモード', 'Colour mode'], {
    protocol: ['colorMode'],
    search: 'keyword',
    ...low,
    ...split,
  }),
  field('paper_size', 'string', ['printer_output'], ['用紙サイズ', 'Paper size'], {
    protocol: ['paperSize'],
    search: 'keyword',
    ...low,
    ...split,
  }),
  field('publisher', 'string', ['software_operation'], ['発行元', 'Publisher'], {
    search: 'keyword',
    ...low,
    sigma: ['Company'],
  }),
  field('version', 'string', ['software_operation'], ['バージョン', 'Version'], {
    search: 'keyword',
    ...low,
    sigma: ['FileVersion', 'Product Version'],
  }),
  field('source_ip', 'string', ['logon'], ['接続元 IP アドレス', 'Source IP address'], {
    protocol: ['sourceIp'],
    search: 'keyword',
    aliases: ['ip'],
    sigma: ['IpAddress'],
  }),
  field('session_id', 'string', ['logon'], ['セッション ID', 'Session ID'], {
    protocol: ['sessionId'],
    search: 'keyword',
  }),
  field('boot_id', 'string', ['boot'], ['ブート ID', 'Boot ID'], { protocol: ['bootId'], search: 'keyword' }),
  field('message', 'string', ALL, ['メッセージ', 'Message'], { search: 'text', aliases: ['msg'], freeTextRank: 1 }),
  field('url', 'string', ['web_access'], ['URL', 'URL'], { search: 'text', freeTextRank: 4 }),
  field('file_path', 'string', ['file_operation'], ['ファイルパス', 'File path'], {
    protocol: ['path'],
    search: 'text',
    aliases: ['path', 'file'],
    freeTextRank: 5,
    sigma: ['TargetFilename', 'SourceFilename', 'ObjectName'],
  }),
  field('target_path', 'string', ['file_operation'], ['コピー先・移動先のパス', 'Target path'], {
    protocol: ['targetPath'],
    search: 'text',
    aliases: ['target'],
    sigma: ['TargetFilename'],
  }),
  field('process_path', 'string', ['software_operation'], ['プロセスのパス', 'Process path'], {
    protocol: ['processPath'],
    search: 'text',
    sigma: ['Image', 'NewProcessName', 'ProcessName'],
  }),
  field('command_line', 'string', ['software_operation'], ['コマンドライン', 'Command line'], {
    protocol: ['commandLine'],
    search: 'text',
    aliases: ['cmd'],
    freeTextRank: 8,
    sigma: ['CommandLine'],
  }),
  field('window_title', 'string', ['software_operation'], ['ウィンドウタイトル', 'Window title'], {
    protocol: ['windowTitle'],
    search: 'text',
    aliases: ['title'],
    freeTextRank: 7,
  }),
  field('document_name', 'string', ['printer_output'], ['文書名', 'Document name'], {
    protocol: ['documentName'],
    search: 'text',
    aliases: ['document'],
    freeTextRank: 6,
  }),
  field('device_name', 'string', PERIPHERAL, ['デバイス名', 'Device name'], {
    protocol: ['deviceName'],
    search: 'text',
    freeTextRank: 9,
    sigma: ['DeviceDescription'],
  }),
  field('reason', 'string', ['boot', 'logon', 'device_control'], ['理由', 'Reason'], {
    protocol: ['reason', 'failureReason'],
    search: 'text',
  }),
  field('referrer', 'string', ['web_access'], ['参照元', 'Referrer'], { search: 'text' }),
  field('volume_label', 'string', ['external_device'], ['ボリュームラベル', 'Volume label'], {
    protocol: ['volumeLabel'],
    search: 'text',
  }),
  field('bytes', 'number', ['web_access', 'file_operation', 'printer_output'], ['バイト数', 'Bytes'], {
    protocol: ['bytes', 'sizeBytes'],
    search: 'number',
    aliases: ['size'],
  }),
  field('pages', 'number', ['printer_output'], ['ページ数', 'Pages'], { search: 'number' }),
  field('copies', 'number', ['printer_output'], ['部数', 'Copies'], { search: 'number' }),
  field('http_status', 'number', ['web_access'], ['HTTP ステータス', 'HTTP status'], {
    protocol: ['status'],
    search: 'number',
    aliases: ['status'],
  }),
  field('pid', 'number', ['software_operation'], ['プロセス ID', 'Process ID'], {
    search: 'number',
    sigma: ['ProcessId'],
  }),
  field('capacity_bytes', 'number', ['external_device'], ['容量 (バイト)', 'Capacity (bytes)'], {
    protocol: ['capacityBytes'],
    search: 'number',
    aliases: ['capacity'],
  }),
  field('uptime_seconds', 'number', ['boot'], ['稼働時間 (秒)', 'Uptime (seconds)'], {
    protocol: ['uptimeSeconds'],
    search: 'number',
    aliases: ['uptime'],
  }),
  // Searched as `attributes.<key>` (the key is a query parameter), not by a name of its own.
  field('attributes', 'map', ALL, ['属性', 'Attributes'], {
    sigma: ['EventID', 'Provider_Name', 'Channel', 'ParentImage', 'ParentProcessId', 'Hashes', 'DestinationIp'],
  }),
  // Who and when: filled by the server or the event's identity, read by every page, not searched by name.
  field('participant_id', 'uuid', ALL, ['参加者 ID', 'Participant ID'], { protocol: [] }),
  field('seq', 'number', ALL, ['連番', 'Sequence number']),
  field('time', 'time', ALL, ['発生時刻', 'Time']),
  field('received_at', 'time', ALL, ['受信時刻', 'Received at'], { protocol: [] }),
];

/** Every column of the `events` table. */
export type EventColumnName = (typeof FIELD_LIST)[number]['column'];
export const EVENT_FIELDS: readonly EventField<EventColumnName>[] = FIELD_LIST;

/** The eight categories' names: the same on every page, in every report and in the query language. */
export const EVENT_CATEGORY_LABELS: Readonly<Record<LogCategory, Label>> = {
  boot: { ja: '起動/終了', en: 'Boot/shutdown' },
  logon: { ja: 'ログオン', en: 'Logon' },
  web_access: { ja: 'Webアクセス', en: 'Web access' },
  software_operation: { ja: 'ソフトウェア操作', en: 'Software operation' },
  file_operation: { ja: 'ファイル操作', en: 'File operation' },
  printer_output: { ja: '印刷', en: 'Printing' },
  external_device: { ja: '外部デバイス接続', en: 'External device' },
  device_control: { ja: 'デバイス制御', en: 'Device control' },
};

export const EVENT_CATEGORIES: readonly { value: LogCategory; label: Label }[] = LOG_CATEGORIES.map((value) => ({
  value,
  label: EVENT_CATEGORY_LABELS[value],
}));

const BY_COLUMN = new Map<string, EventField<EventColumnName>>(EVENT_FIELDS.map((entry) => [entry.column, entry]));

export function eventField(column: string): EventField<EventColumnName> | undefined {
  return BY_COLUMN.get(column);
}

/** A column's label; the column is one of the catalogue's by its type. */
export function columnLabel(column: EventColumnName): Label {
  const entry = BY_COLUMN.get(column);
  if (!entry) throw new Error(`event-catalogue: no column ${column}`);
  return entry.label;
}
