import { EVENT_FIELDS } from '../../agent-protocol/event-catalogue.js';
import { LOG_CATEGORIES } from '../../agent-protocol/index.js';
import { SigmaRuleError } from './sigma-rule.js';

/**
 * The processing pipeline: where a Sigma logsource's events are in Yorozu and what each Sigma field is
 * there. Every SQL text here is a fixed expression over the scoped tables of scoped-query/policy-scope.ts
 * (`p_events`, `p_windows_kept`); values never appear in it.
 *
 * - Windows categories (Sigma's taxonomy: process_creation, file_event, dns_query …) read `p_events`,
 *   the events the Windows mapping (agent-protocol/windows) or any agent put in the eight categories.
 * - Windows services (`service: security`, `system`, `windefend` …) read two branches: the mapped events of
 *   that channel in `p_events` (EventID and the fields the mapping keeps) and the events the OTLP path
 *   kept whole in `p_windows_kept` (every EventData field by its own name).
 * - `product: yorozu` reads `p_events` by Yorozu's own categories and column names, plus `hour_jst`
 *   and `weekday_jst` (the hour 0–23 and ISO weekday 1–7 in Japan time) for rules about the night.
 */
export interface FieldExpression {
  sql: string;
  kind: 'string' | 'number';
}

export interface SourceBranch {
  table: 'p_events' | 'p_windows_kept';
  /** Fixed conditions selecting the logsource's rows (no values of the rule). */
  where: string;
  /** Looks a Sigma field up (case-insensitive); undefined: this branch does not have it. */
  field(name: string): FieldExpression | undefined;
  /** The finding's columns: device, user, time, the event's key in its table. */
  columns: { user: string; key: string; source: string };
}

export interface SigmaSource {
  branches: SourceBranch[];
  /**
   * Whether a field missing from a branch is an error (refuse the rule) or an empty value in that branch
   * (a service's mapped events keep fewer fields than the kept raw events of the same channel).
   */
  missingFieldIsError: boolean;
}

const str = (sql: string): FieldExpression => ({ sql, kind: 'string' });
const num = (sql: string): FieldExpression => ({ sql, kind: 'number' });
const lookup = (table: Record<string, FieldExpression>) => {
  const lower = new Map(Object.entries(table).map(([key, value]) => [key.toLowerCase(), value]));
  return (name: string) => lower.get(name.toLowerCase());
};

const EVENT_COLUMNS = {
  user: 'user_name',
  key: 'seq',
  source: "'events'",
};
/** A process image as a path: the full path when known, else `\` + the file name, so `|endswith: '\x.exe'` works. */
const IMAGE = str("if(process_path != '', process_path, concat('\\\\', process_name))");
const COMMON_EVENT_FIELDS = {
  User: str('user_name'),
  Computer: str('toString(device_id)'),
  EventID: num("toUInt32OrZero(attributes['windowsEventId'])"),
  Provider_Name: str("attributes['windowsProvider']"),
  Channel: str("attributes['windowsChannel']"),
};

const WINDOWS_CATEGORIES: Record<string, { where: string; fields: Record<string, FieldExpression> }> = {
  process_creation: {
    where: "category = 'software_operation' AND action = 'start'",
    fields: {
      ...COMMON_EVENT_FIELDS,
      Image: IMAGE,
      CommandLine: str('command_line'),
      ParentImage: str("attributes['windowsParentProcess']"),
      ProcessId: num('pid'),
      ParentProcessId: num("toUInt32OrZero(attributes['windowsParentPid'])"),
      Hashes: str("attributes['windowsHashes']"),
      Company: str('publisher'),
      FileVersion: str('version'),
    },
  },
  file_event: {
    where: "category = 'file_operation' AND action IN ('create', 'write', 'copy', 'move', 'rename')",
    fields: {
      ...COMMON_EVENT_FIELDS,
      TargetFilename: str("if(target_path != '', target_path, file_path)"),
      SourceFilename: str('file_path'),
      Image: IMAGE,
    },
  },
  file_delete: {
    where: "category = 'file_operation' AND action = 'delete'",
    fields: { ...COMMON_EVENT_FIELDS, TargetFilename: str('file_path'), Image: IMAGE },
  },
  dns_query: {
    where: "category = 'web_access' AND domain != ''",
    fields: { ...COMMON_EVENT_FIELDS, QueryName: str('domain') },
  },
  network_connection: {
    where: "category = 'web_access'",
    fields: {
      ...COMMON_EVENT_FIELDS,
      DestinationHostname: str('domain'),
      DestinationIp: str("attributes['windowsDestinationIp']"),
    },
  },
};

/** Sigma categories Yorozu does not collect: refused by name rather than never matching. */
const NOT_COLLECTED = new Set([
  'registry_add',
  'registry_delete',
  'registry_event',
  'registry_set',
  'registry_rename',
  'image_load',
  'pipe_created',
  'create_remote_thread',
  'process_access',
  'driver_load',
  'ps_script',
  'ps_module',
  'ps_classic_start',
  'ps_classic_provider_start',
  'wmi_event',
  'create_stream_hash',
  'raw_access_thread',
  'process_tampering',
  'sysmon_status',
  'sysmon_error',
  'file_access',
  'file_change',
  'file_rename',
  'file_executable_detected',
  'file_block_executable',
  'file_block_shredding',
  'clipboard_capture',
]);

export const WINDOWS_SERVICE_CHANNELS: Record<string, string> = {
  security: 'Security',
  system: 'System',
  application: 'Application',
  windefend: 'Microsoft-Windows-Windows Defender/Operational',
  sysmon: 'Microsoft-Windows-Sysmon/Operational',
  'printservice-operational': 'Microsoft-Windows-PrintService/Operational',
  'driver-framework': 'Microsoft-Windows-DriverFrameworks-UserMode/Operational',
  powershell: 'Microsoft-Windows-PowerShell/Operational',
  taskscheduler: 'Microsoft-Windows-TaskScheduler/Operational',
  'codeintegrity-operational': 'Microsoft-Windows-CodeIntegrity/Operational',
  'bits-client': 'Microsoft-Windows-Bits-Client/Operational',
  'firewall-as': 'Microsoft-Windows-Windows Firewall With Advanced Security/Firewall',
};

/** The EventData names Windows uses for what the mapping keeps in `events` columns (security-rules.ts …). */
const SERVICE_EVENT_FIELDS: Record<string, FieldExpression> = {
  ...COMMON_EVENT_FIELDS,
  SubjectUserName: str('user_name'),
  TargetUserName: str('user_name'),
  NewProcessName: str('process_path'),
  ProcessName: str('process_path'),
  CommandLine: str('command_line'),
  IpAddress: str('source_ip'),
  ObjectName: str('file_path'),
  // The mapping keeps Yorozu's device class (field-parsers.ts deviceClassOf); back to Windows' setup class names.
  ClassName: str(
    "multiIf(device_class = 'usb_storage', 'DiskDrive', device_class = 'optical', 'CDROM', device_class = 'bluetooth', 'Bluetooth', device_class = 'printer', 'Printer', device_class = 'hid', 'HIDClass', device_class = 'network', 'Net', device_class = 'camera', 'Camera', device_class = 'smartphone', 'WPD', device_class)",
  ),
  DeviceDescription: str('device_name'),
  'Product Version': str('version'),
};

const KEPT_FIELDS: Record<string, FieldExpression> = {
  EventID: num('event_id'),
  Provider_Name: str('provider'),
  Channel: str('channel'),
  Computer: str('computer'),
};
// The OTLP path keeps <EventData> by name and <UserData> children as `userData.<name>` (ingest/otlp-records.ts).
const KEPT_COLUMNS = {
  user: "if(event_data['SubjectUserName'] != '', event_data['SubjectUserName'], event_data['userData.SubjectUserName'])",
  key: 'record_key',
  source: "'windows_kept'",
};

/**
 * `product: yorozu`: the query language's searchable columns by their column names (agent-protocol/event-catalogue.ts),
 * the id and the category as text so string modifiers apply to them.
 */
export const YOROZU_CATEGORIES = LOG_CATEGORIES;
const YOROZU_FIELDS: Record<string, FieldExpression> = {
  ...Object.fromEntries(
    EVENT_FIELDS.filter((entry) => entry.search.length > 0).map((entry) => [
      entry.column,
      entry.type === 'number'
        ? num(entry.column)
        : str(entry.type === 'string' ? entry.column : `toString(${entry.column})`),
    ]),
  ),
  hour_jst: num("toHour(time, 'Asia/Tokyo')"),
  weekday_jst: num("toDayOfWeek(time, 0, 'Asia/Tokyo')"),
};

/** Every Sigma field a Windows logsource maps onto `p_events`, with its SQL: what the catalogue's `sigma` names say. */
export function windowsEventFieldMappings(): { logsource: string; field: string; sql: string }[] {
  const categories = Object.entries(WINDOWS_CATEGORIES).flatMap(([category, { fields }]) =>
    Object.entries(fields).map(([field, expression]) => ({ logsource: category, field, sql: expression.sql })),
  );
  const services = Object.entries(SERVICE_EVENT_FIELDS).map(([field, expression]) => ({
    logsource: 'service',
    field,
    sql: expression.sql,
  }));
  return [...categories, ...services];
}

export function resolveSource(logsource: { product?: string; category?: string; service?: string }): SigmaSource {
  const product = logsource.product?.toLowerCase();
  const category = logsource.category?.toLowerCase();
  const service = logsource.service?.toLowerCase();
  if (product === 'yorozu') {
    if (service) throw new SigmaRuleError('logsource', `product yorozu has no services (got ${service})`);
    if (category && !(YOROZU_CATEGORIES as readonly string[]).includes(category))
      throw new SigmaRuleError(
        'logsource',
        `product yorozu has no category ${category}: ${YOROZU_CATEGORIES.join(', ')}`,
      );
    const field = (name: string) => {
      if (name.startsWith('attributes.')) return str(attributeExpression(name.slice('attributes.'.length)));
      return lookup(YOROZU_FIELDS)(name);
    };
    return {
      branches: [
        // sql-paste-ok: category is one of the fixed YOROZU_CATEGORIES checked above
        { table: 'p_events', where: category ? `category = '${category}'` : '1', field, columns: EVENT_COLUMNS },
      ],
      missingFieldIsError: true,
    };
  }
  if (product !== undefined && product !== 'windows')
    throw new SigmaRuleError('logsource', `product ${product} is not collected: Yorozu reads windows and yorozu`);
  if (service) {
    const channel = WINDOWS_SERVICE_CHANNELS[service];
    if (!channel) throw new SigmaRuleError('logsource', `the Windows service ${service} is not collected`);
    const keptField = (name: string) => lookup(KEPT_FIELDS)(name) ?? str(keptDataExpression(name));
    return {
      branches: [
        // sql-paste-ok: channel comes from the fixed WINDOWS_SERVICE_CHANNELS table
        {
          table: 'p_events',
          where: `attributes['windowsChannel'] = '${channel}'`,
          field: lookup(SERVICE_EVENT_FIELDS),
          columns: EVENT_COLUMNS,
        },
        // sql-paste-ok: as above
        { table: 'p_windows_kept', where: `channel = '${channel}'`, field: keptField, columns: KEPT_COLUMNS },
      ],
      missingFieldIsError: false,
    };
  }
  if (!category) throw new SigmaRuleError('logsource', 'a Windows rule needs a logsource category or service');
  if (NOT_COLLECTED.has(category))
    throw new SigmaRuleError(
      'logsource',
      `Yorozu does not collect ${category} events (logsource category ${category})`,
    );
  const known = WINDOWS_CATEGORIES[category];
  if (!known) throw new SigmaRuleError('logsource', `the logsource category ${category} is not mapped`);
  return {
    branches: [{ table: 'p_events', where: known.where, field: lookup(known.fields), columns: EVENT_COLUMNS }],
    missingFieldIsError: true,
  };
}

/** Keys are limited to what Windows and agents use, so a key can sit in the SQL text as a string literal. */
function safeKey(key: string): string {
  if (!/^[A-Za-z0-9_. -]{1,64}$/.test(key))
    throw new SigmaRuleError('fields', `field name ${key} has characters other than letters, digits, _ . - and space`);
  return key;
}
// sql-paste-ok: safeKey allows only [A-Za-z0-9_. -]
const attributeExpression = (key: string) => `attributes['${safeKey(key)}']`;
const keptDataExpression = (key: string) => {
  const name = safeKey(key);
  // sql-paste-ok: as above; an EventData field, or the same name under <UserData>
  return `if(event_data['${name}'] != '', event_data['${name}'], event_data['userData.${name}'])`;
};
