import { LitElement, css, html, nothing } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { agreeToTerms, fetchTermsText, type TermsStanding, type TermsVersion } from './terms-api.js';

const t = defineMessages(
  {
    titleNew: '規約が改定されました',
    titleFirst: '規約への同意のお願い',
    introInForce:
      '現在施行中の規約（第{version}版、{date}施行）に同意すると、引き続きご利用いただけます（規約第2条）。',
    introComing: '規約の新しい版（第{version}版）が{date}に施行されます。施行日以降は同意が必要です。',
    changes: '主な変更点',
    fullText: '規約の全文',
    check: '上記の規約（第{version}版）を読み、同意します',
    agree: '同意する',
    later: 'あとで',
    loading: '規約を読み込み中…',
  },
  {
    titleNew: 'The terms have changed',
    titleFirst: 'Please agree to the terms',
    introInForce:
      'To keep using the desk, agree to the terms in force (version {version}, in force since {date}; art. 2).',
    introComing:
      'A new version of the terms (version {version}) takes effect on {date}; from then on your agreement is needed.',
    changes: 'What changed',
    fullText: 'Full text of the terms (Japanese)',
    check: 'I have read the terms above (version {version}) and agree to them',
    agree: 'Agree',
    later: 'Later',
    loading: 'Loading the terms…',
  },
);

/**
 * Asked at sign-in (art. 2, 3): the participant's user reads the version in force that its participant
 * has not agreed to (or a published coming one, which may wait) and agrees to it.
 * @event terms-agreed - the agreement is recorded
 * @event terms-later - the user puts off a coming version (only when none is required now)
 */
export class TermsAgreement extends LitElement {
  static override properties = {
    participantId: {},
    standing: { attribute: false },
    text: { state: true },
    checked: { state: true },
    error: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        max-width: 820px;
        margin: 24px auto;
      }
      .text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        max-height: 50vh;
        overflow-y: auto;
        border: 1px solid var(--line);
        padding: 12px;
        font-size: 0.9rem;
        background: #fff;
      }
      .actions {
        display: flex;
        gap: 10px;
        flex-wrap: wrap;
        margin-top: 12px;
      }
    `,
  ];
  declare participantId: string;
  declare standing: TermsStanding;
  declare text: string | null;
  declare checked: boolean;
  declare error: string;
  private readonly locale = new LocaleController(this);
  private loadedVersion = '';

  constructor() {
    super();
    this.participantId = '';
    this.text = null;
    this.checked = false;
    this.error = '';
  }

  /** The version asked for: the one in force when it is not agreed, otherwise the coming one. */
  private get asked(): TermsVersion {
    return this.standing.mustAgree || !this.standing.coming ? this.standing.inForce : this.standing.coming;
  }

  override willUpdate(): void {
    const version = this.asked.version;
    if (version === this.loadedVersion) return;
    this.loadedVersion = version;
    this.text = null;
    fetchTermsText(version).then(
      (text) => (this.text = text),
      (error: unknown) => (this.error = apiErrorText(error)),
    );
  }

  private async agree(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    try {
      await agreeToTerms(this.participantId, this.asked.version);
      this.dispatchEvent(new CustomEvent('terms-agreed', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  override render() {
    void this.locale;
    const asked = this.asked;
    const first = this.standing.agreements.length === 0;
    const required = asked === this.standing.inForce;
    return html`<form class="panel" data-test="terms-agreement" data-version=${asked.version} @submit=${this.agree}>
      <h1>${first ? t('titleFirst') : t('titleNew')}</h1>
      <p>
        ${
          required
            ? t('introInForce', { version: asked.version, date: asked.effective_on })
            : t('introComing', { version: asked.version, date: asked.effective_on })
        }
      </p>
      <h2>${language() === 'ja' ? asked.title_ja : asked.title_en}</h2>
      ${
        first
          ? nothing
          : html`<h3>${t('changes')}</h3>
              <p data-test="terms-summary">${language() === 'ja' ? asked.summary_ja : asked.summary_en}</p>`
      }
      <h3>${t('fullText')}</h3>
      <div class="text" data-test="terms-text" tabindex="0">${this.text ?? t('loading')}</div>
      <label
        ><input
          type="checkbox"
          data-test="terms-check"
          .checked=${this.checked}
          @change=${(e: Event) => (this.checked = (e.target as HTMLInputElement).checked)}
        />
        ${t('check', { version: asked.version })}</label
      >
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit" data-test="terms-agree" ?disabled=${!this.checked || this.text === null}>
          ${t('agree')}
        </button>
        ${
          required
            ? nothing
            : html`<button
                type="button"
                data-test="terms-later"
                @click=${() => this.dispatchEvent(new CustomEvent('terms-later', { bubbles: true, composed: true }))}
              >
                ${t('later')}
              </button>`
        }
      </div>
    </form>`;
  }
}
customElements.define('yorozu-terms-agreement', TermsAgreement);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-terms-agreement': TermsAgreement;
  }
}
