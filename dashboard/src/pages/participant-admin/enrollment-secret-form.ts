import { LitElement, css, html, nothing } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { issueSecret } from './participant-admin-api.js';

const t = defineMessages(
  {
    label: 'ラベル（拠点名など）',
    issue: '登録用シークレットを発行する',
    issuing: '発行しています…',
    once: 'このシークレットは一度だけ表示します。参加者に安全な方法で渡してください。',
    secret: '登録用シークレット',
    linux: 'Linux の PC（参照エージェント）: 端末で次の 1 行を実行します',
    windows:
      'Windows の PC（OpenTelemetry Collector）: 配布パッケージ agent/windows/ を展開し、管理者の PowerShell で次の 1 行を実行します（手順: docs/windows-collector.md）',
  },
  {
    label: 'Label (site name, etc.)',
    issue: 'Issue an enrollment secret',
    issuing: 'Issuing…',
    once: 'This secret is shown once. Give it to the participant by a safe means.',
    secret: 'Enrollment secret',
    linux: 'Linux PC (the reference agent): run this one line in a terminal',
    windows:
      'Windows PC (OpenTelemetry Collector): unpack the package agent/windows/ and run this one line in an administrator PowerShell (steps: docs/windows-collector.md)',
  },
);

/** Issues an enrollment secret (shown once) with the install instructions and one-line install commands. */
export class EnrollmentSecretForm extends LitElement {
  static override properties = {
    participantId: { attribute: false },
    secret: { state: true },
    busy: { state: true },
    error: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      pre {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        background: #f1f5f9;
        padding: 8px;
        border-radius: 6px;
        font-size: 0.85rem;
      }
      input {
        max-width: 100%;
      }
    `,
  ];
  declare participantId: string;
  declare secret: string;
  declare busy: boolean;
  declare error: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participantId = '';
    this.secret = '';
    this.busy = false;
    this.error = '';
  }

  private async issue(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const label = (this.renderRoot.querySelector('[name=label]') as HTMLInputElement).value.trim();
    this.busy = true;
    this.error = '';
    try {
      this.secret = (await issueSecret(this.participantId, label)).secret;
    } catch (error) {
      this.error = apiErrorText(error);
    } finally {
      this.busy = false;
    }
  }

  private renderSecret(secret: string) {
    const server = location.origin;
    const linux = `npx yorozu-agent --server ${server} --secret ${secret}`;
    const windows = `.\\install.ps1 -ServerUrl ${server} -EnrollmentSecret ${secret} -CollectorMsi .\\otelcol-contrib_windows_amd64.msi`;
    return html`<div data-test="secret-issued">
      <p class="error">${t('once')}</p>
      <p>${t('secret')}: <code data-test="enrollment-secret">${secret}</code></p>
      <p>${t('linux')}</p>
      <pre data-test="install-linux">${linux}</pre>
      <p>${t('windows')}</p>
      <pre data-test="install-windows">${windows}</pre>
    </div>`;
  }

  override render() {
    void this.locale;
    return html`<form class="row" @submit=${this.issue}>
        <label>${t('label')} <input name="label" maxlength="200" data-test="secret-label" /></label>
        <button type="submit" class="primary" ?disabled=${this.busy} data-test="secret-issue">
          ${this.busy ? t('issuing') : t('issue')}
        </button>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.secret ? this.renderSecret(this.secret) : nothing}`;
  }
}
customElements.define('yorozu-enrollment-secret-form', EnrollmentSecretForm);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-enrollment-secret-form': EnrollmentSecretForm;
  }
}
