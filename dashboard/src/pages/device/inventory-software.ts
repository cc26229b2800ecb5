import { LitElement, css, html } from 'lit';
import { isSet } from '../../format/event-summary.js';
import { formatJst } from '../../format/jst.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import type { InstalledSoftware } from './device-api.js';

const t = defineMessages(
  {
    filter: '名前・発行元で絞り込み',
    name: '名前',
    version: 'バージョン',
    publisher: '発行元',
    installedAt: 'インストール日',
    count: '{shown} / {total} 件',
    none: '該当するソフトウェアはありません。',
  },
  {
    filter: 'Filter by name or publisher',
    name: 'Name',
    version: 'Version',
    publisher: 'Publisher',
    installedAt: 'Installed on',
    count: '{shown} of {total}',
    none: 'No software matches.',
  },
);

/** The device's installed software, filtered in the page by name or publisher. */
export class InventorySoftware extends LitElement {
  static override properties = { software: { attribute: false }, filter: { state: true } };
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
        min-width: 600px;
      }
      td.nowrap {
        white-space: nowrap;
      }
    `,
  ];
  declare software: InstalledSoftware[];
  declare filter: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.software = [];
    this.filter = '';
  }

  override render() {
    void this.locale;
    const needle = this.filter.trim().toLocaleLowerCase();
    const rows = (
      needle
        ? this.software.filter((s) => `${s.name}\u0000${s.publisher}`.toLocaleLowerCase().includes(needle))
        : this.software
    )
      .slice()
      .sort((a, b) => a.name.localeCompare(b.name));
    return html`
      <div class="controls">
        <input
          type="search"
          .value=${this.filter}
          @input=${(e: InputEvent) => (this.filter = (e.target as HTMLInputElement).value)}
          placeholder=${t('filter')}
          aria-label=${t('filter')}
          data-test="software-filter"
        />
        <span class="muted" data-test="software-count"
          >${t('count', { shown: formatCount(rows.length), total: formatCount(this.software.length) })}</span
        >
      </div>
      <div class="scroll">
        <table data-test="software-table">
          <thead>
            <tr>
              <th>${t('name')}</th>
              <th>${t('version')}</th>
              <th>${t('publisher')}</th>
              <th>${t('installedAt')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (s) =>
                html`<tr data-test="software-row">
                  <td>${s.name}</td>
                  <td class="nowrap">${s.version || '—'}</td>
                  <td>${s.publisher || '—'}</td>
                  <td class="nowrap">${isSet(s.installed_at) ? formatJst(s.installed_at, 'date') : '—'}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${rows.length === 0 ? html`<p class="muted">${t('none')}</p>` : ''}
    `;
  }
}
customElements.define('yorozu-inventory-software', InventorySoftware);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-inventory-software': InventorySoftware;
  }
}
