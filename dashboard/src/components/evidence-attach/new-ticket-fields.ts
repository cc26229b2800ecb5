import { html } from 'lit';
import { CATEGORIES, type Category } from '../../api/desk-types.js';
import { categoryLabel } from '../../pages/tickets/ticket-labels.js';

/**
 * "新しいチケットをこの参加者に送る" in the attach-as-evidence dialog (issue 19): the choice's value, its texts,
 * and the subject, category and message the desk writes to the participant.
 */
export const NEW_TICKET = 'new';

export const newTicketMessages = {
  ja: {
    newTicket: '＋ 新しいチケットをこの参加者に送る',
    subject: '件名',
    category: '分類',
    message: '参加者へのメッセージ',
    messageHint: '送信すると、この検索の結果を証拠として添えて参加者にメールで届き、ポータルにも表示されます。',
    needSubject: '件名を入力してください。',
    needBody: 'メッセージを入力してください。',
    send: '証拠を添えて送る',
    sent: 'チケット [{reference}] を開き、証拠を添えて参加者に送りました。',
  },
  en: {
    newTicket: '+ New ticket to this participant',
    subject: 'Subject',
    category: 'Category',
    message: 'Message to the participant',
    messageHint:
      "Once sent, it is mailed to the participant with this search's result as evidence, and shown in its portal.",
    needSubject: 'Enter a subject.',
    needBody: 'Enter the message.',
    send: 'Send with the evidence',
    sent: 'Ticket [{reference}] is open and was sent to the participant with the evidence.',
  },
};

type Key = keyof typeof newTicketMessages.ja;

/** The fields, as rows of the dialog's definition list. */
export function newTicketFields(t: (key: Key) => string, disabled: boolean) {
  return html`<dt><label for="new-ticket-subject">${t('subject')}</label></dt>
    <dd>
      <input
        id="new-ticket-subject"
        name="new-ticket-subject"
        maxlength="200"
        ?disabled=${disabled}
        data-test="new-ticket-subject"
      />
    </dd>
    <dt><label for="new-ticket-category">${t('category')}</label></dt>
    <dd>
      <select id="new-ticket-category" name="new-ticket-category" ?disabled=${disabled}>
        ${CATEGORIES.map((category) => html`<option value=${category} ?selected=${category === 'security_question'}>${categoryLabel(category)}</option>`)}
      </select>
    </dd>
    <dt><label for="new-ticket-body">${t('message')}</label></dt>
    <dd>
      <textarea
        id="new-ticket-body"
        name="new-ticket-body"
        rows="5"
        maxlength="20000"
        ?disabled=${disabled}
        data-test="new-ticket-body"
      ></textarea>
      <span class="muted">${t('messageHint')}</span>
    </dd>`;
}

export function readNewTicket(root: ParentNode): { subject: string; category: Category; body: string } {
  const value = (name: string) => (root.querySelector(`[name=${name}]`) as HTMLInputElement | null)?.value.trim() ?? '';
  return {
    subject: value('new-ticket-subject'),
    category: value('new-ticket-category') as Category,
    body: value('new-ticket-body'),
  };
}
