import { html, nothing } from 'lit';
import { formatCount } from '../../format/numbers.js';
import { defineMessages } from '../../i18n/i18n.js';
import { devicePagePath, type HealthReport, type InventoryOverview } from './report-api.js';

const t = defineMessages(
  {
    hostname: '端末',
    score: 'スコア',
    failing: '未対応の項目',
    noDevices: '端末がありません。',
    osName: 'OS',
    os: 'OS のバージョン',
    model: '機種',
    devices: '台数',
    unknown: '不明',
    total: 'インベントリのある端末: {n} 台',
    more: 'ほか {n} 種類',
    noInventory: 'まだインベントリが届いていません。',
  },
  {
    hostname: 'Device',
    score: 'Score',
    failing: 'Failing checks',
    noDevices: 'No devices.',
    osName: 'OS',
    os: 'OS versions',
    model: 'Models',
    devices: 'Devices',
    unknown: 'Unknown',
    total: 'Devices with an inventory: {n}',
    more: '{n} more',
    noInventory: 'No inventory has arrived yet.',
  },
);

const SHOWN_ROWS = 10;

/** Each PC's score, the weakest first (PCs not yet scored last). */
export function deviceScores(participantId: string, devices: HealthReport['devices']) {
  if (devices.length === 0) return html`<p class="muted">${t('noDevices')}</p>`;
  const sorted = [...devices].sort(
    (a, b) => (a.score ?? Infinity) - (b.score ?? Infinity) || a.hostname.localeCompare(b.hostname),
  );
  return html`<table data-test="report-devices">
    <thead>
      <tr>
        <th>${t('hostname')}</th>
        <th class="num">${t('score')}</th>
        <th class="num">${t('failing')}</th>
      </tr>
    </thead>
    <tbody>
      ${sorted.map(
        (device) =>
          html`<tr data-test="report-device-row" data-device-id=${device.device_id}>
            <td>
              <a href=${devicePagePath(participantId, device.device_id)}>${device.hostname || device.device_id}</a>
            </td>
            <td class="num">${device.score === null ? '—' : String(device.score)}</td>
            <td class="num">${formatCount(device.failing)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function countTable(test: string, headers: [string, string], rows: { label: string; devices: number }[]) {
  const shown = rows.slice(0, SHOWN_ROWS);
  const rest = rows.length - shown.length;
  return html`<table data-test=${test}>
    <thead>
      <tr>
        <th>${headers[0]}</th>
        <th class="num">${headers[1]}</th>
      </tr>
    </thead>
    <tbody>
      ${shown.map(
        (row) =>
          html`<tr>
            <td>${row.label}</td>
            <td class="num">${formatCount(row.devices)}</td>
          </tr>`,
      )}
      ${
        rest > 0
          ? html`<tr>
              <td class="muted" colspan="2">${t('more', { n: rest })}</td>
            </tr>`
          : nothing
      }
    </tbody>
  </table>`;
}

/** The inventory at a glance: OS versions and models, the most common first. */
export function inventoryOverview(inventory: InventoryOverview | undefined) {
  if (!inventory) return nothing;
  if (inventory.devices === 0) return html`<p class="muted">${t('noInventory')}</p>`;
  const label = (...parts: string[]) => parts.filter(Boolean).join(' ') || t('unknown');
  // Some makers repeat their name in the model ("HP" + "HP ProBook 450"): name it once.
  const modelLabel = (maker: string, model: string) =>
    maker && model.toLowerCase().startsWith(maker.toLowerCase()) ? model : label(maker, model);
  return html`<p class="muted">${t('total', { n: formatCount(inventory.devices) })}</p>
    <div class="two-col" data-test="report-inventory">
      <div>
        <h3>${t('os')}</h3>
        ${countTable(
          'report-os-versions',
          [t('osName'), t('devices')],
          inventory.by_os.map((row) => ({ label: label(row.os_name, row.os_version), devices: row.devices })),
        )}
      </div>
      <div>
        <h3>${t('model')}</h3>
        ${countTable(
          'report-models',
          [t('model'), t('devices')],
          inventory.by_model.map((row) => ({ label: modelLabel(row.manufacturer, row.model), devices: row.devices })),
        )}
      </div>
    </div>`;
}
