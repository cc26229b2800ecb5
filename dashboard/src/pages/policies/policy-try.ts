import { LitElement, html } from 'lit';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import type { Trial } from './participant-trial.js';
import { devicePagePath, localised, problemText, tryPolicy, type TrialRun } from './policies-api.js';
import './participant-trial.js';

const t = defineMessages(
  {
    intro: '入力中の SQL を保存せずに 1 参加者のデータで実行します（閲覧の記録が残ります）。',
    device: '端末',
    result: '結果',
    detail: '詳細',
    pass: '合格',
    fail: '不合格',
    summary: '有効な端末 {devices} 台のうち {answered} 台に判定: 合格 {passed} / 不合格 {failed}',
    none: 'どの端末についても結果を返しませんでした。',
  },
  {
    intro: "Runs the SQL as typed, unsaved, on one participant's data (the access is recorded).",
    device: 'Device',
    result: 'Result',
    detail: 'Detail',
    pass: 'Pass',
    fail: 'Fail',
    summary: 'Verdicts on {answered} of {devices} active devices: {passed} pass / {failed} fail',
    none: 'The query answered nothing for any device.',
  },
);

/** The verdict per device of an unsaved policy query on one participant (the trial itself: participant-trial.ts). */
const POLICY_TRIAL: Trial<TrialRun> = {
  run: tryPolicy,
  problemText,
  render(run, { participantId, hostnames }) {
    if (run.verdicts.length === 0)
      return html`<p class="muted" data-test="policy-try-result" data-rows="0">${t('none')}</p>`;
    const passed = run.verdicts.filter((v) => v.passed).length;
    const sorted = [...run.verdicts].sort(
      (a, b) =>
        Number(a.passed) - Number(b.passed) ||
        (hostnames.get(a.device_id) ?? a.device_id).localeCompare(hostnames.get(b.device_id) ?? b.device_id),
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
                    <a href=${devicePagePath(participantId, v.device_id)}
                      >${hostnames.get(v.device_id) || html`<span class="mono">${v.device_id}</span>`}</a
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
  },
};

/** A trial of an unsaved policy query on one participant. */
export class PolicyTry extends LitElement {
  static override properties = {
    query: { attribute: false },
    policyId: { attribute: false },
  };
  declare query: string;
  /** The policy being edited ('' for a new one): another policy's results are not shown under this one. */
  declare policyId: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.query = '';
    this.policyId = '';
  }

  override render() {
    void this.locale;
    return html`<yorozu-participant-trial
      test-prefix="policy-try"
      .text=${this.query}
      .intro=${t('intro')}
      .resetKey=${this.policyId}
      .trial=${POLICY_TRIAL}
    ></yorozu-participant-trial>`;
  }
}
customElements.define('yorozu-policy-try', PolicyTry);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-policy-try': PolicyTry;
  }
}
