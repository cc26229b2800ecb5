import { LitElement, css, html, nothing } from 'lit';
import { nextSort, sortHeader, type SortState } from '../../components/sort-header/sort-header.js';
import { formatJst } from '../../format/jst.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import type { FleetParticipant } from './fleet-api.js';
import './hourly-sparkline.js';
import { participantStatusLabel, participantStatusTone } from './participant-status.js';

const t = defineMessages(
  {
    filter: '参加者名で絞り込み',
    name: '参加者',
    status: '状態',
    devices: '端末',
    online: '接続中',
    revoked: '失効',
    lastSeen: '最終受信',
    events: '24時間のイベント',
    rejected: '24時間の拒否',
    score: 'スコア',
    devicesFailing: '不適合 {n} 台',
    none: '該当する参加者はいません。',
    count: '{shown} / {total} 参加者',
  },
  {
    filter: 'Filter by participant name',
    name: 'Participant',
    status: 'Status',
    devices: 'Devices',
    online: 'Online',
    revoked: 'Revoked',
    lastSeen: 'Last seen',
    events: 'Events (24 h)',
    rejected: 'Rejected (24 h)',
    score: 'Score',
    devicesFailing: '{n} devices failing',
    none: 'No participants match.',
    count: '{shown} of {total} participants',
  },
);

type ParticipantSort =
  | 'name'
  | 'status'
  | 'devices'
  | 'devices_online'
  | 'devices_revoked'
  | 'last_seen'
  | 'events_24h'
  | 'rejected_24h'
  | 'score';

function sortValue(row: FleetParticipant, key: ParticipantSort): string | number {
  if (key === 'name' || key === 'status') return row[key].toLocaleLowerCase();
  if (key === 'last_seen') return row.last_seen ?? '';
  if (key === 'score') return row.score ?? -1;
  return row[key];
}

/**
 * Every participant in one table, sorted and filtered in the page (there are at most a few hundred):
 * devices, online now, revoked, last seen, events over the last day with a per-hour sparkline and
 * messages the ingest rejected. A name opens that participant's devices.
 * @event filter-change - the name filter changed; `detail` is the text.
 */
export class ParticipantTable extends LitElement {
  static override properties = { participants: { attribute: false }, filter: { type: String }, sort: { state: true } };
  static override styles = [
    sharedStyles,
    css`
      .controls {
        display: flex;
        gap: 8px;
        align-items: center;
        flex-wrap: wrap;
        margin-bottom: 8px;
      }
      .controls input {
        flex: 1 1 220px;
        max-width: 360px;
      }
      .scroll {
        overflow-x: auto;
      }
      table {
        min-width: 900px;
      }
      th {
        vertical-align: bottom;
      }
      td {
        white-space: nowrap;
        vertical-align: middle;
      }
      td.num,
      th.num {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      td.nowrap {
        white-space: nowrap;
      }
      td.events {
        white-space: nowrap;
      }
      td.events yorozu-hourly-sparkline {
        margin-left: 8px;
      }
    `,
  ];
  declare participants: FleetParticipant[];
  declare filter: string;
  declare sort: SortState<ParticipantSort>;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participants = [];
    this.filter = '';
    this.sort = { key: 'name', order: 'asc' };
  }

  private visibleRows(): FleetParticipant[] {
    const needle = this.filter.trim().toLocaleLowerCase();
    const rows = needle
      ? this.participants.filter((p) => p.name.toLocaleLowerCase().includes(needle))
      : [...this.participants];
    const direction = this.sort.order === 'asc' ? 1 : -1;
    return rows.sort((a, b) => {
      const x = sortValue(a, this.sort.key);
      const y = sortValue(b, this.sort.key);
      return (x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name)) * direction;
    });
  }

  private onFilter(event: InputEvent): void {
    this.filter = (event.target as HTMLInputElement).value;
    this.dispatchEvent(new CustomEvent('filter-change', { detail: this.filter, bubbles: true, composed: true }));
  }

  private renderRow(row: FleetParticipant) {
    const tone = participantStatusTone(row.status);
    return html`<tr data-test="participant-row" data-participant-id=${row.participant_id}>
      <td>
        <a href=${`/participants/${row.participant_id}/devices`} data-test="participant-link"
          >${row.name || row.participant_id}</a
        >
      </td>
      <td><span class=${`badge ${tone}`}>${participantStatusLabel(row.status)}</span></td>
      <td class="num">${formatCount(row.devices)}</td>
      <td class="num">${formatCount(row.devices_online)}</td>
      <td class="num">${formatCount(row.devices_revoked)}</td>
      <td class="nowrap">${formatJst(row.last_seen, 'datetime')}</td>
      <td class="num events">
        ${formatCount(row.events_24h)}<yorozu-hourly-sparkline .hours=${row.events_per_hour}></yorozu-hourly-sparkline>
      </td>
      <td class="num">
        ${row.rejected_24h > 0 ? html`<span class="badge warn">${formatCount(row.rejected_24h)}</span>` : '0'}
      </td>
      <td class="num" data-test="participant-score">
        ${row.score == null ? '—' : row.score.toFixed(1)}${row.devices_failing > 0 ? html`<br /><span class="badge warn">${t('devicesFailing', { n: row.devices_failing })}</span>` : nothing}
      </td>
    </tr>`;
  }

  override render() {
    void this.locale;
    const rows = this.visibleRows();
    const header = (label: string, key: ParticipantSort, numeric = false) =>
      sortHeader(
        label,
        key,
        this.sort,
        (next) => (this.sort = nextSort(this.sort, next, (k) => (k === 'name' || k === 'status' ? 'asc' : 'desc'))),
        'participant',
        numeric,
      );
    return html`
      <div class="controls">
        <input
          type="search"
          .value=${this.filter}
          @input=${this.onFilter}
          placeholder=${t('filter')}
          aria-label=${t('filter')}
          data-test="participant-filter"
        />
        <span class="muted" data-test="participant-count"
          >${t('count', { shown: formatCount(rows.length), total: formatCount(this.participants.length) })}</span
        >
      </div>
      <div class="scroll">
        <table data-test="participant-table">
          <thead>
            <tr>
              ${header(t('name'), 'name')} ${header(t('status'), 'status')} ${header(t('devices'), 'devices', true)}
              ${header(t('online'), 'devices_online', true)} ${header(t('revoked'), 'devices_revoked', true)}
              ${header(t('lastSeen'), 'last_seen')} ${header(t('events'), 'events_24h', true)}
              ${header(t('rejected'), 'rejected_24h', true)} ${header(t('score'), 'score', true)}
            </tr>
          </thead>
          <tbody>
            ${rows.map((row) => this.renderRow(row))}
          </tbody>
        </table>
      </div>
      ${rows.length === 0 ? html`<p class="muted" data-test="participant-empty">${t('none')}</p>` : ''}
    `;
  }
}
customElements.define('yorozu-participant-table', ParticipantTable);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-participant-table': ParticipantTable;
  }
}
