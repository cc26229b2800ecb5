import { LitElement, css, html, nothing } from 'lit';
import { formatJst } from '../../format/jst.js';
import { accountStatusReasonText } from '../../i18n/account-status-reasons.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { fetchUsers, type PortalUser } from '../participant-records/records-api.js';

const t = defineMessages(
  {
    empty: 'ユーザーはいません。',
    active: '利用中',
    suspended: '停止中',
    pending: '{at} に停止予定',
    mustChange: '初回のパスワード変更待ち',
    since: '登録 {at}',
    explain:
      'ユーザーの追加・停止・パスワードの再設定はデスクが行います（規約第12条）。必要なときは相談窓口からご依頼ください。自分のパスワードは上の「パスワード」からいつでも変更できます。',
  },
  {
    empty: 'No users.',
    active: 'Active',
    suspended: 'Suspended',
    pending: 'to be suspended at {at}',
    mustChange: 'waiting for the first password change',
    since: 'since {at}',
    explain:
      'The desk adds and suspends users and resets passwords (terms art. 12): ask through a consultation. You can change your own password at any time from "Password" above.',
  },
);

/** The participant's portal users as the participant sees them (read only: the desk issues and stops accounts). */
export class UserList extends LitElement {
  static override properties = {
    participantId: { attribute: false },
    users: { state: true },
    error: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      li {
        padding: 6px 0;
        border-bottom: 1px solid var(--line);
        overflow-wrap: anywhere;
      }
    `,
  ];
  declare participantId: string;
  declare users: PortalUser[] | null;
  declare error: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participantId = '';
    this.users = null;
    this.error = '';
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('participantId') && this.participantId)
      fetchUsers(this.participantId).then(
        (users) => (this.users = users),
        (error: unknown) => (this.error = apiErrorText(error)),
      );
  }

  override render() {
    void this.locale;
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    const users = this.users ?? [];
    return html`
      ${
        users.length === 0
          ? html`<p class="muted">${t('empty')}</p>`
          : html`<ul data-test="user-list">
              ${users.map(
                (u) =>
                  html`<li data-test="user">
                    <strong>${u.display_name}</strong> (${u.login_name}) ${u.email}
                    <span class=${`badge ${u.status === 'active' ? 'ok' : 'bad'}`}>${t(u.status)}</span>
                    ${u.pending_suspension_at ? html`<span class="badge warn">${t('pending', { at: formatJst(u.pending_suspension_at, 'datetime') })}</span>` : nothing}
                    ${u.must_change_password ? html`<span class="muted">${t('mustChange')}</span>` : nothing}
                    <span class="muted">${t('since', { at: formatJst(u.created_at, 'date') })}</span>
                    ${u.status_reason_code === 'none' ? nothing : html`<br /><span class="muted" data-test="user-status-reason">${accountStatusReasonText(u)}</span>`}
                  </li>`,
              )}
            </ul>`
      }
      <p class="muted">${t('explain')}</p>
    `;
  }
}
customElements.define('yorozu-user-list', UserList);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-user-list': UserList;
  }
}
