import { LitElement, css, html, nothing } from 'lit';
import { api } from '../../api/api-client.js';
import type { AntivirusHistory } from '../../api/contract.js';
import { loadStatus } from '../../components/api-loader/api-loader.js';
import { loadForDevice } from '../../components/api-loader/keyed-api-loader.js';
import { formatJst } from '../../format/jst.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { cardTableStyles, sharedStyles } from '../../styles/theme.js';

/** Definitions older than this many days fail the agent's own check (agent/sources/windows-health.ts). */
const DEFINITIONS_OK_DAYS = 3;
const DAYS = 30;

const t = defineMessages(
  {
    intro: '端末のエージェントが毎時報告するウイルス対策の状態（過去 {n} 日、日本時間の日ごと、新しい順）。',
    none: 'この期間、ウイルス対策の報告はありません。',
    day: '日付',
    product: '製品',
    protection: 'リアルタイム保護',
    definitions: '定義ファイルの古さ',
    on: '有効',
    off: '無効（{time} から）',
    partly_off: '一時無効（{time} に停止）',
    unknown: '判定なし',
    noProduct: '（動作中の製品なし）',
    ageDays: '{n} 日',
    noAge: '—',
    summary: '保護が止まった日: {off} 日 / 定義ファイルが {limit} 日より古い日: {old} 日',
    changed: '前日から変化',
  },
  {
    intro: "The antivirus state the device's agent reports hourly (last {n} days, per JST day, newest first).",
    none: 'No antivirus reports in this period.',
    day: 'Date',
    product: 'Product',
    protection: 'Real-time protection',
    definitions: 'Definitions age',
    on: 'On',
    off: 'Off (since {time})',
    partly_off: 'Off for a while (stopped at {time})',
    unknown: 'No verdict',
    noProduct: '(no product running)',
    ageDays: '{n} days',
    noAge: '—',
    summary: 'Days protection stopped: {off} / days with definitions older than {limit} days: {old}',
    changed: 'Changed from the day before',
  },
);

type Day = AntivirusHistory['days'][number];

/**
 * The device's antivirus over time (issue 22): per JST day the product, real-time protection (on, off from when,
 * off for a while) and the oldest definitions, from the agent's stored health results. A day whose product or
 * protection differs from the day before is marked, so a change stands out in a month of identical days.
 */
export class DeviceAntivirusHistory extends LitElement {
  static override properties = { participantId: { attribute: false }, deviceId: { attribute: false } };
  static override styles = [
    sharedStyles,
    cardTableStyles,
    css`
      :host {
        display: block;
      }
      table {
        width: 100%;
      }
      td {
        overflow-wrap: anywhere;
      }
      /* A state like "Off for a while (stopped at 11:26:42)" wraps on a phone rather than widening the table. */
      td .badge,
      th {
        white-space: normal;
      }
      /*
       * On a phone each day is a card (cardTableStyles), here divided by a line rather than boxed: the day first
       * in bold, then each cell as "column: value" on a line.
       */
      @media (max-width: 600px) {
        table.cards tr {
          border: none;
          border-bottom: 1px solid var(--line);
          border-radius: 0;
          margin-bottom: 0;
          padding: 6px 0;
        }
        table.cards td {
          padding: 2px 8px;
        }
        table.cards td[data-label] {
          display: block;
        }
        table.cards td[data-label]::before {
          content: attr(data-label) ': ';
          font-size: inherit;
        }
        table.cards td.day::before {
          content: none;
        }
        table.cards td.day {
          font-weight: 600;
        }
      }
      td.day {
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
      tr[data-changed='true'] td:first-child {
        box-shadow: inset 3px 0 0 #d97706;
      }
      .old {
        color: var(--danger);
        font-weight: 600;
      }
      .changed {
        display: block;
        font-size: 0.75rem;
        color: #92400e;
      }
    `,
  ];
  declare participantId: string;
  declare deviceId: string;
  private readonly locale = new LocaleController(this);
  private readonly history = loadForDevice(this, (participantId, deviceId) =>
    api<AntivirusHistory>(
      'GET',
      `/api/v1/participants/${participantId}/devices/${deviceId}/antivirus-days?days=${DAYS}`,
    ),
  );

  constructor() {
    super();
    this.participantId = '';
    this.deviceId = '';
  }

  private renderProtection(day: Day) {
    const tone = day.protection === 'on' ? 'ok' : day.protection === 'unknown' ? '' : 'bad';
    const time = formatJst(day.stoppedAt, 'time');
    return html`<span class="badge ${tone}" data-test="antivirus-protection" data-protection=${day.protection}
      >${t(day.protection, { time })}</span
    >`;
  }

  private renderDefinitions(day: Day) {
    if (day.oldestDefinitionsDays === null) return t('noAge');
    const old = day.oldestDefinitionsDays > DEFINITIONS_OK_DAYS;
    return html`<span class=${old ? 'old' : ''} data-test="antivirus-definitions" data-old=${String(old)}
      >${t('ageDays', { n: day.oldestDefinitionsDays })}</span
    >`;
  }

  private renderDays(days: readonly Day[]) {
    if (days.length === 0) return html`<p class="muted" data-test="antivirus-history-none">${t('none')}</p>`;
    const off = days.filter((day) => day.protection === 'off' || day.protection === 'partly_off').length;
    const old = days.filter((day) => (day.oldestDefinitionsDays ?? 0) > DEFINITIONS_OK_DAYS).length;
    return html`<p data-test="antivirus-summary">${t('summary', { off, old, limit: DEFINITIONS_OK_DAYS })}</p>
      <table class="cards" data-test="antivirus-history">
        <thead>
          <tr>
            <th scope="col">${t('day')}</th>
            <th scope="col">${t('product')}</th>
            <th scope="col">${t('protection')}</th>
            <th scope="col">${t('definitions')}</th>
          </tr>
        </thead>
        <tbody>
          ${days.map((day, index) => {
            // The list is newest first: the day before is the next entry.
            const before = days[index + 1];
            const changed =
              before !== undefined && (before.product !== day.product || before.protection !== day.protection);
            return html`<tr data-test="antivirus-day" data-day=${day.day} data-changed=${String(changed)}>
              <td class="day" data-label=${t('day')}>
                ${day.day}${changed ? html`<span class="changed">${t('changed')}</span>` : nothing}
              </td>
              <td data-test="antivirus-product" data-label=${t('product')}>${day.product ?? t('noProduct')}</td>
              <td data-label=${t('protection')}>${this.renderProtection(day)}</td>
              <td data-label=${t('definitions')}>${this.renderDefinitions(day)}</td>
            </tr>`;
          })}
        </tbody>
      </table>`;
  }

  override render() {
    void this.locale;
    const history = this.history.value;
    return html`<p class="muted">${t('intro', { n: DAYS })}</p>
      ${loadStatus(this.history, 'antivirus-history')} ${history ? this.renderDays(history.days) : nothing}`;
  }
}
customElements.define('yorozu-device-antivirus-history', DeviceAntivirusHistory);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-device-antivirus-history': DeviceAntivirusHistory;
  }
}
