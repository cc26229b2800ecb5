import { language } from '../../i18n/i18n.js';

/**
 * Time labels of the histogram, in JST: the axis shows only as much as the bucket size needs
 * (a day's buckets show the date, minutes show the time); the tooltip shows the bucket's full start.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function format(kind: 'day' | 'minute' | 'dayMinute' | 'second' | 'full'): Intl.DateTimeFormat {
  const key = `${language()}:${kind}`;
  let formatter = formats.get(key);
  if (!formatter) {
    const base: Intl.DateTimeFormatOptions = { timeZone: 'Asia/Tokyo', hour12: false };
    const options: Record<typeof kind, Intl.DateTimeFormatOptions> = {
      day: { ...base, month: 'numeric', day: 'numeric' },
      minute: { ...base, hour: '2-digit', minute: '2-digit' },
      dayMinute: { ...base, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' },
      second: { ...base, hour: '2-digit', minute: '2-digit', second: '2-digit' },
      full: {
        ...base,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      },
    };
    formatter = new Intl.DateTimeFormat(language() === 'en' ? 'en-GB' : 'ja-JP', options[kind]);
    formats.set(key, formatter);
  }
  return formatter;
}

export function axisLabel(iso: string, bucketSeconds: number, spanSeconds: number): string {
  const date = new Date(iso);
  if (bucketSeconds >= 86400) return format('day').format(date);
  if (bucketSeconds < 60) return format('second').format(date);
  return format(spanSeconds > 86400 ? 'dayMinute' : 'minute').format(date);
}

export function bucketLabel(iso: string, bucketSeconds: number): string {
  const date = new Date(iso);
  return bucketSeconds >= 86400 ? format('day').format(date) : format('full').format(date);
}
