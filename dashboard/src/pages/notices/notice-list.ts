import { LitElement, css, html, nothing } from 'lit';
import { formatJst } from '../../format/jst.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import type { NoticeView } from './notices-api.js';

const t = defineMessages(
  {
    empty: 'お知らせはありません。',
    sentAt: '発信',
    delivered: '到達 {at}',
    pending: '未到達',
    undelivered: '不達',
    web: 'Web',
    email: 'メール',
    post: '郵送',
    other: 'その他',
    everyone: '参加者全員',
    noticeState: '通知の状態',
  },
  {
    empty: 'No notices.',
    sentAt: 'Sent',
    delivered: 'Delivered {at}',
    pending: 'Pending',
    undelivered: 'Undelivered',
    web: 'Web',
    email: 'E-mail',
    post: 'Post',
    other: 'Other',
    everyone: 'All participants',
    noticeState: 'Notice state',
  },
);

/** Notices newest first, each with when it counts as delivered per channel (terms art. 21), in JST. */
export class NoticeList extends LitElement {
  static override properties = { notices: { attribute: false }, showChannels: { type: Boolean } };
  static override styles = [
    sharedStyles,
    css`
      article {
        border-bottom: 1px solid var(--line);
        padding: 10px 0;
      }
      article:last-child {
        border-bottom: none;
      }
      h3 {
        margin: 0 0 4px;
        font-size: 1rem;
        overflow-wrap: anywhere;
      }
      p.body {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: 6px 0;
      }
      .meta {
        display: flex;
        gap: 6px 10px;
        flex-wrap: wrap;
        align-items: center;
        font-size: 0.85rem;
      }
    `,
  ];
  declare notices: NoticeView[];
  declare showChannels: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.notices = [];
    this.showChannels = false;
  }

  private badge(state: 'pending' | 'delivered' | 'undelivered', at: string | null | undefined) {
    const css = state === 'delivered' ? 'ok' : state === 'pending' ? 'warn' : 'bad';
    return html`<span class=${`badge ${css}`} data-state=${state}
      >${state === 'delivered' ? t('delivered', { at: formatJst(at ?? null, 'datetime') }) : t(state)}</span
    >`;
  }

  override render() {
    void this.locale;
    if (this.notices.length === 0) return html`<p class="muted" data-test="notices-empty">${t('empty')}</p>`;
    const en = language() === 'en';
    return html`${this.notices.map(
      (notice) =>
        html`<article data-test="notice" data-kind=${notice.kind}>
          <h3>${en ? notice.subject_en : notice.subject_ja}</h3>
          <div class="meta">
            <span class="muted">${t('sentAt')} ${formatJst(notice.created_at, 'datetime')}</span>
            ${notice.audience === 'all_participants' ? html`<span class="badge">${t('everyone')}</span>` : nothing}
            ${this.badge(notice.delivery.state, notice.delivery.state === 'delivered' ? notice.delivery.deemedAt : null)}
          </div>
          <p class="body">${en ? notice.body_en : notice.body_ja}</p>
          ${
            this.showChannels
              ? html`<div class="meta" data-test="notice-channels">
                  ${notice.deliveries.map((d) => html`<span>${t(d.channel)}: ${this.badge(d.state, d.deemed_delivered_at)}</span>`)}
                </div>`
              : nothing
          }
        </article>`,
    )}`;
  }
}
customElements.define('yorozu-notice-list', NoticeList);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-notice-list': NoticeList;
  }
}
