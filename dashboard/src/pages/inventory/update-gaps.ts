import { LitElement, html, nothing } from 'lit';
import { loadStatus } from '../../components/api-loader/api-loader.js';
import { loadForParticipant } from '../../components/api-loader/keyed-api-loader.js';
import { readParams, writeParams } from '../../components/url-state/url-state.js';
import { formatJst } from '../../format/jst.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { devicePath, fetchUpdateGaps, type UpdateGap } from './inventory-api.js';
import { inventoryStyles } from './inventory.styles.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    days: '最後の更新からの日数',
    show: '表示',
    hostname: 'ホスト名',
    lastInstalled: '最後の更新',
    daysSince: '経過日数',
    failed: '失敗',
    pending: '保留中',
    never: '記録なし',
    found: '{days} 日以内に OS 更新をインストールしていない端末: {n} 台',
    none: 'すべての端末が {days} 日以内に OS 更新をインストールしています。',
  },
  {
    days: 'Days since the last update',
    show: 'Show',
    hostname: 'Host name',
    lastInstalled: 'Last update',
    daysSince: 'Days since',
    failed: 'Failed',
    pending: 'Pending',
    never: 'None recorded',
    found: 'Devices with no OS update installed within {days} days: {n}',
    none: 'Every device installed an OS update within {days} days.',
  },
);

const DEFAULT_DAYS = 30;

function validDays(text: string | null): number | null {
  const days = Number(text);
  return Number.isInteger(days) && days >= 1 && days <= 3650 ? days : null;
}

/** Devices that have not installed an OS update within N days (`?days=`, default 30), longest first. */
export class UpdateGaps extends LitElement {
  static override properties = { participantId: { attribute: false }, daysText: { state: true } };
  static override styles = [sharedStyles, inventoryStyles];
  declare participantId: string;
  /** As typed; read when the form is sent. */
  declare daysText: string;
  private readonly locale = new LocaleController(this);
  private asked = DEFAULT_DAYS;
  // Loads for the participant shown; a new number of days asks again for the same participant (submit).
  private readonly gaps = loadForParticipant<UpdateGap[]>(this, (participantId) =>
    fetchUpdateGaps(participantId, this.asked),
  );

  constructor() {
    super();
    this.participantId = '';
    this.asked = validDays(readParams().get('days')) ?? DEFAULT_DAYS;
    this.daysText = String(this.asked);
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const days = validDays(this.daysText);
    if (days === null) return;
    this.asked = days;
    writeParams({ days: days === DEFAULT_DAYS ? null : days });
    void this.gaps.run();
  }

  private renderResults(rows: UpdateGap[]) {
    if (rows.length === 0)
      return html`<p class="muted" data-test="update-gaps-empty">${t('none', { days: this.asked })}</p>`;
    // never updated first, then the longest gap
    const sorted = [...rows].sort(
      (a, b) => (b.days_since ?? Infinity) - (a.days_since ?? Infinity) || a.hostname.localeCompare(b.hostname),
    );
    return html`<p class="count muted" data-test="update-gaps-count">
        ${t('found', { days: this.asked, n: formatCount(rows.length) })}
      </p>
      <div class="scroll">
        <table data-test="update-gaps-table">
          <thead>
            <tr>
              <th>${t('hostname')}</th>
              <th>${t('lastInstalled')}</th>
              <th class="num">${t('daysSince')}</th>
              <th class="num">${t('failed')}</th>
              <th class="num">${t('pending')}</th>
            </tr>
          </thead>
          <tbody>
            ${sorted.map(
              (row) =>
                html`<tr data-test="update-gaps-row">
                  <td class="nowrap">
                    <a href=${devicePath(this.participantId, row.device_id)}>${row.hostname || row.device_id}</a>
                  </td>
                  <td class="nowrap">
                    ${row.last_installed_at ? formatJst(row.last_installed_at, 'date') : html`<span class="badge bad">${t('never')}</span>`}
                  </td>
                  <td class="num">${row.days_since === null ? '—' : formatCount(row.days_since)}</td>
                  <td class="num">
                    ${row.failed_updates > 0 ? html`<span class="badge bad">${formatCount(row.failed_updates)}</span>` : '0'}
                  </td>
                  <td class="num">
                    ${row.pending_updates > 0 ? html`<span class="badge warn">${formatCount(row.pending_updates)}</span>` : '0'}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  override render() {
    void this.locale;
    return html`
      <form @submit=${this.submit} data-test="update-gaps-form">
        <label
          >${t('days')}
          <input
            type="number"
            min="1"
            max="3650"
            required
            ${cssText(`width: 8em`)}
            .value=${this.daysText}
            @input=${(e: InputEvent) => (this.daysText = (e.target as HTMLInputElement).value)}
            data-test="update-gaps-days"
        /></label>
        <button type="submit" ?disabled=${this.gaps.loading} data-test="update-gaps-submit">${t('show')}</button>
      </form>
      ${loadStatus(this.gaps, 'update-gaps')} ${this.gaps.value ? this.renderResults(this.gaps.value) : nothing}
    `;
  }
}
customElements.define('yorozu-update-gaps', UpdateGaps);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-update-gaps': UpdateGaps;
  }
}
