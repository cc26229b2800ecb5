import { LitElement, css, html, nothing } from 'lit';
import { formatJst } from '../../format/jst.js';
import { accountStatusReasonText } from '../../i18n/account-status-reasons.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import '../../components/account-recovery/account-recovery.js';
import { fetchUsers, issueUser, reinstateUser, suspendUser, type PortalUser } from './participant-admin-api.js';

const t = defineMessages(
  {
    loginName: 'ログイン名',
    displayName: '氏名',
    email: 'メールアドレス',
    status: '状態',
    active: '利用中',
    suspended: '停止中',
    create: 'ポータルのユーザーを作る',
    initial: '{login} の初期パスワード（一度だけ表示します。最初のサインインで変更が必要です）: ',
    suspend: '停止する',
    reinstate: '再開する',
    reason: '理由（本人に通知されます）',
    urgent: '緊急（予告なしに今すぐ停止。規約第20条第6項）',
    suspendNotice: '停止は理由を添えて本人に通知し、緊急でなければ 7 日後に効力を生じます（規約第20条第5項）。',
    needReason: '理由を入力してください。',
    needAll: 'ログイン名・氏名・メールアドレスを入力してください。',
    empty: 'ユーザーはまだいません。',
    pending: '{at} に停止予定',
  },
  {
    loginName: 'Login name',
    displayName: 'Name',
    email: 'E-mail',
    status: 'State',
    active: 'Active',
    suspended: 'Suspended',
    create: 'Create a portal user',
    initial: "{login}'s initial password (shown once; it must be changed at the first sign-in): ",
    suspend: 'Suspend',
    reinstate: 'Reinstate',
    reason: 'Reason (the user is told)',
    urgent: 'Urgent (now, without notice; art. 20 (6))',
    suspendNotice:
      'A suspension is notified to the user with its reason and takes effect after 7 days unless urgent (art. 20 (5)).',
    needReason: 'Enter the reason.',
    needAll: 'Enter the login name, the name and the e-mail.',
    empty: 'No user yet.',
    pending: 'suspended from {at}',
  },
);

/**
 * A participant's portal users (operators): create (initial password shown once), suspend with a reason, reinstate,
 * reset the password and unlock (<yorozu-account-recovery>).
 */
export class PortalUsers extends LitElement {
  static override properties = {
    participantId: { attribute: false },
    users: { state: true },
    issued: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .table-wrap {
        overflow-x: auto;
      }
      form.create {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(12em, 1fr));
        gap: 6px;
        align-items: end;
        margin-top: 8px;
      }
      input {
        width: 100%;
      }
      code {
        overflow-wrap: anywhere;
      }
    `,
  ];
  declare participantId: string;
  declare users: PortalUser[] | null;
  declare issued: { login: string; password: string } | null;
  declare error: string;
  declare busy: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participantId = '';
    this.users = null;
    this.issued = null;
    this.error = '';
    this.busy = false;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('participantId') && this.participantId) void this.load();
  }

  /** Reads the users again: an ending of the participation (revocation, withdrawal, succession) stops them. */
  async reload(): Promise<void> {
    await this.load();
  }

  private async load(): Promise<void> {
    try {
      this.users = await fetchUsers(this.participantId);
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  private async run(action: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await action();
      await this.load();
    } catch (error) {
      this.error = apiErrorText(error);
    } finally {
      this.busy = false;
    }
  }

  private create(event: SubmitEvent): void {
    event.preventDefault();
    // Taken now: after the event, its target in a shadow root is cleared.
    const element = event.target as HTMLFormElement;
    const form = new FormData(element);
    const user = {
      loginName: String(form.get('loginName') ?? '').trim(),
      displayName: String(form.get('displayName') ?? '').trim(),
      email: String(form.get('email') ?? '').trim(),
    };
    if (!user.loginName || !user.displayName || !user.email) return void (this.error = t('needAll'));
    void this.run(async () => {
      const issued = await issueUser(this.participantId, user);
      this.issued = { login: issued.account.login_name, password: issued.initialPassword };
      element.reset();
    });
  }

  private suspend(user: PortalUser, event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const reason = String(form.get('reason') ?? '').trim();
    if (!reason) return void (this.error = t('needReason'));
    void this.run(() => suspendUser(user.account_id, reason, form.get('urgent') === 'on'));
  }

  private reinstate(user: PortalUser, event: SubmitEvent): void {
    event.preventDefault();
    const reason = String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim();
    if (!reason) return void (this.error = t('needReason'));
    void this.run(() => reinstateUser(user.account_id, reason));
  }

  private renderActions(user: PortalUser) {
    const pending = user.pending_suspension_at;
    if (user.status === 'suspended' || pending)
      return html`<form class="row" @submit=${(e: SubmitEvent) => this.reinstate(user, e)}>
        ${pending && user.status === 'active' ? html`<span class="muted">${t('pending', { at: formatJst(pending, 'datetime') })}</span>` : nothing}
        <input name="reason" placeholder=${t('reason')} aria-label=${t('reason')} />
        <button type="submit" ?disabled=${this.busy}>${t('reinstate')}</button>
      </form>`;
    return html`<details>
      <summary>${t('suspend')}</summary>
      <form @submit=${(e: SubmitEvent) => this.suspend(user, e)}>
        <input name="reason" placeholder=${t('reason')} aria-label=${t('reason')} />
        <label class="row"><input type="checkbox" name="urgent" /> ${t('urgent')}</label>
        <p class="muted">${t('suspendNotice')}</p>
        <button type="submit" class="danger" ?disabled=${this.busy}>${t('suspend')}</button>
      </form>
    </details>`;
  }

  override render() {
    void this.locale;
    const users = this.users ?? [];
    return html`
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.issued
          ? html`<p class="panel" data-test="user-issued">
              ${t('initial', { login: this.issued.login })}<code data-test="initial-password"
                >${this.issued.password}</code
              >
            </p>`
          : nothing
      }
      ${
        users.length === 0
          ? html`<p class="muted">${t('empty')}</p>`
          : html`<div class="table-wrap">
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
                  ${users.map(
                    (user) =>
                      html`<tr data-test="portal-user">
                        <td>${user.login_name}</td>
                        <td>${user.display_name}</td>
                        <td>${user.email}</td>
                        <td>
                          ${user.status === 'active' ? t('active') : t('suspended')}${user.status_reason_code === 'none' ? nothing : html`<br /><span class="muted" data-test="user-status-reason">${accountStatusReasonText(user)}</span>`}
                        </td>
                        <td>
                          ${this.renderActions(user)}
                          <yorozu-account-recovery .account=${user}></yorozu-account-recovery>
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      <form class="create" @submit=${this.create} data-test="user-create">
        <label
          >${t('loginName')}<input name="loginName" maxlength="64" autocomplete="off" data-test="user-login"
        /></label>
        <label>${t('displayName')}<input name="displayName" maxlength="200" data-test="user-name" /></label>
        <label>${t('email')}<input name="email" type="email" maxlength="254" data-test="user-email" /></label>
        <button type="submit" class="primary" ?disabled=${this.busy} data-test="user-create-submit">
          ${t('create')}
        </button>
      </form>
    `;
  }
}
customElements.define('yorozu-portal-users', PortalUsers);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-portal-users': PortalUsers;
  }
}
