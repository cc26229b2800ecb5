import { html } from 'lit';
import { isSet } from '../../format/event-summary.js';
import { formatJst } from '../../format/jst.js';
import { defineMessages } from '../../i18n/i18n.js';
import type { OsUpdate } from './device-api.js';

const t = defineMessages(
  {
    none: 'OS 更新の記録はありません。',
    id: '更新 ID',
    title: '名前',
    kind: '種類',
    status: '状態',
    installedAt: 'インストール日時',
    security: 'セキュリティ',
    quality: '品質',
    feature: '機能',
    driver: 'ドライバー',
    definition: '定義',
    package: 'パッケージ',
    other: 'その他',
    installed: 'インストール済み',
    failed: '失敗',
    pending: '保留中',
    uninstalled: 'アンインストール済み',
  },
  {
    none: 'No OS updates recorded.',
    id: 'Update ID',
    title: 'Title',
    kind: 'Kind',
    status: 'Status',
    installedAt: 'Installed at',
    security: 'Security',
    quality: 'Quality',
    feature: 'Feature',
    driver: 'Driver',
    definition: 'Definition',
    package: 'Package',
    other: 'Other',
    installed: 'Installed',
    failed: 'Failed',
    pending: 'Pending',
    uninstalled: 'Uninstalled',
  },
);
type Key = Parameters<typeof t>[0];
const KINDS = new Set(['security', 'quality', 'feature', 'driver', 'definition', 'package', 'other']);
const STATUSES: Record<string, string> = { installed: 'ok', failed: 'bad', pending: 'warn', uninstalled: '' };

function kindLabel(kind: string): string {
  return KINDS.has(kind) ? t(kind as Key) : kind;
}

function statusBadge(status: string) {
  const tone = STATUSES[status];
  return html`<span class=${`badge ${tone ?? ''}`}>${tone === undefined ? status : t(status as Key)}</span>`;
}

/** The device's OS update history, newest first as the server sends it. */
export function renderOsUpdates(updates: readonly OsUpdate[]) {
  if (updates.length === 0) return html`<p class="muted" data-test="updates-empty">${t('none')}</p>`;
  return html`<div class="scroll">
    <table data-test="updates-table">
      <thead>
        <tr>
          <th>${t('id')}</th>
          <th>${t('title')}</th>
          <th>${t('kind')}</th>
          <th>${t('status')}</th>
          <th>${t('installedAt')}</th>
        </tr>
      </thead>
      <tbody>
        ${updates.map(
          (update) =>
            html`<tr data-test="update-row">
              <td class="nowrap">${update.update_id}</td>
              <td>${update.title}</td>
              <td class="nowrap">${kindLabel(update.kind)}</td>
              <td class="nowrap">${statusBadge(update.status)}</td>
              <td class="nowrap">${isSet(update.installed_at) ? formatJst(update.installed_at, 'datetime') : '—'}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
