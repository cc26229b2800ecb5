import { html, nothing } from 'lit';
import { formatJst } from '../../format/jst.js';
import { defineMessages } from '../../i18n/i18n.js';
import { devicePagePath, localised, type FailingPolicy, type RemediatedPolicy, type Severity } from './report-api.js';

const t = defineMessages(
  {
    critical: '緊急',
    high: '高',
    medium: '中',
    low: '低',
    advice: '対処方法',
    devices: '該当する端末: {n} 台',
    hostname: '端末',
    detail: '状況',
    failingSince: 'いつから',
    noFailing: '対応が必要な項目はありません。',
    policy: '項目',
    fixedAt: '解消した日時',
    noRemediated: 'この期間に解消された項目はありません。',
  },
  {
    critical: 'Critical',
    high: 'High',
    medium: 'Medium',
    low: 'Low',
    advice: 'What to do',
    devices: 'Devices affected: {n}',
    hostname: 'Device',
    detail: 'Finding',
    failingSince: 'Failing since',
    noFailing: 'Nothing needs your attention.',
    policy: 'Check',
    fixedAt: 'Fixed at',
    noRemediated: 'Nothing was fixed in this period.',
  },
);

/** The severity as a badge: 緊急 / 高 / 中 / 低. */
export function severityBadge(severity: Severity) {
  return html`<span class="badge sev ${severity}" data-test="report-severity">${t(severity)}</span>`;
}

/** The failing policies, most severe first: what is wrong, what to do about it, which PCs and since when. */
export function failingPolicies(participantId: string, failing: readonly FailingPolicy[]) {
  if (failing.length === 0) return html`<p class="muted" data-test="report-no-failing">${t('noFailing')}</p>`;
  return failing.map(
    (policy) =>
      html`<div
        class="policy"
        data-test="report-failing-policy"
        data-slug=${policy.slug}
        data-severity=${policy.severity}
      >
        <h3>${severityBadge(policy.severity)} <span>${localised(policy.title)}</span></h3>
        ${policy.remediation.ja || policy.remediation.en ? html`<p class="advice"><strong>${t('advice')}</strong>${localised(policy.remediation)}</p>` : nothing}
        <table class="findings">
          <caption>
            ${t('devices', { n: policy.devices.length })}
          </caption>
          <thead>
            <tr>
              <th>${t('hostname')}</th>
              <th>${t('detail')}</th>
              <th>${t('failingSince')}</th>
            </tr>
          </thead>
          <tbody>
            ${policy.devices.map(
              (device) =>
                html`<tr>
                  <td class="nowrap">
                    <a href=${devicePagePath(participantId, device.device_id)}
                      >${device.hostname || device.device_id}</a
                    >
                  </td>
                  <td data-test="report-finding">${localised(device.detail)}</td>
                  <td class="nowrap">${formatJst(device.failing_since, 'datetime')}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`,
  );
}

/** What turned from failing to passing: the policy, the PC and when it started passing. */
export function remediatedPolicies(participantId: string, remediated: readonly RemediatedPolicy[]) {
  if (remediated.length === 0) return html`<p class="muted" data-test="report-no-remediated">${t('noRemediated')}</p>`;
  return html`<table data-test="report-remediated">
    <thead>
      <tr>
        <th>${t('policy')}</th>
        <th>${t('hostname')}</th>
        <th>${t('fixedAt')}</th>
      </tr>
    </thead>
    <tbody>
      ${remediated.map(
        (row) =>
          html`<tr data-test="report-remediated-row" data-slug=${row.policy.slug}>
            <td>${severityBadge(row.policy.severity)} ${localised(row.policy.title)}</td>
            <td class="nowrap">
              <a href=${devicePagePath(participantId, row.device_id)}>${row.hostname || row.device_id}</a>
            </td>
            <td class="nowrap">${formatJst(row.passing_since, 'datetime')}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}
