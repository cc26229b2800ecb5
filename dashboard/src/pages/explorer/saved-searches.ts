import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { copyToClipboard } from '../../components/copy-to-clipboard/copy-to-clipboard.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { formatJst } from '../../format/jst.js';
import { sharedStyles } from '../../styles/theme.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { browserSavedSearches, type SavedSearch, type SavedSearchSource } from './saved-search-store.js';

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
    noneShared: '保存した検索はありません。保存した検索はサーバーに残り、共有すればほかのオペレーターも開けます。',
    share: 'ほかのオペレーターと共有',
    sharedByYou: '共有中',
    sharedBy: '{owner} さんが共有',
    purpose: '目的: {purpose}',
    maintenance: '保守',
    operation: '運用',
    improvement: '改善',
    failed: '保存した検索を扱えませんでした: {message}',
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
    noneShared: 'No saved searches. Saved searches are kept on the server; shared ones other operators can open too.',
    share: 'Share with other operators',
    sharedByYou: 'Shared',
    sharedBy: 'Shared by {owner}',
    purpose: 'Purpose: {purpose}',
    maintenance: 'Maintenance',
    operation: 'Operation',
    improvement: 'Improvement',
    failed: 'Saved searches could not be handled: {message}',
    delete: 'Delete',
    untitled: '(all events)',
    savedAt: 'Saved {time}',
  },
);

/**
 * "Copy link" for the current search, and the saved searches (name + address), each with its own link to copy:
 * an operator's on the server (its own and those others shared, with the purpose they were saved under), a
 * participant user's in this browser (`saved-search-store.ts`). Opening one is an ordinary in-app link.
 */
export class SavedSearches extends LitElement {
  static override properties = {
    currentUrl: { attribute: false },
    suggestedName: { attribute: false },
    source: { attribute: false },
    share: { state: true },
    failure: { state: true },
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
      .status,
      .share,
      li .tag {
        font-size: 0.8rem;
      }
      .share {
        display: flex;
        gap: 4px;
        align-items: center;
        margin: -2px 0 8px;
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
  declare source: SavedSearchSource;
  declare share: boolean;
  declare failure: string;
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
    this.source = browserSavedSearches;
    this.share = false;
    this.failure = '';
    this.open = false;
    this.searches = [];
    this.name = '';
    this.copied = '';
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('source')) void this.run(() => this.source.list());
  }

  /** Every change answers the whole list again, so the count and the list follow the server. */
  private async run(change: () => Promise<SavedSearch[]>) {
    try {
      this.searches = await change();
      this.failure = '';
    } catch (error) {
      this.failure = t('failed', { message: apiErrorText(error) });
    }
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
    void this.run(() => this.source.save(name, this.currentUrl, this.source.shares && this.share));
    this.name = '';
  }

  private toggle() {
    this.open = !this.open;
    if (this.open) void this.run(() => this.source.list());
  }

  private purposeText(purpose: string): string {
    return purpose === 'maintenance' || purpose === 'operation' || purpose === 'improvement'
      ? t('purpose', { purpose: t(purpose) })
      : '';
  }

  private whose(search: SavedSearch) {
    if (!this.source.shares) return nothing;
    const tag = search.mine ? (search.shared ? t('sharedByYou') : '') : t('sharedBy', { owner: search.ownerName });
    const purpose = this.purposeText(search.purpose);
    return html`<small class="muted tag" data-test="saved-search-owner"
      >${[tag, purpose].filter(Boolean).join(' · ')}</small
    >`;
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
              ${
                this.source.shares
                  ? html`<label class="share"
                      ><input
                        type="checkbox"
                        data-test="saved-search-share"
                        .checked=${this.share}
                        @change=${(e: Event) => (this.share = (e.target as HTMLInputElement).checked)}
                      />${t('share')}</label
                    >`
                  : nothing
              }
              ${this.failure ? html`<p class="error" role="alert" data-test="saved-search-error">${this.failure}</p>` : nothing}
              ${
                this.searches.length === 0
                  ? html`<p class="muted">${this.source.shares ? t('noneShared') : t('none')}</p>`
                  : nothing
              }
              <ul>
                ${this.searches.map(
                  (search) =>
                    html`<li data-test="saved-search">
                      <a href=${search.url} title=${search.url} @click=${() => (this.open = false)}
                        >${search.name}<small class="muted"
                          >${t('savedAt', { time: formatJst(search.savedAt, 'datetime') })}</small
                        >${this.whose(search)}</a
                      >
                      ${this.copyStatus(search.key)}
                      <button data-test="saved-search-copy" @click=${() => void this.copy(search.url, search.key)}>
                        ${t('copyLink')}
                      </button>
                      ${
                        search.mine
                          ? html`<button
                              class="danger"
                              data-test="saved-search-delete"
                              @click=${() => void this.run(() => this.source.remove(search))}
                            >
                              ${t('delete')}
                            </button>`
                          : nothing
                      }
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
