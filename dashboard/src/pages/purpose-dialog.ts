import { LitElement, html } from 'lit';
import { apiErrorText } from '../i18n/api-errors.js';
import { api } from '../api/api-client.js';
import { defineMessages, LocaleController } from '../i18n/i18n.js';
import { sharedStyles } from '../styles/theme.js';
import { cssText } from '../styles/css-text.js';

const t = defineMessages(
  {
    title: '参加者データを閲覧する目的',
    intro:
      '利用規約第15条により、参加者のデータは本サービスの保守・運用・改善の目的でのみ閲覧できます。この調査の目的を選んでください。閲覧の記録は参加者にも表示されます。',
    maintenance: '保守',
    operation: '運用',
    improvement: '改善',
    note: 'メモ（チケット番号など）',
    submit: 'この目的で続ける',
  },
  {
    title: 'Why are you opening participant data?',
    intro:
      'Under art. 15 of the terms, participant data may be opened only to maintain, operate or improve the service. Choose the purpose of this investigation. The participant sees the record of your access.',
    maintenance: 'Maintenance',
    operation: 'Operation',
    improvement: 'Improvement',
    note: 'Note (ticket number, etc.)',
    submit: 'Continue with this purpose',
  },
);

/** Asked once per session before an operator opens a participant's data (art. 15). @event purpose-chosen */
export class PurposeDialog extends LitElement {
  static override properties = { error: { state: true } };
  static override styles = [sharedStyles];
  declare error: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.error = '';
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    try {
      await api('PUT', '/api/v1/auth/session/purpose', { purpose: form.get('purpose'), note: form.get('note') ?? '' });
      this.dispatchEvent(new CustomEvent('purpose-chosen', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  override render() {
    void this.locale;
    return html`
      <form
        class="panel"
        ${cssText(`max-width: 520px; margin: 48px auto; display: grid; gap: 12px`)}
        @submit=${this.submit}
        data-test="purpose-dialog"
      >
        <h1>${t('title')}</h1>
        <p class="muted">${t('intro')}</p>
        <div class="row">
          ${(['maintenance', 'operation', 'improvement'] as const).map(
            (purpose, index) =>
              html`<label
                ><input type="radio" name="purpose" value=${purpose} ?checked=${index === 1} /> ${t(purpose)}</label
              >`,
          )}
        </div>
        <label>${t('note')}<br /><input name="note" maxlength="500" ${cssText(`width: 100%`)} /></label>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
        <button class="primary" type="submit">${t('submit')}</button>
      </form>
    `;
  }
}
customElements.define('yorozu-purpose-dialog', PurposeDialog);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-purpose-dialog': PurposeDialog;
  }
}
