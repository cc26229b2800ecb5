import { LitElement, html, nothing } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import { createPhoneTicket } from '../../api/desk-api.js';
import { CATEGORIES, type Category } from '../../api/desk-types.js';
import { navigate, ticketPagePath } from '../../app/router.js';
import { fromJstInputValue, toJstInputValue } from '../../format/jst.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import type { ParticipantOption } from './desk-api.js';
import { categoryName } from './desk-labels.js';
import { deskStyles } from './desk.styles.js';

const t = defineMessages(
  {
    open: '電話を記録',
    title: '電話を記録',
    intro: '受けた電話を新しいチケットとして記録します。記録した通話がそのチケットの初回応答になります。',
    participant: '参加者',
    choose: '選んでください',
    caller: '電話をかけてきた方',
    calledAt: '通話の開始（日本時間）',
    duration: '通話時間（分）',
    subject: '件名',
    category: '種類',
    summary: '通話の内容',
    cancel: 'キャンセル',
    save: '記録してチケットを開く',
    saving: '記録中…',
    needParticipant: '参加者を選んでください。',
    badTime: '通話の開始時刻を入れてください。',
    badDuration: '通話時間は 0 分以上の整数で入れてください。',
    needText: '電話をかけてきた方、件名、通話の内容を入れてください。',
  },
  {
    open: 'Log a phone call',
    title: 'Log a phone call',
    intro: "Records a call you took as a new ticket. The call counts as the ticket's first response.",
    participant: 'Participant',
    choose: 'Choose one',
    caller: 'Caller',
    calledAt: 'Call started (JST)',
    duration: 'Duration (minutes)',
    subject: 'Subject',
    category: 'Category',
    summary: 'What was said',
    cancel: 'Cancel',
    save: 'Log and open the ticket',
    saving: 'Saving…',
    needParticipant: 'Choose a participant.',
    badTime: 'Enter when the call started.',
    badDuration: 'The duration is a whole number of minutes, 0 or more.',
    needText: 'Enter the caller, a subject and what was said.',
  },
);

/** A button and its dialog: a phone call becomes a ticket (channel phone), then the ticket opens. */
export class PhoneCallForm extends LitElement {
  static override properties = {
    participants: { attribute: false },
    participantId: { attribute: false },
    busy: { state: true },
    error: { state: true },
    issues: { state: true },
  };
  static override styles = [sharedStyles, deskStyles];
  declare participants: ParticipantOption[] | null;
  /** Chosen in advance (the queue's participant filter). */
  declare participantId: string;
  declare busy: boolean;
  declare error: string;
  declare issues: string[];
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participants = null;
    this.participantId = '';
    this.busy = false;
    this.error = '';
    this.issues = [];
  }

  private get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  private show(): void {
    this.error = '';
    this.issues = [];
    const form = this.renderRoot.querySelector('form');
    form?.reset();
    const time = form?.elements.namedItem('calledAt') as HTMLInputElement | null;
    if (time) time.value = toJstInputValue(new Date());
    const participant = form?.elements.namedItem('participantId') as HTMLSelectElement | null;
    if (participant) participant.value = this.participantId;
    this.dialog?.showModal();
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const participantId = text('participantId');
    const calledAt = text('calledAt') ? fromJstInputValue(text('calledAt')) : null;
    const duration = Number(text('durationMinutes'));
    this.issues = [];
    if (!participantId) return void (this.error = t('needParticipant'));
    if (!calledAt || Number.isNaN(calledAt.getTime())) return void (this.error = t('badTime'));
    if (!Number.isInteger(duration) || duration < 0 || text('durationMinutes') === '')
      return void (this.error = t('badDuration'));
    if (!text('caller') || !text('subject') || !text('summary')) return void (this.error = t('needText'));
    this.error = '';
    this.busy = true;
    try {
      const ticket = await createPhoneTicket(participantId, {
        caller: text('caller'),
        calledAt: calledAt.toISOString(),
        durationMinutes: duration,
        subject: text('subject'),
        category: text('category') as Category,
        summary: text('summary'),
      });
      this.dialog?.close();
      navigate(ticketPagePath(ticket.participantId || participantId, ticket.ticketId));
    } catch (error) {
      // The catalogue's text, with each wrong field and what is wrong with it (never the server's English).
      this.error = apiErrorText(error);
      this.issues = [];
    } finally {
      this.busy = false;
    }
  }

  override render() {
    void this.locale;
    const field = (name: string, label: string, input: unknown, wide = false) =>
      html`<label class=${`field ${wide ? 'wide' : ''}`}>${label}${input}</label>`;
    return html`
      <button type="button" class="primary" @click=${() => this.show()} data-test="desk-phone-open">
        ${t('open')}
      </button>
      <dialog aria-labelledby="phone-title" data-test="desk-phone-dialog">
        <h2 id="phone-title">${t('title')}</h2>
        <p class="muted">${t('intro')}</p>
        <form class="grid" @submit=${(e: SubmitEvent) => void this.submit(e)} novalidate>
          ${field(
            'participantId',
            t('participant'),
            html`<select name="participantId" required data-test="desk-phone-participant">
              <option value="">${t('choose')}</option>
              ${(this.participants ?? []).map((p) => html`<option value=${p.participantId}>${p.name}</option>`)}
            </select>`,
            true,
          )}
          ${field('caller', t('caller'), html`<input name="caller" maxlength="200" required autocomplete="off" data-test="desk-phone-caller" />`)}
          ${field('calledAt', t('calledAt'), html`<input name="calledAt" type="datetime-local" required data-test="desk-phone-time" />`)}
          ${field('durationMinutes', t('duration'), html`<input name="durationMinutes" type="number" min="0" max="600" step="1" value="5" required data-test="desk-phone-duration" />`)}
          ${field(
            'category',
            t('category'),
            html`<select name="category" data-test="desk-phone-category">
              ${CATEGORIES.map((c) => html`<option value=${c} ?selected=${c === 'other'}>${categoryName(c)}</option>`)}
            </select>`,
          )}
          ${field('subject', t('subject'), html`<input name="subject" maxlength="200" required data-test="desk-phone-subject" />`, true)}
          ${field('summary', t('summary'), html`<textarea name="summary" rows="6" maxlength="20000" required data-test="desk-phone-summary"></textarea>`, true)}
          ${
            this.error
              ? html`<div class="wide error" role="alert" data-test="desk-phone-error">
                  ${this.error}${
                    this.issues.length
                      ? html`<ul>
                          ${this.issues.map((i) => html`<li>${i}</li>`)}
                        </ul>`
                      : nothing
                  }
                </div>`
              : nothing
          }
          <div class="wide actions">
            <button type="button" @click=${() => this.dialog?.close()}>${t('cancel')}</button>
            <button type="submit" class="primary" ?disabled=${this.busy} data-test="desk-phone-submit">
              ${this.busy ? t('saving') : t('save')}
            </button>
          </div>
        </form>
      </dialog>
    `;
  }
}
customElements.define('yorozu-phone-call-form', PhoneCallForm);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-phone-call-form': PhoneCallForm;
  }
}
