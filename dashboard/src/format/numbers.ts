import { language } from '../i18n/i18n.js';

/**
 * Counts and sizes as people read them. The API may send UInt64 values as strings, so both accept
 * strings; anything that is not a finite number is shown as "—".
 */
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

function toNumber(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** 1234567 → "1,234,567". */
export function formatCount(value: number | string | null | undefined): string {
  const number = toNumber(value);
  return number === null ? '—' : new Intl.NumberFormat(language() === 'en' ? 'en-US' : 'ja-JP').format(number);
}

/** Binary multiples, as Windows shows them: 17179869184 → "16 GB", 1536 → "1.5 KB". */
export function formatBytes(value: number | string | null | undefined): string {
  const number = toNumber(value);
  if (number === null || number < 0) return '—';
  let scaled = number;
  let unit = 0;
  while (scaled >= 1024 && unit < UNITS.length - 1) {
    scaled /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || scaled >= 100 ? 0 : 1;
  const text = new Intl.NumberFormat(language() === 'en' ? 'en-US' : 'ja-JP', { maximumFractionDigits: digits }).format(
    scaled,
  );
  return `${text} ${UNITS[unit] ?? ''}`;
}
