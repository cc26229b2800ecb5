import { LitElement, css, html, nothing } from 'lit';
import { formatJst } from '../../format/jst.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { documentAddress, fetchDocuments, fileDocument, type ParticipantDocument } from './records-api.js';

const SUBJECTS = ['registration', 'succession', 'withdrawal', 'revocation', 'other'] as const;

const t = defineMessages(
  {
    empty: '書類はまだありません。',
    file: 'ファイル',
    subject: '種類',
    registration: '登録事項',
    succession: '承継（第4条）',
    withdrawal: '退会（第6条）',
    revocation: '取消し（第7条）',
    other: 'その他',
    upload: '書類を保存する',
    uploaded: '{at}・{by}',
    size: '{kb} KB',
    needFile: 'ファイルを選んでください。',
    saved: '「{name}」を保存しました（SHA-256: {sha}…）。',
  },
  {
    empty: 'No documents yet.',
    file: 'File',
    subject: 'Kind',
    registration: 'Registered details',
    succession: 'Succession (art. 4)',
    withdrawal: 'Withdrawal (art. 6)',
    revocation: 'Revocation (art. 7)',
    other: 'Other',
    upload: 'Store the document',
    uploaded: '{at} · {by}',
    size: '{kb} KB',
    needFile: 'Choose a file.',
    saved: 'Stored "{name}" (SHA-256: {sha}…).',
  },
);

const subjectLabel = (subject: string): string =>
  (SUBJECTS as readonly string[]).includes(subject) ? t(subject as (typeof SUBJECTS)[number]) : t('other');

/**
 * The documents filed by or about a participant, each downloadable with its SHA-256; operators (`canUpload`)
 * store new ones.
 */
export class ParticipantDocuments extends LitElement {
  static override properties = {
    participantId: { attribute: false },
    canUpload: { type: Boolean },
    documents: { state: true },
    error: { state: true },
    saved: { state: true },
    busy: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      ul {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      li {
        padding: 6px 0;
        border-bottom: 1px solid var(--line);
        overflow-wrap: anywhere;
      }
      code {
        font-size: 0.8rem;
        overflow-wrap: anywhere;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        align-items: end;
        margin-top: 8px;
      }
      input[type='file'] {
        max-width: 100%;
      }
    `,
  ];
  declare participantId: string;
  declare canUpload: boolean;
  declare documents: ParticipantDocument[] | null;
  declare error: string;
  declare saved: string;
  declare busy: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participantId = '';
    this.canUpload = false;
    this.documents = null;
    this.error = '';
    this.saved = '';
    this.busy = false;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('participantId') && this.participantId) void this.reload();
  }

  async reload(): Promise<void> {
    try {
      this.documents = await fetchDocuments(this.participantId);
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  private async upload(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const element = event.target as HTMLFormElement;
    const form = new FormData(element);
    const file = form.get('document');
    if (!(file instanceof File) || file.size === 0) return void (this.error = t('needFile'));
    this.busy = true;
    this.error = '';
    try {
      const { document } = await fileDocument(this.participantId, form);
      this.saved = t('saved', { name: document.filename, sha: document.sha256.slice(0, 12) });
      element.reset();
      await this.reload();
    } catch (error) {
      this.error = apiErrorText(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    void this.locale;
    const documents = this.documents ?? [];
    return html`
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${
        documents.length === 0
          ? html`<p class="muted">${t('empty')}</p>`
          : html`<ul data-test="documents">
              ${[...documents].reverse().map(
                (d) =>
                  html`<li data-test="document">
                    <a href=${documentAddress(d.participant_id, d.document_id)} download=${d.filename}>${d.filename}</a>
                    <span class="badge">${subjectLabel(d.subject)}</span>
                    <span class="muted"
                      >${t('size', { kb: Math.max(1, Math.round(Number(d.size_bytes) / 1024)) })}
                      ${t('uploaded', { at: formatJst(d.uploaded_at, 'datetime'), by: d.uploaded_by })}</span
                    >
                    <br /><code>SHA-256 ${d.sha256}</code>
                  </li>`,
              )}
            </ul>`
      }
      ${
        this.canUpload
          ? html`<form @submit=${(e: SubmitEvent) => void this.upload(e)} data-test="document-upload">
                <label
                  >${t('subject')}
                  <select name="subject">
                    ${SUBJECTS.map((s) => html`<option value=${s}>${t(s)}</option>`)}
                  </select></label
                >
                <label>${t('file')} <input type="file" name="document" data-test="document-file" /></label>
                <button type="submit" ?disabled=${this.busy}>${t('upload')}</button>
              </form>
              ${this.saved ? html`<p class="muted" data-test="document-saved">${this.saved}</p>` : nothing}`
          : nothing
      }
    `;
  }
}
customElements.define('yorozu-participant-documents', ParticipantDocuments);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-participant-documents': ParticipantDocuments;
  }
}
