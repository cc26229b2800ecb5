import { LitElement, css, html, nothing } from 'lit';
import { fromJstInputValue, toJstInputValue } from '../../format/jst.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { ticketUpdated } from './message-form.js';
import { failureText, logCall, type TicketDetail } from './tickets-api.js';
import { ticketsStyles } from './tickets.styles.js';

const t = defineMessages(
  {
    caller: 'お電話の相手',
    calledAt: '通話日時（日本時間）',
    duration: '通話時間（分）',
    summary: '通話の要旨',
    submit: '通話を記録',
    sending: '記録しています…',
    needCaller: 'お電話の相手を入力してください。',
    needSummary: '通話の要旨を入力してください。',
    badTime: '通話日時を正しく入力してください。',
    done: '通話を記録しました。',
  },
  {
    caller: 'Caller',
    calledAt: 'Call time (JST)',
    duration: 'Duration (minutes)',
    summary: 'Summary of the call',
    submit: 'Log the call',
    sending: 'Saving…',
    needCaller: 'Enter who called.',
    needSummary: 'Enter a summary of the call.',
    badTime: 'Enter a valid call time.',
    done: 'Call logged.',
  },
);

/** An operator logs a phone call on the ticket (who, when in JST, how long, what was said). */
export class TicketCallForm extends LitElement {
  static override properties = {
    ticket: { attribute: false },
    sending: { state: true },
    error: { state: true },
    done: { state: true },
  };
  static override styles = [
    sharedStyles,
    ticketsStyles,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(160px, 1fr));
        gap: 8px;
      }
    `,
  ];
  declare ticket: TicketDetail;
  declare sending: boolean;
  declare error: string;
  declare done: boolean;
  private readonly locale = new LocaleController(this);
  private openedAt = toJstInputValue(new Date());

  constructor() {
    super();
    this.sending = false;
    this.error = '';
    this.done = false;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const calledAt = fromJstInputValue(value('calledAt'));
    this.done = false;
    this.error = !value('caller')
      ? t('needCaller')
      : !value('summary')
        ? t('needSummary')
        : Number.isNaN(calledAt.getTime())
          ? t('badTime')
          : '';
    if (this.error) return;
    this.sending = true;
    try {
      const answer = await logCall(this.ticket.participantId, this.ticket.ticketId, {
        caller: value('caller'),
        calledAt: calledAt.toISOString(),
        durationMinutes: Math.max(0, Math.round(Number(value('durationMinutes')) || 0)),
        summary: value('summary'),
      });
      form.reset();
      this.openedAt = toJstInputValue(new Date());
      this.done = true;
      // The contract does not fix this answer's shape: the ticket when it is one, else the page loads it again.
      ticketUpdated(this, answer?.ticketId && answer.messages ? (answer as TicketDetail) : null);
    } catch (error) {
      this.error = failureText(error);
    } finally {
      this.sending = false;
    }
  }

  override render() {
    void this.locale;
    return html`<form class="stack" @submit=${this.submit} novalidate data-test="call-form">
      <div class="grid">
        <label class="field"
          >${t('caller')}<input
            name="caller"
            maxlength="200"
            value=${this.ticket?.requesterName ?? ''}
            data-test="call-caller"
        /></label>
        <label class="field"
          >${t('calledAt')}<input name="calledAt" type="datetime-local" value=${this.openedAt} data-test="call-at"
        /></label>
        <label class="field"
          >${t('duration')}<input
            name="durationMinutes"
            type="number"
            min="0"
            max="600"
            value="5"
            data-test="call-duration"
        /></label>
      </div>
      <label class="field"
        >${t('summary')}<textarea name="summary" rows="4" maxlength="20000" data-test="call-summary"></textarea>
      </label>
      ${this.error ? html`<p class="error" role="alert" data-test="call-error">${this.error}</p>` : nothing}
      ${this.done ? html`<p class="ok-text" role="status">${t('done')}</p>` : nothing}
      <div class="actions">
        <button type="submit" ?disabled=${this.sending} data-test="call-submit">
          ${this.sending ? t('sending') : t('submit')}
        </button>
      </div>
    </form>`;
  }
}
customElements.define('yorozu-ticket-call-form', TicketCallForm);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-ticket-call-form': TicketCallForm;
  }
}
