import { LitElement, css, html, nothing } from 'lit';
import { loadStatus } from '../../components/api-loader/api-loader.js';
import { loadForDevice } from '../../components/api-loader/keyed-api-loader.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { fetchInventory, type Inventory } from './device-api.js';
import { renderHardware } from './inventory-hardware.js';
import './inventory-software.js';
import { renderOsUpdates } from './inventory-updates.js';

const t = defineMessages(
  { tabs: 'インベントリ', hardware: 'ハードウェア', software: 'ソフトウェア ({n})', updates: 'OS 更新 ({n})' },
  { tabs: 'Inventory', hardware: 'Hardware', software: 'Software ({n})', updates: 'OS updates ({n})' },
);

type Tab = 'hardware' | 'software' | 'updates';

/** The device's latest inventory in three tabs: hardware, installed software, OS updates. */
export class DeviceInventory extends LitElement {
  static override properties = {
    participantId: { attribute: false },
    deviceId: { attribute: false },
    tab: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      [role='tablist'] {
        display: flex;
        gap: 4px;
        border-bottom: 1px solid var(--line);
        margin-bottom: 12px;
        overflow-x: auto;
      }
      [role='tab'] {
        border: none;
        border-bottom: 2px solid transparent;
        border-radius: 0;
        background: none;
        padding: 6px 12px;
        white-space: nowrap;
      }
      [role='tab'][aria-selected='true'] {
        border-bottom-color: var(--accent);
        color: var(--accent);
        font-weight: 600;
      }
      .scroll {
        overflow-x: auto;
      }
      .scroll table {
        min-width: 640px;
      }
      table.facts {
        max-width: 760px;
      }
      table.facts th {
        width: 12em;
      }
      table.facts td {
        overflow-wrap: anywhere;
      }
      td.nowrap {
        white-space: nowrap;
      }
    `,
  ];
  declare participantId: string;
  declare deviceId: string;
  declare tab: Tab;
  private readonly locale = new LocaleController(this);
  private readonly inventory = loadForDevice(this, fetchInventory);

  constructor() {
    super();
    this.participantId = '';
    this.deviceId = '';
    this.tab = 'hardware';
  }

  private onTabKey(event: KeyboardEvent, tabs: readonly Tab[]): void {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const next = (tabs.indexOf(this.tab) + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length;
    this.tab = tabs[next] ?? 'hardware';
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>('[role="tab"][aria-selected="true"]')?.focus(),
    );
  }

  private renderPanel(inventory: Inventory) {
    if (this.tab === 'software')
      return html`<yorozu-inventory-software .software=${inventory.software}></yorozu-inventory-software>`;
    if (this.tab === 'updates') return renderOsUpdates(inventory.osUpdates);
    return renderHardware(inventory.hardware);
  }

  override render() {
    void this.locale;
    const inventory = this.inventory.value;
    const tabs = ['hardware', 'software', 'updates'] as const;
    const label = (tab: Tab) =>
      tab === 'hardware'
        ? t('hardware')
        : t(tab, {
            n: inventory
              ? formatCount(tab === 'software' ? inventory.software.length : inventory.osUpdates.length)
              : '…',
          });
    return html`
      <div role="tablist" aria-label=${t('tabs')} @keydown=${(event: KeyboardEvent) => this.onTabKey(event, tabs)}>
        ${tabs.map(
          (tab) =>
            html`<button
              type="button"
              role="tab"
              id=${`tab-${tab}`}
              aria-selected=${this.tab === tab ? 'true' : 'false'}
              aria-controls="inventory-panel"
              tabindex=${this.tab === tab ? 0 : -1}
              @click=${() => (this.tab = tab)}
              data-test=${`inventory-tab-${tab}`}
            >
              ${label(tab)}
            </button>`,
        )}
      </div>
      ${loadStatus(this.inventory, 'inventory')}
      <div role="tabpanel" id="inventory-panel" aria-labelledby=${`tab-${this.tab}`} data-test="inventory-panel">
        ${inventory ? this.renderPanel(inventory) : nothing}
      </div>
    `;
  }
}
customElements.define('yorozu-device-inventory', DeviceInventory);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-device-inventory': DeviceInventory;
  }
}
