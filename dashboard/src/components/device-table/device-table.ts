import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { formatJst } from '../../format/jst.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { ApiLoader, loadStatus } from '../api-loader/api-loader.js';
import { nextSort, sortHeader } from '../sort-header/sort-header.js';
import { readParams, replaceParams } from '../url-state/url-state.js';
import { deviceTableStyles } from './device-table.styles.js';
import {
  DEFAULT_DEVICE_QUERY,
  defaultOrder,
  DEVICE_STATES,
  fetchDevicePage,
  PAGE_SIZE,
  readDeviceListQuery,
  writeDeviceListQuery,
  type DeviceListPage,
  type DeviceListQuery,
  type DeviceOverviewRow,
  type DeviceSort,
} from './device-list.js';

const t = defineMessages(
  {
    search: 'ホスト名で検索',
    all: 'すべて',
    online: '接続中',
    offline: '未接続',
    revoked: '失効',
    software_installed: 'ソフトウェアが残っている端末',
    uninstalled: 'アンインストール済み',
    uninstalledAt: 'アンインストール済み（{at} JST）',
    stateLabel: '状態',
    hostname: 'ホスト名',
    participant: '参加者',
    os: 'OS',
    agent: 'エージェント',
    state: '状態',
    lastSeen: '最終受信',
    events: '24時間のイベント',
    score: 'スコア',
    failing: '{n} 件不適合',
    range: '{from}–{to} 件目 / 全 {total} 台',
    none: '該当する端末はありません。',
    previous: '前へ',
    next: '次へ',
  },
  {
    search: 'Search host names',
    all: 'All',
    online: 'Online',
    offline: 'Offline',
    revoked: 'Revoked',
    software_installed: 'Software still installed',
    uninstalled: 'Uninstalled',
    uninstalledAt: 'Uninstalled at {at} JST',
    stateLabel: 'State',
    hostname: 'Host name',
    participant: 'Participant',
    os: 'OS',
    agent: 'Agent',
    state: 'State',
    lastSeen: 'Last seen',
    events: 'Events (24 h)',
    score: 'Score',
    failing: '{n} failing',
    range: '{from}–{to} of {total}',
    none: 'No devices match.',
    previous: 'Previous',
    next: 'Next',
  },
);

const SEARCH_DELAY_MS = 300;

/**
 * A device list paged on the server (50 a page), so ten thousand devices stay quick: search by host
 * name, filter by state, sort by column. With `sync-url` the list's state is kept in the address.
 */
export class DeviceTable extends LitElement {
  static override properties = {
    endpoint: { type: String },
    showParticipant: { type: Boolean, attribute: 'show-participant' },
    syncUrl: { type: Boolean, attribute: 'sync-url' },
    listQuery: { state: true },
    searchText: { state: true },
  };
  static override styles = [sharedStyles, deviceTableStyles];
  declare endpoint: string;
  declare showParticipant: boolean;
  declare syncUrl: boolean;
  declare listQuery: DeviceListQuery;
  declare searchText: string;
  private readonly locale = new LocaleController(this);
  private readonly loader = new ApiLoader<DeviceListPage>(this, () => fetchDevicePage(this.endpoint, this.listQuery));
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.endpoint = '';
    this.showParticipant = false;
    this.syncUrl = false;
    this.listQuery = DEFAULT_DEVICE_QUERY;
    this.searchText = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.syncUrl) {
      this.listQuery = readDeviceListQuery(readParams());
      this.searchText = this.listQuery.search;
    }
  }

  override disconnectedCallback(): void {
    clearTimeout(this.searchTimer);
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('endpoint') && changed.get('endpoint')) this.loader.reset();
    if ((changed.has('endpoint') || changed.has('listQuery')) && this.endpoint) void this.loader.run();
  }

  /** Fetch the current page again (the page's refresh button). */
  reload(): void {
    if (this.endpoint) void this.loader.run();
  }

  protected override updated(): void {
    // an address from an older, longer list: show its last page instead of an empty one
    const page = this.loader.value;
    if (page && !this.loader.loading && page.devices.length === 0 && page.total > 0 && this.listQuery.page > 0) {
      this.change({ page: Math.ceil(page.total / PAGE_SIZE) - 1 });
    }
  }

  private change(patch: Partial<DeviceListQuery>): void {
    this.listQuery = { ...this.listQuery, page: 0, ...patch };
    if (this.syncUrl) {
      const params = readParams();
      writeDeviceListQuery(this.listQuery, params);
      replaceParams(params);
    }
  }

  private onSearchInput(event: InputEvent): void {
    this.searchText = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.change({ search: this.searchText }), SEARCH_DELAY_MS);
  }

  private onSort(key: DeviceSort): void {
    const sort = nextSort({ key: this.listQuery.sort, order: this.listQuery.order }, key, defaultOrder);
    this.change({ sort: sort.key, order: sort.order });
  }

  private renderControls() {
    return html`<div class="controls">
      <input
        type="search"
        .value=${this.searchText}
        @input=${this.onSearchInput}
        placeholder=${t('search')}
        aria-label=${t('search')}
        data-test="device-search"
      />
      <label
        >${t('stateLabel')}
        <select
          @change=${(event: Event) => this.change({ state: (event.target as HTMLSelectElement).value as DeviceListQuery['state'] })}
          data-test="device-state"
        >
          ${DEVICE_STATES.map((state) => html`<option value=${state} ?selected=${this.listQuery.state === state}>${t(state)}</option>`)}
        </select></label
      >
    </div>`;
  }

  private renderState(row: DeviceOverviewRow) {
    if (row.uninstall_status === 'done')
      return html`<span class="badge" data-test="device-uninstalled"
        >${t('uninstalledAt', { at: formatJst(row.uninstall_reported_at, 'datetime') })}</span
      >`;
    if (row.status === 'revoked') return html`<span class="badge bad">${t('revoked')}</span>`;
    return row.connected
      ? html`<span class="badge ok">${t('online')}</span>`
      : html`<span class="badge">${t('offline')}</span>`;
  }

  private renderRow(row: DeviceOverviewRow) {
    return html`<tr data-test="device-row" data-device-id=${row.device_id}>
      <td class="host">
        <a href=${`/participants/${row.participant_id}/devices/${row.device_id}`} data-test="device-link"
          >${row.hostname || row.device_id}</a
        >
      </td>
      ${this.showParticipant ? html`<td><a href=${`/participants/${row.participant_id}/devices`}>${row.participant_name ?? row.participant_id}</a></td>` : nothing}
      <td>${[row.os_name, row.os_version].filter(Boolean).join(' ') || '—'}</td>
      <td>${row.agent_version || '—'}</td>
      <td>${this.renderState(row)}</td>
      <td>${formatJst(row.last_seen, 'datetime')}</td>
      <td class="num">${formatCount(row.events_24h)}</td>
      <td class="num" data-test="device-score">
        ${row.score == null ? '—' : row.score.toFixed(1)}${row.failing_policies ? html`<br /><span class="badge warn">${t('failing', { n: row.failing_policies })}</span>` : nothing}
      </td>
    </tr>`;
  }

  private renderPager(page: DeviceListPage) {
    const from = page.total === 0 ? 0 : page.offset + 1;
    const to = Math.min(page.offset + page.devices.length, page.total);
    const last = page.offset + PAGE_SIZE >= page.total;
    return html`<div class="pager">
      <span class="range" data-test="device-range"
        >${t('range', { from: formatCount(from), to: formatCount(to), total: formatCount(page.total) })}</span
      >
      <button
        type="button"
        ?disabled=${this.listQuery.page === 0 || this.loader.loading}
        @click=${() => this.change({ page: this.listQuery.page - 1 })}
        data-test="device-prev"
      >
        ${t('previous')}
      </button>
      <button
        type="button"
        ?disabled=${last || this.loader.loading}
        @click=${() => this.change({ page: this.listQuery.page + 1 })}
        data-test="device-next"
      >
        ${t('next')}
      </button>
    </div>`;
  }

  override render() {
    void this.locale;
    const page = this.loader.value;
    const sort = { key: this.listQuery.sort, order: this.listQuery.order };
    const header = (label: string, key: DeviceSort, numeric = false) =>
      sortHeader(label, key, sort, (next) => this.onSort(next), 'device', numeric);
    return html`
      ${this.renderControls()} ${loadStatus(this.loader, 'device-table')}
      ${
        page
          ? html`<div class="scroll">
                <table
                  class=${this.loader.loading ? 'busy' : ''}
                  aria-busy=${this.loader.loading ? 'true' : 'false'}
                  data-test="device-table"
                >
                  <thead>
                    <tr>
                      ${header(t('hostname'), 'hostname')}
                      ${this.showParticipant ? header(t('participant'), 'participant') : nothing}
                      <th>${t('os')}</th>
                      <th>${t('agent')}</th>
                      <th>${t('state')}</th>
                      ${header(t('lastSeen'), 'last_seen')} ${header(t('events'), 'events_24h', true)}
                      ${header(t('score'), 'score', true)}
                    </tr>
                  </thead>
                  <tbody>
                    ${page.devices.map((row) => this.renderRow(row))}
                  </tbody>
                </table>
              </div>
              ${page.total === 0 ? html`<p class="muted empty" data-test="device-empty">${t('none')}</p>` : nothing}
              ${this.renderPager(page)}`
          : nothing
      }
    `;
  }
}
customElements.define('yorozu-device-table', DeviceTable);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-device-table': DeviceTable;
  }
}
