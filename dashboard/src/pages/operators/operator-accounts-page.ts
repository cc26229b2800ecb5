import { LitElement, css, html, nothing } from 'lit';
import type { Account, Session } from '../../api/contract.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import '../../components/account-recovery/account-recovery.js';
import './operator-add-form.js';
import { disableOperator, enableOperator, fetchOperators } from './operators-api.js';
import { accountStatusReasonText } from '../../i18n/account-status-reasons.js';

const t = defineMessages(
  {
    title: 'オペレーターのアカウント',
    intro:
      '窓口のオペレーターを追加・停止・再開し、パスワードの再設定やロックの解除をします。自分自身と、有効な最後の 1 人は停止できません。',
    loginName: 'ログイン名',
    displayName: '氏名',
    email: 'メールアドレス',
    status: '状態',
    active: '有効',
    disabled: '停止中',
    you: '（あなた）',
    disable: '停止する',
    enable: '再開する',
    reason: '理由（記録されます）',
    review: '内容を確認する',
    confirmDisable:
      '{login} を停止します。サインインできなくなり、開いているセッションは次の操作で終わります。記録に残ります。お知らせは送りません。',
    confirmEnable: '{login} を再開します。以前のパスワードで再びサインインできます。',
    send: '確定する',
    back: '戻って直す',
    needReason: '理由を入力してください。',
    reasonField: '理由',
    done: '{login} を{state}にしました。',
  },
  {
    title: 'Operator accounts',
    intro:
      "Add, disable and enable the desk's operators, reset their passwords and unlock them. Nobody can disable their own account or the last active operator.",
    loginName: 'Login name',
    displayName: 'Name',
    email: 'E-mail',
    status: 'State',
    active: 'Active',
    disabled: 'Disabled',
    you: ' (you)',
    disable: 'Disable',
    enable: 'Enable',
    reason: 'Reason (recorded)',
    review: 'Review',
    confirmDisable:
      '{login} is disabled: it can no longer sign in, and its open sessions end at their next request. This is recorded; nobody is notified.',
    confirmEnable: '{login} is enabled again and can sign in with its former password.',
    send: 'Confirm',
    back: 'Back',
    needReason: 'Enter the reason.',
    reasonField: 'Reason',
    done: '{login} is now {state}.',
  },
);

interface Pending {
  account: Account;
  action: 'disable' | 'enable';
  reason: string;
}

/**
 * /settings/operators (operators): the desk's own accounts. Every change is shown first as what will happen, then
 * made (the discipline of the other settings screens).
 */
export class OperatorAccountsPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    operators: { state: true },
    pending: { state: true },
    message: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .table-wrap {
        overflow-x: auto;
      }
      form.reason {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
      }
      td.actions {
        min-width: 14em;
      }
    `,
  ];
  declare session: Session | null;
  declare operators: Account[] | null;
  declare pending: Pending | null;
  declare message: string;
  declare error: string;
  declare busy: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.session = null;
    this.operators = null;
    this.pending = null;
    this.message = '';
    this.error = '';
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.operators = await fetchOperators();
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  private review(account: Account, action: Pending['action'], event: SubmitEvent): void {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
    this.message = '';
    if (!reason) return void (this.error = t('needReason'));
    this.error = '';
    this.pending = { account, action, reason };
  }

  private async send(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    this.busy = true;
    this.error = '';
    try {
      const { account_id: id, login_name: login } = pending.account;
      if (pending.action === 'disable') await disableOperator(id, pending.reason);
      else await enableOperator(id, pending.reason);
      this.message = t('done', { login, state: pending.action === 'disable' ? t('disabled') : t('active') });
      await this.load();
    } catch (error) {
      this.error = apiErrorText(error, { reason: t('reasonField') });
    } finally {
      this.pending = null;
      this.busy = false;
    }
  }

  private renderConfirm(pending: Pending) {
    const login = pending.account.login_name;
    return html`<div class="panel" data-test="operator-confirm" data-action=${pending.action}>
      <p>${pending.action === 'disable' ? t('confirmDisable', { login }) : t('confirmEnable', { login })}</p>
      <div class="row">
        <button
          type="button"
          class=${pending.action === 'disable' ? 'danger' : 'primary'}
          ?disabled=${this.busy}
          @click=${() => void this.send()}
          data-test="operator-confirm-send"
        >
          ${t('send')}
        </button>
        <button type="button" @click=${() => (this.pending = null)}>${t('back')}</button>
      </div>
    </div>`;
  }

  private renderRow(account: Account) {
    const active = account.status === 'active';
    const action = active ? 'disable' : 'enable';
    return html`<tr data-test="operator-row" data-login=${account.login_name}>
      <td>${account.login_name}${account.account_id === this.session?.accountId ? t('you') : nothing}</td>
      <td>${account.display_name}</td>
      <td>${account.email}</td>
      <td data-test="operator-status">
        ${active ? t('active') : t('disabled')}${!active && account.status_reason_code !== 'none' ? html`<br /><span class="muted">${accountStatusReasonText(account)}</span>` : nothing}
      </td>
      <td class="actions">
        <form class="reason" @submit=${(e: SubmitEvent) => this.review(account, action, e)}>
          <input name="reason" placeholder=${t('reason')} aria-label=${t('reason')} data-test="operator-reason" />
          <button type="submit" class=${active ? 'danger' : ''} data-test="operator-${action}">
            ${active ? t('disable') : t('enable')}
          </button>
        </form>
        <yorozu-account-recovery .account=${account}></yorozu-account-recovery>
      </td>
    </tr>`;
  }

  override render() {
    void this.locale;
    return html`
      <h1>${t('title')}</h1>
      <p class="muted">${t('intro')}</p>
      ${this.pending ? this.renderConfirm(this.pending) : nothing}
      ${this.message ? html`<p role="status" data-test="operator-message">${this.message}</p>` : nothing}
      ${this.error ? html`<p class="error" role="alert" data-test="operator-error">${this.error}</p>` : nothing}
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>${t('loginName')}</th>
              <th>${t('displayName')}</th>
              <th>${t('email')}</th>
              <th>${t('status')}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${(this.operators ?? []).map((account) => this.renderRow(account))}
          </tbody>
        </table>
      </div>
      <yorozu-operator-add-form @operator-added=${() => void this.load()}></yorozu-operator-add-form>
    `;
  }
}
customElements.define('yorozu-operator-accounts-page', OperatorAccountsPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-operator-accounts-page': OperatorAccountsPage;
  }
}
