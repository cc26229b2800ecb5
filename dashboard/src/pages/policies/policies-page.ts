import { LitElement, css, html, nothing } from 'lit';
import type { Session } from '../../api/session.js';
import { ApiLoader, loadStatus } from '../../components/api-loader/api-loader.js';
import { readParams, writeParams } from '../../components/url-state/url-state.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { draftOf, fetchPolicies, problemText, savePolicy, type Policy, type PolicyCatalogue } from './policies-api.js';
import './policy-editor.js';
import './policy-list.js';
import './policy-tables.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    title: 'ポリシー',
    intro:
      '健康診断のポリシーは、参加者ごとに各端末の合否を返す SELECT 文です。変更はすべて新しい版として保存され、結果はどの版で判定したかを記録します。',
    newPolicy: '新しいポリシー',
    operatorsOnly: 'この画面はオペレーターだけが使えます。',
    toggleFailed: '有効・無効を保存できませんでした: {message}',
    missing: 'このポリシーは見つかりません。',
  },
  {
    title: 'Policies',
    intro:
      "A health policy is a SELECT answering, for each of a participant's devices, whether it passes. Every change is saved as a new version, and each result records the version that decided it.",
    newPolicy: 'New policy',
    operatorsOnly: 'Only operators can use this page.',
    toggleFailed: 'Could not save enabled / disabled: {message}',
    missing: 'No such policy.',
  },
);

/**
 * Operators' policy editor: the policies (enable or disable each in place), the form for one of them or
 * a new one (`?policy=<id>` or `?policy=new`, so an open policy can be shared as a link), a trial run on
 * a participant, and the tables a policy may read.
 */
export class PoliciesPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    selected: { state: true },
    busyId: { state: true },
    toggleFailure: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .head {
        display: flex;
        gap: 12px;
        align-items: baseline;
        justify-content: space-between;
        flex-wrap: wrap;
      }
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 320px;
        gap: 16px;
        align-items: start;
        margin-top: 12px;
      }
      .main {
        display: grid;
        grid-template-columns: minmax(0, 1fr);
        gap: 16px;
        min-width: 0;
      }
      aside {
        position: sticky;
        top: 8px;
        max-height: calc(100vh - 16px);
        overflow-y: auto;
      }
      @media (max-width: 1000px) {
        .layout {
          /* minmax(0, …): a wide table scrolls inside its column instead of widening the page. */
          grid-template-columns: minmax(0, 1fr);
        }
        aside {
          position: static;
          max-height: none;
        }
      }
    `,
  ];
  declare session: Session;
  /** A policy id, 'new', or null when no form is open. */
  declare selected: string | null;
  declare busyId: string | null;
  declare toggleFailure: unknown;
  private readonly locale = new LocaleController(this);
  private readonly catalogue = new ApiLoader<PolicyCatalogue>(this, fetchPolicies);

  constructor() {
    super();
    this.selected = readParams().get('policy');
    this.busyId = null;
    this.toggleFailure = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.catalogue.run();
  }

  private select(selected: string | null): void {
    this.selected = selected;
    writeParams({ policy: selected });
  }

  private async saved(event: CustomEvent<{ policyId: string }>): Promise<void> {
    await this.catalogue.run();
    if (this.selected !== event.detail.policyId) this.select(event.detail.policyId);
  }

  /** Enabling or disabling is a new version with the same content. */
  private async toggle(event: CustomEvent<{ policy: Policy; enabled: boolean }>): Promise<void> {
    const { policy, enabled } = event.detail;
    this.busyId = policy.policy_id;
    this.toggleFailure = null;
    try {
      await savePolicy(policy.policy_id, { ...draftOf(policy), enabled });
    } catch (error) {
      this.toggleFailure = error;
    } finally {
      await this.catalogue.run();
      this.busyId = null;
    }
  }

  private renderEditor(catalogue: PolicyCatalogue) {
    if (this.selected === null) return nothing;
    const policy = this.selected === 'new' ? null : catalogue.policies.find((p) => p.policy_id === this.selected);
    if (policy === undefined) return html`<p class="muted">${t('missing')}</p>`;
    return html`<section class="panel" data-test="policy-editor">
      <yorozu-policy-editor
        .policy=${policy}
        @policy-saved=${(e: CustomEvent<{ policyId: string }>) => void this.saved(e)}
        @policy-close=${() => this.select(null)}
      ></yorozu-policy-editor>
    </section>`;
  }

  override render() {
    void this.locale;
    if (this.session?.role !== 'operator') return html`<p class="muted">${t('operatorsOnly')}</p>`;
    const catalogue = this.catalogue.value;
    return html`
      <div class="head">
        <h1>${t('title')}</h1>
        <button type="button" class="primary" @click=${() => this.select('new')} data-test="policy-new">
          ${t('newPolicy')}
        </button>
      </div>
      <p class="muted" ${cssText(`margin: 0`)}>${t('intro')}</p>
      ${loadStatus(this.catalogue, 'policies')}
      ${
        catalogue
          ? html`<div class="layout">
              <div class="main">
                <section class="panel">
                  ${this.toggleFailure ? html`<p class="error" role="alert" data-test="policy-toggle-error">${t('toggleFailed', { message: problemText(this.toggleFailure) })}</p>` : nothing}
                  <yorozu-policy-list
                    .policies=${catalogue.policies}
                    .selectedId=${this.selected}
                    .busyId=${this.busyId}
                    @policy-select=${(e: CustomEvent<string>) => this.select(e.detail)}
                    @policy-toggle=${(e: CustomEvent<{ policy: Policy; enabled: boolean }>) => void this.toggle(e)}
                  ></yorozu-policy-list>
                </section>
                ${this.renderEditor(catalogue)}
              </div>
              <aside class="panel"><yorozu-policy-tables .tables=${catalogue.tables}></yorozu-policy-tables></aside>
            </div>`
          : nothing
      }
    `;
  }
}
customElements.define('yorozu-policies-page', PoliciesPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-policies-page': PoliciesPage;
  }
}
