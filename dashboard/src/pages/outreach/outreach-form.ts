import { LitElement, css, html, nothing } from 'lit';
import { reachOut, type OutreachRequest } from '../../api/desk-api.js';
import { CATEGORIES, type Category } from '../../api/desk-types.js';
import { navigate, ticketPagePath } from '../../app/router.js';
import { formatJst } from '../../format/jst.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { categoryLabel } from '../tickets/ticket-labels.js';

const t = defineMessages(
  {
    to: '宛先',
    category: '分類',
    subject: '件名',
    body: 'メッセージ',
    bodyHint:
      '何を見つけたか、参加者に何をしてほしいかを書いてください。送信すると参加者にメールで届き、ポータルにも表示されます。',
    evidence: '証拠として添付する検索',
    query: 'クエリ',
    allEvents: '（条件なし: すべてのイベント）',
    range: '期間（日本時間）',
    device: '端末 ID',
    noEvidence: '証拠は添付しません（メッセージだけを送ります）。',
    submit: '参加者に送る',
    sending: '送信しています…',
    needSubject: '件名を入力してください。',
    needBody: 'メッセージを入力してください。',
    sla: '窓口から送ったチケットは「お客様の回答待ち」で始まり、初回応答はこの送信です。解決までの時間は参加者が返信してから数えます。',
  },
  {
    to: 'To',
    category: 'Category',
    subject: 'Subject',
    body: 'Message',
    bodyHint:
      'Say what you found and what the participant should do. Once sent, it is mailed to the participant and shown in its portal.',
    evidence: 'Search attached as evidence',
    query: 'Query',
    allEvents: '(none: every event)',
    range: 'Range (JST)',
    device: 'Device ID',
    noEvidence: 'No evidence attached (the message alone is sent).',
    submit: 'Send to the participant',
    sending: 'Sending…',
    needSubject: 'Enter a subject.',
    needBody: 'Enter the message.',
    sla: 'A ticket the desk opens starts as "awaiting the participant"; this message is its first response. The resolution clock runs once the participant answers.',
  },
);

/**
 * The desk reaches out (issue 19): subject, category and message to one participant, with the search the
 * operator came from as evidence when there is one. Sent, it opens the new ticket (or, with `stay`, fires
 * `outreach-sent` with the ticket, for the explorer's dialog).
 *
 * @event outreach-sent - detail: { participantId, ticketId, reference }
 */
export class OutreachForm extends LitElement {
  static override properties = {
    participantId: { attribute: false },
    organisation: { attribute: false },
    subject: { attribute: false },
    evidence: { attribute: false },
    stay: { type: Boolean },
    sending: { state: true },
    error: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        gap: 10px;
      }
      label {
        display: grid;
        gap: 4px;
      }
      input,
      select,
      textarea {
        width: 100%;
      }
      dl {
        display: grid;
        grid-template-columns: 9em minmax(0, 1fr);
        gap: 4px 10px;
        margin: 0;
      }
      dt {
        color: var(--muted);
        font-size: 0.85rem;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      code {
        font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
        font-size: 0.85rem;
        overflow-wrap: anywhere;
      }
      .actions {
        display: flex;
        justify-content: flex-end;
      }
      @media (max-width: 600px) {
        dl {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];
  declare participantId: string;
  declare organisation: string;
  /** The subject to start from. */
  declare subject: string;
  declare evidence: OutreachRequest['evidence'] | null;
  declare stay: boolean;
  declare sending: boolean;
  declare error: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participantId = '';
    this.organisation = '';
    this.subject = '';
    this.evidence = null;
    this.stay = false;
    this.sending = false;
    this.error = '';
  }

  private value(name: string): string {
    return (this.renderRoot.querySelector(`[name=${name}]`) as HTMLInputElement | null)?.value.trim() ?? '';
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const subject = this.value('subject');
    const body = this.value('body');
    this.error = !subject ? t('needSubject') : !body ? t('needBody') : '';
    if (this.error) return;
    this.sending = true;
    try {
      const ticket = await reachOut(this.participantId, {
        subject,
        body,
        category: this.value('category') as Category,
        ...(this.evidence ? { evidence: this.evidence } : {}),
      });
      if (this.stay)
        this.dispatchEvent(
          new CustomEvent('outreach-sent', {
            detail: { participantId: this.participantId, ticketId: ticket.ticketId, reference: ticket.reference },
            bubbles: true,
            composed: true,
          }),
        );
      else navigate(ticketPagePath(this.participantId, ticket.ticketId));
    } catch (error) {
      this.error = apiErrorText(error);
    } finally {
      this.sending = false;
    }
  }

  private renderEvidence() {
    const evidence = this.evidence;
    if (!evidence) return html`<p class="muted" data-test="outreach-no-evidence">${t('noEvidence')}</p>`;
    return html`<section data-test="outreach-evidence">
      <strong>${t('evidence')}</strong>
      <dl>
        <dt>${t('query')}</dt>
        <dd><code>${evidence.query || t('allEvents')}</code></dd>
        <dt>${t('range')}</dt>
        <dd>${formatJst(evidence.from, 'seconds')} – ${formatJst(evidence.to, 'seconds')}</dd>
        ${
          evidence.deviceId
            ? html`<dt>${t('device')}</dt>
                <dd><code>${evidence.deviceId}</code></dd>`
            : nothing
        }
      </dl>
    </section>`;
  }

  override render() {
    void this.locale;
    return html`<form @submit=${this.submit} novalidate data-test="outreach-form">
      ${this.organisation ? html`<p><strong>${t('to')}</strong>: <span data-test="outreach-to">${this.organisation}</span></p>` : nothing}
      <label
        >${t('category')}
        <select name="category" data-test="outreach-category">
          ${CATEGORIES.map(
            (category) =>
              html`<option value=${category} ?selected=${category === 'security_question'}>
                ${categoryLabel(category)}
              </option>`,
          )}
        </select>
      </label>
      <label
        >${t('subject')}<input
          name="subject"
          maxlength="200"
          autocomplete="off"
          .value=${this.subject}
          data-test="outreach-subject"
      /></label>
      <label
        >${t('body')}<textarea name="body" rows="8" maxlength="20000" data-test="outreach-body"></textarea>
        <span class="muted">${t('bodyHint')}</span>
      </label>
      ${this.renderEvidence()}
      <p class="muted">${t('sla')}</p>
      ${this.error ? html`<p class="error" role="alert" data-test="outreach-error">${this.error}</p>` : nothing}
      <div class="actions">
        <button type="submit" class="primary" ?disabled=${this.sending} data-test="outreach-submit">
          ${this.sending ? t('sending') : t('submit')}
        </button>
      </div>
    </form>`;
  }
}
customElements.define('yorozu-outreach-form', OutreachForm);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-outreach-form': OutreachForm;
  }
}
