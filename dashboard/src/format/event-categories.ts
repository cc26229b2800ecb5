import { defineMessages } from '../i18n/i18n.js';
import { CATEGORY_KEYS, CATEGORY_LABELS, type CategoryKey } from './event-catalogue.generated.js';

/**
 * The eight event categories: their names in both languages (from the event catalogue, generated) and one colour
 * each, the same on every page (timeline, explorer, reports).
 */
export { CATEGORY_KEYS, type CategoryKey };

const label = defineMessages<CategoryKey>(CATEGORY_LABELS.ja, CATEGORY_LABELS.en);

const COLOURS: Record<CategoryKey, string> = {
  boot: '#64748b',
  logon: '#0ea5e9',
  web_access: '#2563eb',
  software_operation: '#8b5cf6',
  file_operation: '#16a34a',
  printer_output: '#d97706',
  external_device: '#dc2626',
  device_control: '#db2777',
};

export function isCategory(value: string): value is CategoryKey {
  return (CATEGORY_KEYS as readonly string[]).includes(value);
}

/** The category's name in the current language; an unknown one is shown as sent. */
export function categoryLabel(value: string): string {
  return isCategory(value) ? label(value) : value;
}

export function categoryColour(value: string): string {
  return isCategory(value) ? COLOURS[value] : '#94a3b8';
}
