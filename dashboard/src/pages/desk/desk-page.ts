import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import type { Session } from '../../api/session.js';
import { navigate, ROUTE_CHANGED } from '../../app/router.js';
import { readParams, writeParams } from '../../components/url-state/url-state.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { fetchParticipants, type ParticipantOption } from './desk-api.js';
import './desk-queue.js';
import './desk-sla.js';
import './held-mail.js';
import './reply-templates.js';

const t = defineMessages(
  {
    title: '相談受付',
    queue: '受付一覧',
    sla: 'SLA',
    held: '保留メール',
    templates: '定型文',
    operatorsOnly: 'この画面はオペレーターだけが使えます。',
    participantsFailed: '参加者の一覧を読み込めませんでした: {message}',
    reachOutTo: '連絡する参加者',
    reachOut: '参加者に連絡する',
  },
  {
    title: 'Consultation desk',
    queue: 'Queue',
    sla: 'SLA',
    held: 'Held mail',
    templates: 'Templates',
    operatorsOnly: 'This page is for operators.',
    participantsFailed: 'Could not load the participants: {message}',
    reachOutTo: 'Participant to reach out to',
    reachOut: 'Reach out',
  },
);

const TABS = ['queue', 'sla', 'held', 'templates'] as const;
type Tab = (typeof TABS)[number];

function tabFromAddress(): Tab {
  const tab = readParams().get('tab');
  return (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'queue';
}

/**
 * The operators' desk at `/desk`: the ticket queue, the SLA report, the held mail and the answer templates, one tab each.
 * The tab is in the address (`?tab=sla`), beside the tab's own filters, so a view can be shared.
 */
export class DeskPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    tab: { state: true },
    participants: { state: true },
    participantsError: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .reach-out {
        margin-bottom: 12px;
      }
      .reach-out label {
        min-width: 0;
        max-width: 100%;
      }
      .reach-out select {
        flex: 1 1 12em;
        min-width: 0;
        max-width: 100%;
      }
      [role='tablist'] {
        display: flex;
        gap: 0;
        border-bottom: 1px solid var(--line);
        margin-bottom: 12px;
        overflow-x: auto;
      }
      [role='tab'] {
        border: none;
        border-bottom: 3px solid transparent;
        border-radius: 0;
        background: none;
        padding: 8px 14px;
        white-space: nowrap;
        color: var(--muted);
      }
      [role='tab'][aria-selected='true'] {
        border-bottom-color: var(--accent);
        color: #111827;
        font-weight: 600;
      }
      @media (max-width: 600px) {
        [role='tab'] {
          padding: 8px 10px;
        }
      }
    `,
  ];
  declare session: Session;
  declare tab: Tab;
  declare participants: ParticipantOption[] | null;
  declare participantsError: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.tab = tabFromAddress();
    this.participants = null;
    this.participantsError = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(ROUTE_CHANGED, this.followAddress);
  }

  override disconnectedCallback(): void {
    window.removeEventListener(ROUTE_CHANGED, this.followAddress);
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session') && this.session?.role === 'operator' && !this.participants) void this.loadParticipants();
  }

  /** Back and forward move between tabs too. */
  private readonly followAddress = () => {
    if (location.pathname.replace(/\/+$/, '') === '/desk') this.tab = tabFromAddress();
  };

  private async loadParticipants(): Promise<void> {
    try {
      this.participants = await fetchParticipants();
      this.participantsError = '';
    } catch (error) {
      this.participantsError = t('participantsFailed', { message: apiErrorText(error) });
    }
  }

  private choose(tab: Tab): void {
    this.tab = tab;
    writeParams({ tab: tab === 'queue' ? null : tab });
  }

  /** Arrow keys move between tabs (WAI-ARIA tabs pattern). */
  private onKey(event: KeyboardEvent): void {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = TABS[(TABS.indexOf(this.tab) + step + TABS.length) % TABS.length] ?? 'queue';
    this.choose(next);
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>(`[data-tab=${next}]`)?.focus(),
    );
  }

  private renderTab() {
    switch (this.tab) {
      case 'sla':
        return html`<yorozu-desk-sla></yorozu-desk-sla>`;
      case 'held':
        return html`<yorozu-held-mail .participants=${this.participants}></yorozu-held-mail>`;
      case 'templates':
        return html`<yorozu-reply-templates></yorozu-reply-templates>`;
      default:
        return html`<yorozu-desk-queue .participants=${this.participants}></yorozu-desk-queue>`;
    }
  }

  /** The desk reaches out (issue 19): choose a participant, then write on its outreach page. */
  private reachOut(event: SubmitEvent): void {
    event.preventDefault();
    const participantId = (this.renderRoot.querySelector('[name=outreach-participant]') as HTMLSelectElement).value;
    if (participantId) navigate(`/participants/${participantId}/outreach`);
  }

  private renderReachOut() {
    const active = (this.participants ?? []).filter((p) => p.status === 'active' || p.status === 'approved');
    return html`<form class="row reach-out" @submit=${this.reachOut} data-test="desk-reach-out">
      <label class="row"
        >${t('reachOutTo')}
        <select name="outreach-participant" data-test="desk-reach-out-participant">
          ${active.map((p) => html`<option value=${p.participantId}>${p.name}</option>`)}
        </select>
      </label>
      <button type="submit" ?disabled=${active.length === 0}>${t('reachOut')}</button>
    </form>`;
  }

  override render() {
    void this.locale;
    if (this.session?.role !== 'operator') return html`<p class="error" role="alert">${t('operatorsOnly')}</p>`;
    return html`
      <h1>${t('title')}</h1>
      ${this.renderReachOut()}
      <div role="tablist" aria-label=${t('title')} @keydown=${this.onKey}>
        ${TABS.map(
          (tab) =>
            html`<button
              type="button"
              role="tab"
              id=${`tab-${tab}`}
              aria-selected=${this.tab === tab ? 'true' : 'false'}
              aria-controls="desk-panel"
              tabindex=${this.tab === tab ? '0' : '-1'}
              data-test="desk-tab"
              data-tab=${tab}
              @click=${() => this.choose(tab)}
            >
              ${t(tab)}
            </button>`,
        )}
      </div>
      ${this.participantsError ? html`<p class="error" role="alert" data-test="desk-participants-error">${this.participantsError}</p>` : nothing}
      <div role="tabpanel" id="desk-panel" aria-labelledby=${`tab-${this.tab}`}>${this.renderTab()}</div>
    `;
  }
}
customElements.define('yorozu-desk-page', DeskPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-desk-page': DeskPage;
  }
}
