import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ApiLoader, loadStatus } from '../../components/api-loader/api-loader.js';
import { readParams, writeParams } from '../../components/url-state/url-state.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { devicePath, searchSoftware, type SoftwareMatch } from './inventory-api.js';
import { inventoryStyles } from './inventory.styles.js';

const t = defineMessages(
  {
    name: 'ソフトウェア名（部分一致）',
    below: 'このバージョン未満（任意）',
    belowHint: '例: 24.008',
    search: '検索',
    hostname: 'ホスト名',
    software: 'ソフトウェア',
    version: 'バージョン',
    publisher: '発行元',
    found: '{n} 台の端末',
    none: '該当する端末はありません。',
  },
  {
    name: 'Software name (contains)',
    below: 'Below this version (optional)',
    belowHint: 'e.g. 24.008',
    search: 'Search',
    hostname: 'Host name',
    software: 'Software',
    version: 'Version',
    publisher: 'Publisher',
    found: '{n} devices',
    none: 'No devices match.',
  },
);

/**
 * "Which devices have software X (below version Y)?" The question is kept in the address
 * (`?software=…&below=…`), so the answer can be shared as a link.
 */
export class SoftwareSearch extends LitElement {
  static override properties = { participantId: { attribute: false }, name: { state: true }, below: { state: true } };
  static override styles = [sharedStyles, inventoryStyles];
  declare participantId: string;
  declare name: string;
  declare below: string;
  private readonly locale = new LocaleController(this);
  private readonly results = new ApiLoader<SoftwareMatch[]>(this, () =>
    searchSoftware(this.participantId, this.name.trim(), this.below.trim()),
  );

  constructor() {
    super();
    this.participantId = '';
    const params = readParams();
    this.name = params.get('software') ?? '';
    this.below = params.get('below') ?? '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('participantId') && this.participantId) {
      this.results.reset();
      if (this.name.trim()) void this.results.run();
    }
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    if (!this.name.trim()) return;
    writeParams({ software: this.name.trim(), below: this.below.trim() });
    void this.results.run();
  }

  private renderResults(rows: SoftwareMatch[]) {
    if (rows.length === 0) return html`<p class="muted" data-test="software-search-empty">${t('none')}</p>`;
    const sorted = [...rows].sort((a, b) => a.hostname.localeCompare(b.hostname) || a.name.localeCompare(b.name));
    const devices = new Set(rows.map((row) => row.device_id)).size;
    return html`<p class="count muted" data-test="software-search-count">${t('found', { n: formatCount(devices) })}</p>
      <div class="scroll">
        <table data-test="software-search-results">
          <thead>
            <tr>
              <th>${t('hostname')}</th>
              <th>${t('software')}</th>
              <th>${t('version')}</th>
              <th>${t('publisher')}</th>
            </tr>
          </thead>
          <tbody>
            ${sorted.map(
              (row) =>
                html`<tr data-test="software-search-row">
                  <td class="nowrap">
                    <a href=${devicePath(this.participantId, row.device_id)}>${row.hostname || row.device_id}</a>
                  </td>
                  <td>${row.name}</td>
                  <td class="nowrap">${row.version || '—'}</td>
                  <td>${row.publisher || '—'}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  override render() {
    void this.locale;
    return html`
      <form @submit=${this.submit} data-test="software-search-form">
        <label
          >${t('name')}
          <input
            required
            maxlength="200"
            .value=${this.name}
            @input=${(e: InputEvent) => (this.name = (e.target as HTMLInputElement).value)}
            data-test="software-search-name"
        /></label>
        <label
          >${t('below')}
          <input
            maxlength="50"
            placeholder=${t('belowHint')}
            .value=${this.below}
            @input=${(e: InputEvent) => (this.below = (e.target as HTMLInputElement).value)}
            data-test="software-search-below"
        /></label>
        <button type="submit" class="primary" ?disabled=${this.results.loading} data-test="software-search-submit">
          ${t('search')}
        </button>
      </form>
      ${loadStatus(this.results, 'software-search')}
      ${this.results.value ? this.renderResults(this.results.value) : nothing}
    `;
  }
}
customElements.define('yorozu-software-search', SoftwareSearch);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-software-search': SoftwareSearch;
  }
}
