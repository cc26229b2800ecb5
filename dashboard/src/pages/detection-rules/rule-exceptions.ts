import { LitElement, html, nothing } from 'lit';
import { readParams } from '../../components/url-state/url-state.js';
import { formatJst } from '../../format/jst.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { fetchActiveParticipants, isPurposeRequired } from '../policies/policies-api.js';
import { editorSectionStyles, policiesStyles } from '../policies/policies.styles.js';
import { ruleProblemText } from './detection-rules-api.js';
import { addException, fetchExceptions, liftException, type RuleException } from './rule-exceptions-api.js';
import '../purpose-dialog.js';

const t = defineMessages(
  {
    title: '参加者ごとの例外',
    intro: '選んだ参加者ではこのルールを実行しない（または、ある項目がその値のときだけ検知しない）設定です。',
    none: 'このルールに例外はありません。',
    participant: '参加者',
    choose: '選んでください',
    scope: '対象',
    whole: 'ルール全体',
    oneValue: '項目 = 値',
    field: '項目',
    value: '値',
    reason: '理由',
    who: '設定した人',
    when: '日時（JST）',
    add: '例外を追加',
    adding: '追加中…',
    lift: '解除',
    confirmLift: '{participant} の「{rule}」の例外を解除します。このルールは再びこの参加者のログ全体に実行されます。',
    confirm: '解除する',
    cancel: 'やめる',
    needReason: '理由を書いてください。',
    needField: '項目と値の両方を書いてください。',
  },
  {
    title: 'Exceptions per participant',
    intro: 'The rule does not run for the chosen participant (or does not report where one field has a value).',
    none: 'This rule has no exceptions.',
    participant: 'Participant',
    choose: 'Choose one',
    scope: 'Scope',
    whole: 'Whole rule',
    oneValue: 'Field = value',
    field: 'Field',
    value: 'Value',
    reason: 'Reason',
    who: 'Set by',
    when: 'When (JST)',
    add: 'Add exception',
    adding: 'Adding…',
    lift: 'Lift',
    confirmLift:
      "{participant}'s exception to “{rule}” is lifted; the rule runs over all of this participant's logs again.",
    confirm: 'Lift it',
    cancel: 'Cancel',
    needReason: 'Write a reason.',
    needField: 'Write both the field and the value.',
  },
);

/**
 * The rule's title in the reader's language, from the server (a SigmaHQ rule's Japanese title in Japanese); a desk
 * rule's "日本語 / English" title shows its Japanese half to a Japanese reader.
 */
const ruleTitleOf = (e: RuleException) =>
  language() === 'en' ? e.ruleTitleEn : (e.ruleTitle.split(' / ')[0] ?? e.ruleTitle);

/** The exceptions of one rule: listed with who set each and when, added for one participant, lifted after a confirmation. */
export class RuleExceptions extends LitElement {
  static override properties = {
    ruleId: { attribute: false },
    exceptions: { state: true },
    participants: { state: true },
    participantId: { state: true },
    byValue: { state: true },
    field: { state: true },
    value: { state: true },
    reason: { state: true },
    busy: { state: true },
    failure: { state: true },
    pendingLift: { state: true },
    needsPurpose: { state: true },
  };
  static override styles = [sharedStyles, policiesStyles, editorSectionStyles];
  declare ruleId: string;
  declare exceptions: RuleException[] | null;
  declare participants: { participant_id: string; name: string }[];
  declare participantId: string;
  declare byValue: boolean;
  declare field: string;
  declare value: string;
  declare reason: string;
  declare busy: boolean;
  declare failure: unknown;
  declare pendingLift: RuleException | null;
  declare needsPurpose: boolean;
  private readonly locale = new LocaleController(this);
  /** The call a missing access purpose interrupted, run again once the purpose is chosen. */
  private retry: (() => Promise<void>) | null = null;

  constructor() {
    super();
    this.ruleId = '';
    this.exceptions = null;
    this.participants = [];
    // The attention queue's 「この参加者では検知しない」 opens this form with its finding's participant chosen.
    this.participantId = readParams().get('exceptionFor') ?? '';
    this.byValue = false;
    this.field = '';
    this.value = '';
    this.reason = '';
    this.busy = false;
    this.failure = null;
    this.pendingLift = null;
    this.needsPurpose = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.attempt(async () => {
      this.participants = await fetchActiveParticipants();
      this.exceptions = await fetchExceptions();
    });
  }

  /** Runs one call; a missing access purpose asks for it and then retries the call. */
  private async attempt(call: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.failure = null;
    try {
      await call();
    } catch (error) {
      if (isPurposeRequired(error)) {
        this.needsPurpose = true;
        this.retry = call;
      } else this.failure = error;
    } finally {
      this.busy = false;
    }
  }

  private add(): void {
    if (!this.participantId) return;
    if (!this.reason.trim()) return void (this.failure = new Error(t('needReason')));
    if (this.byValue && (!this.field.trim() || !this.value)) return void (this.failure = new Error(t('needField')));
    void this.attempt(async () => {
      this.exceptions = await addException(this.participantId, {
        ruleId: this.ruleId,
        field: this.byValue ? this.field.trim() : '',
        value: this.byValue ? this.value : '',
        reason: this.reason.trim(),
      });
      this.reason = '';
      this.field = '';
      this.value = '';
    });
  }

  private lift(exception: RuleException): void {
    void this.attempt(async () => {
      this.exceptions = await liftException(exception);
      this.pendingLift = null;
    });
  }

  private renderList(rows: RuleException[]) {
    if (rows.length === 0) return html`<p class="muted" data-test="exceptions-none">${t('none')}</p>`;
    return html`<div class="scroll">
      <table data-test="exception-list">
        <thead>
          <tr>
            <th>${t('participant')}</th>
            <th>${t('scope')}</th>
            <th>${t('reason')}</th>
            <th>${t('who')}</th>
            <th>${t('when')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (e) =>
              html`<tr data-test="exception-row" data-exception-id=${e.exceptionId}>
                <td>${e.organisation}</td>
                <td class="mono">${e.field ? `${e.field} = ${e.value}` : t('whole')}</td>
                <td>${e.reason}</td>
                <td>${e.changedBy}</td>
                <td class="nowrap">${formatJst(e.changedAt)}</td>
                <td>
                  <button type="button" @click=${() => (this.pendingLift = e)} data-test="exception-lift">
                    ${t('lift')}
                  </button>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderConfirm(e: RuleException) {
    return html`<div class="panel" role="alertdialog" data-test="exception-confirm">
      <p>${t('confirmLift', { participant: e.organisation, rule: ruleTitleOf(e) })}</p>
      <div class="row">
        <button
          type="button"
          class="primary"
          ?disabled=${this.busy}
          @click=${() => this.lift(e)}
          data-test="exception-confirm-lift"
        >
          ${t('confirm')}
        </button>
        <button type="button" @click=${() => (this.pendingLift = null)}>${t('cancel')}</button>
      </div>
    </div>`;
  }

  private renderForm() {
    const input = (key: 'field' | 'value' | 'reason') => (e: Event) =>
      (this[key] = (e.target as HTMLInputElement).value);
    return html`<div class="row" data-test="exception-form">
      <label
        >${t('participant')}
        <select
          @change=${(e: Event) => (this.participantId = (e.target as HTMLSelectElement).value)}
          data-test="exception-participant"
        >
          <option value="" ?selected=${!this.participantId}>${t('choose')}</option>
          ${this.participants.map(
            (p) =>
              html`<option value=${p.participant_id} ?selected=${p.participant_id === this.participantId}>
                ${p.name}
              </option>`,
          )}
        </select>
      </label>
      <label
        ><input type="radio" name="scope" .checked=${!this.byValue} @change=${() => (this.byValue = false)} />
        ${t('whole')}</label
      >
      <label
        ><input
          type="radio"
          name="scope"
          .checked=${this.byValue}
          @change=${() => (this.byValue = true)}
          data-test="exception-by-value"
        />
        ${t('oneValue')}</label
      >
      ${
        this.byValue
          ? html`<label
                >${t('field')}
                <input class="mono" .value=${this.field} @input=${input('field')} data-test="exception-field"
              /></label>
              <label
                >${t('value')} <input .value=${this.value} @input=${input('value')} data-test="exception-value"
              /></label>`
          : nothing
      }
      <label
        >${t('reason')} <input .value=${this.reason} @input=${input('reason')} required data-test="exception-reason"
      /></label>
      <button
        type="button"
        ?disabled=${this.busy || !this.participantId}
        @click=${() => this.add()}
        data-test="exception-add"
      >
        ${this.busy ? t('adding') : t('add')}
      </button>
    </div>`;
  }

  override render() {
    void this.locale;
    if (this.needsPurpose)
      return html`<yorozu-purpose-dialog
        @purpose-chosen=${() => {
          this.needsPurpose = false;
          if (this.retry) void this.attempt(this.retry);
        }}
      ></yorozu-purpose-dialog>`;
    const rows = (this.exceptions ?? []).filter((e) => e.ruleId === this.ruleId);
    return html`<section data-test="rule-exceptions">
      <h3>${t('title')}</h3>
      <p class="muted">${t('intro')}</p>
      ${this.exceptions ? this.renderList(rows) : nothing}
      ${this.pendingLift ? this.renderConfirm(this.pendingLift) : nothing} ${this.renderForm()}
      ${
        this.failure
          ? html`<p class="error" role="alert" data-test="exception-error">${ruleProblemText(this.failure)}</p>`
          : nothing
      }
    </section>`;
  }
}
customElements.define('yorozu-rule-exceptions', RuleExceptions);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-rule-exceptions': RuleExceptions;
  }
}
