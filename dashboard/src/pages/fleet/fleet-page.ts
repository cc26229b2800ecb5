import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Session } from '../../api/session.js';
import { ApiLoader, loadStatus } from '../../components/api-loader/api-loader.js';
import '../../components/device-table/device-table.js';
import { readParams, writeParams } from '../../components/url-state/url-state.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { fetchFleet, type FleetParticipant } from './fleet-api.js';
import './participant-table.js';
import '../attention/attention-queue.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    title: 'フリート',
    attention: '要対応',
    participants: '参加者',
    devices: 'すべての端末',
    refresh: '更新',
    operatorsOnly: 'この画面はオペレーターだけが使えます。',
  },
  {
    title: 'Fleet',
    attention: 'Needs attention',
    participants: 'Participants',
    devices: 'All devices',
    refresh: 'Refresh',
    operatorsOnly: 'This page is for operators.',
  },
);

/**
 * The operators' overview: every participant (GET /api/v1/admin/fleet) and, below, every device of
 * every participant, paged on the server (GET /api/v1/admin/fleet/devices). The name filter is kept
 * in the address as `?name=`, beside the device table's own parameters.
 */
export class FleetPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    participantId: { attribute: false },
    deviceId: { attribute: false },
  };
  static override styles = [sharedStyles];
  declare session: Session;
  declare participantId: string;
  declare deviceId: string;
  private readonly locale = new LocaleController(this);
  private readonly fleet = new ApiLoader<FleetParticipant[]>(this, fetchFleet);
  private readonly initialFilter = readParams().get('name') ?? '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session') && this.mayOpen() && !this.fleet.value && !this.fleet.loading) void this.fleet.run();
  }

  /** The shell has already asked an operator for the access purpose (terms art. 15) before this page. */
  private mayOpen(): boolean {
    return this.session?.role === 'operator';
  }

  private refresh(): void {
    void this.fleet.run();
    this.renderRoot.querySelector('yorozu-device-table')?.reload();
  }

  private onFilterChange(event: CustomEvent<string>): void {
    writeParams({ name: event.detail });
  }

  override render() {
    void this.locale;
    if (this.session?.role !== 'operator') return html`<p class="error" role="alert">${t('operatorsOnly')}</p>`;
    return html`
      <div class="row" ${cssText(`justify-content: space-between`)}>
        <h1>${t('title')}</h1>
        <button type="button" @click=${() => this.refresh()} ?disabled=${this.fleet.loading} data-test="fleet-refresh">
          ${t('refresh')}
        </button>
      </div>
      <section class="panel" data-test="attention-panel">
        <h2>${t('attention')}</h2>
        <yorozu-attention-queue></yorozu-attention-queue>
      </section>
      <section class="panel" ${cssText(`margin-top: 16px`)}>
        <h2>${t('participants')}</h2>
        ${loadStatus(this.fleet, 'fleet')}
        ${
          this.fleet.value
            ? html`<yorozu-participant-table
                .participants=${this.fleet.value}
                .filter=${this.initialFilter}
                @filter-change=${this.onFilterChange}
              ></yorozu-participant-table>`
            : nothing
        }
      </section>
      <section class="panel" ${cssText(`margin-top: 16px`)}>
        <h2>${t('devices')}</h2>
        <yorozu-device-table sync-url show-participant endpoint="/api/v1/admin/fleet/devices"></yorozu-device-table>
      </section>
    `;
  }
}
customElements.define('yorozu-fleet-page', FleetPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-fleet-page': FleetPage;
  }
}
