import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { ApiLoader, loadStatus } from '../../components/api-loader/api-loader.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import {
  devicePagePath,
  fetchActiveParticipants,
  fetchHostnames,
  isPurposeRequired,
  localised,
  problemText,
  tryPolicy,
  type TrialRun,
} from './policies-api.js';
import { policiesStyles } from './policies.styles.js';
import '../purpose-dialog.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    title: '参加者のデータで試す',
    intro: '入力中の SQL を保存せずに 1 参加者のデータで実行します（閲覧の記録が残ります）。',
    participant: '参加者',
    choose: '選んでください',
    run: '試す',
    running: '実行中…',
    device: '端末',
    result: '結果',
    detail: '詳細',
    pass: '合格',
    fail: '不合格',
    summary: '有効な端末 {devices} 台のうち {answered} 台に判定: 合格 {passed} / 不合格 {failed}',
    none: 'どの端末についても結果を返しませんでした。',
  },
  {
    title: 'Try on a participant',
    intro: "Runs the SQL as typed, unsaved, on one participant's data (the access is recorded).",
    participant: 'Participant',
    choose: 'Choose one',
    run: 'Try',
    running: 'Running…',
    device: 'Device',
    result: 'Result',
    detail: 'Detail',
    pass: 'Pass',
    fail: 'Fail',
    summary: 'Verdicts on {answered} of {devices} active devices: {passed} pass / {failed} fail',
    none: 'The query answered nothing for any device.',
  },
);

/**
 * A trial run of an unsaved query on one participant: the verdict per device. The run reads participant
 * data, so an operator without an access purpose chooses one first (the dialog), then it runs again.
 */
export class PolicyTry extends LitElement {
  static override properties = {
    query: { attribute: false },
    policyId: { attribute: false },
    participantId: { state: true },
    busy: { state: true },
    failure: { state: true },
    run: { state: true },
    needsPurpose: { state: true },
  };
  static override styles = [
    sharedStyles,
    policiesStyles,
    css`
      :host {
        margin-top: 16px;
        border-top: 1px solid var(--line);
        padding-top: 8px;
      }
      h3 {
        font-size: 1rem;
        margin: 4px 0;
      }
      select {
        min-width: 16em;
      }
      p.summary {
        margin: 8px 0;
      }
    `,
  ];
  declare query: string;
  /** The policy being edited ('' for a new one): another policy's results are not shown under this one. */
  declare policyId: string;
  declare participantId: string;
  declare busy: boolean;
  declare failure: unknown;
  declare run: (TrialRun & { participantId: string; hostnames: Map<string, string> }) | null;
  declare needsPurpose: boolean;
  private readonly locale = new LocaleController(this);
  private readonly participants = new ApiLoader(this, fetchActiveParticipants);

  constructor() {
    super();
    this.query = '';
    this.policyId = '';
    this.participantId = '';
    this.busy = false;
    this.failure = null;
    this.run = null;
    this.needsPurpose = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.participants.value) void this.participants.run();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('policyId') && changed.get('policyId') !== undefined) {
      this.run = null;
      this.failure = null;
    }
  }

  private async tryIt(): Promise<void> {
    if (!this.participantId || !this.query.trim()) return;
    const participantId = this.participantId;
    this.busy = true;
    this.failure = null;
    try {
      const run = await tryPolicy(participantId, this.query);
      const hostnames = await fetchHostnames(participantId).catch(() => new Map<string, string>());
      this.run = { ...run, participantId, hostnames };
    } catch (error) {
      if (isPurposeRequired(error)) this.needsPurpose = true;
      else this.failure = error;
    } finally {
      this.busy = false;
    }
  }

  private purposeChosen(): void {
    this.needsPurpose = false;
    void this.tryIt();
  }

  private renderRun(run: NonNullable<PolicyTry['run']>) {
    if (run.verdicts.length === 0)
      return html`<p class="muted" data-test="policy-try-result" data-rows="0">${t('none')}</p>`;
    const passed = run.verdicts.filter((v) => v.passed).length;
    const sorted = [...run.verdicts].sort(
      (a, b) =>
        Number(a.passed) - Number(b.passed) ||
        (run.hostnames.get(a.device_id) ?? a.device_id).localeCompare(run.hostnames.get(b.device_id) ?? b.device_id),
    );
    return html`<div data-test="policy-try-result" data-rows=${run.verdicts.length}>
      <p class="summary muted">
        ${t('summary', { devices: formatCount(run.devices), answered: formatCount(run.verdicts.length), passed: formatCount(passed), failed: formatCount(run.verdicts.length - passed) })}
      </p>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>${t('device')}</th>
              <th>${t('result')}</th>
              <th>${t('detail')}</th>
            </tr>
          </thead>
          <tbody>
            ${sorted.map(
              (v) =>
                html`<tr data-test="policy-try-row" data-passed=${String(v.passed)}>
                  <td class="nowrap">
                    <a href=${devicePagePath(run.participantId, v.device_id)}
                      >${run.hostnames.get(v.device_id) || html`<span class="mono">${v.device_id}</span>`}</a
                    >
                  </td>
                  <td class="nowrap">
                    ${v.passed ? html`<span class="badge ok">${t('pass')}</span>` : html`<span class="badge bad">${t('fail')}</span>`}
                  </td>
                  <td data-test="policy-try-finding">${localised({ ja: v.detail, en: v.detail_en })}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </div>`;
  }

  override render() {
    void this.locale;
    if (this.needsPurpose)
      return html`<yorozu-purpose-dialog @purpose-chosen=${this.purposeChosen}></yorozu-purpose-dialog>`;
    return html`<section data-test="policy-try">
      <h3>${t('title')}</h3>
      <p class="muted" ${cssText(`margin: 0 0 8px`)}>${t('intro')}</p>
      <div class="row">
        <label
          >${t('participant')}
          <select
            .value=${this.participantId}
            @change=${(e: Event) => (this.participantId = (e.target as HTMLSelectElement).value)}
            data-test="policy-try-participant"
          >
            <option value="" ?selected=${!this.participantId}>${t('choose')}</option>
            ${(this.participants.value ?? []).map((p) => html`<option value=${p.participant_id} ?selected=${p.participant_id === this.participantId}>${p.name}</option>`)}
          </select>
        </label>
        <button
          type="button"
          ?disabled=${this.busy || !this.participantId || !this.query.trim()}
          @click=${() => void this.tryIt()}
          data-test="policy-try-run"
        >
          ${this.busy ? t('running') : t('run')}
        </button>
      </div>
      ${loadStatus(this.participants, 'policy-try-participants')}
      ${this.failure ? html`<p class="error" role="alert" data-test="policy-try-error" ${cssText(`white-space: pre-wrap`)}>${problemText(this.failure)}</p>` : nothing}
      ${this.run ? this.renderRun(this.run) : nothing}
    </section>`;
  }
}
customElements.define('yorozu-policy-try', PolicyTry);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-policy-try': PolicyTry;
  }
}
