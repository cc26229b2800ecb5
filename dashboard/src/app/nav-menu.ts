import { LitElement, css, html, nothing } from 'lit';
import type { NavGroup, NavLink } from './nav-links.js';
import { ROUTE_CHANGED, type Route } from './router.js';

/**
 * One group of the operators' header as a disclosure menu: a native `<details>`/`<summary>` (keyboard and screen
 * readers know it: Enter or Space opens it, its state is announced), its links in a list. The current page's link
 * carries `aria-current="page"` and its group is marked. It closes when one of its links is followed (the current
 * page's too, which opens no page), when a page opens, on Escape (focus back on its summary), and on a click
 * elsewhere, so that only one is open at a time.
 */
export class NavMenu extends LitElement {
  static override properties = { group: { attribute: false }, current: { attribute: false } };
  static override styles = css`
    :host {
      display: block;
    }
    details {
      position: relative;
    }
    summary {
      cursor: pointer;
      padding: 4px 6px;
      border-radius: 4px;
      white-space: nowrap;
    }
    summary:focus-visible,
    a:focus-visible {
      outline: 2px solid #93c5fd;
      outline-offset: 1px;
    }
    details[data-current='true'] > summary {
      background: #1e293b;
      font-weight: 600;
    }
    .panel {
      position: absolute;
      top: 100%;
      left: 0;
      z-index: 20;
      min-width: 12em;
      margin-top: 4px;
      padding: 6px;
      background: #0f172a;
      border: 1px solid #334155;
      border-radius: 6px;
      box-shadow: 0 6px 16px rgb(0 0 0 / 30%);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    a {
      display: block;
      color: #e2e8f0;
      text-decoration: none;
      padding: 4px 8px;
      border-radius: 4px;
      white-space: nowrap;
    }
    a:hover,
    a[aria-current='page'] {
      background: #1e293b;
    }
    .more {
      margin: 8px 0 2px;
      padding: 4px 8px 0;
      border-top: 1px solid #334155;
      color: #94a3b8;
      font-size: 0.85rem;
    }
    /* A phone: the open menu takes its place in the (wrapping) header rather than float past the screen's edge. */
    @media (max-width: 600px) {
      .panel {
        position: static;
        box-shadow: none;
      }
      a {
        white-space: normal;
      }
    }
  `;
  declare group: NavGroup;
  declare current: Route['name'];

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(ROUTE_CHANGED, this.close);
    document.addEventListener('click', this.onDocumentClick);
  }

  override disconnectedCallback(): void {
    window.removeEventListener(ROUTE_CHANGED, this.close);
    document.removeEventListener('click', this.onDocumentClick);
    super.disconnectedCallback();
  }

  private get details(): HTMLDetailsElement | null {
    return this.renderRoot.querySelector('details');
  }

  private readonly close = () => {
    const details = this.details;
    if (details) details.open = false;
  };

  private readonly onDocumentClick = (event: MouseEvent) => {
    if (!event.composedPath().includes(this)) this.close();
  };

  private onKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.details?.open) return;
    this.close();
    this.renderRoot.querySelector('summary')?.focus();
  }

  private renderLinks(links: readonly NavLink[]) {
    return html`<ul>
      ${links.map(
        (link) =>
          html`<li>
            <a
              href=${link.href}
              aria-current=${link.name === this.current ? 'page' : 'false'}
              data-nav=${link.name}
              data-test=${link.test}
              @click=${this.close}
              >${link.label}</a
            >
          </li>`,
      )}
    </ul>`;
  }

  override render() {
    const { group } = this;
    const links = [...group.links, ...(group.more?.links ?? [])];
    const current = links.some((link) => link.name === this.current);
    return html`<details
      data-test=${`nav-group-${group.id}`}
      data-current=${String(current)}
      @keydown=${(event: KeyboardEvent) => this.onKeydown(event)}
    >
      <summary>${group.label}</summary>
      <div class="panel">
        ${this.renderLinks(group.links)}
        ${
          group.more
            ? html`<p class="more" id="more">${group.more.label}</p>
                <div role="group" aria-labelledby="more">${this.renderLinks(group.more.links)}</div>`
            : nothing
        }
      </div>
    </details>`;
  }
}
customElements.define('yorozu-nav-menu', NavMenu);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-nav-menu': NavMenu;
  }
}
