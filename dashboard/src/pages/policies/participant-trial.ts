import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiLoader, loadStatus } from '../../components/api-loader/api-loader.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { fetchActiveParticipants, fetchHostnames, isPurposeRequired } from './policies-api.js';
import { editorSectionStyles, policiesStyles } from './policies.styles.js';
import '../purpose-dialog.js';

const t = defineMessages(
  {
    title: '参加者のデータで試す',
    participant: '参加者',
    choose: '選んでください',
    run: '試す',
    running: '実行中…',
  },
  {
    title: 'Try on a participant',
    participant: 'Participant',
    choose: 'Choose one',
    run: 'Try',
    running: 'Running…',
  },
);

/** What differs between trials: how the unsaved text runs, how its answer reads, how its refusal reads. */
export interface Trial<Result> {
  run(participantId: string, text: string): Promise<Result>;
  /** The answer, rendered inside this element (its styles: the shared theme and the policy editor's tables). */
  render(result: Result, context: { participantId: string; hostnames: Map<string, string> }): TemplateResult;
  problemText(error: unknown): string;
}

interface TrialRun {
  result: unknown;
  participantId: string;
  hostnames: Map<string, string>;
}

/**
 * "Try on a participant": an unsaved policy query or detection rule run on one chosen participant's data, the
 * answer shown below. The run reads participant data, so an operator without an access purpose chooses one first
 * (the dialog), then it runs again. Used by the policy editor (policy-try.ts) and the rule editor
 * (detection-rules/rule-try.ts); `test-prefix` names its parts for the browser tests (`<prefix>-run`, …).
 */
export class ParticipantTrial extends LitElement {
  static override properties = {
    text: { attribute: false },
    intro: { attribute: false },
    trial: { attribute: false },
    resetKey: { attribute: false },
    testPrefix: { attribute: 'test-prefix' },
    participantId: { state: true },
    busy: { state: true },
    failure: { state: true },
    run: { state: true },
    needsPurpose: { state: true },
  };
  static override styles = [
    sharedStyles,
    policiesStyles,
    editorSectionStyles,
    css`
      p.intro {
        margin: 0 0 8px;
      }
      p.summary {
        margin: 8px 0;
      }
      /* A refusal keeps its line breaks (the validator names one problem a line); set as textContent, so no
         white space of the template reaches it. */
      p.error {
        white-space: pre-wrap;
      }
      /* the participant's name stays readable where there is room */
      select {
        min-width: min(16em, 100%);
      }
    `,
  ];
  /** The unsaved query or rule to run. */
  declare text: string;
  declare intro: string;
  // The element is shared by trials of different answers; each trial renders only what its own run returned.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  declare trial: Trial<any> | undefined;
  /** What is being edited: when it changes, the answer of the previous one is no longer shown. */
  declare resetKey: string;
  declare testPrefix: string;
  declare participantId: string;
  declare busy: boolean;
  declare failure: unknown;
  declare run: TrialRun | null;
  declare needsPurpose: boolean;
  private readonly locale = new LocaleController(this);
  private readonly participants = new ApiLoader(this, fetchActiveParticipants);

  constructor() {
    super();
    this.text = '';
    this.intro = '';
    this.trial = undefined;
    this.resetKey = '';
    this.testPrefix = 'trial';
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
    if (changed.has('resetKey') && changed.get('resetKey') !== undefined) {
      this.run = null;
      this.failure = null;
    }
  }

  private async tryIt(): Promise<void> {
    const trial = this.trial;
    if (!trial || !this.participantId || !this.text.trim()) return;
    const participantId = this.participantId;
    this.busy = true;
    this.failure = null;
    this.run = null;
    try {
      const result: unknown = await trial.run(participantId, this.text);
      const hostnames = await fetchHostnames(participantId).catch(() => new Map<string, string>());
      this.run = { result, participantId, hostnames };
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

  override render() {
    void this.locale;
    if (this.needsPurpose)
      return html`<yorozu-purpose-dialog @purpose-chosen=${this.purposeChosen}></yorozu-purpose-dialog>`;
    const prefix = this.testPrefix;
    return html`<section data-test=${prefix}>
      <h3>${t('title')}</h3>
      <p class="muted intro">${this.intro}</p>
      <div class="row">
        <label
          >${t('participant')}
          <select
            .value=${this.participantId}
            @change=${(e: Event) => (this.participantId = (e.target as HTMLSelectElement).value)}
            data-test=${`${prefix}-participant`}
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
          ?disabled=${this.busy || !this.participantId || !this.text.trim()}
          @click=${() => void this.tryIt()}
          data-test=${`${prefix}-run`}
        >
          ${this.busy ? t('running') : t('run')}
        </button>
      </div>
      ${loadStatus(this.participants, `${prefix}-participants`)}
      ${
        this.failure && this.trial
          ? html`<p
              class="error"
              role="alert"
              data-test=${`${prefix}-error`}
              .textContent=${this.trial.problemText(this.failure)}
            ></p>`
          : nothing
      }
      ${
        this.run && this.trial
          ? this.trial.render(this.run.result, { participantId: this.run.participantId, hostnames: this.run.hostnames })
          : nothing
      }
    </section>`;
  }
}
customElements.define('yorozu-participant-trial', ParticipantTrial);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-participant-trial': ParticipantTrial;
  }
}
