import { LitElement, css, html, nothing } from 'lit';
import { SIGNED_OUT_EVENT } from '../api/api-client.js';
import { loadSession, signOut, type Session } from '../api/session.js';
import { defineMessages, language, LocaleController, setLanguage } from '../i18n/i18n.js';
import { sharedStyles } from '../styles/theme.js';
import { loadPage } from './page-loaders.js';
import { fetchTrial } from '../pages/trial/trial-api.js';
import '../pages/terms/terms-agreement.js';
import { fetchTermsStanding, type TermsStanding } from '../pages/terms/terms-api.js';
import { currentRoute, navigate, ROUTE_CHANGED, type Route } from './router.js';
import { landingPath } from './landing.js';
import { operatorGroups, participantLinks } from './nav-links.js';
import './nav-menu.js';
import { OPERATOR_ONLY_ROUTES, PUBLIC_ROUTES } from './route-patterns.js';

const t = defineMessages(
  {
    brand: 'よろず相談窓口',
    trialUnset: '実証実験の期間が未設定です — 設定する',
    password: 'パスワード変更',
    signOut: 'サインアウト',
    loading: '読み込み中…',
    notFound: 'ページが見つかりません。',
    pageLoadFailed: 'ページを読み込めませんでした。再読み込みしてください。',
    operator: 'オペレーター',
    purpose: '閲覧目的: {purpose}',
  },
  {
    brand: 'Yorozu desk',
    trialUnset: 'The trial period is not set — set it',
    password: 'Password',
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
    terms: { state: true },
    termsLater: { state: true },
    trialUnset: { state: true },
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
      /* A participant's user sees on every page whose data it is (issue 19). */
      header .organisation {
        font-weight: 600;
        padding: 2px 8px;
        border: 1px solid #475569;
        border-radius: 4px;
        max-width: 100%;
        overflow-wrap: anywhere;
      }
      header a.trial-unset {
        background: #b45309;
        color: #fff;
        font-weight: 600;
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
  /** A participant user's agreement to the terms (art. 2): asked before any page when the version in force is not agreed. */
  declare terms: TermsStanding | null;
  declare termsLater: boolean;
  /** Art. 1: operators are asked for the trial period (in the header) until it is set. */
  declare trialUnset: boolean;
  declare pageLoadFailed: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.session = null;
    this.route = currentRoute();
    this.ready = false;
    this.terms = null;
    this.termsLater = false;
    this.trialUnset = false;
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
    if (this.route.name !== 'login' && !PUBLIC_ROUTES.has(this.route.name))
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
    navigate(anchor.pathname + anchor.search + anchor.hash);
  };

  private async refreshSession(): Promise<void> {
    const session = await loadSession();
    this.terms =
      session?.role === 'participant_user' && session.participantId && !session.mustChangePassword
        ? await fetchTermsStanding(session.participantId).catch(() => null)
        : null;
    this.trialUnset =
      session?.role === 'operator' && !session.mustChangePassword
        ? (await fetchTrial().catch(() => undefined)) === null
        : false;
    this.session = session;
    this.ready = true;
    if (!this.session && this.route.name !== 'login' && !PUBLIC_ROUTES.has(this.route.name))
      navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    else if (this.session && (this.route.name === 'login' || this.route.name === 'fleet')) this.goHome();
  }

  /** After sign-in: `next` when this role may open it, else the role's home (landing.ts). */
  private goHome(): void {
    if (!this.session) return;
    const next = this.route.name === 'login' ? this.route.query.get('next') : location.pathname + location.search;
    const landing = landingPath(this.session, next, location.origin);
    // Art. 1: an operator signing in while no trial period is set is asked for it first.
    if (
      this.route.name === 'login' &&
      this.session.role === 'operator' &&
      this.trialUnset &&
      ['/', '/fleet'].includes(landing)
    )
      navigate('/settings/trial', { replace: true });
    else navigate(landing, { replace: true });
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
        ${session?.organisation ? html`<span class="organisation" data-test="portal-organisation">${session.organisation}</span>` : nothing}
        ${
          session?.role === 'operator'
            ? operatorGroups(participantId).map(
                (group) => html`<yorozu-nav-menu .group=${group} .current=${section}></yorozu-nav-menu>`,
              )
            : nothing
        }
        ${
          session?.role === 'participant_user' && participantId
            ? participantLinks(participantId, 'participant_user').map((each) =>
                link(each.href, each.label, each.name, each.test),
              )
            : nothing
        }
        ${this.trialUnset ? html`<a href="/settings/trial" class="trial-unset" data-test="trial-unset-banner">${t('trialUnset')}</a>` : nothing}
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
                ${link('/password', t('password'), 'password', 'nav-password')}
                <button @click=${() => void this.signOut()} data-test="sign-out">${t('signOut')}</button>`
            : nothing
        }
      </header>
    `;
  }

  private renderPage() {
    const { route, session } = this;
    // The page's chunk (public pages included); the element renders at once and is upgraded when it has run.
    loadPage(route.name, () => (this.pageLoadFailed = true));
    if (this.pageLoadFailed)
      return html`<p class="error" role="alert" data-test="page-load-failed">${t('pageLoadFailed')}</p>`;
    if (route.name === 'terms')
      return html`<yorozu-terms-page .selected=${route.query.get('version') ?? ''}></yorozu-terms-page>`;
    if (route.name === 'public-notices') return html`<yorozu-public-notices-page></yorozu-public-notices-page>`;
    if (!this.ready) return html`<p class="muted">${t('loading')}</p>`;
    // The application pages are public: signed in or not, they show the same.
    if (route.name === 'apply') return html`<yorozu-apply-page></yorozu-apply-page>`;
    if (route.name === 'application')
      return html`<yorozu-application-status-page
        .applicationId=${route.params.applicationId ?? ''}
      ></yorozu-application-status-page>`;
    if (!session || route.name === 'login')
      return html`<yorozu-login-page @signed-in=${() => void this.refreshSession()}></yorozu-login-page>`;
    if (session.mustChangePassword)
      return html`<yorozu-password-page @password-changed=${() => void this.refreshSession()}></yorozu-password-page>`;
    // Art. 2: the version in force is agreed to at the next sign-in after a change; a coming one may wait.
    const terms = this.terms;
    if (session.role === 'participant_user' && terms && (terms.mustAgree || (terms.coming && !this.termsLater)))
      return html`<yorozu-terms-agreement
        .participantId=${session.participantId ?? ''}
        .standing=${terms}
        @terms-agreed=${() => void this.refreshSession()}
        @terms-later=${() => (this.termsLater = true)}
      ></yorozu-terms-agreement>`;
    // A participant's user who follows a link to a desk page (the search across participants…) goes home
    // instead of seeing the page ask the server for what it refuses.
    if (session.role === 'participant_user' && OPERATOR_ONLY_ROUTES.has(route.name)) {
      queueMicrotask(() => this.goHome());
      return nothing;
    }
    const participantId = route.params.participantId ?? '';
    // Every operator page shows participants' data (lists included: the fleet, the desk's queue and held mail, the
    // policies' participants), and the server refuses it without a purpose: it is asked once per session (art. 15).
    if (session.role === 'operator' && !session.purpose) {
      return html`<yorozu-purpose-dialog @purpose-chosen=${() => void this.refreshSession()}></yorozu-purpose-dialog>`;
    }
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
      case 'detection-rules':
        return html`<yorozu-detection-rules-page .session=${session}></yorozu-detection-rules-page>`;
      case 'lists':
        return html`<yorozu-lists-page .session=${session}></yorozu-lists-page>`;
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
      case 'cross-search':
        return html`<yorozu-cross-search-page .session=${session}></yorozu-cross-search-page>`;
      case 'notices':
        return session.role === 'operator'
          ? html`<yorozu-notices-page .session=${session}></yorozu-notices-page>`
          : html`<p>${t('notFound')}</p>`;
      case 'maintenance':
        return session.role === 'operator'
          ? html`<yorozu-maintenance-page .session=${session}></yorozu-maintenance-page>`
          : html`<p>${t('notFound')}</p>`;
      case 'trial-settings':
        return session.role === 'operator'
          ? html`<yorozu-trial-settings-page
              @trial-changed=${() => void this.refreshSession()}
            ></yorozu-trial-settings-page>`
          : html`<p>${t('notFound')}</p>`;
      case 'operator-accounts':
        return session.role === 'operator'
          ? html`<yorozu-operator-accounts-page .session=${session}></yorozu-operator-accounts-page>`
          : html`<p>${t('notFound')}</p>`;
      case 'surveys':
        return session.role === 'operator'
          ? html`<yorozu-surveys-page .session=${session}></yorozu-surveys-page>`
          : html`<p>${t('notFound')}</p>`;
      case 'survey':
        return session.role === 'operator'
          ? html`<yorozu-survey-results-page
              .session=${session}
              .surveyId=${route.params.surveyId ?? ''}
            ></yorozu-survey-results-page>`
          : html`<p>${t('notFound')}</p>`;
      case 'participant-surveys':
        return html`<yorozu-survey-answers .participantId=${participantId}></yorozu-survey-answers>`;
      case 'participant-notices':
        return html`<yorozu-notices-page .session=${session} .participantId=${participantId}></yorozu-notices-page>`;
      case 'applications':
        return html`<yorozu-applications-page .session=${session}></yorozu-applications-page>`;
      case 'participant-admin':
        return html`<yorozu-participant-admin-page
          .session=${session}
          .participantId=${participantId}
        ></yorozu-participant-admin-page>`;
      case 'access-log':
        return html`<yorozu-access-log-page
          .session=${session}
          .participantId=${participantId}
        ></yorozu-access-log-page>`;
      case 'registration':
        return html`<yorozu-registration-page
          .session=${session}
          .participantId=${participantId}
        ></yorozu-registration-page>`;
      case 'password':
        return html`<yorozu-password-page voluntary></yorozu-password-page>`;
      case 'outreach':
        return html`<yorozu-outreach-page .session=${session} .participantId=${participantId}></yorozu-outreach-page>`;
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
