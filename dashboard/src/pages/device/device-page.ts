import { LitElement, html } from 'lit';
import type { Session } from '../../api/session.js';
import { sharedStyles } from '../../styles/theme.js';

/** Placeholder until the page is built. */
export class DevicePage extends LitElement {
  static override properties = { session: { attribute: false }, participantId: { attribute: false }, deviceId: { attribute: false } };
  static override styles = [sharedStyles];
  declare session: Session;
  declare participantId: string;
  declare deviceId: string;

  override render() {
    return html`<p class="muted">…</p>`;
  }
}
customElements.define('yorozu-device-page', DevicePage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-device-page': DevicePage;
  }
}
