import { LitElement, html, nothing } from 'lit';
import { fromJstInputValue, toJstInputValue } from '../../format/jst.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { setAgreedDeadline } from './deletions-api.js';
import { errorText } from './deletions-labels.js';
import { deletionsStyles } from './deletions.styles.js';

const t = defineMessages(
  {
    title: '合意した削除期日: {organisation}',
    date: '削除期日',
    agreedWith: '合意した相手（参加者側の担当者）',
    agreedAt: '合意した日時（JST）',
    explain:
      '参加者と合意した期日を記録します（第16条）。期限が来るまではいつでも変更できます。参加者には通知されます。',
    save: '記録する',
    reset: '既定の期日に戻す',
    cancel: 'キャンセル',
  },
  {
    title: 'Agreed deletion date: {organisation}',
    date: 'Deletion date',
    agreedWith: "Agreed with (the participant's person)",
    agreedAt: 'Agreed at (JST)',
    explain:
      'Records a date agreed with the participant (art. 16). It can change any time until the deadline comes. The participant is notified.',
    save: 'Record',
    reset: 'Back to the default date',
    cancel: 'Cancel',
  },
);

/**
 * Records a deletion date agreed with the participant, with whom and when, or returns to the default.
 * @event deletion-changed - after the date was recorded
 */
export class DeadlineDialog extends LitElement {
  static override properties = { error: { state: true }, busy: { state: true } };
  static override styles = [sharedStyles, deletionsStyles];
  declare error: string;
  declare busy: boolean;
  private participantId = '';
  private organisation = '';
  private current = '';
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.error = '';
    this.busy = false;
  }

  async open(participantId: string, organisation: string, current: string | null): Promise<void> {
    Object.assign(this, { participantId, organisation, current: current ?? '', error: '', busy: false });
    this.requestUpdate();
    await this.updateComplete;
    const form = this.renderRoot.querySelector('form');
    form?.reset();
    const at = this.renderRoot.querySelector<HTMLInputElement>('input[name=agreedAt]');
    if (at) at.value = toJstInputValue(new Date());
    this.renderRoot.querySelector('dialog')?.showModal();
  }

  private async save(agreed: { date: string; agreedWith: string; agreedAt: string } | null): Promise<void> {
    this.busy = true;
    try {
      await setAgreedDeadline(this.participantId, agreed);
      this.renderRoot.querySelector('dialog')?.close();
      this.dispatchEvent(new CustomEvent('deletion-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = errorText(error);
    } finally {
      this.busy = false;
    }
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    void this.save({
      date: String(data.get('date')),
      agreedWith: String(data.get('agreedWith')).trim(),
      agreedAt: fromJstInputValue(String(data.get('agreedAt'))).toISOString(),
    });
  }

  override render() {
    void this.locale;
    return html`<dialog aria-labelledby="deadline-title" data-test="deadline-dialog">
      <h2 id="deadline-title">${t('title', { organisation: this.organisation })}</h2>
      <p>${t('explain')}</p>
      ${this.error ? html`<p class="error" role="alert" data-test="deadline-error">${this.error}</p>` : nothing}
      <form class="grid" @submit=${this.onSubmit}>
        <label class="field"
          >${t('date')}<input type="date" name="date" required .value=${this.current} data-test="deadline-date"
        /></label>
        <label class="field"
          >${t('agreedAt')}<input type="datetime-local" name="agreedAt" required data-test="deadline-agreed-at"
        /></label>
        <label class="field wide"
          >${t('agreedWith')}<input name="agreedWith" required maxlength="200" data-test="deadline-agreed-with"
        /></label>
        <div class="buttons wide">
          <button type="button" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>${t('cancel')}</button>
          <button type="button" ?disabled=${this.busy} @click=${() => void this.save(null)}>${t('reset')}</button>
          <button type="submit" class="primary" ?disabled=${this.busy} data-test="deadline-save">${t('save')}</button>
        </div>
      </form>
    </dialog>`;
  }
}
customElements.define('yorozu-deadline-dialog', DeadlineDialog);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-deadline-dialog': DeadlineDialog;
  }
}
