import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import {
  draftOf,
  EMPTY_DRAFT,
  problemText,
  savePolicy,
  SEVERITIES,
  type Policy,
  type PolicyDraft,
} from './policies-api.js';
import { policiesStyles } from './policies.styles.js';
import { severityLabel } from './severity-badge.js';
import './policy-try.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    newTitle: '新しいポリシー',
    editTitle: 'ポリシーを編集（現在 第{version}版）',
    builtinNote:
      '組み込みのポリシーです。保存すると新しい版になります（文面が更新されたときは組み込みの版が上書きします）。',
    slug: 'スラッグ（英小文字・数字・-）',
    severity: '重要度',
    titleJa: '名前（日本語）',
    titleEn: '名前（英語）',
    descriptionJa: '説明（日本語）',
    descriptionEn: '説明（英語）',
    remediationJa: '対処方法（日本語）',
    remediationEn: '対処方法（英語）',
    query: 'SQL（端末ごとに device_id, passed, detail を返す SELECT）',
    queryHelp:
      'detail は参加者に見せる日本語の説明です。英語の説明を detail_en として返すと、英語の画面と PDF にはそちらが表示されます（返さなければ英語でも detail を表示します）。',
    enabled: '有効にする（定期評価の対象にする）',
    save: '保存',
    saving: '保存中…',
    saved: '第{version}版として保存しました。',
    create: '作成',
    close: '閉じる',
  },
  {
    newTitle: 'New policy',
    editTitle: 'Edit policy (now version {version})',
    builtinNote: 'A built-in policy. Saving makes a new version (the built-in text replaces it when the pack changes).',
    slug: 'Slug (lower-case letters, digits, -)',
    severity: 'Severity',
    titleJa: 'Title (Japanese)',
    titleEn: 'Title (English)',
    descriptionJa: 'Description (Japanese)',
    descriptionEn: 'Description (English)',
    remediationJa: 'What to do (Japanese)',
    remediationEn: 'What to do (English)',
    query: 'SQL (a SELECT answering device_id, passed, detail per device)',
    queryHelp:
      'detail is the finding the participant reads, in Japanese. Answer detail_en as well and the English pages and PDF show it instead (without it they show detail in English too).',
    enabled: 'Enabled (evaluated on schedule)',
    save: 'Save',
    saving: 'Saving…',
    saved: 'Saved as version {version}.',
    create: 'Create',
    close: 'Close',
  },
);

type TextField = Exclude<keyof PolicyDraft, 'severity' | 'enabled'>;

/**
 * One policy's form: its texts in both languages, its severity, its SQL and whether it is enabled.
 * Saving sends PUT (a new version) or POST (a new policy); the server's reason for refusing the query
 * is shown under it. The trial run below the query runs the text as typed, unsaved.
 * @event policy-saved - `detail` is `{ policyId, version }`.
 * @event policy-close - the editor was closed.
 */
export class PolicyEditor extends LitElement {
  static override properties = {
    policy: { attribute: false },
    draft: { state: true },
    busy: { state: true },
    failure: { state: true },
    notice: { state: true },
  };
  static override styles = [
    sharedStyles,
    policiesStyles,
    css`
      form {
        display: grid;
        gap: 10px;
      }
      .pair {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 10px;
      }
      label {
        display: grid;
        gap: 2px;
        font-size: 0.85rem;
        color: var(--muted);
      }
      label.check {
        display: flex;
        gap: 6px;
        align-items: center;
        color: inherit;
        font-size: 0.9rem;
      }
      input,
      select,
      textarea {
        color: var(--text, #0f172a);
        width: 100%;
      }
      label.check input {
        width: auto;
      }
      textarea {
        min-height: 72px;
        resize: vertical;
      }
      textarea.mono {
        min-height: 200px;
        tab-size: 2;
        white-space: pre;
      }
      h2 {
        margin-top: 0;
      }
      @media (max-width: 700px) {
        .pair {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];
  /** The policy being edited; null for a new one. */
  declare policy: Policy | null;
  declare draft: PolicyDraft;
  declare busy: boolean;
  /** The server's refusal, kept as it came so that its text follows the language switch. */
  declare failure: unknown;
  declare notice: string;
  private readonly locale = new LocaleController(this);
  private justSaved = false;

  constructor() {
    super();
    this.policy = null;
    this.draft = { ...EMPTY_DRAFT };
    this.busy = false;
    this.failure = null;
    this.notice = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('policy')) return;
    const previous = changed.get('policy') as Policy | null | undefined;
    // The list reloading with the same version (nothing changed) must not throw away what is typed.
    if (
      previous !== undefined &&
      previous?.policy_id === this.policy?.policy_id &&
      previous?.current_version === this.policy?.current_version
    )
      return;
    // The answer to our own save keeps its notice; another policy starts clean.
    if (!this.justSaved) this.notice = '';
    this.justSaved = false;
    this.draft = this.policy ? draftOf(this.policy) : { ...EMPTY_DRAFT };
    this.failure = null;
  }

  private set<K extends keyof PolicyDraft>(key: K, value: PolicyDraft[K]): void {
    this.draft = { ...this.draft, [key]: value };
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.busy = true;
    this.failure = null;
    this.notice = '';
    try {
      const saved = await savePolicy(this.policy?.policy_id ?? null, this.draft);
      this.notice = t('saved', { version: saved.version });
      this.justSaved = true;
      this.dispatchEvent(new CustomEvent('policy-saved', { detail: saved, bubbles: true, composed: true }));
    } catch (error) {
      this.failure = error;
    } finally {
      this.busy = false;
    }
  }

  private text(key: TextField, label: string, options: { area?: boolean; test?: string } = {}) {
    const onInput = (e: Event) => this.set(key, (e.target as HTMLInputElement | HTMLTextAreaElement).value);
    return html`<label
      >${label}
      ${
        options.area
          ? html`<textarea
              required
              maxlength="2000"
              .value=${this.draft[key]}
              @input=${onInput}
              data-test=${options.test ?? `policy-${key}`}
            ></textarea>`
          : html`<input
              required
              maxlength="2000"
              .value=${this.draft[key]}
              @input=${onInput}
              data-test=${options.test ?? `policy-${key}`}
            />`
      }
    </label>`;
  }

  override render() {
    void this.locale;
    const { draft, policy } = this;
    return html`<form @submit=${this.submit} data-test="policy-form" data-policy-id=${policy?.policy_id ?? ''}>
        <h2>${policy ? t('editTitle', { version: policy.current_version }) : t('newTitle')}</h2>
        ${policy?.builtin ? html`<p class="muted" ${cssText(`margin: 0`)}>${t('builtinNote')}</p>` : nothing}
        <div class="pair">
          <label
            >${t('slug')}
            <input
              class="mono"
              required
              pattern="[a-z0-9][a-z0-9\\-]{1,62}"
              .value=${draft.slug}
              @input=${(e: Event) => this.set('slug', (e.target as HTMLInputElement).value)}
              data-test="policy-slug"
          /></label>
          <label
            >${t('severity')}
            <select
              @change=${(e: Event) => this.set('severity', (e.target as HTMLSelectElement).value as PolicyDraft['severity'])}
              data-test="policy-severity-select"
            >
              ${SEVERITIES.map((severity) => html`<option value=${severity} ?selected=${severity === draft.severity}>${severityLabel(severity)}</option>`)}
            </select>
          </label>
        </div>
        <div class="pair">${this.text('title_ja', t('titleJa'))} ${this.text('title_en', t('titleEn'))}</div>
        <div class="pair">
          ${this.text('description_ja', t('descriptionJa'), { area: true })}
          ${this.text('description_en', t('descriptionEn'), { area: true })}
        </div>
        <div class="pair">
          ${this.text('remediation_ja', t('remediationJa'), { area: true })}
          ${this.text('remediation_en', t('remediationEn'), { area: true })}
        </div>
        <label
          >${t('query')}
          <textarea
            class="mono"
            required
            maxlength="20000"
            spellcheck="false"
            .value=${draft.query}
            @input=${(e: Event) => this.set('query', (e.target as HTMLTextAreaElement).value)}
            data-test="policy-query"
          ></textarea>
        </label>
        <p class="muted" data-test="policy-query-help" ${cssText(`margin: 0`)}>${t('queryHelp')}</p>
        ${this.failure ? html`<p class="error" role="alert" data-test="policy-error" ${cssText(`margin: 0; white-space: pre-wrap`)}>${problemText(this.failure)}</p>` : nothing}
        <label class="check"
          ><input
            type="checkbox"
            .checked=${draft.enabled}
            @change=${(e: Event) => this.set('enabled', (e.target as HTMLInputElement).checked)}
            data-test="policy-enabled"
          />
          ${t('enabled')}</label
        >
        <div class="row">
          <button type="submit" class="primary" ?disabled=${this.busy} data-test="policy-save">
            ${this.busy ? t('saving') : policy ? t('save') : t('create')}
          </button>
          <button
            type="button"
            ?disabled=${this.busy}
            @click=${() => this.dispatchEvent(new CustomEvent('policy-close', { bubbles: true, composed: true }))}
            data-test="policy-close"
          >
            ${t('close')}
          </button>
          ${this.notice ? html`<span role="status" class="muted" data-test="policy-saved">${this.notice}</span>` : nothing}
        </div>
      </form>
      <yorozu-policy-try .query=${draft.query} .policyId=${policy?.policy_id ?? ''}></yorozu-policy-try>`;
  }
}
customElements.define('yorozu-policy-editor', PolicyEditor);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-policy-editor': PolicyEditor;
  }
}
