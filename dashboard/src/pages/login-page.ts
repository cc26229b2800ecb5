import { LitElement, html } from 'lit';
import { ApiFailure } from '../api/api-client.js';
import { signIn } from '../api/session.js';
import { formatJst } from '../format/jst.js';
import { apiErrorText } from '../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../i18n/i18n.js';
import { sharedStyles } from '../styles/theme.js';
import { cssText } from '../styles/css-text.js';

const t = defineMessages(
  {
    title: 'サインイン',
    loginName: 'ログイン名',
    password: 'パスワード',
    submit: 'サインイン',
    apply: 'まだ参加していない組織の方: 参加を申し込む',
    busy: 'サインイン中…',
    lockedUntil: '（{at} まで）',
    wrong: 'ログイン名またはパスワードが違います。',
  },
  {
    title: 'Sign in',
    loginName: 'Login name',
    password: 'Password',
    submit: 'Sign in',
    apply: 'Not taking part yet? Apply to take part',
    busy: 'Signing in…',
    lockedUntil: ' (until {at})',
    wrong: 'The login name or the password is wrong.',
  },
);

/**
 * The sign-in form. Shows the server's reason when it refuses (wrong password, locked, suspended).
 * @event signed-in - after the server accepted the password.
 */
export class LoginPage extends LitElement {
  static override properties = { error: { state: true }, busy: { state: true } };
  static override styles = [sharedStyles];
  declare error: string;
  declare busy: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.error = '';
    this.busy = false;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = '';
    try {
      await signIn(String(form.get('loginName') ?? ''), String(form.get('password') ?? ''));
      this.dispatchEvent(new CustomEvent('signed-in', { bubbles: true, composed: true }));
    } catch (error) {
      const until = error instanceof ApiFailure ? error.details.lockedUntil : undefined;
      this.error =
        error instanceof ApiFailure && error.code === 'invalid_credentials'
          ? t('wrong')
          : `${apiErrorText(error)}${typeof until === 'string' ? t('lockedUntil', { at: formatJst(until, 'datetime') }) : ''}`;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    void this.locale;
    return html`
      <form
        class="panel"
        ${cssText(`max-width: 360px; margin: 48px auto; display: grid; gap: 12px`)}
        @submit=${this.submit}
      >
        <h1>${t('title')}</h1>
        <label
          >${t('loginName')}<br /><input name="loginName" autocomplete="username" required ${cssText(`width: 100%`)}
        /></label>
        <label
          >${t('password')}<br /><input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            ${cssText(`width: 100%`)}
        /></label>
        ${this.error ? html`<p class="error" role="alert" data-test="login-error">${this.error}</p>` : ''}
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? t('busy') : t('submit')}</button>
      </form>
      <p ${cssText(`text-align: center`)}><a href="/apply" data-test="login-apply">${t('apply')}</a></p>
    `;
  }
}
customElements.define('yorozu-login-page', LoginPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-login-page': LoginPage;
  }
}
