import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EVENT_COLUMNS } from '../../investigation/query-language/fields.js';
import {
  CATEGORIES,
  FIELDS,
  FREE_TEXT_COLUMNS,
  compileQuery,
  lookupField,
  parseQuery,
  queryWarnings,
  type QueryError,
  type QueryNode,
} from '../../investigation/query-language/index.js';
import { findPastedSql } from '../support/sql-paste-detector.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function compiled(query: string) {
  const result = compileQuery(query);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(query)} to compile, got ${result.error.message.en}`);
  return result;
}

function failure(query: string): QueryError {
  const result = compileQuery(query);
  if (result.ok) throw new Error(`expected ${JSON.stringify(query)} to fail, got ${result.sql}`);
  return result.error;
}

/** The tree as a compact S-expression, so precedence reads at a glance. */
function shape(node: QueryNode | undefined): string {
  if (!node) return '∅';
  switch (node.type) {
    case 'and':
    case 'or':
      return `(${node.type.toUpperCase()} ${node.children.map(shape).join(' ')})`;
    case 'not':
      return `(NOT ${shape(node.child)})`;
    case 'term': {
      const field = node.field ? `${node.field.name}${node.field.key !== undefined ? `.${node.field.key}` : ''}:` : '';
      const { value } = node;
      if (value.type === 'range')
        return `${field}${value.lowInclusive ? '[' : '{'}${value.low.text} TO ${value.high.text}${value.highInclusive ? ']' : '}'}`;
      return value.type === 'phrase' ? `${field}"${value.text}"` : `${field}${value.text}`;
    }
  }
}

const parsed = (query: string) => shape(parseQuery(query));

/** The free-text expression for one placeholder, column by column. */
const freeText = (placeholder: string) =>
  `(${FREE_TEXT_COLUMNS.map((column) => `positionCaseInsensitive(${column}, ${placeholder}) > 0`).join(' OR ')})`;

describe('the field catalogue', () => {
  const migration = readFileSync(path.join(ROOT, 'sql/migrations/0004_create_events.sql'), 'utf8');
  const tableColumns = new Set([...migration.matchAll(/^\s{2}([a-z_]+) [A-Z]/gm)].map((match) => match[1]));

  it('names only columns the events table has', () => {
    expect(tableColumns.size).toBeGreaterThan(40);
    for (const column of EVENT_COLUMNS) expect(tableColumns, column).toContain(column);
    for (const field of FIELDS) expect(EVENT_COLUMNS).toContain(field.column);
    for (const column of FREE_TEXT_COLUMNS) expect(EVENT_COLUMNS).toContain(column);
  });

  it('knows the eight categories the Enum8 column holds', () => {
    const enumValues = [...(/category Enum8\(([^)]*)\)/.exec(migration)?.[1] ?? '').matchAll(/'([a-z_]+)'/g)].map(
      (match) => match[1],
    );
    expect(CATEGORIES.map((category) => category.value)).toEqual(enumValues);
    expect(enumValues).toHaveLength(8);
  });

  it('resolves the aliases operators type, without regard to case', () => {
    const aliases: Record<string, string> = {
      user: 'user_name',
      process: 'process_name',
      path: 'file_path',
      file: 'file_path',
      printer: 'printer_name',
      host: 'device',
      hostname: 'device',
      device: 'device',
      status: 'http_status',
      method: 'http_method',
      vendor: 'vendor_id',
      product: 'product_id',
      document: 'document_name',
      title: 'window_title',
      USER: 'user_name',
    };
    for (const [alias, name] of Object.entries(aliases)) expect(lookupField(alias)?.name, alias).toBe(name);
    expect(lookupField('usr')).toBeUndefined();
  });

  it('gives each field the kind that decides how it matches, and a Japanese and an English label', () => {
    const kinds: Record<string, string[]> = {
      keyword: [
        'user_name',
        'process_name',
        'domain',
        'action',
        'http_method',
        'browser',
        'printer_name',
        'vendor_id',
        'product_id',
        'serial',
        'logon_type',
        'rule_name',
        'drive_type',
        'device_class',
        'color_mode',
        'paper_size',
        'publisher',
        'version',
        'source_ip',
        'session_id',
        'boot_id',
      ],
      text: [
        'message',
        'url',
        'file_path',
        'target_path',
        'process_path',
        'command_line',
        'window_title',
        'document_name',
        'device_name',
        'reason',
        'referrer',
        'volume_label',
      ],
      number: ['bytes', 'pages', 'copies', 'http_status', 'pid', 'capacity_bytes', 'uptime_seconds'],
      enum: ['category'],
      device: ['device'],
      uuid: ['device_id'],
    };
    for (const [kind, names] of Object.entries(kinds))
      for (const name of names) expect(lookupField(name)?.kind, name).toBe(kind);
    expect(FIELDS).toHaveLength(Object.values(kinds).flat().length);
    for (const field of FIELDS) {
      expect(field.label.en, field.name).not.toBe('');
      expect(field.label.ja, field.name).not.toBe('');
    }
    expect(lookupField('user')?.label).toEqual({ ja: 'ユーザー名', en: 'User name' });
  });
});

describe('parsing', () => {
  it('reads a space between clauses as AND, and binds NOT tighter than AND, AND tighter than OR', () => {
    expect(parsed('user:alice bob')).toBe('(AND user:alice bob)');
    expect(parsed('a OR b c')).toBe('(OR a (AND b c))');
    expect(parsed('a OR b AND c OR d')).toBe('(OR a (AND b c) d)');
    expect(parsed('NOT a b')).toBe('(AND (NOT a) b)');
    expect(parsed('a OR NOT b AND -c')).toBe('(OR a (AND (NOT b) (NOT c)))');
    expect(parsed('(a OR b) c')).toBe('(AND (OR a b) c)');
    expect(parsed('NOT (a OR b)')).toBe('(NOT (OR a b))');
  });

  it('treats lower-case and/or/not as words, and the ideographic space as a separator', () => {
    expect(parsed('a or b')).toBe('(AND a or b)');
    expect(parsed('山田\u3000顧客')).toBe('(AND 山田 顧客)');
    expect(parsed('')).toBe('∅');
    expect(parsed('  \t ')).toBe('∅');
    // Names of Object.prototype are words like any other, not operators or fields.
    expect(parsed('constructor toString __proto__')).toBe('(AND constructor toString __proto__)');
    expect(failure('constructor:x')).toMatchObject({ code: 'unknown_field', position: 0, length: 11 });
  });

  it('warns where a lower-case and/or/not is searched as a word, in both languages, and nowhere else', () => {
    const warnings = queryWarnings('user:tanaka and category:usb_device Or "and" NOT x');
    expect(warnings.map((w) => [w.code, w.position, w.length])).toEqual([
      ['lower_case_operator', 12, 3],
      ['lower_case_operator', 36, 2],
    ]);
    expect(warnings[0]!.message.ja).toContain('AND');
    expect(warnings[1]!.message.en).toContain('OR');
    expect(queryWarnings('a AND b OR c')).toEqual([]);
    expect(queryWarnings('user:and')).toEqual([]);
    expect(queryWarnings('(')).toEqual([]);
  });

  it('reads phrases with \\" and \\\\ escapes, and leaves other backslashes alone', () => {
    expect(parsed('"say \\"hi\\" \\\\ C:\\Users"')).toBe('"say "hi" \\ C:\\Users"');
    expect(parsed('user:"yamada taro"')).toBe('user:"yamada taro"');
  });

  it('reads field values up to the first space, colons and all', () => {
    expect(parsed('url:https://example.com/a?b=c file:C:\\Users\\*')).toBe(
      '(AND url:https://example.com/a?b=c file:C:\\Users\\*)',
    );
    expect(parsed('action:AND')).toBe('action:AND');
    expect(parsed('-user:x')).toBe('(NOT user:x)');
  });

  it('reads ranges, field groups and attribute keys, quoted or not', () => {
    expect(parsed('bytes:[1000 TO 5000]')).toBe('bytes:[1000 TO 5000]');
    expect(parsed('bytes:{1000 TO *]')).toBe('bytes:{1000 TO *]');
    expect(parsed('user:(alice OR bob)')).toBe('(OR user:alice user:bob)');
    expect(parsed('attributes.windowsEventId:4624')).toBe('attributes.windowsEventId:4624');
    expect(parsed('attributes."a key: with \\"quotes\\"":x')).toBe('attributes.a key: with "quotes":x');
  });

  it('keeps the position and length of every term', () => {
    const root = parseQuery('user:alice  (bytes:[1 TO 5] OR "x y")');
    expect(root?.type).toBe('and');
    if (root?.type !== 'and') return;
    const [user, group] = root.children;
    expect(user).toMatchObject({
      type: 'term',
      position: 0,
      length: 10,
      field: { name: 'user', position: 0, length: 4 },
      value: { position: 5, length: 5 },
    });
    // A group spans its contents; the parentheses only bind.
    expect(group).toMatchObject({ type: 'or', position: 13, length: 23 });
    if (group?.type !== 'or') return;
    expect(group.children[0]).toMatchObject({
      position: 13,
      length: 14,
      value: {
        type: 'range',
        position: 19,
        length: 8,
        low: { text: '1', position: 20 },
        high: { text: '5', position: 25 },
      },
    });
    expect(group.children[1]).toMatchObject({ value: { type: 'phrase', text: 'x y', position: 31, length: 5 } });
  });
});

describe('compiling', () => {
  it('compiles a blank query to 1', () => {
    expect(compileQuery('')).toEqual({ ok: true, sql: '1', params: {}, fields: [] });
    expect(compileQuery('   ')).toEqual({ ok: true, sql: '1', params: {}, fields: [] });
  });

  it('matches keyword fields exactly and text fields as a substring ignoring case', () => {
    expect(compiled('user:alice')).toEqual({
      ok: true,
      sql: 'user_name = {q0:String}',
      params: { q0: 'alice' },
      fields: ['user_name'],
    });
    expect(compiled('message:error')).toMatchObject({
      sql: 'positionCaseInsensitive(message, {q0:String}) > 0',
      params: { q0: 'error' },
      fields: ['message'],
    });
    expect(compiled('printer:"HQ Printer 3F"')).toMatchObject({
      sql: 'printer_name = {q0:String}',
      params: { q0: 'HQ Printer 3F' },
    });
    expect(compiled('title:"月次 報告"')).toMatchObject({
      sql: 'positionCaseInsensitive(window_title, {q0:String}) > 0',
      params: { q0: '月次 報告' },
    });
    expect(compiled('user:""')).toMatchObject({ sql: 'empty(user_name)', params: {} });
  });

  it('turns wildcards into ILIKE patterns: anchored for keywords, anywhere for text, with LIKE metacharacters escaped', () => {
    expect(compiled('process:power*.ex?')).toMatchObject({
      sql: 'process_name ILIKE {q0:String}',
      params: { q0: 'power%.ex_' },
    });
    expect(compiled('file:report_2024*')).toMatchObject({
      sql: 'file_path ILIKE {q0:String}',
      params: { q0: '%report\\_2024%' },
    });
    expect(compiled('file:*100%_done\\*')).toMatchObject({ params: { q0: '%100\\%\\_done\\\\%' } });
    expect(compiled('file:"report*"')).toMatchObject({
      sql: 'positionCaseInsensitive(file_path, {q0:String}) > 0',
      params: { q0: 'report*' },
    });
    expect(compiled('user:*').sql).toBe('notEmpty(user_name)');
    expect(compiled('message:*').sql).toBe('notEmpty(message)');
    expect(compiled('bytes:*').sql).toBe('bytes != 0');
  });

  it('compares numbers as Int64 or Float64 parameters, with ranges and comparisons', () => {
    expect(compiled('status:404')).toMatchObject({
      sql: 'http_status = {q0:Int64}',
      params: { q0: 404 },
      fields: ['http_status'],
    });
    expect(compiled('pages:2.5')).toMatchObject({ sql: 'pages = {q0:Float64}', params: { q0: 2.5 } });
    expect(compiled('bytes:[1000 TO 5000]')).toMatchObject({
      sql: '(bytes >= {q0:Int64} AND bytes <= {q1:Int64})',
      params: { q0: 1000, q1: 5000 },
    });
    expect(compiled('bytes:{1000 TO 5000}').sql).toBe('(bytes > {q0:Int64} AND bytes < {q1:Int64})');
    expect(compiled('bytes:[1000 TO *]').sql).toBe('bytes >= {q0:Int64}');
    expect(compiled('bytes:{* TO 10}').sql).toBe('bytes < {q0:Int64}');
    expect(compiled('bytes:[* TO *]').sql).toBe('1');
    expect(compiled('bytes:>1000').sql).toBe('bytes > {q0:Int64}');
    expect(compiled('bytes:>=1000').sql).toBe('bytes >= {q0:Int64}');
    expect(compiled('bytes:<10').sql).toBe('bytes < {q0:Int64}');
    expect(compiled('bytes:<=10')).toMatchObject({ sql: 'bytes <= {q0:Int64}', params: { q0: 10 } });
    // Past 2^53 the digits go to the engine as text, so the value stays exact.
    expect(compiled('capacity:9007199254740993').params).toEqual({ q0: '9007199254740993' });
  });

  it('accepts only the eight categories, with wildcards expanded against them', () => {
    expect(compiled('category:logon')).toMatchObject({
      sql: 'category = {q0:String}',
      params: { q0: 'logon' },
      fields: ['category'],
    });
    expect(compiled('category:Web_Access').params).toEqual({ q0: 'web_access' });
    expect(compiled('category:*_operation')).toMatchObject({
      sql: 'category IN ({q0:String}, {q1:String})',
      params: { q0: 'software_operation', q1: 'file_operation' },
    });
  });

  it('finds a device by its current host name, exactly or by wildcard, ignoring case', () => {
    const subquery = 'device_id IN (SELECT device_id FROM devices_current WHERE hostname ILIKE {q0:String})';
    expect(compiled('device:SALES-PC01')).toEqual({
      ok: true,
      sql: subquery,
      params: { q0: 'SALES-PC01' },
      fields: ['device'],
    });
    expect(compiled('host:SALES-*')).toMatchObject({ sql: subquery, params: { q0: 'SALES-%' } });
    expect(compiled('hostname:"PC_1*"')).toMatchObject({ sql: subquery, params: { q0: 'PC\\_1*' } });
    expect(compiled('device:*').sql).toBe(
      'device_id IN (SELECT device_id FROM devices_current WHERE notEmpty(hostname))',
    );
  });

  it('finds a device by its id, which must be a UUID (the error points at the value)', () => {
    expect(compiled('device_id:"0B6A3E1C-2222-4222-8333-444455556666"')).toEqual({
      ok: true,
      sql: 'device_id = {q0:UUID}',
      params: { q0: '0b6a3e1c-2222-4222-8333-444455556666' },
      fields: ['device_id'],
    });
    expect(failure('device_id:PC-01')).toMatchObject({ code: 'expected_uuid', position: 10, length: 5 });
    expect(failure('device_id:0b6a3e1c-*')).toMatchObject({ code: 'expected_uuid' });
  });

  it('reads an attribute by a key that is a parameter too', () => {
    expect(compiled('attributes.windowsEventId:4624')).toEqual({
      ok: true,
      sql: 'attributes[{q0:String}] = {q1:String}',
      params: { q0: 'windowsEventId', q1: '4624' },
      fields: ['attributes.windowsEventId'],
    });
    expect(compiled('attributes.policy:P-*')).toMatchObject({
      sql: 'attributes[{q0:String}] ILIKE {q1:String}',
      params: { q1: 'P-%' },
    });
    expect(compiled('attributes.tab:*').sql).toBe('notEmpty(attributes[{q0:String}])');
    expect(compiled('attributes."a b":c').params).toEqual({ q0: 'a b', q1: 'c' });
  });

  it('searches free text in twelve columns with one shared parameter', () => {
    expect(FREE_TEXT_COLUMNS).toEqual([
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
    ]);
    expect(compiled('顧客リスト')).toEqual({
      ok: true,
      sql: freeText('{q0:String}'),
      params: { q0: '顧客リスト' },
      fields: [],
    });
    expect(compiled('"月次 報告"').params).toEqual({ q0: '月次 報告' });
    const wildcard = compiled('rep*rt');
    expect(wildcard.sql).toBe(`(${FREE_TEXT_COLUMNS.map((column) => `${column} ILIKE {q0:String}`).join(' OR ')})`);
    expect(wildcard.params).toEqual({ q0: '%rep%rt%' });
    expect(compiled('*').sql).toBe('1');
  });

  it('writes NOT, AND and OR with parentheses that keep the precedence', () => {
    expect(compiled('user:a OR user:b -user:c').sql).toBe(
      '(user_name = {q0:String} OR (user_name = {q1:String} AND NOT (user_name = {q2:String})))',
    );
    expect(compiled('(user:a OR user:b) AND NOT category:boot').sql).toBe(
      '((user_name = {q0:String} OR user_name = {q1:String}) AND NOT (category = {q2:String}))',
    );
    expect(compiled('user:(a OR b)').sql).toBe('(user_name = {q0:String} OR user_name = {q1:String})');
  });

  it('lists the fields a query reads once each, by their catalogue names', () => {
    expect(compiled('user:a process:x user:b free attributes.k:v status:200').fields).toEqual([
      'user_name',
      'process_name',
      'attributes.k',
      'http_status',
    ]);
  });
});

describe('errors name what is wrong and where', () => {
  const cases: [string, Partial<QueryError> & { en?: string }][] = [
    [
      'usr:alice',
      { code: 'unknown_field', position: 0, length: 3, en: 'unknown field `usr` at 0; did you mean `user`?' },
    ],
    [
      'user:alice procss:x',
      { code: 'unknown_field', position: 11, length: 6, en: 'unknown field `procss` at 11; did you mean `process`?' },
    ],
    ['zzzzzz:1', { code: 'unknown_field', position: 0, length: 6 }],
    ['user:alice (bytes:5', { code: 'unbalanced_parenthesis', position: 11, length: 1 }],
    ['a ) b', { code: 'unbalanced_parenthesis', position: 2, length: 1 }],
    ['((a)', { code: 'unbalanced_parenthesis', position: 0, length: 1 }],
    [
      'bytes:lots',
      { code: 'expected_number', position: 6, length: 4, en: '`bytes` expects a number, got `lots` at 6' },
    ],
    ['bytes:>=many', { code: 'expected_number', position: 8, length: 4 }],
    ['bytes:10*', { code: 'expected_number', position: 6, length: 3 }],
    ['pid:[1 TO lots]', { code: 'expected_number', position: 10, length: 4 }],
    ['bytes:99999999999999999999', { code: 'number_out_of_range', position: 6, length: 20 }],
    [
      'user:',
      {
        code: 'empty_value',
        position: 0,
        length: 5,
        en: 'empty value after `user:` at 0 (write the value right after the colon)',
      },
    ],
    ['user: alice', { code: 'empty_value', position: 0, length: 5 }],
    ['(bytes:)', { code: 'empty_value', position: 1, length: 6 }],
    ['category:foo', { code: 'unknown_category', position: 9, length: 3 }],
    ['a "open', { code: 'unterminated_phrase', position: 2, length: 5 }],
    ['bytes:[1 5]', { code: 'invalid_range', position: 9, length: 1 }],
    ['bytes:[1 TO 5', { code: 'invalid_range', position: 6, length: 7 }],
    ['bytes:[5000 TO 1000]', { code: 'empty_range', position: 6, length: 14 }],
    ['user:[a TO b]', { code: 'range_not_supported', position: 5, length: 8 }],
    ['a AND', { code: 'missing_operand', position: 2, length: 3 }],
    ['OR a', { code: 'missing_operand', position: 0, length: 2 }],
    ['a OR OR b', { code: 'missing_operand', position: 2, length: 2 }],
    ['a NOT', { code: 'missing_operand', position: 2, length: 3 }],
    ['a ()', { code: 'empty_group', position: 2, length: 2 }],
    ['a ""', { code: 'empty_phrase', position: 2, length: 2 }],
    ['user:(process:x)', { code: 'nested_field', position: 6, length: 7 }],
    ['attributes:x', { code: 'missing_attribute_key', position: 0, length: 10 }],
    ['attributes."k"x', { code: 'expected_colon', position: 14, length: 1 }],
    [':foo', { code: 'missing_field_name', position: 0, length: 1 }],
  ];

  it.each(cases)('%s', (query, expected) => {
    const error = failure(query);
    const { en, ...rest } = expected;
    expect(error).toMatchObject(rest);
    if (en) expect(error.message.en).toBe(en);
    // Both languages name the position; the Japanese one is in Japanese.
    expect(error.message.en).toContain(String(error.position));
    expect(error.message.ja).toContain(String(error.position));
    expect(error.message.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('suggests the closest catalogue name only when one is close', () => {
    expect(failure('usr:alice').message.ja).toContain('「user」のことですか');
    expect(failure('hostnmae:x').message.en).toContain('did you mean `hostname`?');
    expect(failure('attribute.k:x').message.en).toContain('did you mean `attributes.k`?');
    expect(failure('zzzzzz:1').message.en).not.toContain('did you mean');
  });

  it('lists the allowed categories when one is unknown', () => {
    const { message } = failure('category:usb');
    for (const { value } of CATEGORIES) {
      expect(message.en).toContain(value);
      expect(message.ja).toContain(value);
    }
  });

  it('refuses a query over 4000 characters, pointing at the excess', () => {
    const limit = 'a '.repeat(1999) + 'bc';
    expect(limit).toHaveLength(4000);
    expect(compileQuery('x'.repeat(4000)).ok).toBe(true);
    expect(failure(`${limit}d`)).toMatchObject({ code: 'query_too_long', position: 4000, length: 1 });
    expect(failure(`${limit}d`).message.en).toContain('query too long');
  });

  it('refuses nesting deeper than 32, at the first level too deep', () => {
    expect(compileQuery(`${'('.repeat(32)}a${')'.repeat(32)}`).ok).toBe(true);
    expect(failure(`${'('.repeat(33)}a${')'.repeat(33)}`)).toMatchObject({
      code: 'nesting_too_deep',
      position: 32,
      length: 1,
    });
    expect(failure(`${'NOT '.repeat(33)}a`)).toMatchObject({ code: 'nesting_too_deep', position: 128, length: 3 });
  });

  it('refuses more terms than the engine would take as SQL text', () => {
    expect(compileQuery('a '.repeat(200)).ok).toBe(true);
    expect(failure('a '.repeat(201))).toMatchObject({ code: 'too_many_terms', position: 400, length: 1 });
  });
});

describe('no value ever reaches the SQL text', () => {
  const HOSTILE = [
    "'; DROP TABLE events; --",
    '{q0:String}',
    '%_\\',
    ') OR 1=1 --',
    '山田 太郎の「顧客リスト」',
    '`events`.`user_name`',
    '\\" OR "1"="1',
  ];
  const phrase = (value: string) => `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
  /** Every position a value can take, as a query around it. */
  const POSITIONS: Record<string, (value: string) => string> = {
    'keyword field value': (value) => `user:${phrase(value)}`,
    'text field value': (value) => `message:${phrase(value)}`,
    'word in a field group': (value) => `user:(alice OR ${phrase(value)})`,
    'attribute value': (value) => `attributes.k:${phrase(value)}`,
    'attribute key': (value) => `attributes.${phrase(value)}:v`,
    'free-text phrase': (value) => phrase(value),
    'free text beside a field': (value) => `category:logon ${phrase(value)} -user:x`,
  };
  const placeholderFree = (sql: string) => sql.replace(/\{q\d+:(String|Int64|Float64)\}/g, '');
  const ALLOWED_WORDS = new Set<string>([
    ...EVENT_COLUMNS,
    'positionCaseInsensitive',
    'ILIKE',
    'AND',
    'OR',
    'NOT',
    'IN',
    'SELECT',
    'FROM',
    'WHERE',
    'devices_current',
    'hostname',
    'empty',
    'notEmpty',
  ]);

  function expectOnlyInParams(query: string, value: string, benignQuery: string, asParameter = value) {
    const result = compiled(query);
    expect(placeholderFree(result.sql), query).not.toContain(value);
    // The SQL text depends on the query's shape only: the same as for a harmless value.
    expect(result.sql, query).toBe(compiled(benignQuery).sql);
    expect(Object.values(result.params), query).toContain(asParameter);
    for (const word of placeholderFree(result.sql).match(/[A-Za-z_]\w*/g) ?? [])
      expect(ALLOWED_WORDS, `${word} in ${query}`).toContain(word);
  }

  for (const [name, position] of Object.entries(POSITIONS)) {
    it(`as ${name}`, () => {
      for (const value of HOSTILE) expectOnlyInParams(position(value), value, position('benign'));
    });
  }

  it('as a device host name, where it arrives escaped for ILIKE', () => {
    const escapedForLike = (value: string) => value.replace(/[\\%_]/g, (char) => `\\${char}`);
    expect(escapedForLike('%_\\')).toBe('\\%\\_\\\\');
    for (const value of HOSTILE)
      expectOnlyInParams(`host:${phrase(value)}`, value, 'host:benign', escapedForLike(value));
  });

  it('as an unquoted field value or free word', () => {
    for (const value of ['%_\\', '`events`', '山田太郎', "';--", 'x=1;DROP']) {
      expectOnlyInParams(`user:${value}`, value, 'user:benign');
      expectOnlyInParams(`message:${value}`, value, 'message:benign');
      expectOnlyInParams(`attributes.${value}:v`, value, 'attributes.benign:v');
      expectOnlyInParams(value, value, 'benign');
    }
  });

  it('inside a wildcard pattern, where the value arrives escaped for LIKE', () => {
    const result = compiled('message:*%_\\* DROP*');
    expect(result.sql).toBe(
      '(message ILIKE {q0:String} AND (message ILIKE {q1:String} OR user_name ILIKE {q1:String} OR process_name ILIKE {q1:String} OR url ILIKE {q1:String} OR file_path ILIKE {q1:String} OR document_name ILIKE {q1:String} OR window_title ILIKE {q1:String} OR command_line ILIKE {q1:String} OR device_name ILIKE {q1:String} OR printer_name ILIKE {q1:String} OR serial ILIKE {q1:String} OR domain ILIKE {q1:String}))',
    );
    expect(result.params).toEqual({ q0: '%\\%\\_\\\\%', q1: '%DROP%' });
  });

  it('at the ends of a range, where only numbers are taken', () => {
    for (const value of HOSTILE) {
      for (const query of [
        `bytes:[${value} TO 5]`,
        `bytes:[5 TO ${value}]`,
        `bytes:>${value}`,
        `pid:${phrase(value)}`,
      ]) {
        const result = compileQuery(query);
        expect(result.ok, query).toBe(false);
      }
    }
    expect(failure("bytes:[';DROP TO 5]")).toMatchObject({ code: 'expected_number', position: 7, length: 6 });
    const numbers = compiled('bytes:[918273 TO 1827364] pid:>=5647382 pages:{* TO 83746.5}');
    expect(numbers.params).toEqual({ q0: 918273, q1: 1827364, q2: 5647382, q3: 83746.5 });
    for (const value of ['918273', '1827364', '5647382', '83746']) expect(numbers.sql).not.toContain(value);
    expect(numbers.sql).toBe(
      '((bytes >= {q0:Int64} AND bytes <= {q1:Int64}) AND pid >= {q2:Int64} AND pages < {q3:Float64})',
    );
  });

  it('with no SQL built by pasting anywhere in the query language', () => {
    const folder = path.join(ROOT, 'investigation/query-language');
    const files = readdirSync(folder).filter((name) => name.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    const pasted = files.flatMap((name) => findPastedSql(name, readFileSync(path.join(folder, name), 'utf8')));
    expect(pasted).toEqual([]);
  });
});
