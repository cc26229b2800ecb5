import { LitElement, css, html } from 'lit';
import type { Session } from '../../api/session.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import './hardware-summary.js';
import './software-search.js';
import './update-gaps.js';

const t = defineMessages(
  {
    title: 'インベントリ',
    intro: '各端末から最後に届いたインベントリをもとに集計しています。',
    software: 'ソフトウェアを持つ端末',
    updates: 'OS 更新が止まっている端末',
    hardware: 'ハードウェアの概要',
  },
  {
    title: 'Inventory',
    intro: 'Built from the latest inventory each device sent.',
    software: 'Devices with a given software',
    updates: 'Devices missing OS updates',
    hardware: 'Hardware summary',
  },
);

/**
 * Questions over the participant's inventory: which devices have software X (below version Y),
 * which have installed no OS update for N days, and a summary of their hardware.
 */
export class InventoryPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    participantId: { attribute: false },
    deviceId: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      section + section {
        margin-top: 16px;
      }
      section h2 {
        margin-top: 0;
      }
    `,
  ];
  declare session: Session;
  declare participantId: string;
  declare deviceId: string;
  private readonly locale = new LocaleController(this);

  override render() {
    void this.locale;
    return html`
      <h1>${t('title')}</h1>
      <p class="muted">${t('intro')}</p>
      <section class="panel" data-test="inventory-software-section">
        <h2>${t('software')}</h2>
        <yorozu-software-search .participantId=${this.participantId}></yorozu-software-search>
      </section>
      <section class="panel" data-test="inventory-updates-section">
        <h2>${t('updates')}</h2>
        <yorozu-update-gaps .participantId=${this.participantId}></yorozu-update-gaps>
      </section>
      <section class="panel" data-test="inventory-hardware-section">
        <h2>${t('hardware')}</h2>
        <yorozu-hardware-summary .participantId=${this.participantId}></yorozu-hardware-summary>
      </section>
    `;
  }
}
customElements.define('yorozu-inventory-page', InventoryPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-inventory-page': InventoryPage;
  }
}
