import type { QueryField } from '../api/event-fields.js';
import { defineMessages, language } from '../i18n/i18n.js';
import { categoryLabel } from './event-categories.js';
import { COLUMN_LABELS, EVENT_COLUMNS, type EventColumn } from './event-catalogue.generated.js';
import { formatJst } from './jst.js';
import { formatBytes } from './numbers.js';

/**
 * An event column's name and value as people read them, the same on every page (log explorer, ticket evidence).
 * Names of searchable columns come from the query language's fields (GET …/events/fields, api/event-fields.ts); the
 * other columns are named by the event catalogue (event-catalogue.generated.ts); the device's host name, joined from
 * the devices table, is named here.
 */
const columnLabel = defineMessages<EventColumn | 'hostname'>(
  { ...COLUMN_LABELS.ja, hostname: 'ホスト名' },
  { ...COLUMN_LABELS.en, hostname: 'Host name' },
);
const isEventColumn = (column: string): column is EventColumn => (EVENT_COLUMNS as readonly string[]).includes(column);

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
  if (column === 'hostname') return columnLabel(column);
  const field = fields.find((candidate) => candidate.name === column || candidate.aliases.includes(column));
  if (field) return field.label[language()];
  return isEventColumn(column) ? columnLabel(column) : column;
}

/** How a value reads: times in JST, categories by name, sizes also in KB/MB, the rest as stored. */
export function displayValue(column: string, value: string): string {
  if (column === 'time' || column === 'received_at') return formatJst(value, 'millis');
  if (column === 'category') return categoryLabel(value);
  if (column === 'bytes' || column === 'capacity_bytes') return `${formatBytes(value)} (${value})`;
  return value;
}
