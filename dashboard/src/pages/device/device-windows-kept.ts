import { LitElement, css, html, nothing } from 'lit';
import { loadStatus } from '../../components/api-loader/api-loader.js';
import { loadForDevice } from '../../components/api-loader/keyed-api-loader.js';
import { formatJst } from '../../format/jst.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { fetchWindowsKeptCounts } from './device-api.js';

const t = defineMessages(
  {
    intro:
      '直近 7 日間に OpenTelemetry Collector から届いた Windows イベントのうち、8 分類のどれにも当たらないものです（保存され、検索できます）。',
    none: '8 分類外の Windows イベントはありません。',
    eventId: 'イベント ID',
    channel: 'チャネル',
    provider: 'プロバイダー',
    reason: '理由',
    events: '件数',
    lastAt: '最後に届いた日時',
    unknown: '対応表にない',
    outside_categories: '分類の対象外',
    not_covered: '対象外の種類',
    not_windows: 'Windows イベント以外',
  },
  {
    intro:
      'Windows events from the OpenTelemetry Collector in the last 7 days that are none of the eight categories (stored, and searchable).',
    none: 'No Windows events outside the eight categories.',
    eventId: 'Event ID',
    channel: 'Channel',
    provider: 'Provider',
    reason: 'Why',
    events: 'Events',
    lastAt: 'Last received',
    unknown: 'not in the mapping',
    outside_categories: 'kept outside the categories',
    not_covered: 'an instance the mapping skips',
    not_windows: 'not a Windows event',
  },
);
type Key = Parameters<typeof t>[0];
const REASONS = new Set(['unknown', 'outside_categories', 'not_covered', 'not_windows']);
const DAY_MS = 86_400_000;

/** The device's Windows events outside the eight categories, counted per event id (docs/windows-collector.md). */
export class DeviceWindowsKept extends LitElement {
  static override properties = { participantId: { attribute: false }, deviceId: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      .scroll {
        overflow-x: auto;
      }
      td.nowrap {
        white-space: nowrap;
      }
      td.number {
        text-align: right;
      }
    `,
  ];
  declare participantId: string;
  declare deviceId: string;
  private readonly locale = new LocaleController(this);
  private readonly counts = loadForDevice(this, (participantId, deviceId) => {
    const to = new Date(Date.now() + 60_000);
    return fetchWindowsKeptCounts(participantId, deviceId, new Date(to.getTime() - 7 * DAY_MS), to);
  });

  constructor() {
    super();
    this.participantId = '';
    this.deviceId = '';
  }

  override render() {
    void this.locale;
    const counts = this.counts.value;
    return html`
      <p class="muted">${t('intro')}</p>
      ${loadStatus(this.counts, 'windows-kept')}
      ${counts && counts.length === 0 ? html`<p class="muted" data-test="windows-kept-empty">${t('none')}</p>` : nothing}
      ${
        counts && counts.length > 0
          ? html`<div class="scroll">
              <table data-test="windows-kept-table">
                <thead>
                  <tr>
                    <th>${t('eventId')}</th>
                    <th>${t('channel')}</th>
                    <th>${t('provider')}</th>
                    <th>${t('reason')}</th>
                    <th>${t('events')}</th>
                    <th>${t('lastAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${counts.map(
                    (row) =>
                      html`<tr data-test="windows-kept-row" data-event-id=${String(row.event_id)}>
                        <td class="nowrap">${row.event_id}</td>
                        <td>${row.channel}</td>
                        <td>${row.provider}</td>
                        <td>${REASONS.has(row.reason) ? t(row.reason as Key) : row.reason}</td>
                        <td class="number">${formatCount(row.events)}</td>
                        <td class="nowrap">${formatJst(row.last_at, 'datetime')}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : nothing
      }
    `;
  }
}
customElements.define('yorozu-device-windows-kept', DeviceWindowsKept);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-device-windows-kept': DeviceWindowsKept;
  }
}
