import { LitElement, css, html, nothing } from 'lit';
import { formatJst } from '../../format/jst.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import type { Device } from './device-api.js';

const t = defineMessages(
  {
    hostname: 'ホスト名',
    os: 'OS',
    agent: 'エージェントのバージョン',
    enrolledAt: '登録日時',
    credential: '認証情報',
    active: '有効',
    revoked: '失効',
    reason: '理由: {reason}',
    uninstall: 'アンインストールを指示済み',
    uninstalledAt: 'アンインストール済み（{at} JST）',
    uninstallFailed: 'アンインストールに失敗しました（{at} JST）: {detail}',
    connection: '接続',
    online: '接続中',
    offline: '未接続',
    lastChanged: '最終変更',
    deviceId: '端末 ID',
    conflictingResends: '内容の異なる再送',
    conflictingResendsCount: '{count} 件（最初の内容を保存）',
  },
  {
    hostname: 'Host name',
    os: 'OS',
    agent: 'Agent version',
    enrolledAt: 'Enrolled at',
    credential: 'Credential',
    active: 'Valid',
    revoked: 'Revoked',
    reason: 'Reason: {reason}',
    uninstall: 'Told to uninstall',
    uninstalledAt: 'Uninstalled at {at} JST',
    uninstallFailed: 'Uninstall failed at {at} JST: {detail}',
    connection: 'Connection',
    online: 'Connected now',
    offline: 'Not connected',
    lastChanged: 'Last changed',
    deviceId: 'Device ID',
    conflictingResends: 'Re-sends with other content',
    conflictingResendsCount: '{count} (the first content was kept)',
  },
);

/** Who the device is: host name, OS, agent, enrollment, its credential's state and whether it is connected now. */
export class DeviceIdentity extends LitElement {
  static override properties = { device: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(160px, 1fr));
        gap: 12px 24px;
        margin: 0;
      }
      dt {
        color: var(--muted);
        font-size: 0.85rem;
      }
      dd {
        margin: 2px 0 0;
        overflow-wrap: anywhere;
      }
      .id {
        font-family: ui-monospace, monospace;
        font-size: 0.85rem;
      }
    `,
  ];
  declare device: Device;
  private readonly locale = new LocaleController(this);

  private renderCredential() {
    const device = this.device;
    if (device.status !== 'revoked')
      return html`<span class="badge ok" data-test="device-credential">${t('active')}</span>`;
    return html`<span class="badge bad" data-test="device-credential">${t('revoked')}</span>
      ${device.status_reason ? html`<div class="muted" data-test="device-status-reason">${t('reason', { reason: device.status_reason })}</div>` : nothing}
      ${device.uninstall_requested && !device.uninstall_status ? html`<div class="muted">${t('uninstall')}</div>` : nothing}
      ${
        device.uninstall_status === 'done'
          ? html`<div data-test="device-uninstalled-at">
              ${t('uninstalledAt', { at: formatJst(device.uninstall_reported_at) })}
            </div>`
          : device.uninstall_status === 'failed'
            ? html`<div class="muted" data-test="device-uninstall-failed">
                ${t('uninstallFailed', { at: formatJst(device.uninstall_reported_at), detail: device.uninstall_detail })}
              </div>`
            : nothing
      }`;
  }

  override render() {
    void this.locale;
    const device = this.device;
    const item = (label: string, value: unknown, test: string) =>
      html`<div>
        <dt>${label}</dt>
        <dd data-test=${test}>${value}</dd>
      </div>`;
    return html`<dl data-test="device-identity">
      ${item(t('hostname'), device.hostname || '—', 'device-hostname')}
      ${item(t('os'), [device.os_name, device.os_version].filter(Boolean).join(' ') || '—', 'device-os')}
      ${item(t('agent'), device.agent_version || '—', 'device-agent-version')}
      ${item(t('enrolledAt'), formatJst(device.enrolled_at), 'device-enrolled-at')}
      <div>
        <dt>${t('credential')}</dt>
        <dd>${this.renderCredential()}</dd>
      </div>
      ${item(
        t('connection'),
        device.connected && device.status !== 'revoked'
          ? html`<span class="badge ok">${t('online')}</span>`
          : html`<span class="badge">${t('offline')}</span>`,
        'device-connection',
      )}
      ${item(t('lastChanged'), formatJst(device.last_changed_at), 'device-last-changed')}
      ${item(t('deviceId'), html`<span class="id">${device.device_id}</span>`, 'device-id')}
      ${
        device.conflicting_resends === undefined
          ? nothing
          : item(
              t('conflictingResends'),
              html`<span class="badge ${device.conflicting_resends > 0 ? 'bad' : ''}"
                >${t('conflictingResendsCount', { count: String(device.conflicting_resends) })}</span
              >`,
              'device-conflicting-resends',
            )
      }
    </dl>`;
  }
}
customElements.define('yorozu-device-identity', DeviceIdentity);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-device-identity': DeviceIdentity;
  }
}
