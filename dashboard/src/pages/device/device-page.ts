import { LitElement, css, html, nothing } from 'lit';
import type { Session } from '../../api/session.js';
import { loadStatus } from '../../components/api-loader/api-loader.js';
import { loadForDevice } from '../../components/api-loader/keyed-api-loader.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { fetchDevice } from './device-api.js';
import './device-antivirus-history.js';
import './device-health.js';
import './device-identity.js';
import './device-inventory.js';
import './device-revoke.js';
import './device-timeline.js';
import './device-windows-kept.js';

const t = defineMessages(
  {
    back: '← 端末一覧',
    device: '端末',
    identity: '端末の情報',
    health: '健康診断',
    antivirus: 'ウイルス対策の履歴',
    inventory: 'インベントリ',
    timeline: 'タイムライン',
    windowsKept: '8 分類外の Windows イベント',
    reachOut: 'この端末について参加者に連絡する',
    aboutDevice: '端末 {host} について',
  },
  {
    back: '← Devices',
    device: 'Device',
    identity: 'About this device',
    health: 'Health',
    antivirus: 'Antivirus history',
    inventory: 'Inventory',
    timeline: 'Timeline',
    windowsKept: 'Windows events outside the eight categories',
    reachOut: 'Reach out to the participant about this device',
    aboutDevice: 'About the PC {host}',
  },
);

/**
 * One device: who it is (and, for operators, revoking it), its inventory in tabs, and the timeline of
 * everything it did over a range, with a link to the log explorer on the same device.
 */
export class DevicePage extends LitElement {
  static override properties = {
    session: { attribute: false },
    participantId: { attribute: false },
    deviceId: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      section {
        margin-top: 16px;
      }
      section h2 {
        margin-top: 0;
      }
      .title {
        display: flex;
        gap: 12px;
        align-items: baseline;
        flex-wrap: wrap;
      }
      .title h1 {
        overflow-wrap: anywhere;
      }
      .revoke {
        margin-top: 12px;
      }
    `,
  ];
  declare session: Session;
  declare participantId: string;
  declare deviceId: string;
  private readonly locale = new LocaleController(this);
  private readonly device = loadForDevice(this, fetchDevice);

  override render() {
    void this.locale;
    const device = this.device.value;
    const operator = this.session?.role === 'operator';
    return html`
      <a href=${`/participants/${this.participantId}/devices`} data-test="device-back">${t('back')}</a>
      <div class="title">
        <h1 data-test="device-title">${device?.hostname || t('device')}</h1>
        ${
          operator && device
            ? html`<a
                href=${`/participants/${this.participantId}/outreach?subject=${encodeURIComponent(t('aboutDevice', { host: device.hostname }))}`}
                data-test="reach-out"
                >${t('reachOut')}</a
              >`
            : nothing
        }
      </div>
      ${loadStatus(this.device, 'device')}
      ${
        device
          ? html`
              <section class="panel">
                <h2>${t('identity')}</h2>
                <yorozu-device-identity .device=${device}></yorozu-device-identity>
                ${
                  operator
                    ? html`<div class="revoke">
                        <yorozu-device-revoke
                          .deviceId=${device.device_id}
                          ?revoked=${device.status === 'revoked'}
                          @device-revoked=${() => void this.device.run()}
                        ></yorozu-device-revoke>
                      </div>`
                    : nothing
                }
              </section>
              <section class="panel">
                <h2>${t('health')}</h2>
                <yorozu-device-health
                  .participantId=${this.participantId}
                  .deviceId=${this.deviceId}
                ></yorozu-device-health>
              </section>
              <section class="panel" data-test="antivirus-section">
                <h2>${t('antivirus')}</h2>
                <yorozu-device-antivirus-history
                  .participantId=${this.participantId}
                  .deviceId=${this.deviceId}
                ></yorozu-device-antivirus-history>
              </section>
              <section class="panel">
                <h2>${t('timeline')}</h2>
                <yorozu-device-timeline
                  .participantId=${this.participantId}
                  .deviceId=${this.deviceId}
                  .hostname=${device.hostname}
                  .operator=${operator}
                ></yorozu-device-timeline>
              </section>
              <section class="panel">
                <h2>${t('inventory')}</h2>
                <yorozu-device-inventory
                  .participantId=${this.participantId}
                  .deviceId=${this.deviceId}
                ></yorozu-device-inventory>
              </section>
              <section class="panel" data-test="windows-kept-section">
                <h2>${t('windowsKept')}</h2>
                <yorozu-device-windows-kept
                  .participantId=${this.participantId}
                  .deviceId=${this.deviceId}
                ></yorozu-device-windows-kept>
              </section>
            `
          : nothing
      }
    `;
  }
}
customElements.define('yorozu-device-page', DevicePage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-device-page': DevicePage;
  }
}
