import { LitElement, html } from 'lit';
import { formatJst } from '../../format/jst.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import type { Trial } from '../policies/participant-trial.js';
import { ruleProblemText, tryRule, type RuleTrial } from './detection-rules-api.js';
import '../policies/participant-trial.js';

const t = defineMessages(
  {
    intro: '入力中のルールを保存せずに 1 参加者の直近 30 日のログで実行します（閲覧の記録が残ります）。',
    device: '端末',
    user: 'ユーザー',
    count: '件数',
    firstSeen: '最初',
    lastSeen: '最後',
    summary: '{findings} 件の検知（端末・ユーザーごと）、イベント計 {events} 件',
    none: 'このルールに一致するログはありませんでした。',
  },
  {
    intro: "Runs the rule as typed, unsaved, over one participant's logs of the last 30 days (the access is recorded).",
    device: 'Device',
    user: 'User',
    count: 'Events',
    firstSeen: 'First',
    lastSeen: 'Last',
    summary: '{findings} findings (per device and user), {events} events in all',
    none: 'No logs match this rule.',
  },
);

/** What an unsaved rule would find on one participant, per device and user (the trial itself: participant-trial.ts). */
const RULE_TRIAL: Trial<RuleTrial> = {
  run: tryRule,
  problemText: ruleProblemText,
  render(run, { hostnames }) {
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
                  <td class="nowrap">${hostnames.get(f.deviceId) ?? f.deviceId}</td>
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
  },
};

/** A trial of an unsaved detection rule (Sigma YAML) on one participant. */
export class RuleTry extends LitElement {
  static override properties = { yaml: { attribute: false } };
  declare yaml: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.yaml = '';
  }

  override render() {
    void this.locale;
    return html`<yorozu-participant-trial
      test-prefix="rule-try"
      .text=${this.yaml}
      .intro=${t('intro')}
      .trial=${RULE_TRIAL}
    ></yorozu-participant-trial>`;
  }
}
customElements.define('yorozu-rule-try', RuleTry);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-rule-try': RuleTry;
  }
}
