import { LitElement, html } from 'lit';
import { api } from '../api/api-client.js';
import { apiErrorText } from '../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../i18n/i18n.js';
import { sharedStyles } from '../styles/theme.js';
import { cssText } from '../styles/css-text.js';

const t = defineMessages(
  {
    title: 'パスワードの変更',
    intro: '発行されたパスワードのままです。新しいパスワード（12文字以上）を設定してください。',
    current: '現在のパスワード',
    next: '新しいパスワード',
    submit: '変更する',
    voluntary:
      '新しいパスワード（12文字以上）を設定してください。変更すると、このアカウントの他のセッションは終了します。',
    changed: 'パスワードを変更しました。',
  },
  {
    title: 'Change your password',
    intro: 'This account still has the password it was issued with. Choose a new one (12 characters or more).',
    current: 'Current password',
    next: 'New password',
    submit: 'Change',
    voluntary: "Choose a new password (12 characters or more). Your account's other sessions end when it changes.",
    changed: 'Your password was changed.',
  },
);

/**
 * Shown while the account must replace a generated password, and at `/password` whenever the user wants to change
 * it (`voluntary`). @event password-changed
 */
export class PasswordPage extends LitElement {
  static override properties = { error: { state: true }, done: { state: true }, voluntary: { type: Boolean } };
  static override styles = [sharedStyles];
  declare error: string;
  declare done: boolean;
  declare voluntary: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.error = '';
    this.done = false;
    this.voluntary = false;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    try {
      await api('POST', '/api/v1/me/password', { currentPassword: form.get('current'), newPassword: form.get('next') });
      this.done = true;
      (event.target as HTMLFormElement | null)?.reset();
      this.dispatchEvent(new CustomEvent('password-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.done = false;
      this.error = apiErrorText(error);
    }
  }

  override render() {
    void this.locale;
    return html`
      <form
        class="panel"
        ${cssText(`max-width: 420px; margin: 48px auto; display: grid; gap: 12px`)}
        @submit=${this.submit}
      >
        <h1>${t('title')}</h1>
        <p class="muted">${this.voluntary ? t('voluntary') : t('intro')}</p>
        <label
          >${t('current')}<br /><input
            name="current"
            type="password"
            autocomplete="current-password"
            required
            ${cssText(`width: 100%`)}
        /></label>
        <label
          >${t('next')}<br /><input
            name="next"
            type="password"
            autocomplete="new-password"
            minlength="12"
            required
            ${cssText(`width: 100%`)}
        /></label>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
        ${this.done && this.voluntary ? html`<p role="status" data-test="password-changed">${t('changed')}</p>` : ''}
        <button class="primary" type="submit">${t('submit')}</button>
      </form>
    `;
  }
}
customElements.define('yorozu-password-page', PasswordPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-password-page': PasswordPage;
  }
}
