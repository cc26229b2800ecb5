import { LitElement, css, html, nothing } from 'lit';
import { loadStatus } from '../../components/api-loader/api-loader.js';
import { loadForParticipant } from '../../components/api-loader/keyed-api-loader.js';
import '../../components/echart/echart.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { devicePath, fetchHardwareSummary, type HardwareSummary } from './inventory-api.js';
import { inventoryStyles } from './inventory.styles.js';
import { osVersionChartOption } from './os-version-chart.js';

const t = defineMessages(
  {
    total: 'ハードウェア情報のある端末: {n} 台',
    os: 'OS のバージョン',
    model: '機種',
    memory: 'メモリ',
    lowDisk: '空き容量の少ない端末（15% 未満）',
    devices: '台数',
    osName: 'OS',
    maker: 'メーカー',
    modelName: 'モデル',
    memoryGb: 'メモリ',
    gb: '{n} GB',
    hostname: 'ホスト名',
    free: '空き',
    unknown: '不明',
    noLowDisk: '空き容量が 15% 未満の端末はありません。',
  },
  {
    total: 'Devices with a hardware snapshot: {n}',
    os: 'OS versions',
    model: 'Models',
    memory: 'Memory',
    lowDisk: 'Devices low on disk (under 15% free)',
    devices: 'Devices',
    osName: 'OS',
    maker: 'Manufacturer',
    modelName: 'Model',
    memoryGb: 'Memory',
    gb: '{n} GB',
    hostname: 'Host name',
    free: 'Free',
    unknown: 'Unknown',
    noLowDisk: 'No device has less than 15% free.',
  },
);

/** The fleet's hardware at a glance: OS versions (chart and table), models, memory sizes, devices low on disk. */
export class HardwareSummaryView extends LitElement {
  static override properties = { participantId: { attribute: false } };
  static override styles = [
    sharedStyles,
    inventoryStyles,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 380px), 1fr));
        gap: 16px;
      }
      .grid > div {
        min-width: 0;
      }
      h3 {
        font-size: 0.95rem;
        margin: 8px 0;
      }
      .scroll table {
        min-width: 0;
      }
      yorozu-echart {
        margin-bottom: 8px;
      }
    `,
  ];
  declare participantId: string;
  private readonly locale = new LocaleController(this);
  private readonly summary = loadForParticipant<HardwareSummary>(this, fetchHardwareSummary);

  constructor() {
    super();
    this.participantId = '';
  }

  private table(test: string, headers: string[], rows: unknown[][]) {
    return html`<div class="scroll">
      <table data-test=${test}>
        <thead>
          <tr>
            ${headers.map((header, index) => html`<th class=${index === headers.length - 1 ? 'num' : ''}>${header}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (cells) =>
              html`<tr>
                ${cells.map((cell, index) => html`<td class=${index === cells.length - 1 ? 'num' : ''}>${cell}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderSummary(summary: HardwareSummary) {
    const text = (value: string) => value || t('unknown');
    const chartRows = Math.min(summary.by_os.length, 12);
    return html`
      <p class="count muted" data-test="hardware-summary-total">${t('total', { n: formatCount(summary.devices) })}</p>
      <div class="grid" data-test="hardware-summary">
        <div>
          <h3>${t('os')}</h3>
          ${
            chartRows > 0
              ? html`<yorozu-echart
                  data-test="os-version-chart"
                  .option=${osVersionChartOption(summary.by_os, t('unknown'))}
                  .height=${chartRows * 28 + 24}
                ></yorozu-echart>`
              : nothing
          }
          ${this.table(
            'os-version-table',
            [t('osName'), t('devices')],
            summary.by_os.map((row) => [
              text([row.os_name, row.os_version].filter(Boolean).join(' ')),
              formatCount(row.devices),
            ]),
          )}
        </div>
        <div>
          <h3>${t('model')}</h3>
          ${this.table(
            'model-table',
            [t('maker'), t('modelName'), t('devices')],
            summary.by_model.map((row) => [text(row.manufacturer), text(row.model), formatCount(row.devices)]),
          )}
          <h3>${t('memory')}</h3>
          ${this.table(
            'memory-table',
            [t('memoryGb'), t('devices')],
            summary.by_memory_gb.map((row) => [t('gb', { n: formatCount(row.memory_gb) }), formatCount(row.devices)]),
          )}
        </div>
        <div>
          <h3>${t('lowDisk')}</h3>
          ${
            summary.low_disk.length === 0
              ? html`<p class="muted" data-test="low-disk-empty">${t('noLowDisk')}</p>`
              : this.table(
                  'low-disk-table',
                  [t('hostname'), t('free')],
                  summary.low_disk.map((row) => [
                    html`<a href=${devicePath(this.participantId, row.device_id)}>${row.hostname || row.device_id}</a>`,
                    html`<span class="badge ${(row.free_percent ?? 0) < 5 ? 'bad' : 'warn'}"
                      >${row.free_percent === null ? '—' : `${formatCount(row.free_percent)}%`}</span
                    >`,
                  ]),
                )
          }
        </div>
      </div>
    `;
  }

  override render() {
    void this.locale;
    return html`${loadStatus(this.summary, 'hardware-summary')}
    ${this.summary.value ? this.renderSummary(this.summary.value) : nothing}`;
  }
}
customElements.define('yorozu-hardware-summary', HardwareSummaryView);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-hardware-summary': HardwareSummaryView;
  }
}
