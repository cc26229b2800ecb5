import { language } from '../i18n/i18n.js';

/**
 * Every time is shown in JST. The API sends UTC either as ISO 8601 or as ClickHouse text
 * ("2026-11-24 05:03:01.123", UTC without a marker); both are read here.
 */
export function parseUtc(value: string | number | Date): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`;
  return new Date(iso);
}

const formats = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'datetime' | 'seconds' | 'millis' | 'date' | 'time'): Intl.DateTimeFormat {
  const key = `${language()}:${kind}`;
  let format = formats.get(key);
  if (!format) {
    const base: Intl.DateTimeFormatOptions = { timeZone: 'Asia/Tokyo', hour12: false };
    const options: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? { ...base, year: 'numeric', month: '2-digit', day: '2-digit' }
        : kind === 'time'
          ? { ...base, hour: '2-digit', minute: '2-digit', second: '2-digit' }
          : {
              ...base,
              year: 'numeric',
              month: '2-digit',
              day: '2-digit',
              hour: '2-digit',
              minute: '2-digit',
              ...(kind !== 'datetime' ? { second: '2-digit' } : {}),
              ...(kind === 'millis' ? { fractionalSecondDigits: 3 } : {}),
            };
    format = new Intl.DateTimeFormat(language() === 'en' ? 'en-CA' : 'ja-JP', options);
    formats.set(key, format);
  }
  return format;
}

/** "2026/11/24 14:03" (ja) or "2026-11-24, 14:03" (en), always JST. */
export function formatJst(
  value: string | number | Date | null | undefined,
  precision: 'datetime' | 'seconds' | 'millis' | 'date' | 'time' = 'seconds',
): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = parseUtc(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return formatter(precision).format(date);
}

/** A `<input type="datetime-local">` value in JST ⇄ an instant. */
export function toJstInputValue(date: Date): string {
  return new Date(date.getTime() + 9 * 3_600_000).toISOString().slice(0, 16);
}
export function fromJstInputValue(value: string): Date {
  return new Date(`${value}:00+09:00`);
}
