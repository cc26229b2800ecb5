import { html } from 'lit';
import type { AntivirusSummary } from '../../api/contract.js';
import { formatJst } from '../../format/jst.js';
import { defineMessages } from '../../i18n/i18n.js';
import { devicePagePath } from './report-api.js';

const t = defineMessages(
  {
    intro:
      '端末のエージェントが毎時報告したウイルス対策の状態です。リアルタイム保護が止まった日は、報告のあった日のうち一度でも止まっていた日（日本時間の日ごと）、定義ファイルの古さは最新の報告時点と期間中の最大です。',
    none: 'この期間、ウイルス対策の報告はありません。',
    hostname: '端末',
    product: '製品',
    stopped: '保護が止まった日',
    lastStopped: '最後に止まった日時',
    definitions: '定義ファイルの古さ（最新 / 最大）',
    noProduct: '（動作中の製品なし）',
    stoppedDays: '{stopped} 日 / {checked} 日（終日 {off} 日）',
    ageDays: '{newest} 日 / {oldest} 日',
    never: '—',
  },
  {
    intro:
      "The antivirus state each device's agent reported hourly: the days real-time protection was found stopped at least once among the days it reported (JST days), and the definitions' age at the newest report and the largest in the period.",
    none: 'No antivirus reports in this period.',
    hostname: 'Device',
    product: 'Product',
    stopped: 'Days protection stopped',
    lastStopped: 'Last stopped',
    definitions: 'Definitions age (newest / largest)',
    noProduct: '(no product running)',
    stoppedDays: '{stopped} of {checked} days ({off} all day)',
    ageDays: '{newest} / {oldest} days',
    never: '—',
  },
);

/**
 * The antivirus of each PC over the report's period (issue 22): how many days real-time protection was found
 * stopped (and on how many at every check), when it last stopped, and the definitions' age, so the printed report
 * carries what the device page shows day by day. The agent reports no threat detections, so none are shown.
 */
export function antivirusTable(participantId: string, summary: AntivirusSummary | undefined) {
  if (!summary) return html``;
  if (summary.devices.length === 0) return html`<p class="muted" data-test="report-antivirus-none">${t('none')}</p>`;
  return html`<p class="muted">${t('intro')}</p>
    <div class="table-scroll">
      <table class="antivirus" data-test="report-antivirus">
        <thead>
          <tr>
            <th>${t('hostname')}</th>
            <th>${t('product')}</th>
            <th class="num">${t('stopped')}</th>
            <th>${t('lastStopped')}</th>
            <th class="num">${t('definitions')}</th>
          </tr>
        </thead>
        <tbody>
          ${summary.devices.map(
            (device) =>
              html`<tr data-test="report-antivirus-row" data-device-id=${device.deviceId}>
                <td class="nowrap">
                  <a href=${devicePagePath(participantId, device.deviceId)}>${device.hostname || device.deviceId}</a>
                </td>
                <td>${device.product ?? t('noProduct')}</td>
                <td class="num nowrap" data-test="report-antivirus-stopped">
                  ${t('stoppedDays', { stopped: device.daysStopped, checked: device.daysChecked, off: device.daysOff })}
                </td>
                <td>${device.lastStoppedAt ? formatJst(device.lastStoppedAt, 'datetime') : t('never')}</td>
                <td class="num nowrap" data-test="report-antivirus-definitions">
                  ${
                    device.newestDefinitionsDays === null
                      ? t('never')
                      : t('ageDays', {
                          newest: device.newestDefinitionsDays,
                          oldest: device.oldestDefinitionsDays ?? 0,
                        })
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}
