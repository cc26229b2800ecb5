import { LitElement, css, html, nothing } from 'lit';
import { SIGNED_OUT_EVENT } from '../api/api-client.js';
import { loadSession, signOut, type Session } from '../api/session.js';
import { defineMessages, language, LocaleController, setLanguage } from '../i18n/i18n.js';
import { sharedStyles } from '../styles/theme.js';
import { loadPage } from './page-loaders.js';
import { currentRoute, navigate, ROUTE_CHANGED, type Route } from './router.js';
import { sameOriginNext } from './next-path.js';

const t = defineMessages(
  {
    brand: 'よろず相談窓口',
    fleet: 'フリート',
    devices: '端末',
    explorer: 'ログ検索',
    inventory: 'インベントリ',
    report: 'レポート',
    policies: 'ポリシー',
    tickets: 'お問い合わせ',
    desk: '窓口',
    deletions: '削除カレンダー',
    notices: 'お知らせ',
    signOut: 'サインアウト',
    loading: '読み込み中…',
    notFound: 'ページが見つかりません。',
    pageLoadFailed: 'ページを読み込めませんでした。再読み込みしてください。',
    operator: 'オペレーター',
    purpose: '閲覧目的: {purpose}',
  },
  {
    brand: 'Yorozu desk',
    fleet: 'Fleet',
    devices: 'Devices',
    explorer: 'Log explorer',
    inventory: 'Inventory',
    report: 'Report',
    policies: 'Policies',
    tickets: 'Tickets',
    desk: 'Desk',
    deletions: 'Deletions',
    notices: 'Notices',
    signOut: 'Sign out',
    loading: 'Loading…',
    notFound: 'No such page.',
    pageLoadFailed: 'The page could not be loaded. Reload it.',
    operator: 'operator',
    purpose: 'Purpose: {purpose}',
  },
);

/**
 * The shell: who is signed in, the navigation, the language switch, and the page for the address.
 * Operators choose an access purpose once before a participant's pages open (terms art. 15).
 */
export class YorozuApp extends LitElement {
  static override properties = {
    session: { state: true },
    route: { state: true },
    ready: { state: true },
    pageLoadFailed: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
      }
      header {
        display: flex;
        gap: 10px;
        align-items: center;
        flex-wrap: wrap;
        padding: 8px 16px;
        background: #0f172a;
        color: #e2e8f0;
      }
      header [data-test='signed-in-as'] {
        max-width: 18em;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      header a {
        color: #e2e8f0;
        text-decoration: none;
        padding: 4px 6px;
        border-radius: 4px;
      }
      header a[aria-current='page'] {
        background: #1e293b;
      }
      header .brand {
        font-weight: 700;
        margin-right: 8px;
      }
      header .spacer {
        flex: 1;
      }
      header button {
        background: transparent;
        color: #e2e8f0;
        border-color: #334155;
        padding: 2px 8px;
      }
      main {
        padding: 16px;
        max-width: 1600px;
        margin: 0 auto;
      }
      @media (max-width: 600px) {
        header {
          gap: 8px;
          padding: 8px;
        }
        main {
          padding: 8px;
        }
      }
      @media print {
        header {
          display: none;
        }
        main {
          padding: 0;
          max-width: none;
        }
      }
    `,
  ];
  declare session: Session | null;
  declare route: Route;
  declare ready: boolean;
  declare pageLoadFailed: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.session = null;
    this.route = currentRoute();
    this.ready = false;
    this.pageLoadFailed = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(ROUTE_CHANGED, this.onRouteChanged);
    window.addEventListener(SIGNED_OUT_EVENT, this.onSignedOut);
    this.addEventListener('click', this.onClick);
    void this.refreshSession();
  }

  override disconnectedCallback(): void {
    window.removeEventListener(ROUTE_CHANGED, this.onRouteChanged);
    window.removeEventListener(SIGNED_OUT_EVENT, this.onSignedOut);
    this.removeEventListener('click', this.onClick);
    super.disconnectedCallback();
  }

  private readonly onRouteChanged = () => {
    this.route = currentRoute();
  };

  private readonly onSignedOut = () => {
    this.session = null;
    if (this.route.name !== 'login')
      navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  };

  /** Links inside the app (also inside components' shadow roots) change the route without a reload. */
  private readonly onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    const anchor = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    if (
      !anchor ||
      anchor.target ||
      anchor.hasAttribute('download') ||
      anchor.origin !== location.origin ||
      anchor.pathname.startsWith('/api/')
    )
      return;
    event.preventDefault();
    navigate(anchor.pathname + anchor.search);
  };

  private async refreshSession(): Promise<void> {
    this.session = await loadSession();
    this.ready = true;
    if (!this.session && this.route.name !== 'login')
      navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    else if (this.session && (this.route.name === 'login' || this.route.name === 'fleet')) this.goHome();
  }

  private goHome(): void {
    const next = this.route.name === 'login' ? sameOriginNext(this.route.query.get('next'), location.origin) : null;
    if (next) navigate(next, { replace: true });
    else if (this.session?.role === 'participant_user')
      navigate(`/participants/${this.session.participantId}/devices`, { replace: true });
    else if (this.route.name === 'login') navigate('/fleet', { replace: true });
  }

  private async signOut(): Promise<void> {
    await signOut().catch(() => undefined);
    this.session = null;
    navigate('/login');
  }

  private renderHeader() {
    const session = this.session;
    const participantId =
      this.route.params.participantId ?? (session?.role === 'participant_user' ? session.participantId : null);
    // A ticket and the new-ticket form belong to the tickets link.
    const section = this.route.name === 'ticket' || this.route.name === 'ticket-new' ? 'tickets' : this.route.name;
    const link = (href: string, label: string, name: Route['name'], test?: string) =>
      html`<a
        href=${href}
        aria-current=${section === name ? 'page' : 'false'}
        data-nav=${name}
        data-test=${test ?? nothing}
        >${label}</a
      >`;
    return html`
      <header>
        <span class="brand">${t('brand')}</span>
        ${session?.role === 'operator' ? html`${link('/fleet', t('fleet'), 'fleet')} ${link('/desk', t('desk'), 'desk', 'nav-desk')} ${link('/notices', t('notices'), 'notices', 'nav-notices')} ${link('/policies', t('policies'), 'policies')} ${link('/deletions', t('deletions'), 'deletions', 'nav-deletions')}` : nothing}
        ${
          session && participantId
            ? html`${link(`/participants/${participantId}/devices`, t('devices'), 'devices')}
              ${link(`/participants/${participantId}/explorer`, t('explorer'), 'explorer')}
              ${link(`/participants/${participantId}/inventory`, t('inventory'), 'inventory')}
              ${link(`/participants/${participantId}/report`, t('report'), 'report')}
              ${link(`/participants/${participantId}/tickets`, t('tickets'), 'tickets', 'nav-tickets')}
              ${link(`/participants/${participantId}/notices`, t('notices'), 'participant-notices', 'nav-participant-notices')}`
            : nothing
        }
        <span class="spacer"></span>
        <button
          @click=${() => setLanguage(language() === 'ja' ? 'en' : 'ja')}
          data-test="language-switch"
          aria-label="language"
        >
          ${language() === 'ja' ? 'English' : '日本語'}
        </button>
        ${
          session
            ? html`<span data-test="signed-in-as"
                  >${session.displayName} (${session.role === 'operator' ? t('operator') : session.loginName})</span
                >
                <button @click=${() => void this.signOut()} data-test="sign-out">${t('signOut')}</button>`
            : nothing
        }
      </header>
    `;
  }

  private renderPage() {
    const { route, session } = this;
    if (!this.ready) return html`<p class="muted">${t('loading')}</p>`;
    if (!session || route.name === 'login')
      return html`<yorozu-login-page @signed-in=${() => void this.refreshSession()}></yorozu-login-page>`;
    if (session.mustChangePassword)
      return html`<yorozu-password-page @password-changed=${() => void this.refreshSession()}></yorozu-password-page>`;
    const participantId = route.params.participantId ?? '';
    // Every operator page shows participants' data (lists included: the fleet, the desk's queue and held mail, the
    // policies' participants), and the server refuses it without a purpose: it is asked once per session (art. 15).
    if (session.role === 'operator' && !session.purpose) {
      return html`<yorozu-purpose-dialog @purpose-chosen=${() => void this.refreshSession()}></yorozu-purpose-dialog>`;
    }
    loadPage(route.name, () => (this.pageLoadFailed = true));
    if (this.pageLoadFailed)
      return html`<p class="error" role="alert" data-test="page-load-failed">${t('pageLoadFailed')}</p>`;
    switch (route.name) {
      case 'fleet':
        return html`<yorozu-fleet-page .session=${session}></yorozu-fleet-page>`;
      case 'devices':
        return html`<yorozu-devices-page .session=${session} .participantId=${participantId}></yorozu-devices-page>`;
      case 'device':
        return html`<yorozu-device-page
          .session=${session}
          .participantId=${participantId}
          .deviceId=${route.params.deviceId ?? ''}
        ></yorozu-device-page>`;
      case 'explorer':
        return html`<yorozu-explorer-page .session=${session} .participantId=${participantId}></yorozu-explorer-page>`;
      case 'inventory':
        return html`<yorozu-inventory-page
          .session=${session}
          .participantId=${participantId}
        ></yorozu-inventory-page>`;
      case 'report':
        return html`<yorozu-report-page .session=${session} .participantId=${participantId}></yorozu-report-page>`;
      case 'policies':
        return html`<yorozu-policies-page .session=${session}></yorozu-policies-page>`;
      case 'tickets':
        return html`<yorozu-tickets-page .session=${session} .participantId=${participantId}></yorozu-tickets-page>`;
      case 'ticket-new':
        return html`<yorozu-ticket-new-page
          .session=${session}
          .participantId=${participantId}
        ></yorozu-ticket-new-page>`;
      case 'ticket':
        return html`<yorozu-ticket-page
          .session=${session}
          .participantId=${participantId}
          .ticketId=${route.params.ticketId ?? ''}
        ></yorozu-ticket-page>`;
      case 'desk':
        return html`<yorozu-desk-page .session=${session}></yorozu-desk-page>`;
      case 'deletions':
        return html`<yorozu-deletions-page .session=${session}></yorozu-deletions-page>`;
      case 'notices':
        return session.role === 'operator'
          ? html`<yorozu-notices-page .session=${session}></yorozu-notices-page>`
          : html`<p>${t('notFound')}</p>`;
      case 'participant-notices':
        return html`<yorozu-notices-page .session=${session} .participantId=${participantId}></yorozu-notices-page>`;
      default:
        return html`<p>${t('notFound')}</p>`;
    }
  }

  override render() {
    void this.locale;
    // The report's print layout on screen (?print=1, what the PDF renderer opens) has no header either.
    const printLayout = this.route.name === 'report' && this.route.query.get('print') === '1';
    return html`${printLayout ? nothing : this.renderHeader()}
      <main>${this.renderPage()}</main>`;
  }
}
customElements.define('yorozu-app', YorozuApp);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-app': YorozuApp;
  }
}
