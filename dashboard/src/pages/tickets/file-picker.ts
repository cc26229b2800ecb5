import { LitElement, css, html, nothing } from 'lit';
import { formatBytes } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from './tickets-api.js';

const t = defineMessages(
  {
    label: '添付ファイル',
    hint: '1 ファイル {limit} まで、{count} 個まで。',
    tooLarge: '「{name}」は {size} あり、上限の {limit} を超えています。小さくするか、分けて送ってください。',
    tooMany: 'ファイルは {count} 個までです（{n} 個選ばれています）。',
    remove: '外す',
    removeName: '{name} を外す',
  },
  {
    label: 'Attachments',
    hint: 'Up to {limit} a file, {count} files.',
    tooLarge: '"{name}" is {size}, over the {limit} limit. Make it smaller or send it in parts.',
    tooMany: 'At most {count} files ({n} chosen).',
    remove: 'Remove',
    removeName: 'Remove {name}',
  },
);

/**
 * Files to send with a message: shows each chosen file's size and refuses, before sending, a file over the
 * server's limit (10 MiB) or more than 10 files. `files` are the chosen ones; `problem` is '' when they may be sent
 * (the form shows it in its own error line, on `files-changed` and when sending). `test-id` names the input's data-test.
 */
export class FilePicker extends LitElement {
  static override properties = {
    testId: { attribute: 'test-id' },
    files: { state: true },
    disabled: { type: Boolean },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: grid;
        gap: 4px;
      }
      .label {
        font-weight: 600;
        font-size: 0.9rem;
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
        display: grid;
        gap: 2px;
      }
      li {
        display: flex;
        gap: 8px;
        align-items: center;
        flex-wrap: wrap;
        font-size: 0.9rem;
      }
      li.too-large {
        color: var(--danger);
      }
      li button {
        padding: 0 6px;
        font-size: 0.8rem;
      }
      input[type='file'] {
        max-width: 100%;
        border: none;
        padding: 0;
      }
      .hint {
        font-size: 0.8rem;
      }
    `,
  ];
  declare testId: string;
  declare files: File[];
  declare disabled: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.testId = 'files';
    this.files = [];
    this.disabled = false;
  }

  /** Why the chosen files cannot be sent, or ''. */
  get problem(): string {
    const limit = formatBytes(MAX_ATTACHMENT_BYTES);
    const large = this.files.find((file) => file.size > MAX_ATTACHMENT_BYTES);
    if (large) return t('tooLarge', { name: large.name, size: formatBytes(large.size), limit });
    if (this.files.length > MAX_ATTACHMENTS) return t('tooMany', { count: MAX_ATTACHMENTS, n: this.files.length });
    return '';
  }

  clear(): void {
    this.files = [];
    const input = this.renderRoot.querySelector('input');
    if (input) input.value = '';
  }

  private changed(): void {
    this.dispatchEvent(new CustomEvent('files-changed'));
  }

  private chosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    // Choosing again adds to the list (the same name and size is taken once), so files can come from several folders.
    const added = [...(input.files ?? [])].filter(
      (file) => !this.files.some((f) => f.name === file.name && f.size === file.size),
    );
    this.files = [...this.files, ...added];
    this.changed();
  }

  private removeFile(file: File): void {
    this.files = this.files.filter((f) => f !== file);
    const input = this.renderRoot.querySelector('input');
    if (input && this.files.length === 0) input.value = '';
    this.changed();
  }

  override render() {
    void this.locale;
    return html`
      <label class="label"
        >${t('label')}
        <input type="file" multiple ?disabled=${this.disabled} data-test=${this.testId} @change=${this.chosen}
      /></label>
      <span class="muted hint">${t('hint', { limit: formatBytes(MAX_ATTACHMENT_BYTES), count: MAX_ATTACHMENTS })}</span>
      ${
        this.files.length
          ? html`<ul data-test=${`${this.testId}-list`}>
              ${this.files.map(
                (file) =>
                  html`<li class=${file.size > MAX_ATTACHMENT_BYTES ? 'too-large' : ''} data-test="chosen-file">
                    <span>${file.name}</span><span class="muted">${formatBytes(file.size)}</span>
                    <button
                      type="button"
                      @click=${() => this.removeFile(file)}
                      aria-label=${t('removeName', { name: file.name })}
                    >
                      ${t('remove')}
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    `;
  }
}
customElements.define('yorozu-ticket-file-picker', FilePicker);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-ticket-file-picker': FilePicker;
  }
}
