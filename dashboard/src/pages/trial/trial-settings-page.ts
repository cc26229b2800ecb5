import { LitElement, css, html, nothing } from 'lit';
import { formatJst } from '../../format/jst.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { fetchTrial, setTrial, stopTrial, type TrialPeriod } from './trial-api.js';

const t = defineMessages(
  {
    title: '実証実験の期間',
    unset: '期間が未設定です。設定するまで、参加者の利用に終わりがありません（第1条、第9条）。',
    current: '現在の期間: {from} ～ {to}',
    openEnd: '終了日未定',
    changed: '（{at} {by} が変更）',
    periodForm: '期間を設定・変更する',
    startsOn: '開始日',
    endsOn: '終了日',
    note: 'お知らせに添える説明',
    review: '内容を確認する',
    confirmPeriod:
      '期間を {from} ～ {to} にします。参加者全員に「実証実験期間の変更」のお知らせ（第1条、第21条）を Web 掲示とメールで送ります。終了日の翌日、全参加者の利用が終了します（第9条）。',
    stopForm: '実証実験を中止する（第19条）',
    stopIntro: '中止すると、最終日の翌日に全参加者の利用が終了し、データは削除期限に従って削除されます。',
    lastDay: '最終日',
    reason: '中止の理由（お知らせに記載します）',
    confirmStop:
      '実証実験を中止します。最終日は {day} です。参加者全員に「実証実験の中止」のお知らせ（第19条、第21条）を Web 掲示とメールで送ります。このお知らせは「中止」と明記します。',
    send: '確定してお知らせを送る',
    back: '戻って直す',
    saved: '保存し、お知らせを送りました。',
  },
  {
    title: 'The trial period',
    unset: 'No period is set. Until it is, participants’ use has no end (art. 1, 9).',
    current: 'Current period: {from} to {to}',
    openEnd: 'no end date yet',
    changed: '(changed {at} by {by})',
    periodForm: 'Set or move the period',
    startsOn: 'Start date',
    endsOn: 'End date',
    note: 'Explanation for the notice',
    review: 'Review',
    confirmPeriod:
      'The period becomes {from} to {to}. Every participant gets the notice "trial period changed" (art. 1, 21) on the web and by e-mail. The day after the end date, every participant’s use ends (art. 9).',
    stopForm: 'Stop the trial (art. 19)',
    stopIntro: 'Stopping ends every participant’s use the day after the last day; data is deleted by its deadline.',
    lastDay: 'Last day',
    reason: 'Reason (stated in the notice)',
    confirmStop:
      'The trial is stopped; its last day is {day}. Every participant gets the notice "the trial is stopped" (art. 19, 21) on the web and by e-mail; it says 中止 (stopped), not a change of dates.',
    send: 'Confirm and send the notice',
    back: 'Back',
    saved: 'Saved; the notice was sent.',
  },
);

type Pending =
  | { kind: 'period'; startsOn: string; endsOn: string | null; note: string }
  | { kind: 'stop'; lastDay: string; reason: string };

/**
 * /settings/trial (operators): the trial period (art. 1) and its stop (art. 19). Each change is shown
 * first as what will happen, to whom, and which notice is sent; only then is it made.
 * @event trial-changed - the period was set, moved or stopped
 */
export class TrialSettingsPage extends LitElement {
  static override properties = {
    trial: { state: true },
    loaded: { state: true },
    pending: { state: true },
    message: { state: true },
    error: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        gap: 10px;
        max-width: 560px;
      }
      textarea {
        width: 100%;
        box-sizing: border-box;
      }
      .confirm {
        border: 2px solid #b45309;
        padding: 12px;
        border-radius: 6px;
      }
    `,
  ];
  declare trial: TrialPeriod | null;
  declare loaded: boolean;
  declare pending: Pending | null;
  declare message: string;
  declare error: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.trial = null;
    this.loaded = false;
    this.pending = null;
    this.message = '';
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.trial = await fetchTrial();
      this.loaded = true;
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  private reviewPeriod(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const endsOn = String(form.get('endsOn') ?? '');
    this.message = '';
    this.pending = {
      kind: 'period',
      startsOn: String(form.get('startsOn') ?? ''),
      endsOn: endsOn || null,
      note: String(form.get('note') ?? ''),
    };
  }

  private reviewStop(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.message = '';
    this.pending = {
      kind: 'stop',
      lastDay: String(form.get('lastDay') ?? ''),
      reason: String(form.get('reason') ?? ''),
    };
  }

  private async confirm(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    try {
      this.trial =
        pending.kind === 'period'
          ? await setTrial(pending.startsOn, pending.endsOn, pending.note)
          : await stopTrial(pending.lastDay, pending.reason);
      this.pending = null;
      this.error = '';
      this.message = t('saved');
      this.dispatchEvent(new CustomEvent('trial-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  private renderConfirm(pending: Pending) {
    return html`<div class="confirm" data-test="trial-confirm" data-kind=${pending.kind}>
      <p>
        ${
          pending.kind === 'period'
            ? t('confirmPeriod', { from: pending.startsOn, to: pending.endsOn ?? t('openEnd') })
            : t('confirmStop', { day: pending.lastDay })
        }
      </p>
      <div class="row">
        <button class="primary" type="button" data-test="trial-confirm-send" @click=${() => void this.confirm()}>
          ${t('send')}
        </button>
        <button type="button" @click=${() => (this.pending = null)}>${t('back')}</button>
      </div>
    </div>`;
  }

  override render() {
    void this.locale;
    const trial = this.trial;
    return html`<h1>${t('title')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.message ? html`<p class="ok" role="status" data-test="trial-saved">${this.message}</p>` : nothing}
      <section class="panel" data-test="trial-current">
        ${
          !this.loaded
            ? nothing
            : trial
              ? html`<p>
                  ${t('current', { from: trial.starts_on, to: trial.ends_on ?? t('openEnd') })}
                  <span class="muted"
                    >${t('changed', { at: formatJst(trial.changed_at, 'datetime'), by: trial.changed_by })}</span
                  >
                </p>`
              : html`<p class="error" data-test="trial-unset">${t('unset')}</p>`
        }
      </section>
      ${
        this.pending
          ? html`<section class="panel">${this.renderConfirm(this.pending)}</section>`
          : html`<section class="panel">
                <h2>${t('periodForm')}</h2>
                <form data-test="trial-form" @submit=${this.reviewPeriod}>
                  <label
                    >${t('startsOn')}
                    <input
                      type="date"
                      name="startsOn"
                      required
                      data-test="trial-starts"
                      .value=${trial?.starts_on ?? ''}
                  /></label>
                  <label
                    >${t('endsOn')}
                    <input type="date" name="endsOn" data-test="trial-ends" .value=${trial?.ends_on ?? ''}
                  /></label>
                  <label>${t('note')}<textarea name="note" rows="2"></textarea></label>
                  <button class="primary" type="submit" data-test="trial-review">${t('review')}</button>
                </form>
              </section>
              ${
                trial
                  ? html`<section class="panel">
                      <h2>${t('stopForm')}</h2>
                      <p class="muted">${t('stopIntro')}</p>
                      <form data-test="trial-stop-form" @submit=${this.reviewStop}>
                        <label
                          >${t('lastDay')} <input type="date" name="lastDay" required data-test="trial-last-day"
                        /></label>
                        <label
                          >${t('reason')}<textarea
                            name="reason"
                            rows="2"
                            required
                            data-test="trial-stop-reason"
                          ></textarea>
                        </label>
                        <button type="submit" data-test="trial-stop-review">${t('review')}</button>
                      </form>
                    </section>`
                  : nothing
              }`
      }`;
  }
}
customElements.define('yorozu-trial-settings-page', TrialSettingsPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-trial-settings-page': TrialSettingsPage;
  }
}
