import { LitElement, html, nothing } from 'lit';
import { api } from '../../api/api-client.js';
import type { TicketTemplates } from '../../api/contract.js';
import { ApiLoader } from '../../components/api-loader/api-loader.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { ticketsStyles } from './tickets.styles.js';

const t = defineMessages(
  {
    label: '定型文',
    choose: '定型文を挿入…',
    inJapanese: 'このチケットは日本語です',
    inEnglish: 'このチケットは英語です（英語の定型文を表示）',
    none: '定型文はまだありません（窓口の「定型文」タブで作れます）。',
  },
  {
    label: 'Answer template',
    choose: 'Insert a template…',
    inJapanese: 'This ticket is in Japanese (Japanese templates shown)',
    inEnglish: 'This ticket is in English',
    none: 'No answer templates yet (create them on the desk’s “Templates” tab).',
  },
);

/**
 * Picks an answer template (定型文) for the ticket: the server offers each in the ticket's language with the
 * ticket's details filled in; choosing one fires `template-chosen` with its text for the reply form to insert.
 * @event template-chosen - detail: { body: string }
 */
export class ReplyTemplatePicker extends LitElement {
  static override properties = { participantId: { attribute: false }, ticketId: { attribute: false } };
  static override styles = [sharedStyles, ticketsStyles];
  declare participantId: string;
  declare ticketId: string;
  private readonly locale = new LocaleController(this);
  private readonly templates = new ApiLoader<TicketTemplates>(this, () =>
    api<TicketTemplates>('GET', `/api/v1/admin/participants/${this.participantId}/tickets/${this.ticketId}/templates`),
  );

  override connectedCallback(): void {
    super.connectedCallback();
    void this.templates.run();
  }

  private choose(event: Event): void {
    const select = event.target as HTMLSelectElement;
    const chosen = this.templates.value?.templates.find((template) => template.templateId === select.value);
    select.value = '';
    if (chosen)
      this.dispatchEvent(
        new CustomEvent('template-chosen', { detail: { body: chosen.body }, bubbles: true, composed: true }),
      );
  }

  override render() {
    void this.locale;
    const offered = this.templates.value;
    if (!offered) return nothing;
    if (offered.templates.length === 0)
      return html`<p class="muted hint" data-test="reply-templates-none">${t('none')}</p>`;
    return html`<label class="field"
      >${t('label')}
      <select @change=${this.choose} data-test="reply-template" data-language=${offered.language}>
        <option value="">${t('choose')}</option>
        ${offered.templates.map((template) => html`<option value=${template.templateId}>${template.title}</option>`)}
      </select>
      <span class="muted hint" data-test="reply-template-language"
        >${offered.language === 'ja' ? t('inJapanese') : t('inEnglish')}</span
      >
    </label>`;
  }
}

customElements.define('yorozu-reply-template-picker', ReplyTemplatePicker);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-reply-template-picker': ReplyTemplatePicker;
  }
}
