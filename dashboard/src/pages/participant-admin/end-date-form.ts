import { LitElement, html, nothing } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { setEndDate, type Participant } from '../participant-records/records-api.js';
import { reportOutcome } from './lifecycle-outcome.js';

const t = defineMessages(
  {
    current: '利用終了日: {date}',
    none: '定めていません（試行期間の終了まで）',
    date: '利用終了日',
    save: '設定する',
    clear: '定めない',
    explain:
      '利用終了日の翌日（日本時間）に利用終了の処理が動き、エージェントへのアンインストールの指示、アカウントの停止、削除期限の記録を行い、参加者に利用終了のお知らせを送ります（第9条・第16条）。',
  },
  {
    current: 'End date: {date}',
    none: 'not set (until the trial ends)',
    date: 'End date',
    save: 'Set',
    clear: 'Clear',
    explain:
      'On the day after the end date (JST) the end-of-use job tells the agents to uninstall, stops the accounts, records the deletion deadline and sends the participant a notice that its use has ended (art. 9, 16).',
  },
);

/**
 * The participant's own end of use (terms art. 9): set or clear.
 * @event participant-changed - after the date is recorded (its outcome: `reportOutcome`)
 */
export class EndDateForm extends LitElement {
  static override properties = {
    participant: { attribute: false },
    error: { state: true },
  };
  static override styles = [sharedStyles];
  declare participant: Participant | null;
  declare error: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participant = null;
    this.error = '';
  }

  private async save(endDate: string | null): Promise<void> {
    if (!this.participant) return;
    this.error = '';
    try {
      await setEndDate(this.participant.participant_id, endDate);
      reportOutcome(this, { kind: 'end_date', endDate });
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const date = String(new FormData(event.target as HTMLFormElement).get('endDate') ?? '');
    void this.save(date || null);
  }

  override render() {
    void this.locale;
    const p = this.participant;
    if (!p) return nothing;
    return html`
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <p data-test="end-date">${t('current', { date: p.end_date ?? t('none') })}</p>
      <p class="muted">${t('explain')}</p>
      <form class="row" @submit=${(e: SubmitEvent) => this.submit(e)} data-test="end-date-form">
        <label>${t('date')} <input type="date" name="endDate" .value=${p.end_date ?? ''} /></label>
        <button type="submit">${t('save')}</button>
        ${p.end_date ? html`<button type="button" @click=${() => void this.save(null)}>${t('clear')}</button>` : nothing}
      </form>
    `;
  }
}
customElements.define('yorozu-end-date-form', EndDateForm);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-end-date-form': EndDateForm;
  }
}
