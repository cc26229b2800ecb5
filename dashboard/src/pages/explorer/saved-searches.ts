import { LitElement, css, html, nothing } from 'lit';
import { copyToClipboard } from '../../components/copy-to-clipboard/copy-to-clipboard.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { formatJst } from '../../format/jst.js';
import { sharedStyles } from '../../styles/theme.js';
import { deleteSavedSearch, readSavedSearches, saveSearch, type SavedSearch } from './saved-search-store.js';

const t = defineMessages(
  {
    toggle: '保存した検索 ({count})',
    copyLink: 'リンクをコピー',
    copied: 'コピーしました',
    copyFailed: 'コピーできませんでした',
    name: '名前',
    namePlaceholder: 'この検索の名前',
    save: '今の検索を保存',
    none: '保存した検索はありません。保存した検索はこのブラウザーにだけ残ります。',
    delete: '削除',
    untitled: '(すべてのイベント)',
    savedAt: '保存: {time}',
  },
  {
    toggle: 'Saved searches ({count})',
    copyLink: 'Copy link',
    copied: 'Copied',
    copyFailed: 'Could not copy',
    name: 'Name',
    namePlaceholder: 'A name for this search',
    save: 'Save this search',
    none: 'No saved searches. Saved searches stay in this browser only.',
    delete: 'Delete',
    untitled: '(all events)',
    savedAt: 'Saved {time}',
  },
);

/**
 * "Copy link" for the current search, and the searches saved in this browser (name + address), each
 * with its own link to copy. Opening one is an ordinary in-app link.
 */
export class SavedSearches extends LitElement {
  static override properties = {
    currentUrl: { attribute: false },
    suggestedName: { attribute: false },
    open: { type: Boolean, reflect: true },
    searches: { state: true },
    name: { state: true },
    copied: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        position: relative;
      }
      .panel.list {
        position: absolute;
        right: 0;
        top: calc(100% + 4px);
        z-index: 20;
        width: min(440px, calc(100vw - 16px));
        box-shadow: 0 8px 24px rgb(15 23 42 / 0.18);
      }
      form {
        display: flex;
        gap: 6px;
        margin-bottom: 8px;
      }
      form input {
        flex: 1;
        min-width: 0;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        max-height: 50vh;
        overflow: auto;
      }
      li {
        display: flex;
        gap: 6px;
        align-items: center;
        padding: 6px 0;
        border-top: 1px solid var(--line);
      }
      li a {
        flex: 1;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      li small {
        display: block;
      }
      li button {
        font-size: 0.8rem;
        padding: 2px 8px;
      }
      .status {
        font-size: 0.8rem;
      }
      /* On a phone the list opens in the page's flow, under its button, rather than over the page. */
      @media (max-width: 600px) {
        :host([open]) {
          flex-basis: 100%;
        }
        .panel.list {
          position: static;
          width: auto;
          margin-top: 6px;
          box-shadow: none;
        }
      }
    `,
  ];
  declare currentUrl: string;
  declare suggestedName: string;
  declare open: boolean;
  declare searches: SavedSearch[];
  declare name: string;
  declare copied: string;
  private readonly locale = new LocaleController(this);
  private copiedTimer: number | undefined;

  constructor() {
    super();
    this.currentUrl = '';
    this.suggestedName = '';
    this.open = false;
    this.searches = readSavedSearches();
    this.name = '';
    this.copied = '';
  }

  override disconnectedCallback(): void {
    window.clearTimeout(this.copiedTimer);
    super.disconnectedCallback();
  }

  private async copy(url: string, key: string) {
    const ok = await copyToClipboard(new URL(url, location.origin).href);
    this.copied = ok ? key : `failed:${key}`;
    window.clearTimeout(this.copiedTimer);
    this.copiedTimer = window.setTimeout(() => (this.copied = ''), 2000);
  }

  private copyStatus(key: string) {
    if (this.copied === key) return html`<span class="status muted" role="status">${t('copied')}</span>`;
    if (this.copied === `failed:${key}`)
      return html`<span class="status error" role="status">${t('copyFailed')}</span>`;
    return nothing;
  }

  private save(event: Event) {
    event.preventDefault();
    const name = this.name.trim() || this.suggestedName || t('untitled');
    this.searches = saveSearch(name, this.currentUrl);
    this.name = '';
  }

  private toggle() {
    this.open = !this.open;
    if (this.open) this.searches = readSavedSearches();
  }

  override render() {
    void this.locale;
    return html`
      <div class="row">
        <button data-test="copy-link" @click=${() => void this.copy(this.currentUrl, 'current')}>
          ${t('copyLink')}
        </button>
        ${this.copyStatus('current')}
        <button data-test="saved-searches-toggle" aria-expanded=${this.open ? 'true' : 'false'} @click=${this.toggle}>
          ${t('toggle', { count: this.searches.length })}
        </button>
      </div>
      ${
        this.open
          ? html`<div
              class="panel list"
              data-test="saved-searches"
              @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.open = false)}
            >
              <form @submit=${this.save}>
                <input
                  aria-label=${t('name')}
                  placeholder=${this.suggestedName || t('namePlaceholder')}
                  data-test="saved-search-name"
                  .value=${this.name}
                  @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)}
                />
                <button type="submit" class="primary" data-test="save-search">${t('save')}</button>
              </form>
              ${this.searches.length === 0 ? html`<p class="muted">${t('none')}</p>` : nothing}
              <ul>
                ${this.searches.map(
                  (search) =>
                    html`<li data-test="saved-search">
                      <a href=${search.url} title=${search.url} @click=${() => (this.open = false)}
                        >${search.name}<small class="muted"
                          >${t('savedAt', { time: formatJst(search.savedAt, 'datetime') })}</small
                        ></a
                      >
                      ${this.copyStatus(search.name)}
                      <button data-test="saved-search-copy" @click=${() => void this.copy(search.url, search.name)}>
                        ${t('copyLink')}
                      </button>
                      <button
                        class="danger"
                        data-test="saved-search-delete"
                        @click=${() => (this.searches = deleteSavedSearch(search.name))}
                      >
                        ${t('delete')}
                      </button>
                    </li>`,
                )}
              </ul>
            </div>`
          : nothing
      }
    `;
  }
}
customElements.define('yorozu-saved-searches', SavedSearches);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-saved-searches': SavedSearches;
  }
}
