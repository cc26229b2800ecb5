import { LitElement, css, html, nothing } from 'lit';
import type { Account } from '../../api/contract.js';
import { formatJst } from '../../format/jst.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { resetPassword, unlockAccount } from './account-recovery-api.js';

const t = defineMessages(
  {
    reset: 'パスワードを再設定',
    unlock: 'ロックを解除',
    confirmReset:
      '{login} のパスワードを仮のパスワードに置き換えます。今のサインインはすべて終わり、次のサインインで新しいパスワードの設定が必要になります。',
    tellUser:
      '本人に「パスワード再設定のお知らせ」（第20条）をポータルとメールで送ります。仮のパスワードはお知らせに含まれないため、本人確認のうえ窓口から伝えてください。',
    tellOperator: 'オペレーターには規約のお知らせは送りません。仮のパスワードは窓口から直接伝えてください。',
    confirm: '再設定する',
    cancel: 'やめる',
    temporary: '{login} の仮のパスワード（一度だけ表示します。次のサインインで変更が必要です）: ',
    unlocked: '{login} のロックを解除しました（{until} までロックされていました）。',
    unlockedTold: '本人にお知らせを送りました。',
    notLocked: '{login} はロックされていませんでした。失敗の回数は数え直しになります。',
  },
  {
    reset: 'Reset password',
    unlock: 'Unlock',
    confirmReset:
      "{login}'s password is replaced by a temporary one. Every session of the account ends, and a new password must be chosen at the next sign-in.",
    tellUser:
      'The user gets the notice "your password was reset" (art. 20) in the portal and by e-mail. The temporary password is not in it: give it to the user yourself, once you know who you are talking to.',
    tellOperator: 'Operators get no notice under the terms; give the temporary password to the operator yourself.',
    confirm: 'Reset',
    cancel: 'Cancel',
    temporary: "{login}'s temporary password (shown once; it must be changed at the next sign-in): ",
    unlocked: '{login} is unlocked (it was locked until {until}).',
    unlockedTold: 'The user was sent a notice.',
    notLocked: '{login} was not locked; its count of failed sign-ins starts afresh.',
  },
);

/**
 * <yorozu-account-recovery> (operators): reset an account's password to a temporary one (after a confirmation
 * saying what happens and who is told) and unlock a login locked after failed sign-ins. Used by the participant's
 * page (portal users) and the operator accounts screen.
 */
export class AccountRecovery extends LitElement {
  static override properties = {
    account: { attribute: false },
    confirming: { state: true },
    temporary: { state: true },
    message: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
      }
      code {
        overflow-wrap: anywhere;
      }
      p {
        margin: 6px 0;
      }
    `,
  ];
  declare account: Account | null;
  declare confirming: boolean;
  declare temporary: string;
  declare message: string;
  declare error: string;
  declare busy: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.account = null;
    this.confirming = false;
    this.temporary = '';
    this.message = '';
    this.error = '';
    this.busy = false;
  }

  private async run(action: (account: Account) => Promise<void>): Promise<void> {
    if (!this.account) return;
    this.busy = true;
    this.error = '';
    this.message = '';
    try {
      await action(this.account);
    } catch (error) {
      this.error = apiErrorText(error);
    } finally {
      this.busy = false;
    }
  }

  private readonly reset = () =>
    this.run(async (account) => {
      this.temporary = (await resetPassword(account.account_id)).temporaryPassword;
      this.confirming = false;
    });

  private readonly unlock = () =>
    this.run(async (account) => {
      const { wasLockedUntil } = await unlockAccount(account.account_id);
      const login = account.login_name;
      this.message = wasLockedUntil
        ? `${t('unlocked', { login, until: formatJst(wasLockedUntil, 'datetime') })}${account.role === 'participant_user' ? t('unlockedTold') : ''}`
        : t('notLocked', { login });
    });

  override render() {
    void this.locale;
    const account = this.account;
    if (!account) return nothing;
    const login = account.login_name;
    return html`
      <div class="buttons">
        <button
          type="button"
          ?disabled=${this.busy}
          @click=${() => ((this.confirming = true), (this.temporary = ''))}
          data-test="reset-password"
        >
          ${t('reset')}
        </button>
        <button type="button" ?disabled=${this.busy} @click=${() => void this.unlock()} data-test="unlock">
          ${t('unlock')}
        </button>
      </div>
      ${
        this.confirming
          ? html`<div class="panel" data-test="reset-confirm">
              <p>${t('confirmReset', { login })}</p>
              <p>${account.role === 'participant_user' ? t('tellUser') : t('tellOperator')}</p>
              <div class="buttons">
                <button
                  type="button"
                  class="danger"
                  ?disabled=${this.busy}
                  @click=${() => void this.reset()}
                  data-test="reset-confirm-send"
                >
                  ${t('confirm')}
                </button>
                <button type="button" @click=${() => (this.confirming = false)}>${t('cancel')}</button>
              </div>
            </div>`
          : nothing
      }
      ${
        this.temporary
          ? html`<p class="panel" data-test="temporary-issued">
              ${t('temporary', { login })}<code data-test="temporary-password">${this.temporary}</code>
            </p>`
          : nothing
      }
      ${this.message ? html`<p role="status" data-test="recovery-message">${this.message}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
    `;
  }
}
customElements.define('yorozu-account-recovery', AccountRecovery);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-account-recovery': AccountRecovery;
  }
}
