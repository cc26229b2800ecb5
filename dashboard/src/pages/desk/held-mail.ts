import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ticketPagePath } from '../../app/router.js';
import { ApiLoader, loadStatus } from '../../components/api-loader/api-loader.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { fetchHeldMail, type HeldMail, type ParticipantOption } from './desk-api.js';
import { deskStyles } from './desk.styles.js';
import './held-mail-item.js';

const t = defineMessages(
  {
    explain:
      'ここには、どのチケットにも自動で結び付けられなかったメール（登録されていない差出人、受付番号のない返信など）が届きます。知らない差出人からのメールも捨てられることはなく、ここで参加者に割り当てるか、理由を付けて破棄として記録するまで残ります。破棄したメールも記録として保存されます。',
    assignedNotice: 'メールをチケットに割り当てました。',
    dismissedNotice: 'メールを破棄として記録しました（記録は残ります）。',
    openTicket: 'チケットを開く',
    waiting: '未処理（{n} 件）',
    none: '未処理のメールはありません。',
    handled: '処理済み（{n} 件）',
    refresh: '更新',
  },
  {
    explain:
      'Mail that could not be matched to a ticket (an unregistered sender, a reply without a reference…) lands here. Mail from unknown senders is never dropped: it stays until you assign it to a participant or dismiss it with a reason, and dismissed mail is kept on record.',
    assignedNotice: 'The mail was assigned to a ticket.',
    dismissedNotice: 'The mail was dismissed (it is kept on record).',
    openTicket: 'Open the ticket',
    waiting: 'Waiting ({n})',
    none: 'No mail is waiting.',
    handled: 'Handled ({n})',
    refresh: 'Refresh',
  },
);

/** The held-mail tab (GET /api/v1/admin/mail/held): the waiting mail first, the handled ones folded below. */
export class HeldMailList extends LitElement {
  static override properties = { participants: { attribute: false }, notice: { state: true } };
  static override styles = [
    sharedStyles,
    deskStyles,
    css`
      .list {
        display: flex;
        flex-direction: column;
        gap: 12px;
      }
      details.handled {
        margin-top: 16px;
      }
      details.handled summary {
        cursor: pointer;
        font-weight: 600;
        margin-bottom: 8px;
      }
      .explain {
        margin: 0 0 12px;
      }
    `,
  ];
  declare participants: ParticipantOption[] | null;
  /** What the last action did, shown above the list (the mail itself moves to the handled ones). */
  declare notice: { participantId?: string; ticketId?: string } | null;
  private readonly locale = new LocaleController(this);
  private readonly mail = new ApiLoader<HeldMail[]>(this, fetchHeldMail);

  constructor() {
    super();
    this.participants = null;
    this.notice = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.mail.run();
  }

  private readonly onChanged = (event: CustomEvent<{ mailId: string; participantId?: string; ticketId?: string }>) => {
    const { participantId, ticketId } = event.detail;
    this.notice = { participantId, ticketId };
    void this.mail.run();
  };

  private list(mails: HeldMail[]) {
    return html`<div class="list">
      ${repeat(
        mails,
        (mail) => mail.mailId,
        (mail) =>
          html`<yorozu-held-mail-item
            .mail=${mail}
            .participants=${this.participants ?? []}
            @mail-changed=${this.onChanged}
          ></yorozu-held-mail-item>`,
      )}
    </div>`;
  }

  override render() {
    void this.locale;
    const mails = [...(this.mail.value ?? [])].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    const waiting = mails.filter((mail) => mail.status === 'held');
    const handled = mails.filter((mail) => mail.status !== 'held');
    return html`
      <p class="panel explain" data-test="held-explain">${t('explain')}</p>
      <div class="meta">
        <span class="spacer"></span>
        <button
          type="button"
          @click=${() => void this.mail.run()}
          ?disabled=${this.mail.loading}
          data-test="held-refresh"
        >
          ${t('refresh')}
        </button>
      </div>
      ${
        this.notice
          ? html`<p class="panel" role="status" data-test="held-notice">
              ${
                this.notice.ticketId && this.notice.participantId
                  ? html`${t('assignedNotice')}
                      <a
                        href=${ticketPagePath(this.notice.participantId, this.notice.ticketId)}
                        data-test="held-notice-ticket"
                        >${t('openTicket')}</a
                      >`
                  : t('dismissedNotice')
              }
            </p>`
          : nothing
      }
      ${this.mail.value && this.mail.loading ? nothing : loadStatus(this.mail, 'held')}
      ${
        this.mail.value
          ? html`<h2>${t('waiting', { n: waiting.length })}</h2>
              ${waiting.length ? this.list(waiting) : html`<p class="muted empty" data-test="held-empty">${t('none')}</p>`}
              ${
                handled.length
                  ? html`<details class="handled">
                      <summary>${t('handled', { n: handled.length })}</summary>
                      ${this.list(handled)}
                    </details>`
                  : nothing
              }`
          : nothing
      }
    `;
  }
}
customElements.define('yorozu-held-mail', HeldMailList);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-held-mail': HeldMailList;
  }
}
