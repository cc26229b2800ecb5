import { LitElement, css, html, nothing } from 'lit';
import { createPhoneTicket } from '../../api/desk-api.js';
import { CATEGORIES, type Category } from '../../api/desk-types.js';
import type { Session } from '../../api/session.js';
import { navigate, ticketPagePath } from '../../app/router.js';
import { fromJstInputValue, toJstInputValue } from '../../format/jst.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import type { FilePicker } from './file-picker.js';
import './file-picker.js';
import { categoryLabel } from './ticket-labels.js';
import { createTicket, failureText } from './tickets-api.js';
import { ticketsStyles } from './tickets.styles.js';

const t = defineMessages(
  {
    title: '新しいお問い合わせ',
    back: 'お問い合わせの一覧へ',
    about:
      'この窓口では、エージェントの導入・インストール、ソフトウェアの不具合、サービスの利用方法、セキュリティに関するご相談を承ります。',
    hours:
      '受付時間は平日 9:30〜12:00 / 13:00〜17:30 です（土日祝・年末年始 12/29〜1/3 を除く）。時間外のお問い合わせは、次の受付時間から順に対応します。',
    category: '分類',
    choose: '選んでください',
    subject: '件名',
    body: '内容',
    bodyHint:
      'いつ、どの端末で、何が起きたか（画面の表示やエラーの文言）を書いていただくと、早く正確にお答えできます。',
    submit: '送信する',
    sending: '送信しています…',
    needCategory: '分類を選んでください。',
    needSubject: '件名を入力してください。',
    needBody: '内容を入力してください。',
    phone: 'オペレーターは、電話で受け付けた問い合わせとして記録します（ポータルの送信は参加者の方が行います）。',
    caller: 'お電話の相手',
    calledAt: '通話日時（日本時間）',
    duration: '通話時間（分）',
    summary: '通話の要旨',
  },
  {
    title: 'New ticket',
    back: 'Back to the tickets',
    about: 'The desk handles installing the agent, software faults, how to use the service, and security questions.',
    hours:
      'Desk hours: weekdays 9:30-12:00 and 13:00-17:30 JST (not on weekends, public holidays, or Dec 29 - Jan 3). Tickets sent outside the hours are handled from the next opening.',
    category: 'Category',
    choose: 'Choose one',
    subject: 'Subject',
    body: 'Details',
    bodyHint:
      "When, on which PC, and what happened (the message on screen, the error's wording) help us answer quickly and accurately.",
    submit: 'Send',
    sending: 'Sending…',
    needCategory: 'Choose a category.',
    needSubject: 'Enter a subject.',
    needBody: 'Enter the details.',
    phone: "Operators record a ticket received by phone (the portal form is the participant's).",
    caller: 'Caller',
    calledAt: 'Call time (JST)',
    duration: 'Duration (minutes)',
    summary: 'Summary of the call',
  },
);

/**
 * The form for a new ticket: category, subject, body and files (each size shown; a file over 10 MiB refused here,
 * and the server's 413 message shown when it refuses). Sent, it opens the created ticket. Operators may instead
 * record a call received by phone (the admin route; no files).
 */
export class TicketNewPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    participantId: { attribute: false },
    sending: { state: true },
    error: { state: true },
  };
  static override styles = [
    sharedStyles,
    ticketsStyles,
    css`
      :host {
        max-width: 860px;
      }
      .about {
        margin-bottom: 12px;
      }
      .about p {
        margin: 0 0 4px;
      }
      .grid2 {
        display: grid;
        grid-template-columns: repeat(3, minmax(0, 1fr));
        gap: 8px;
      }
      @media (max-width: 600px) {
        .grid2 {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];
  declare session: Session;
  declare participantId: string;
  declare sending: boolean;
  declare error: string;
  /** The portal's form is the participant's; an operator records a ticket taken by phone. */
  private get byPhone(): boolean {
    return this.session?.role === 'operator';
  }
  private readonly locale = new LocaleController(this);
  /** The call's time defaults to when the form opened (a re-render must not move it). */
  private readonly openedAt = toJstInputValue(new Date());

  constructor() {
    super();
    this.participantId = '';
    this.sending = false;
    this.error = '';
  }

  private field<T extends HTMLElement = HTMLInputElement>(name: string): T {
    return this.renderRoot.querySelector(`[name=${name}]`) as T;
  }

  /** A file over the limit is said at once, in the form's error line. */
  private filesChanged(event: Event): void {
    this.error = (event.target as FilePicker).problem;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const category = this.field<HTMLSelectElement>('category').value as Category | '';
    const subject = this.field('subject').value.trim();
    const body = this.field<HTMLTextAreaElement>('body').value.trim();
    const picker = this.renderRoot.querySelector<FilePicker>('yorozu-ticket-file-picker');
    this.error = !category
      ? t('needCategory')
      : !subject
        ? t('needSubject')
        : !body
          ? t('needBody')
          : (picker?.problem ?? '');
    if (this.error || !category) return;
    this.sending = true;
    try {
      const ticket = this.byPhone
        ? await createPhoneTicket(this.participantId, {
            subject,
            category,
            summary: body,
            caller: this.field('caller').value.trim(),
            calledAt: fromJstInputValue(this.field('calledAt').value).toISOString(),
            durationMinutes: Number(this.field('durationMinutes').value),
          })
        : await createTicket(this.participantId, { subject, category, body }, picker?.files ?? []);
      navigate(ticketPagePath(this.participantId, ticket.ticketId));
    } catch (error) {
      this.error = failureText(error);
    } finally {
      this.sending = false;
    }
  }

  private renderPhoneFields() {
    return html`<div class="grid2">
      <label class="field"
        >${t('caller')}<input name="caller" required maxlength="200" data-test="ticket-caller"
      /></label>
      <label class="field"
        >${t('calledAt')}<input name="calledAt" type="datetime-local" required value=${this.openedAt}
      /></label>
      <label class="field"
        >${t('duration')}<input name="durationMinutes" type="number" min="0" max="600" value="5" required
      /></label>
    </div>`;
  }

  override render() {
    void this.locale;
    const operator = this.session?.role === 'operator';
    return html`
      <p><a href=${`/participants/${this.participantId}/tickets`} data-test="ticket-back">${t('back')}</a></p>
      <h1>${t('title')}</h1>
      <section class="about muted" data-test="ticket-desk-hours">
        <p>${t('about')}</p>
        <p>${t('hours')}</p>
      </section>
      <form class="panel stack" @submit=${this.submit} novalidate>
        ${operator ? html`<p class="muted" data-test="ticket-by-phone">${t('phone')}</p>` : nothing}
        <label class="field"
          >${t('category')}
          <select name="category" required data-test="ticket-category">
            <option value="">${t('choose')}</option>
            ${CATEGORIES.map((category) => html`<option value=${category}>${categoryLabel(category)}</option>`)}
          </select>
        </label>
        <label class="field"
          >${t('subject')}<input name="subject" required maxlength="200" autocomplete="off" data-test="ticket-subject"
        /></label>
        ${this.byPhone ? this.renderPhoneFields() : nothing}
        <label class="field"
          >${this.byPhone ? t('summary') : t('body')}
          <textarea name="body" required maxlength="20000" rows="10" data-test="ticket-body"></textarea>
        </label>
        ${this.byPhone ? nothing : html`<span class="muted hint">${t('bodyHint')}</span><yorozu-ticket-file-picker test-id="ticket-files" ?disabled=${this.sending} @files-changed=${this.filesChanged}></yorozu-ticket-file-picker>`}
        ${this.error ? html`<p class="error" role="alert" data-test="ticket-error">${this.error}</p>` : nothing}
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.sending} data-test="ticket-submit">
            ${this.sending ? t('sending') : t('submit')}
          </button>
        </div>
      </form>
    `;
  }
}
customElements.define('yorozu-ticket-new-page', TicketNewPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-ticket-new-page': TicketNewPage;
  }
}
