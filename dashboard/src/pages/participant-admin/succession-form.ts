import { LitElement, css, html, nothing } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import '../../components/confirmation/confirmation.js';
import { sharedStyles } from '../../styles/theme.js';
import {
  fetchSuccessions,
  recordSuccession,
  type Participant,
  type Succession,
} from '../participant-records/records-api.js';
import { reportOutcome } from './lifecycle-outcome.js';
import { noticeSentence } from './notice-names.js';

const t = defineMessages(
  {
    empty: '承継の記録はありません。',
    merger: '合併',
    split: '分割',
    entry: '{on} {kind}: {from} → {to}（記録 {by}）',
    kind: '承継の原因',
    effectiveOn: '効力発生日',
    successorOrganisation: '承継する法人の名称（新しい参加者として登録）',
    successorEmail: '承継する法人の連絡先メールアドレス',
    successorId: 'または既存の参加者の ID',
    documents: '承継を証する書類（1 つ以上）',
    note: 'メモ',
    review: '内容を確認する',
    confirm: '承継を記録する',
    effects:
      'この参加者の端末は承継者に移り（資格情報はそのまま使えます）、登録用シークレットとポータルのアカウントは停止します。保存済みのデータは承継者から見えます（第4条）。',
    needDocument: '承継を証する書類を添付してください。',
    needSuccessor: '承継する法人の名称か、既存の参加者の ID を入力してください。',
  },
  {
    empty: 'No succession recorded.',
    merger: 'Merger',
    split: 'Split',
    entry: '{on} {kind}: {from} → {to} (recorded by {by})',
    kind: 'Cause',
    effectiveOn: 'Effective on',
    successorOrganisation: 'Successor organisation (registered as a new participant)',
    successorEmail: "Successor's contact e-mail",
    successorId: 'or the id of an existing participant',
    documents: 'Documents proving the succession (one or more)',
    note: 'Note',
    review: 'Review',
    confirm: 'Record the succession',
    effects:
      "This participant's devices move to the successor (their credentials keep working); its enrollment secrets and portal accounts stop. The stored data becomes visible to the successor (art. 4).",
    needDocument: 'Attach the documents proving the succession.',
    needSuccessor: 'Enter the successor organisation, or the id of an existing participant.',
  },
);

/**
 * Succession on a merger or split (terms art. 4) with the documents proving it, and the successions recorded.
 * @event participant-changed - after a succession is recorded (its outcome: `reportOutcome`)
 */
export class SuccessionForm extends LitElement {
  static override properties = {
    participant: { attribute: false },
    successions: { state: true },
    review: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        gap: 6px;
      }
      input,
      select {
        max-width: 100%;
        box-sizing: border-box;
      }
      li {
        overflow-wrap: anywhere;
      }
    `,
  ];
  declare participant: Participant | null;
  declare successions: Succession[];
  declare review: FormData | null;
  declare error: string;
  declare busy: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participant = null;
    this.successions = [];
    this.review = null;
    this.error = '';
    this.busy = false;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('participant') && this.participant)
      fetchSuccessions(this.participant.participant_id).then(
        (list) => (this.successions = list),
        (error: unknown) => (this.error = apiErrorText(error)),
      );
  }

  private prepare(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    for (const key of ['successorId', 'successorOrganisation', 'successorContactEmail', 'note'])
      if (!String(form.get(key) ?? '').trim()) form.delete(key);
    const files = form.getAll('documents').filter((f) => f instanceof File && f.size > 0);
    if (files.length === 0) return void (this.error = t('needDocument'));
    if (!form.get('successorId') && !form.get('successorOrganisation')) return void (this.error = t('needSuccessor'));
    this.error = '';
    this.review = form;
  }

  private async confirm(): Promise<void> {
    if (!this.participant || !this.review) return;
    this.busy = true;
    try {
      const recorded = await recordSuccession(this.participant.participant_id, this.review);
      this.review = null;
      reportOutcome(this, { kind: 'succession', devices: recorded.devicesMoved, successorId: recorded.successorId });
    } catch (error) {
      this.error = apiErrorText(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    void this.locale;
    const p = this.participant;
    if (!p) return nothing;
    return html`
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.successions.length === 0
          ? html`<p class="muted">${t('empty')}</p>`
          : html`<ul data-test="successions">
              ${this.successions.map(
                (s) =>
                  html`<li>
                    ${t('entry', { on: s.effective_on, kind: t(s.kind), from: s.predecessor_id, to: s.successor_id, by: s.recorded_by })}
                  </li>`,
              )}
            </ul>`
      }
      ${
        this.review
          ? html`<yorozu-confirmation
              data-test="succession-review"
              confirm-label=${t('confirm')}
              confirm-test="succession-confirm"
              ?busy=${this.busy}
              @confirm=${() => void this.confirm()}
              @cancel=${() => (this.review = null)}
            >
              <p>${t('effects')}</p>
              <p data-test="succession-notice">${noticeSentence('succession_recorded', p.name, p.contact_email)}</p>
            </yorozu-confirmation>`
          : html`<form @submit=${(e: SubmitEvent) => this.prepare(e)} data-test="succession-form">
              <label
                >${t('kind')}
                <select name="kind">
                  <option value="merger">${t('merger')}</option>
                  <option value="split">${t('split')}</option>
                </select></label
              >
              <label>${t('effectiveOn')} <input type="date" name="effectiveOn" required /></label>
              <label>${t('successorOrganisation')} <input name="successorOrganisation" maxlength="200" /></label>
              <label>${t('successorEmail')} <input type="email" name="successorContactEmail" /></label>
              <label>${t('successorId')} <input name="successorId" maxlength="36" /></label>
              <label>${t('documents')} <input type="file" name="documents" multiple /></label>
              <label>${t('note')} <input name="note" maxlength="2000" /></label>
              <p><button type="submit">${t('review')}</button></p>
            </form>`
      }
    `;
  }
}
customElements.define('yorozu-succession-form', SuccessionForm);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-succession-form': SuccessionForm;
  }
}
