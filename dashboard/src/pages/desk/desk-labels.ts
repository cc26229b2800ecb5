import type { Category, Channel, Status } from '../../api/desk-types.js';
import { defineMessages, language } from '../../i18n/i18n.js';

/** Names of the desk's enumerations and business-time durations, in both languages. */
const category = defineMessages<Category>(
  {
    installation: '導入・インストール',
    software_fault: 'ソフトウェアの不具合',
    service_usage: 'サービスの利用方法',
    security_question: 'セキュリティの相談',
    other: 'その他・未分類',
  },
  {
    installation: 'Installation',
    software_fault: 'Software fault',
    service_usage: 'Using the service',
    security_question: 'Security question',
    other: 'Other / unsorted',
  },
);
const status = defineMessages<Status>(
  { new: '新規', open: '対応中', awaiting_participant: 'お客様の回答待ち', resolved: '解決済み', closed: '完了' },
  {
    new: 'New',
    open: 'Open',
    awaiting_participant: 'Awaiting the participant',
    resolved: 'Resolved',
    closed: 'Closed',
  },
);
const channel = defineMessages<Channel>(
  { portal: 'ポータル', email: 'メール', phone: '電話', desk: '窓口から連絡' },
  { portal: 'Portal', email: 'Email', phone: 'Phone', desk: 'From the desk' },
);
const t = defineMessages(
  { hours: '{h}時間', minutes: '{m}分', hoursMinutes: '{h}時間{m}分', days: '{d}営業日' },
  { hours: '{h} h', minutes: '{m} min', hoursMinutes: '{h} h {m} min', days: '{d} business days' },
);

export function categoryName(value: string): string {
  return (category as (key: string) => string)(value) ?? value;
}
export function statusName(value: string): string {
  return (status as (key: string) => string)(value) ?? value;
}
export function channelName(value: string): string {
  return (channel as (key: string) => string)(value) ?? value;
}

export function statusTone(value: Status): string {
  return value === 'new' ? 'warn' : value === 'resolved' || value === 'closed' ? 'ok' : '';
}

/** One business day: 9:30-12:00 and 13:00-17:30 JST. */
export const BUSINESS_DAY_MINUTES = 420;

/** "1時間20分" / "1 h 20 min" (the sign is dropped). */
export function formatDuration(minutes: number): string {
  const total = Math.round(Math.abs(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return t('minutes', { m });
  return m === 0 ? t('hours', { h }) : t('hoursMinutes', { h, m });
}

/** A target in words: whole business days as days ("3営業日"), otherwise hours and minutes. */
export function formatTarget(minutes: number): string {
  return minutes >= BUSINESS_DAY_MINUTES && minutes % BUSINESS_DAY_MINUTES === 0
    ? t('days', { d: minutes / BUSINESS_DAY_MINUTES })
    : formatDuration(minutes);
}

/** The JST month of an instant, "2026-11". */
export function jstMonth(date = new Date()): string {
  return new Date(date.getTime() + 9 * 3_600_000).toISOString().slice(0, 7);
}

/** The last `count` JST months, newest first. */
export function recentMonths(count = 13, now = new Date()): string[] {
  const [year, month] = jstMonth(now).split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(year, month - 1 - i, 1)).toISOString().slice(0, 7));
}

export function monthName(value: string): string {
  const [year, month] = value.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(language() === 'en' ? 'en-GB' : 'ja-JP', {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, 1)));
}

/** A JST time without the year when it is this year ("11/25 11:30"), with it otherwise: the desk's tables are dense. */
export function formatShortJst(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const sameYear = jstMonth(date).slice(0, 4) === jstMonth().slice(0, 4);
  const options: Intl.DateTimeFormatOptions = {
    timeZone: 'Asia/Tokyo',
    hour12: false,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(sameYear ? {} : { year: 'numeric' }),
  };
  return new Intl.DateTimeFormat(language() === 'en' ? 'en-CA' : 'ja-JP', options).format(date);
}
