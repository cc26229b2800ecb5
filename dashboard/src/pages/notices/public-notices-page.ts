import { LitElement, css, html, nothing } from 'lit';
import type { PublicNotices } from '../../api/contract.js';
import { formatJst } from '../../format/jst.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { fetchPublicNotices } from '../terms/terms-api.js';

const t = defineMessages(
  {
    title: '実証実験のお知らせ',
    intro: '参加者全体へのお知らせです。この掲載をもって通知が到達したものとみなします（規約第21条第1項）。',
    empty: 'お知らせはありません。',
    posted: '掲載',
    terms: '規約（施行中の版と改定の履歴）',
  },
  {
    title: 'Notices of the trial',
    intro: 'Notices to all participants. A notice counts as delivered when posted here (terms art. 21 (1)).',
    empty: 'No notices.',
    posted: 'Posted',
    terms: 'The terms (version in force and past versions)',
  },
);

/** The public notices page: trial-wide notices posted on the web (art. 21 (1)), no sign-in needed. */
export class PublicNoticesPage extends LitElement {
  static override properties = { notices: { state: true }, error: { state: true } };
  static override styles = [
    sharedStyles,
    css`
      article {
        border-bottom: 1px solid var(--line);
        padding: 10px 0;
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 4px;
        overflow-wrap: anywhere;
      }
      p.body {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
    `,
  ];
  declare notices: PublicNotices['notices'] | null;
  declare error: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.notices = null;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    fetchPublicNotices().then(
      (notices) => (this.notices = notices),
      (error: unknown) => (this.error = apiErrorText(error)),
    );
  }

  override render() {
    void this.locale;
    const ja = language() === 'ja';
    return html`<section class="panel" data-test="public-notices">
      <h1>${t('title')}</h1>
      <p class="muted">${t('intro')}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.notices?.length === 0 ? html`<p>${t('empty')}</p>` : nothing}
      ${(this.notices ?? []).map(
        (n) =>
          html`<article data-test="public-notice" data-kind=${n.kind}>
            <h2>${ja ? n.subject_ja : n.subject_en || n.subject_ja}</h2>
            <p class="muted">${t('posted')} ${formatJst(n.created_at, 'datetime')}</p>
            <p class="body">${ja ? n.body_ja : n.body_en || n.body_ja}</p>
          </article>`,
      )}
      <p><a href="/terms">${t('terms')}</a></p>
    </section>`;
  }
}
customElements.define('yorozu-public-notices-page', PublicNoticesPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-public-notices-page': PublicNoticesPage;
  }
}
