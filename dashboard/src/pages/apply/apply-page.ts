import { LitElement, css, html, nothing } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import {
  DETAIL_FIELDS,
  fetchTermsInForce,
  fetchTermsText,
  followUpPath,
  submitApplication,
  type ApplicationDetails,
  type TermsInForce,
} from './apply-api.js';

const t = defineMessages(
  {
    title: '参加の申込み',
    intro:
      'よろず相談窓口の試行への参加を申し込みます（規約第3条）。申込みを受け付けた後、窓口で内容を確認し、必要に応じてご質問します。',
    organisation: '組織名（法人名）',
    representative: '代表者',
    address: '所在地',
    phone: '電話番号',
    contactName: 'ご担当者',
    contactEmail: 'ご担当者のメールアドレス',
    terms: '利用規約',
    termsVersion: '版 {version}（{from} から適用）',
    showTerms: '規約の全文を読む',
    agree: '利用規約（版 {version}）に同意します',
    privacy: '個人情報はプライバシーポリシーに従って取り扱います（規約第23条）。',
    privacyLink: 'プライバシーポリシー（規約第23条）',
    submit: '申し込む',
    sending: '送信しています…',
    required: '「{field}」を入力してください。',
    mustAgree: '申し込むには利用規約への同意が必要です。',
    done: '申込みを受け付けました',
    doneText:
      '窓口からの質問への回答と審査の結果は、次のページで確認できます。このページのアドレスは他の人に知らせず、ブックマークして保管してください（再表示できません）。',
    followUp: '申込みの状況を見る',
    loading: '読み込み中…',
  },
  {
    title: 'Apply to take part',
    intro:
      'Apply to take part in the Yorozu desk trial (terms art. 3). The desk checks the application and may ask you questions.',
    organisation: 'Organisation',
    representative: 'Representative',
    address: 'Address',
    phone: 'Phone',
    contactName: 'Contact person',
    contactEmail: "Contact person's e-mail",
    terms: 'Terms of use',
    termsVersion: 'Version {version} (in force from {from})',
    showTerms: 'Read the full terms',
    agree: 'I agree to the terms of use (version {version})',
    privacy: 'Personal information is handled under the privacy policy (terms art. 23).',
    privacyLink: 'Privacy policy (terms art. 23)',
    submit: 'Apply',
    sending: 'Sending…',
    required: 'Enter "{field}".',
    mustAgree: 'Agreeing to the terms is required to apply.',
    done: 'Your application is received',
    doneText:
      "The desk's questions and the decision are on the next page. Keep its address to yourself and bookmark it: it cannot be shown again.",
    followUp: 'Follow the application',
    loading: 'Loading…',
  },
);

/**
 * `/apply` (public, terms art. 3): the organisation's details and contacts, the terms in force with their version
 * and a required agreement, the privacy policy (art. 23), then the follow-up link that carries the applicant token.
 */
export class ApplyPage extends LitElement {
  static override properties = {
    terms: { state: true },
    termsText: { state: true },
    sending: { state: true },
    error: { state: true },
    followUp: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        max-width: 760px;
        margin: 0 auto;
      }
      form {
        display: grid;
        gap: 10px;
      }
      label {
        display: grid;
        gap: 4px;
      }
      label.check {
        display: flex;
        gap: 8px;
        align-items: flex-start;
      }
      input:not([type='checkbox']) {
        width: 100%;
      }
      pre {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        max-height: 40vh;
        overflow: auto;
        font: inherit;
        font-size: 0.85rem;
      }
    `,
  ];
  declare terms: TermsInForce | null;
  declare termsText: string;
  declare sending: boolean;
  declare error: string;
  declare followUp: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.terms = null;
    this.termsText = '';
    this.sending = false;
    this.error = '';
    this.followUp = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    fetchTermsInForce().then(
      (terms) => (this.terms = terms),
      (error: unknown) => (this.error = apiErrorText(error)),
    );
  }

  private async showTerms(event: Event): Promise<void> {
    if (!(event.target as HTMLDetailsElement).open || this.termsText || !this.terms) return;
    try {
      this.termsText = await fetchTermsText(this.terms.terms.version);
    } catch (error) {
      this.termsText = apiErrorText(error);
    }
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.terms) return;
    const value = (name: string) =>
      (this.renderRoot.querySelector(`[name=${name}]`) as HTMLInputElement | null)?.value.trim() ?? '';
    const missing = DETAIL_FIELDS.find((field) => !value(field));
    const agreed = (this.renderRoot.querySelector('[name=agree]') as HTMLInputElement).checked;
    this.error = missing ? t('required', { field: t(missing) }) : !agreed ? t('mustAgree') : '';
    if (this.error) return;
    const details = Object.fromEntries(
      DETAIL_FIELDS.map((field) => [field, value(field)]),
    ) as unknown as ApplicationDetails;
    this.sending = true;
    try {
      const created = await submitApplication(details, this.terms.terms.version);
      this.followUp = followUpPath(created.applicationId, created.applicantToken);
    } catch (error) {
      this.error = apiErrorText(error);
    } finally {
      this.sending = false;
    }
  }

  private renderTerms(terms: TermsInForce) {
    const title = language() === 'en' && terms.terms.title_en ? terms.terms.title_en : terms.terms.title_ja;
    return html`<section class="panel" data-test="apply-terms">
      <h2>${t('terms')}: ${title}</h2>
      <p data-test="apply-terms-version">
        ${t('termsVersion', { version: terms.terms.version, from: terms.terms.effectiveFrom })}
      </p>
      <details @toggle=${(e: Event) => void this.showTerms(e)}>
        <summary>${t('showTerms')}</summary>
        <pre>${this.termsText || t('loading')}</pre>
      </details>
      <p class="muted">
        ${t('privacy')}
        ${
          terms.privacyPolicyUrl
            ? html`<a href=${terms.privacyPolicyUrl} target="_blank" rel="noopener" data-test="apply-privacy"
                >${t('privacyLink')}</a
              >`
            : nothing
        }
      </p>
    </section>`;
  }

  override render() {
    void this.locale;
    if (this.followUp)
      return html`<h1>${t('done')}</h1>
        <section class="panel" data-test="apply-done">
          <p>${t('doneText')}</p>
          <p><a href=${this.followUp} data-test="apply-follow-up">${t('followUp')}</a></p>
        </section>`;
    return html`
      <h1>${t('title')}</h1>
      <p class="muted">${t('intro')}</p>
      <form @submit=${this.submit} novalidate data-test="apply-form">
        ${DETAIL_FIELDS.map(
          (field) =>
            html`<label
              >${t(field)}<input
                name=${field}
                type=${field === 'contactEmail' ? 'email' : field === 'phone' ? 'tel' : 'text'}
                maxlength=${field === 'address' ? 500 : 200}
                data-test=${`apply-${field}`}
            /></label>`,
        )}
        ${this.terms ? this.renderTerms(this.terms) : html`<p class="muted">${t('loading')}</p>`}
        <label class="check"
          ><input type="checkbox" name="agree" data-test="apply-agree" />
          <span>${t('agree', { version: this.terms?.terms.version ?? '' })}</span></label
        >
        ${this.error ? html`<p class="error" role="alert" data-test="apply-error">${this.error}</p>` : nothing}
        <div>
          <button type="submit" class="primary" ?disabled=${this.sending || !this.terms} data-test="apply-submit">
            ${this.sending ? t('sending') : t('submit')}
          </button>
        </div>
      </form>
    `;
  }
}
customElements.define('yorozu-apply-page', ApplyPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-apply-page': ApplyPage;
  }
}
