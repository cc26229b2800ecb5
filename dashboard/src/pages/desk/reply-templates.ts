import { LitElement, css, html, nothing } from 'lit';
import { api } from '../../api/api-client.js';
import type { ReplyTemplate, ReplyTemplateList } from '../../api/contract.js';
import { ApiLoader, loadStatus } from '../../components/api-loader/api-loader.js';
import { formatJst } from '../../format/jst.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { deskStyles } from './desk.styles.js';

const t = defineMessages(
  {
    intro:
      '回答の定型文です。チケットの回答欄で、お客様が書いた言語（日本語または英語）の文面が選べます。本文には {reference}（受付番号）、{subject}（件名）、{organisation}（参加者名）、{requester}（お問い合わせ者）を書くと、そのチケットの内容に置き換わります。',
    add: '定型文を追加',
    edit: '編集',
    remove: '削除',
    save: '保存',
    cancel: 'やめる',
    titleJa: '題名（日本語）',
    titleEn: '題名（英語）',
    bodyJa: '本文（日本語）',
    bodyEn: '本文（英語）',
    required: '日本語と英語の題名・本文をすべて入力してください。',
    none: '定型文はまだありません。',
    changed: '{time} {by}',
    confirmRemove: '定型文「{title}」を削除しますか？',
  },
  {
    intro:
      'Answer templates. On a ticket, the answer form offers them in the language the participant wrote in (Japanese or English). In a body, {reference}, {subject}, {organisation} and {requester} are replaced by the ticket’s.',
    add: 'Add a template',
    edit: 'Edit',
    remove: 'Remove',
    save: 'Save',
    cancel: 'Cancel',
    titleJa: 'Title (Japanese)',
    titleEn: 'Title (English)',
    bodyJa: 'Text (Japanese)',
    bodyEn: 'Text (English)',
    required: 'Fill in the title and text in both Japanese and English.',
    none: 'No templates yet.',
    changed: '{time} {by}',
    confirmRemove: 'Remove the template “{title}”?',
  },
);

const FIELDS = ['titleJa', 'titleEn', 'bodyJa', 'bodyEn'] as const;

/** The desk's answer templates (定型文): list, add, edit, remove; each template in both languages. */
export class ReplyTemplates extends LitElement {
  static override properties = { editing: { state: true }, error: { state: true }, saving: { state: true } };
  static override styles = [
    sharedStyles,
    deskStyles,
    css`
      .template {
        border: 1px solid var(--border, #d4d4d8);
        border-radius: 6px;
        padding: 8px 12px;
        margin: 8px 0;
      }
      .template pre {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        font: inherit;
        margin: 4px 0;
      }
      .languages {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 12px;
      }
      form.template-form {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 8px 12px;
      }
      form.template-form label {
        display: flex;
        flex-direction: column;
        gap: 2px;
      }
      form.template-form .actions {
        grid-column: 1 / -1;
        display: flex;
        gap: 8px;
      }
      @media (max-width: 640px) {
        .languages,
        form.template-form {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];
  /** The template being edited, 'new' for a new one, null when none. */
  declare editing: ReplyTemplate | 'new' | null;
  declare error: string;
  declare saving: boolean;
  private readonly locale = new LocaleController(this);
  private readonly templates = new ApiLoader<ReplyTemplate[]>(this, async () => {
    const { templates } = await api<ReplyTemplateList>('GET', '/api/v1/admin/reply-templates');
    return templates;
  });

  constructor() {
    super();
    this.editing = null;
    this.error = '';
    this.saving = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.templates.run();
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: (typeof FIELDS)[number]) =>
      (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement).value.trim();
    if (FIELDS.some((name) => !value(name))) {
      this.error = t('required');
      return;
    }
    const body = {
      title: { ja: value('titleJa'), en: value('titleEn') },
      body: { ja: value('bodyJa'), en: value('bodyEn') },
    };
    this.saving = true;
    try {
      const editing = this.editing;
      const reply =
        editing && editing !== 'new'
          ? await api<ReplyTemplateList>('PUT', `/api/v1/admin/reply-templates/${editing.templateId}`, body)
          : await api<ReplyTemplateList>('POST', '/api/v1/admin/reply-templates', body);
      this.templates.value = reply.templates;
      this.editing = null;
      this.error = '';
    } catch (error) {
      this.error = apiErrorText(error);
    } finally {
      this.saving = false;
    }
  }

  private async removeTemplate(template: ReplyTemplate): Promise<void> {
    if (!window.confirm(t('confirmRemove', { title: template.title.ja }))) return;
    try {
      const reply = await api<ReplyTemplateList>('DELETE', `/api/v1/admin/reply-templates/${template.templateId}`);
      this.templates.value = reply.templates;
      this.requestUpdate();
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  private renderForm(template: ReplyTemplate | null) {
    return html`<form class="template-form panel" @submit=${this.save} novalidate data-test="template-form">
      <label>${t('titleJa')}<input name="titleJa" maxlength="200" .value=${template?.title.ja ?? ''} /></label>
      <label>${t('titleEn')}<input name="titleEn" maxlength="200" .value=${template?.title.en ?? ''} /></label>
      <label
        >${t('bodyJa')}<textarea name="bodyJa" rows="6" maxlength="20000" .value=${template?.body.ja ?? ''}></textarea>
      </label>
      <label
        >${t('bodyEn')}<textarea name="bodyEn" rows="6" maxlength="20000" .value=${template?.body.en ?? ''}></textarea>
      </label>
      <div class="actions">
        <button type="submit" ?disabled=${this.saving} data-test="template-save">${t('save')}</button>
        <button type="button" @click=${() => ((this.editing = null), (this.error = ''))}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  private renderTemplate(template: ReplyTemplate) {
    if (this.editing !== 'new' && this.editing?.templateId === template.templateId) return this.renderForm(template);
    return html`<article class="template" data-test="template" data-template-id=${template.templateId}>
      <div class="languages">
        <div lang="ja">
          <strong>${template.title.ja}</strong>
          <pre>${template.body.ja}</pre>
        </div>
        <div lang="en">
          <strong>${template.title.en}</strong>
          <pre>${template.body.en}</pre>
        </div>
      </div>
      <p class="muted">
        ${t('changed', { time: formatJst(template.changedAt, 'datetime'), by: template.changedBy })}
        <button type="button" @click=${() => (this.editing = template)} data-test="template-edit">${t('edit')}</button>
        <button type="button" @click=${() => void this.removeTemplate(template)} data-test="template-remove">
          ${t('remove')}
        </button>
      </p>
    </article>`;
  }

  override render() {
    void this.locale;
    const templates = this.templates.value;
    return html`<p class="muted">${t('intro')}</p>
      ${this.editing === 'new' ? this.renderForm(null) : html`<button type="button" @click=${() => (this.editing = 'new')} data-test="template-add">${t('add')}</button>`}
      ${this.error ? html`<p class="error" role="alert" data-test="template-error">${this.error}</p>` : nothing}
      ${loadStatus(this.templates, 'templates')}
      ${templates ? (templates.length ? templates.map((template) => this.renderTemplate(template)) : html`<p class="muted empty">${t('none')}</p>`) : nothing}`;
  }
}

customElements.define('yorozu-reply-templates', ReplyTemplates);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-reply-templates': ReplyTemplates;
  }
}
