import { formatJst } from '../../format/jst.js';
import { LitElement, css, html } from 'lit';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { policyTitle, type Policy } from './policies-api.js';
import { policiesStyles } from './policies.styles.js';
import { severityBadge } from './severity-badge.js';

const t = defineMessages(
  {
    severity: '重要度',
    title: '名前',
    slug: 'スラッグ',
    failingDevices: '不適合の端末',
    lastEvaluated: '最終評価',
    kind: '種類',
    builtin: '組み込み',
    custom: '独自',
    enabled: '有効',
    version: '版',
    empty: 'ポリシーはまだありません。',
    enable: '{title} を有効にする',
    disable: '{title} を無効にする',
  },
  {
    severity: 'Severity',
    title: 'Title',
    slug: 'Slug',
    failingDevices: 'Devices failing',
    lastEvaluated: 'Last evaluated',
    kind: 'Kind',
    builtin: 'Built-in',
    custom: 'Custom',
    enabled: 'Enabled',
    version: 'Version',
    empty: 'No policies yet.',
    enable: 'Enable {title}',
    disable: 'Disable {title}',
  },
);

/**
 * Every policy at a glance; a row opens it in the editor, the checkbox enables or disables it.
 * @event policy-select - `detail` is the policy id.
 * @event policy-toggle - `detail` is `{ policy, enabled }`: save a new version with only `enabled` changed.
 */
export class PolicyList extends LitElement {
  static override properties = {
    policies: { attribute: false },
    selectedId: { attribute: false },
    busyId: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    policiesStyles,
    css`
      /* A phone scrolls the table, not the page (issue 19: no page wider than 390 px). */
      .table-wrap {
        overflow-x: auto;
      }
      tbody tr {
        cursor: pointer;
      }
      tbody tr:hover {
        background: #f8fafc;
      }
      tbody tr[aria-selected='true'] {
        background: #eff6ff;
      }
      button.link {
        border: none;
        background: none;
        padding: 0;
        color: var(--accent);
        text-align: left;
      }
    `,
  ];
  declare policies: Policy[];
  declare selectedId: string | null;
  /** The policy whose enabled state is being saved. */
  declare busyId: string | null;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.policies = [];
    this.selectedId = null;
    this.busyId = null;
  }

  private select(policyId: string): void {
    this.dispatchEvent(new CustomEvent('policy-select', { detail: policyId, bubbles: true, composed: true }));
  }

  private toggle(policy: Policy, enabled: boolean): void {
    this.dispatchEvent(
      new CustomEvent('policy-toggle', { detail: { policy, enabled }, bubbles: true, composed: true }),
    );
  }

  override render() {
    void this.locale;
    if (this.policies.length === 0) return html`<p class="muted">${t('empty')}</p>`;
    return html`<div class="scroll">
      <div class="table-wrap">
        <table data-test="policy-table">
          <thead>
            <tr>
              <th>${t('severity')}</th>
              <th>${t('title')}</th>
              <th>${t('slug')}</th>
              <th>${t('kind')}</th>
              <th>${t('enabled')}</th>
              <th class="num">${t('version')}</th>
              <th class="num">${t('failingDevices')}</th>
              <th>${t('lastEvaluated')}</th>
            </tr>
          </thead>
          <tbody>
            ${this.policies.map(
              (policy) =>
                html`<tr
                  data-test="policy-row"
                  data-slug=${policy.slug}
                  data-enabled=${String(policy.enabled)}
                  aria-selected=${String(policy.policy_id === this.selectedId)}
                  @click=${() => this.select(policy.policy_id)}
                >
                  <td class="nowrap">${severityBadge(policy.severity)}</td>
                  <td>
                    <button
                      type="button"
                      class="link"
                      data-test="policy-edit"
                      @click=${(e: Event) => (e.stopPropagation(), this.select(policy.policy_id))}
                    >
                      ${policyTitle(policy)}
                    </button>
                  </td>
                  <td class="mono nowrap">${policy.slug}</td>
                  <td class="nowrap">
                    ${policy.builtin ? html`<span class="badge">${t('builtin')}</span>` : t('custom')}
                  </td>
                  <td @click=${(e: Event) => e.stopPropagation()}>
                    <input
                      type="checkbox"
                      .checked=${policy.enabled}
                      ?disabled=${this.busyId !== null}
                      data-test="policy-enabled-toggle"
                      aria-label=${t(policy.enabled ? 'disable' : 'enable', { title: policyTitle(policy) })}
                      @change=${(e: Event) => this.toggle(policy, (e.target as HTMLInputElement).checked)}
                    />
                  </td>
                  <td class="num">${policy.current_version}</td>
                  <td class="num" data-test="policy-failing-devices">${policy.failing_devices ?? 0}</td>
                  <td class="nowrap" data-test="policy-last-evaluated">
                    ${formatJst(policy.last_evaluated_at ? new Date(`${policy.last_evaluated_at.replace(' ', 'T')}Z`) : null, 'datetime')}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </div>`;
  }
}
customElements.define('yorozu-policy-list', PolicyList);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-policy-list': PolicyList;
  }
}
