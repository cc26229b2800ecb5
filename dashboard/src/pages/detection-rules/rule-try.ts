import { LitElement, css, html, nothing } from 'lit';
import { ApiLoader, loadStatus } from '../../components/api-loader/api-loader.js';
import { formatJst } from '../../format/jst.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { fetchActiveParticipants, fetchHostnames, isPurposeRequired } from '../policies/policies-api.js';
import { policiesStyles } from '../policies/policies.styles.js';
import { ruleProblemText, tryRule, type RuleTrial } from './detection-rules-api.js';
import '../purpose-dialog.js';

const t = defineMessages(
  {
    title: '参加者のデータで試す',
    intro: '入力中のルールを保存せずに 1 参加者の直近 30 日のログで実行します（閲覧の記録が残ります）。',
    participant: '参加者',
    choose: '選んでください',
    run: '試す',
    running: '実行中…',
    device: '端末',
    user: 'ユーザー',
    count: '件数',
    firstSeen: '最初',
    lastSeen: '最後',
    summary: '{findings} 件の検知（端末・ユーザーごと）、イベント計 {events} 件',
    none: 'このルールに一致するログはありませんでした。',
  },
  {
    title: 'Try on a participant',
    intro: "Runs the rule as typed, unsaved, over one participant's logs of the last 30 days (the access is recorded).",
    participant: 'Participant',
    choose: 'Choose one',
    run: 'Try',
    running: 'Running…',
    device: 'Device',
    user: 'User',
    count: 'Events',
    firstSeen: 'First',
    lastSeen: 'Last',
    summary: '{findings} findings (per device and user), {events} events in all',
    none: 'No logs match this rule.',
  },
);

/** A trial of an unsaved rule on one participant: what it would find, per device and user. */
export class RuleTry extends LitElement {
  static override properties = {
    yaml: { attribute: false },
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
        display: block;
        margin-top: 16px;
        border-top: 1px solid var(--line);
        padding-top: 8px;
      }
      h3 {
        font-size: 1rem;
        margin: 4px 0;
      }
      /* A phone: the form wraps and its fields shrink to the screen (no page wider than 390 px). */
      .row {
        flex-wrap: wrap;
      }
      label,
      input,
      select {
        min-width: 0;
        max-width: 100%;
      }
    `,
  ];
  declare yaml: string;
  declare participantId: string;
  declare busy: boolean;
  declare failure: unknown;
  declare run: (RuleTrial & { hostnames: Map<string, string> }) | null;
  declare needsPurpose: boolean;
  private readonly locale = new LocaleController(this);
  private readonly participants = new ApiLoader(this, fetchActiveParticipants);

  constructor() {
    super();
    this.yaml = '';
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

  private async tryIt(): Promise<void> {
    if (!this.participantId || !this.yaml.trim()) return;
    const participantId = this.participantId;
    this.busy = true;
    this.failure = null;
    this.run = null;
    try {
      const run = await tryRule(participantId, this.yaml);
      const hostnames = await fetchHostnames(participantId).catch(() => new Map<string, string>());
      this.run = { ...run, hostnames };
    } catch (error) {
      if (isPurposeRequired(error)) this.needsPurpose = true;
      else this.failure = error;
    } finally {
      this.busy = false;
    }
  }

  private renderRun(run: NonNullable<RuleTry['run']>) {
    if (run.findings.length === 0)
      return html`<p class="muted" data-test="rule-try-result" data-rows="0">${t('none')}</p>`;
    const events = run.findings.reduce((sum, f) => sum + f.count, 0);
    return html`<div data-test="rule-try-result" data-rows=${run.findings.length}>
      <p class="muted">${t('summary', { findings: formatCount(run.findings.length), events: formatCount(events) })}</p>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>${t('device')}</th>
              <th>${t('user')}</th>
              <th class="num">${t('count')}</th>
              <th>${t('firstSeen')}</th>
              <th>${t('lastSeen')}</th>
            </tr>
          </thead>
          <tbody>
            ${run.findings.map(
              (f) =>
                html`<tr data-test="rule-try-row">
                  <td class="nowrap">${run.hostnames.get(f.deviceId) ?? f.deviceId}</td>
                  <td>${f.user}</td>
                  <td class="num">${formatCount(f.count)}</td>
                  <td class="nowrap">${formatJst(f.firstSeen)}</td>
                  <td class="nowrap">${formatJst(f.lastSeen)}</td>
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
      return html`<yorozu-purpose-dialog
        @purpose-chosen=${() => {
          this.needsPurpose = false;
          void this.tryIt();
        }}
      ></yorozu-purpose-dialog>`;
    return html`<section data-test="rule-try">
      <h3>${t('title')}</h3>
      <p class="muted">${t('intro')}</p>
      <div class="row">
        <label
          >${t('participant')}
          <select
            @change=${(e: Event) => (this.participantId = (e.target as HTMLSelectElement).value)}
            data-test="rule-try-participant"
          >
            <option value="" ?selected=${!this.participantId}>${t('choose')}</option>
            ${(this.participants.value ?? []).map(
              (p) =>
                html`<option value=${p.participant_id} ?selected=${p.participant_id === this.participantId}>
                  ${p.name}
                </option>`,
            )}
          </select>
        </label>
        <button
          type="button"
          ?disabled=${this.busy || !this.participantId || !this.yaml.trim()}
          @click=${() => void this.tryIt()}
          data-test="rule-try-run"
        >
          ${this.busy ? t('running') : t('run')}
        </button>
      </div>
      ${loadStatus(this.participants, 'rule-try-participants')}
      ${this.failure ? html`<p class="error" role="alert" data-test="rule-try-error">${ruleProblemText(this.failure)}</p>` : nothing}
      ${this.run ? this.renderRun(this.run) : nothing}
    </section>`;
  }
}
customElements.define('yorozu-rule-try', RuleTry);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-rule-try': RuleTry;
  }
}
