import { LitElement, css, html, nothing } from 'lit';
import { api } from '../../api/api-client.js';
import { loadStatus } from '../../components/api-loader/api-loader.js';
import { loadForDevice } from '../../components/api-loader/keyed-api-loader.js';
import { formatJst } from '../../format/jst.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import type { DeviceHealth, Localised } from '../../api/contract.js';

const t = defineMessages(
  {
    score: '健康スコア',
    noScore: '—',
    none: 'この端末はまだ評価されていません。評価は定期的に（既定では毎時）行われます。',
    policy: '項目',
    severity: '重要度',
    status: '結果',
    detail: '状況',
    since: 'いつから',
    pass: '合格',
    fail: '要対応',
    unknown: '判定なし',
    advice: '対処方法: ',
    failingSince: '{time} から',
    fixedSince: '{time} に解消',
    evaluatedAt: '評価日時: {time}',
    critical: '緊急',
    high: '高',
    medium: '中',
    low: '低',
    failing: '要対応 {n} 件',
  },
  {
    score: 'Health score',
    noScore: '—',
    none: 'This device has not been evaluated yet. Evaluations run on a schedule (hourly by default).',
    policy: 'Check',
    severity: 'Severity',
    status: 'Result',
    detail: 'Finding',
    since: 'Since',
    pass: 'Pass',
    fail: 'Needs action',
    unknown: 'No verdict',
    advice: 'What to do: ',
    failingSince: 'Failing since {time}',
    fixedSince: 'Fixed since {time}',
    evaluatedAt: 'Evaluated at {time}',
    critical: 'Critical',
    high: 'High',
    medium: 'Medium',
    low: 'Low',
    failing: '{n} need action',
  },
);

type Severity = DeviceHealth['policies'][number]['severity'];
type Status = DeviceHealth['policies'][number]['status'];
export type DevicePolicyVerdict = DeviceHealth['policies'][number];
export type { DeviceHealth };

const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };
const STATUS_RANK: Record<Status, number> = { fail: 3, unknown: 2, pass: 1 };

async function fetchDeviceHealth(participantId: string, deviceId: string): Promise<DeviceHealth> {
  const health = await api<DeviceHealth>('GET', `/api/v1/participants/${participantId}/devices/${deviceId}/health`);
  // failing first, then the most severe; the server sorts too, but the panel must not depend on it
  const policies = [...health.policies].sort(
    (a, b) =>
      STATUS_RANK[b.status] - STATUS_RANK[a.status] ||
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      a.slug.localeCompare(b.slug),
  );
  return { score: health.score === null ? null : Number(health.score), policies };
}

const localised = (text: Localised): string => (language() === 'en' && text.en ? text.en : text.ja);

/** The device's health: its score and each enabled policy's verdict, failing ones first with their advice and since when. */
export class DeviceHealthPanel extends LitElement {
  static override properties = { participantId: { attribute: false }, deviceId: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      .summary {
        display: flex;
        gap: 16px;
        align-items: baseline;
        flex-wrap: wrap;
        margin-bottom: 8px;
      }
      .score {
        font-size: 1.6rem;
        font-weight: 700;
        font-variant-numeric: tabular-nums;
      }
      .score small {
        font-size: 0.9rem;
        font-weight: 400;
        color: var(--muted);
      }
      .scroll {
        overflow-x: auto;
      }
      td.nowrap {
        white-space: nowrap;
      }
      .advice {
        margin: 4px 0 0;
        font-size: 0.85rem;
      }
      tr[data-status='fail'] td:first-child {
        box-shadow: inset 3px 0 0 var(--danger);
      }
      .badge.sev {
        white-space: nowrap;
        font-weight: 600;
      }
      .badge.sev.critical {
        background: #7f1d1d;
        border-color: #7f1d1d;
        color: #fff;
      }
      .badge.sev.high {
        background: #fef2f2;
        border-color: #fca5a5;
        color: #991b1b;
      }
      .badge.sev.medium {
        background: #fffbeb;
        border-color: #fcd34d;
        color: #92400e;
      }
      .badge.sev.low {
        background: #f1f5f9;
        border-color: #cbd5e1;
        color: #334155;
      }
    `,
  ];
  declare participantId: string;
  declare deviceId: string;
  private readonly locale = new LocaleController(this);
  private readonly health = loadForDevice(this, fetchDeviceHealth);

  constructor() {
    super();
    this.participantId = '';
    this.deviceId = '';
  }

  private renderStatus(row: DevicePolicyVerdict) {
    if (row.status === 'fail') return html`<span class="badge bad">${t('fail')}</span>`;
    if (row.status === 'pass') return html`<span class="badge ok">${t('pass')}</span>`;
    return html`<span class="badge">${t('unknown')}</span>`;
  }

  private renderSince(row: DevicePolicyVerdict) {
    if (row.status === 'fail' && row.failing_since)
      return html`<span data-test="device-health-failing-since"
        >${t('failingSince', { time: formatJst(row.failing_since, 'datetime') })}</span
      >`;
    if (row.status === 'pass' && row.passing_since)
      return html`<span data-test="device-health-fixed-since"
        >${t('fixedSince', { time: formatJst(row.passing_since, 'datetime') })}</span
      >`;
    return '—';
  }

  private renderHealth(health: DeviceHealth) {
    if (health.policies.length === 0) return html`<p class="muted" data-test="device-health-none">${t('none')}</p>`;
    const failing = health.policies.filter((row) => row.status === 'fail').length;
    const evaluatedAt = health.policies
      .map((row) => row.evaluated_at)
      .sort()
      .at(-1);
    return html`<div class="summary">
        <span
          >${t('score')}:
          <span class="score" data-test="device-health-score"
            >${health.score === null ? t('noScore') : Math.round(health.score)}<small> / 100</small></span
          ></span
        >
        ${failing > 0 ? html`<span class="badge bad">${t('failing', { n: failing })}</span>` : nothing}
        <span class="muted">${t('evaluatedAt', { time: formatJst(evaluatedAt, 'datetime') })}</span>
      </div>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th>${t('severity')}</th>
              <th>${t('policy')}</th>
              <th>${t('status')}</th>
              <th>${t('detail')}</th>
              <th>${t('since')}</th>
            </tr>
          </thead>
          <tbody>
            ${health.policies.map(
              (row) =>
                html`<tr data-test="device-health-row" data-status=${row.status} data-slug=${row.slug}>
                  <td class="nowrap"><span class="badge sev ${row.severity}">${t(row.severity)}</span></td>
                  <td>
                    ${localised(row.title)}
                    ${
                      row.status === 'fail' && (row.remediation.ja || row.remediation.en)
                        ? html`<p class="advice" data-test="device-health-advice">
                            <strong>${t('advice')}</strong>${localised(row.remediation)}
                          </p>`
                        : nothing
                    }
                  </td>
                  <td class="nowrap">${this.renderStatus(row)}</td>
                  <td data-test="device-health-finding">${localised(row.detail) || '—'}</td>
                  <td class="nowrap">${this.renderSince(row)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  override render() {
    void this.locale;
    return html`<div data-test="device-health">
      ${loadStatus(this.health, 'device-health')} ${this.health.value ? this.renderHealth(this.health.value) : nothing}
    </div>`;
  }
}
customElements.define('yorozu-device-health', DeviceHealthPanel);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-device-health': DeviceHealthPanel;
  }
}
