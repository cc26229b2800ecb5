import { LitElement, css, html, nothing } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import '../../components/confirmation/confirmation.js';
import { sharedStyles } from '../../styles/theme.js';
import { addOperator } from './operators-api.js';

const t = defineMessages(
  {
    title: 'オペレーターを追加する',
    loginName: 'ログイン名',
    displayName: '氏名',
    email: 'メールアドレス（任意）',
    review: '内容を確認する',
    confirm:
      'オペレーター {login}（{name}）を追加します。初期パスワードを生成して一度だけ表示します。最初のサインインで変更が必要です。追加された人は、閲覧目的を選んだうえで全参加者のデータを見られます（閲覧は記録され、参加者に表示されます。第15条）。参加者へのお知らせはありません。',
    send: '追加する',
    back: '戻って直す',
    needAll: 'ログイン名と氏名を入力してください。',
    initial: '{login} の初期パスワード（一度だけ表示します。最初のサインインで変更が必要です）: ',
  },
  {
    title: 'Add an operator',
    loginName: 'Login name',
    displayName: 'Name',
    email: 'E-mail (optional)',
    review: 'Review',
    confirm:
      "The operator {login} ({name}) is added. An initial password is generated and shown once; it must be changed at the first sign-in. The new operator can see every participant's data after choosing a purpose (each look is recorded and shown to the participant, art. 15). No participant is notified.",
    send: 'Add',
    back: 'Back',
    needAll: 'Enter the login name and the name.',
    initial: "{login}'s initial password (shown once; it must be changed at the first sign-in): ",
  },
);

interface NewOperator {
  loginName: string;
  displayName: string;
  email: string;
}

/**
 * The operator accounts screen's form: what is asked, then what will happen (the confirmation), then the initial
 * password shown once.
 * @event operator-added - an operator was added
 */
export class OperatorAddForm extends LitElement {
  static override properties = {
    pending: { state: true },
    issued: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(12em, 1fr));
        gap: 6px;
        align-items: end;
      }
      input {
        width: 100%;
        box-sizing: border-box;
      }
      code {
        overflow-wrap: anywhere;
      }
    `,
  ];
  declare pending: NewOperator | null;
  declare issued: { login: string; password: string } | null;
  declare error: string;
  declare busy: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.pending = null;
    this.issued = null;
    this.error = '';
    this.busy = false;
  }

  private review(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const operator = {
      loginName: String(form.get('loginName') ?? '').trim(),
      displayName: String(form.get('displayName') ?? '').trim(),
      email: String(form.get('email') ?? '').trim(),
    };
    this.issued = null;
    if (!operator.loginName || !operator.displayName) return void (this.error = t('needAll'));
    this.error = '';
    this.pending = operator;
  }

  private async send(): Promise<void> {
    if (!this.pending) return;
    this.busy = true;
    this.error = '';
    try {
      const created = await addOperator(this.pending);
      this.issued = { login: created.account.login_name, password: created.initialPassword ?? '' };
      this.pending = null;
      this.dispatchEvent(new CustomEvent('operator-added', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = apiErrorText(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    void this.locale;
    const pending = this.pending;
    return html`
      <h2>${t('title')}</h2>
      ${
        pending
          ? html`<yorozu-confirmation
              data-test="operator-add-confirm"
              tone="primary"
              confirm-label=${t('send')}
              cancel-label=${t('back')}
              confirm-test="operator-add-send"
              ?busy=${this.busy}
              @confirm=${() => void this.send()}
              @cancel=${() => (this.pending = null)}
            >
              <p>${t('confirm', { login: pending.loginName, name: pending.displayName })}</p>
            </yorozu-confirmation>`
          : html`<form @submit=${this.review} data-test="operator-add">
              <label
                >${t('loginName')}<input name="loginName" maxlength="64" autocomplete="off" data-test="operator-login"
              /></label>
              <label>${t('displayName')}<input name="displayName" maxlength="200" data-test="operator-name" /></label>
              <label>${t('email')}<input name="email" type="email" maxlength="254" data-test="operator-email" /></label>
              <button type="submit" data-test="operator-add-review">${t('review')}</button>
            </form>`
      }
      ${
        this.issued
          ? html`<p class="panel" data-test="operator-issued">
              ${t('initial', { login: this.issued.login })}<code data-test="operator-initial-password"
                >${this.issued.password}</code
              >
            </p>`
          : nothing
      }
      ${this.error ? html`<p class="error" role="alert" data-test="operator-add-error">${this.error}</p>` : nothing}
    `;
  }
}
customElements.define('yorozu-operator-add-form', OperatorAddForm);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-operator-add-form': OperatorAddForm;
  }
}
