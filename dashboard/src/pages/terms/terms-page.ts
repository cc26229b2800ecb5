import { LitElement, css, html, nothing } from 'lit';
import { formatJst } from '../../format/jst.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { fetchTermsText, fetchTermsVersions, type TermsVersion } from './terms-api.js';

const t = defineMessages(
  {
    title: '規約',
    inForce: '施行中の規約',
    versions: '改定の履歴',
    version: '版',
    effective: '施行日',
    changes: '変更点',
    published: '公表',
    state: '状態',
    stateInForce: '施行中',
    statePast: '過去の版',
    stateComing: '施行予定',
    read: '全文を読む',
    loading: '読み込み中…',
    notices: '参加者全体へのお知らせ',
  },
  {
    title: 'Terms',
    inForce: 'Terms in force',
    versions: 'Versions',
    version: 'Version',
    effective: 'In force from',
    changes: 'What changed',
    published: 'Published',
    state: 'State',
    stateInForce: 'In force',
    statePast: 'Past version',
    stateComing: 'Coming',
    read: 'Read the full text',
    loading: 'Loading…',
    notices: 'Notices to all participants',
  },
);

/**
 * The public terms page (art. 2), readable without signing in: the version in force with its full
 * text, and every past and coming version with its effective date and what changed (`?version=` opens one).
 */
export class TermsPage extends LitElement {
  static override properties = {
    selected: {},
    versions: { state: true },
    inForce: { state: true },
    text: { state: true },
    error: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        font-size: 0.9rem;
      }
      .table-wrap {
        overflow-x: auto;
      }
      td {
        overflow-wrap: anywhere;
      }
    `,
  ];
  declare selected: string;
  declare versions: TermsVersion[];
  declare inForce: TermsVersion | null;
  declare text: string | null;
  declare error: string;
  private readonly locale = new LocaleController(this);
  private shownVersion = '';

  constructor() {
    super();
    this.selected = '';
    this.versions = [];
    this.inForce = null;
    this.text = null;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    fetchTermsVersions().then(
      (answer) => {
        this.versions = answer.versions;
        this.inForce = answer.inForce;
      },
      (error: unknown) => (this.error = apiErrorText(error)),
    );
  }

  override willUpdate(): void {
    const version = this.selected || this.inForce?.version || '';
    if (!version || version === this.shownVersion) return;
    this.shownVersion = version;
    this.text = null;
    fetchTermsText(version).then(
      (text) => (this.text = text),
      (error: unknown) => (this.error = apiErrorText(error)),
    );
  }

  private stateOf(version: TermsVersion): string {
    if (version.version === this.inForce?.version) return t('stateInForce');
    return this.inForce && version.effective_on > this.inForce.effective_on ? t('stateComing') : t('statePast');
  }

  override render() {
    void this.locale;
    const ja = language() === 'ja';
    const shown = this.versions.find((v) => v.version === this.shownVersion) ?? this.inForce;
    return html`<section class="panel" data-test="terms-page">
      <h1>${t('title')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.inForce
          ? html`<p data-test="terms-in-force">
              ${t('inForce')}: ${ja ? this.inForce.title_ja : this.inForce.title_en} (${t('version')}
              ${this.inForce.version}, ${t('effective')} ${this.inForce.effective_on})
            </p>`
          : nothing
      }
      <h2>${t('versions')}</h2>
      <div class="table-wrap">
        <table data-test="terms-versions">
          <thead>
            <tr>
              <th>${t('version')}</th>
              <th>${t('effective')}</th>
              <th>${t('state')}</th>
              <th>${t('changes')}</th>
              <th>${t('published')}</th>
            </tr>
          </thead>
          <tbody>
            ${[...this.versions].reverse().map(
              (v) =>
                html`<tr data-test="terms-version" data-version=${v.version}>
                  <td><a href=${`/terms?version=${encodeURIComponent(v.version)}`}>${v.version}</a></td>
                  <td>${v.effective_on}</td>
                  <td>${this.stateOf(v)}</td>
                  <td>${ja ? v.summary_ja : v.summary_en}</td>
                  <td>${formatJst(v.published_at, 'date')}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        shown
          ? html`<h2 data-test="terms-shown" data-version=${shown.version}>
                ${ja ? shown.title_ja : shown.title_en} (${t('version')} ${shown.version})
              </h2>
              <div class="text" data-test="terms-text">${this.text ?? t('loading')}</div>`
          : nothing
      }
      <p><a href="/public/notices">${t('notices')}</a></p>
    </section>`;
  }
}
customElements.define('yorozu-terms-page', TermsPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-terms-page': TermsPage;
  }
}
