import type { QueryField } from '../api/event-fields.js';
import { defineMessages, language } from '../i18n/i18n.js';
import { categoryLabel } from './event-categories.js';
import { formatJst } from './jst.js';
import { formatBytes } from './numbers.js';

/**
 * An event column's name and value as people read them, the same on every page (log explorer, ticket evidence).
 * Names of searchable columns come from the query language's catalogue (GET …/events/fields, api/event-fields.ts);
 * the few columns it does not search are named here.
 */
const columnLabel = defineMessages(
  {
    time: '発生時刻',
    received_at: '受信時刻',
    participant_id: '参加者 ID',
    hostname: 'ホスト名',
    device_id: '端末 ID',
    seq: '連番',
    attributes: '属性',
  },
  {
    time: 'Time',
    received_at: 'Received at',
    participant_id: 'Participant ID',
    hostname: 'Host name',
    device_id: 'Device ID',
    seq: 'Sequence number',
    attributes: 'Attributes',
  },
);
type LocalColumn = Parameters<typeof columnLabel>[0];
const LOCAL_COLUMNS = new Set<string>([
  'time',
  'received_at',
  'participant_id',
  'hostname',
  'device_id',
  'seq',
  'attributes',
]);

/** The attributes every Windows-sourced event carries (agent-protocol/windows), named like columns. */
const windowsAttributeLabel = defineMessages(
  {
    windowsChannel: 'Windows チャネル',
    windowsProvider: 'Windows プロバイダー',
    windowsEventId: 'Windows イベント ID',
    windowsRecordId: 'Windows レコード ID',
    windowsComputer: 'Windows コンピューター名',
    windowsUserSid: 'Windows ユーザー SID',
  },
  {
    windowsChannel: 'Windows channel',
    windowsProvider: 'Windows provider',
    windowsEventId: 'Windows event ID',
    windowsRecordId: 'Windows record ID',
    windowsComputer: 'Windows computer name',
    windowsUserSid: 'Windows user SID',
  },
);
type WindowsAttribute = Parameters<typeof windowsAttributeLabel>[0];
export const WINDOWS_ATTRIBUTES: readonly string[] = [
  'windowsChannel',
  'windowsProvider',
  'windowsEventId',
  'windowsRecordId',
  'windowsComputer',
  'windowsUserSid',
];

/** The column's name in the current language; a column nobody names is shown as it is. */
export function fieldLabel(column: string, fields: readonly QueryField[]): string {
  const attribute = column.startsWith('attributes.') ? column.slice('attributes.'.length) : undefined;
  if (attribute !== undefined && WINDOWS_ATTRIBUTES.includes(attribute))
    return windowsAttributeLabel(attribute as WindowsAttribute);
  if (attribute !== undefined) return `${columnLabel('attributes')}: ${attribute}`;
  if (LOCAL_COLUMNS.has(column)) return columnLabel(column as LocalColumn);
  const field = fields.find((candidate) => candidate.name === column || candidate.aliases.includes(column));
  return field ? field.label[language()] : column;
}

/** How a value reads: times in JST, categories by name, sizes also in KB/MB, the rest as stored. */
export function displayValue(column: string, value: string): string {
  if (column === 'time' || column === 'received_at') return formatJst(value, 'millis');
  if (column === 'category') return categoryLabel(value);
  if (column === 'bytes' || column === 'capacity_bytes') return `${formatBytes(value)} (${value})`;
  return value;
}
