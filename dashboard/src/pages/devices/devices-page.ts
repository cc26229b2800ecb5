import { LitElement, html, nothing } from 'lit';
import type { Session } from '../../api/session.js';
import '../../components/device-table/device-table.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    title: '端末',
    intro:
      'エージェントを導入した端末の一覧です。ホスト名を選ぶと、端末の詳細・インベントリ・操作の時系列を表示します。',
    inventory: 'インベントリを見る',
    reachOut: 'この参加者に連絡する',
  },
  {
    title: 'Devices',
    intro: 'The devices running the agent. Choose a host name for its details, inventory and timeline of operations.',
    inventory: 'Open the inventory',
    reachOut: 'Reach out to this participant',
  },
);

/**
 * One participant's devices (the participant portal's home page): the paged device table over
 * GET …/participants/:pid/device-overview. A participant user only ever sees its own; the server
 * refuses another participant's id and the table shows its message.
 */
export class DevicesPage extends LitElement {
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

  override render() {
    void this.locale;
    return html`
      <div class="row" ${cssText(`justify-content: space-between`)}>
        <h1>${t('title')}</h1>
        <span class="row">
          ${this.session?.role === 'operator' ? html`<a href=${`/participants/${this.participantId}/outreach`} data-test="reach-out">${t('reachOut')}</a>` : nothing}
          <a href=${`/participants/${this.participantId}/inventory`} data-test="devices-inventory-link"
            >${t('inventory')}</a
          >
        </span>
      </div>
      <p class="muted">${t('intro')}</p>
      <section class="panel" data-test="devices-page">
        <yorozu-device-table
          sync-url
          .endpoint=${this.participantId ? `/api/v1/participants/${this.participantId}/device-overview` : ''}
        ></yorozu-device-table>
      </section>
    `;
  }
}
customElements.define('yorozu-devices-page', DevicesPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-devices-page': DevicesPage;
  }
}
