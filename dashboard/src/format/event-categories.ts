import { defineMessages } from '../i18n/i18n.js';

/**
 * The eight event categories: their names in both languages and one colour each, the same on every
 * page (timeline, explorer, reports).
 */
export const CATEGORY_KEYS = [
  'boot',
  'logon',
  'web_access',
  'software_operation',
  'file_operation',
  'printer_output',
  'external_device',
  'device_control',
] as const;
export type CategoryKey = (typeof CATEGORY_KEYS)[number];

const label = defineMessages<CategoryKey>(
  {
    boot: '起動/終了',
    logon: 'ログオン',
    web_access: 'Webアクセス',
    software_operation: 'ソフトウェア操作',
    file_operation: 'ファイル操作',
    printer_output: '印刷',
    external_device: '外部デバイス接続',
    device_control: 'デバイス制御',
  },
  {
    boot: 'Boot/shutdown',
    logon: 'Logon',
    web_access: 'Web access',
    software_operation: 'Software operation',
    file_operation: 'File operation',
    printer_output: 'Printing',
    external_device: 'External device',
    device_control: 'Device control',
  },
);

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
