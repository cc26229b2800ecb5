import { LitElement, css, html, nothing } from 'lit';
import type { Session } from '../../api/session.js';
import { ApiLoader, loadStatus } from '../../components/api-loader/api-loader.js';
import { readParams, writeParams } from '../../components/url-state/url-state.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { policiesStyles } from '../policies/policies.styles.js';
import {
  fetchRules,
  NEW_RULE_TEMPLATE,
  ruleIdOf,
  ruleProblemText,
  saveRule,
  type DetectionRule,
} from './detection-rules-api.js';
import './rule-exceptions.js';
import './rule-try.js';

const t = defineMessages(
  {
    title: '検知ルール',
    intro:
      '検知ルールは Sigma 形式（YAML）で書きます。保存すると新しい版になり、有効なルールは健康診断の評価と一緒に全参加者のログに対して実行されます。',
    operatorsOnly: 'この画面はオペレーターだけが使えます。',
    newRule: '新しいルール',
    level: '重要度',
    name: '名前',
    origin: '出典',
    techniques: 'ATT&CK',
    enabled: '有効',
    cannotRun: '実行できません',
    sigmahq: 'SigmaHQ',
    yorozu: 'Yorozu',
    operator: '独自',
    yaml: 'ルール（YAML）',
    save: '保存',
    saving: '保存中…',
    saved: '保存しました（{id}）。',
    close: '閉じる',
    noId: 'YAML の先頭に id: を書いてください（ルールを見分ける名前です）。',
    enable: '{title} を有効にする',
    disable: '{title} を無効にする',
    saveEnabled: '保存時に有効にする',
  },
  {
    title: 'Detection rules',
    intro:
      'Detection rules are written in Sigma (YAML). Saving makes a new version; enabled rules run over every participant’s logs with the health evaluation.',
    operatorsOnly: 'Only operators can use this page.',
    newRule: 'New rule',
    level: 'Level',
    name: 'Title',
    origin: 'Source',
    techniques: 'ATT&CK',
    enabled: 'Enabled',
    cannotRun: 'Cannot run',
    sigmahq: 'SigmaHQ',
    yorozu: 'Yorozu',
    operator: 'Own',
    yaml: 'Rule (YAML)',
    save: 'Save',
    saving: 'Saving…',
    saved: 'Saved ({id}).',
    close: 'Close',
    noId: 'Write id: at the top of the YAML (the name that tells rules apart).',
    enable: 'Enable {title}',
    disable: 'Disable {title}',
    saveEnabled: 'Enable when saved',
  },
);

/** The rule's title and description in the reader's language (a SigmaHQ rule's Japanese comes from the server). */
const titleOf = (rule: DetectionRule) => (language() === 'en' ? rule.titleEn : rule.title);
const descriptionOf = (rule: DetectionRule) => (language() === 'en' ? rule.descriptionEn : rule.description);

/**
 * Operators' rule editor (`/detection-rules`): every rule with enable/disable in place; a rule's YAML (or a
 * new one, `?rule=new`) to edit or paste, try on one participant's data, and save as a new version.
 */
export class DetectionRulesPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    selected: { state: true },
    yaml: { state: true },
    enableOnSave: { state: true },
    busy: { state: true },
    failure: { state: true },
    savedId: { state: true },
  };
  static override styles = [
    sharedStyles,
    policiesStyles,
    css`
      .head {
        display: flex;
        gap: 12px;
        align-items: baseline;
        justify-content: space-between;
        flex-wrap: wrap;
      }
      .table-wrap {
        overflow-x: auto;
      }
      tr.selected {
        background: var(--accent-soft, #eef2ff);
      }
      textarea {
        width: 100%;
        box-sizing: border-box;
        min-height: 18em;
      }
      .description {
        color: var(--muted);
        font-size: 0.85rem;
      }
      .problem {
        color: #991b1b;
        font-size: 0.85rem;
      }
      section.panel {
        margin-top: 16px;
        min-width: 0;
      }
    `,
  ];
  declare session: Session;
  /** A rule id, 'new', or null when no rule is open. */
  declare selected: string | null;
  declare yaml: string;
  declare enableOnSave: boolean;
  declare busy: boolean;
  declare failure: unknown;
  declare savedId: string | null;
  private readonly locale = new LocaleController(this);
  private readonly rules = new ApiLoader<DetectionRule[]>(this, fetchRules);

  constructor() {
    super();
    this.selected = readParams().get('rule');
    this.yaml = '';
    this.enableOnSave = false;
    this.busy = false;
    this.failure = null;
    this.savedId = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.rules.run().then(() => this.open(this.selected));
  }

  private open(selected: string | null): void {
    this.selected = selected;
    this.failure = null;
    this.savedId = null;
    writeParams({ rule: selected });
    if (selected === 'new') {
      this.yaml = NEW_RULE_TEMPLATE;
      this.enableOnSave = false;
    } else if (selected) {
      const rule = this.rules.value?.find((r) => r.rule_id === selected);
      this.yaml = rule?.yaml ?? '';
      this.enableOnSave = rule?.enabled ?? false;
    }
  }

  private async toggle(rule: DetectionRule, enabled: boolean): Promise<void> {
    this.failure = null;
    try {
      await saveRule(rule.rule_id, enabled);
    } catch (error) {
      this.failure = error;
    }
    await this.rules.run();
  }

  private async save(): Promise<void> {
    const id = ruleIdOf(this.yaml);
    if (!id) {
      this.failure = new Error(t('noId'));
      return;
    }
    this.busy = true;
    this.failure = null;
    this.savedId = null;
    try {
      await saveRule(id, this.enableOnSave, this.yaml);
      await this.rules.run();
      this.savedId = id;
      this.selected = id;
      writeParams({ rule: id });
    } catch (error) {
      this.failure = error;
    } finally {
      this.busy = false;
    }
  }

  private renderList(rules: DetectionRule[]) {
    return html`<div class="table-wrap">
      <table data-test="rule-list">
        <thead>
          <tr>
            <th>${t('enabled')}</th>
            <th>${t('level')}</th>
            <th>${t('name')}</th>
            <th>${t('origin')}</th>
            <th>${t('techniques')}</th>
          </tr>
        </thead>
        <tbody>
          ${rules.map(
            (rule) =>
              html`<tr
                class=${rule.rule_id === this.selected ? 'selected' : ''}
                data-test="rule-row"
                data-rule-id=${rule.rule_id}
              >
                <td>
                  <input
                    type="checkbox"
                    .checked=${rule.enabled}
                    aria-label=${t(rule.enabled ? 'disable' : 'enable', { title: titleOf(rule) })}
                    @change=${(e: Event) => void this.toggle(rule, (e.target as HTMLInputElement).checked)}
                    data-test="rule-enabled"
                  />
                </td>
                <td class="nowrap"><span class="badge sev ${levelClass(rule.level)}">${rule.level}</span></td>
                <td>
                  <a
                    href="?rule=${encodeURIComponent(rule.rule_id)}"
                    @click=${(e: Event) => {
                      e.preventDefault();
                      this.open(rule.rule_id);
                    }}
                    data-test="rule-open"
                    >${titleOf(rule)}</a
                  >
                  ${
                    descriptionOf(rule)
                      ? html`<div class="description" data-test="rule-description">${descriptionOf(rule)}</div>`
                      : nothing
                  }
                  ${rule.problem ? html`<div class="problem" data-test="rule-problem">${t('cannotRun')}</div>` : nothing}
                </td>
                <td class="nowrap">${t(rule.origin)}</td>
                <td class="mono">${rule.techniques.join(' ')}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private renderEditor() {
    if (this.selected === null) return nothing;
    return html`<section class="panel" data-test="rule-editor">
      <label
        >${t('yaml')}
        <textarea
          class="mono"
          spellcheck="false"
          .value=${this.yaml}
          @input=${(e: Event) => (this.yaml = (e.target as HTMLTextAreaElement).value)}
          data-test="rule-yaml"
        ></textarea>
      </label>
      <div class="row">
        <label
          ><input
            type="checkbox"
            .checked=${this.enableOnSave}
            @change=${(e: Event) => (this.enableOnSave = (e.target as HTMLInputElement).checked)}
            data-test="rule-enable-on-save"
          />
          ${t('saveEnabled')}</label
        >
        <button
          type="button"
          class="primary"
          ?disabled=${this.busy}
          @click=${() => void this.save()}
          data-test="rule-save"
        >
          ${this.busy ? t('saving') : t('save')}
        </button>
        <button type="button" @click=${() => this.open(null)}>${t('close')}</button>
      </div>
      ${this.failure ? html`<p class="error" role="alert" data-test="rule-error">${ruleProblemText(this.failure)}</p>` : nothing}
      ${this.savedId ? html`<p class="muted" role="status" data-test="rule-saved">${t('saved', { id: this.savedId })}</p>` : nothing}
      <yorozu-rule-try .yaml=${this.yaml}></yorozu-rule-try>
      ${this.selected === 'new' ? nothing : html`<yorozu-rule-exceptions .ruleId=${this.selected}></yorozu-rule-exceptions>`}
    </section>`;
  }

  override render() {
    void this.locale;
    if (this.session?.role !== 'operator') return html`<p class="muted">${t('operatorsOnly')}</p>`;
    return html`
      <div class="head">
        <h1>${t('title')}</h1>
        <button type="button" class="primary" @click=${() => this.open('new')} data-test="rule-new">
          ${t('newRule')}
        </button>
      </div>
      <p class="muted">${t('intro')}</p>
      ${loadStatus(this.rules, 'rules')} ${this.renderEditor()}
      ${this.rules.value ? html`<section class="panel">${this.renderList(this.rules.value)}</section>` : nothing}
    `;
  }
}

/** Sigma's levels on the policies' badge colours (informational as low). */
function levelClass(level: DetectionRule['level']): string {
  return level === 'informational' ? 'low' : level;
}

customElements.define('yorozu-detection-rules-page', DetectionRulesPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-detection-rules-page': DetectionRulesPage;
  }
}
