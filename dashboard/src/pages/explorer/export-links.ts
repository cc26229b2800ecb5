import { LitElement, css, html } from 'lit';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { exportUrl, type TimeWindow } from './explorer-api.js';

const t = defineMessages(
  { label: '書き出し', csv: 'CSV', json: 'JSON', title: '今の検索の結果をダウンロード (新しい順に最大 100,000 件)' },
  {
    label: 'Export',
    csv: 'CSV',
    json: 'JSON',
    title: 'Download the results of this search (newest first, at most 100,000 rows)',
  },
);

/** Download links for the current search as CSV and JSON (the server sends the file). */
export class ExportLinks extends LitElement {
  static override properties = {
    participantId: { attribute: false },
    query: { attribute: false },
    range: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        gap: 6px;
      }
      .label {
        font-size: 0.85rem;
      }
    `,
  ];
  declare participantId: string;
  declare query: string;
  declare range: TimeWindow | null;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participantId = '';
    this.query = '';
    this.range = null;
  }

  override render() {
    void this.locale;
    const range = this.range;
    if (!range || !this.participantId) return html``;
    return html`
      <span class="label muted" title=${t('title')}>${t('label')}</span>
      <a
        class="button"
        download
        data-test="export-csv"
        title=${t('title')}
        href=${exportUrl(this.participantId, this.query, range, 'csv')}
        >${t('csv')}</a
      >
      <a
        class="button"
        download
        data-test="export-json"
        title=${t('title')}
        href=${exportUrl(this.participantId, this.query, range, 'json')}
        >${t('json')}</a
      >
    `;
  }
}
customElements.define('yorozu-export-links', ExportLinks);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-export-links': ExportLinks;
  }
}
