import { LitElement, css, html, nothing } from 'lit';
import '../../components/evidence-attach/evidence-attach-dialog.js';
import { formatJst } from '../../format/jst.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { explorerPath } from '../explorer/explorer-state.js';
import { attentionStyles } from './attention.styles.js';
import { changeTriage, fetchAttention, recordVisit, type AttentionItem, type QueueFilter } from './attention-api.js';
import { ATTENTION_MESSAGES } from './attention-messages.js';
import { plainJapaneseMessage } from './plain-message.js';

const t = defineMessages(...ATTENTION_MESSAGES);

/** A server time (`YYYY-MM-DD hh:mm:ss.sss`, UTC) as an instant. */
const instant = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
/** The item's title in the reader's language (a policy's own English title, a desk rule's English half). */
const titleOf = (item: AttentionItem) => (language() === 'en' ? item.titleEn : item.title);

/**
 * The operators' attention queue (GET /api/v1/admin/attention): detection findings, then high/critical
 * policy failures, across participants; new since this operator's last visit (kept on the server); filters by participant, rule
 * and ATT&CK technique; each finding opens the explorer on exactly its events (`finding:<id>`), attaches
 * them as evidence to a ticket, and is triaged (acknowledged, sent to the participant, resolved, false positive).
 */
export class AttentionQueue extends LitElement {
  static override properties = {
    items: { state: true },
    filter: { state: true },
    error: { state: true },
    editing: { state: true },
  };
  static override styles = [sharedStyles, attentionStyles, css``];
  declare items: AttentionItem[] | null;
  declare filter: QueueFilter;
  declare error: string;
  /** The item whose "send" or "false positive" form is open, with what is typed. */
  declare editing: { itemId: string; state: 'sent' | 'false_positive'; text: string } | null;
  private readonly locale = new LocaleController(this);
  /** This account's previous visit (server time, UTC), '' until known or on the first visit. */
  private since = '';
  private allItems: AttentionItem[] = [];

  constructor() {
    super();
    this.items = null;
    this.filter = { participant: '', rule: '', technique: '' };
    this.error = '';
    this.editing = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(true);
  }

  private async load(first = false): Promise<void> {
    try {
      // The visit is recorded first: what it returns is the previous one, which marks the items as new.
      if (first) this.since = await recordVisit();
      this.items = await fetchAttention(this.filter);
      if (first) this.allItems = this.items;
      this.error = '';
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  private setFilter(change: Partial<QueueFilter>): void {
    this.filter = { ...this.filter, ...change };
    void this.load();
  }

  private async triage(item: AttentionItem, state: AttentionItem['state'], text = ''): Promise<void> {
    try {
      await changeTriage(item, {
        state,
        ...(state === 'false_positive' ? { reason: text } : {}),
        ...(state === 'sent' ? { messageJa: text } : {}),
      });
      this.editing = null;
      await this.load();
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  override render() {
    void this.locale;
    const options = (values: [string, string][]) =>
      [...new Map(values).entries()].map(([value, label]) => html`<option value=${value}>${label}</option>`);
    return html`
      <div class="filters">
        <label
          >${t('participant')}
          <select
            data-test="attention-participant"
            @change=${(e: Event) => this.setFilter({ participant: (e.target as HTMLSelectElement).value })}
          >
            <option value="">${t('all')}</option>
            ${options(this.allItems.map((i) => [i.participantId, i.organisation]))}
          </select></label
        >
        <label
          >${t('rule')}
          <select
            data-test="attention-rule"
            @change=${(e: Event) => this.setFilter({ rule: (e.target as HTMLSelectElement).value })}
          >
            <option value="">${t('all')}</option>
            ${options(this.allItems.map((i) => [i.ruleId, titleOf(i)]))}
          </select></label
        >
        <label
          >${t('technique')}
          <input
            data-test="attention-technique"
            placeholder="T1052"
            @change=${(e: Event) => this.setFilter({ technique: (e.target as HTMLInputElement).value.trim() })}
        /></label>
      </div>
      ${this.error ? html`<p class="error" role="alert">${t('failed', { message: this.error })}</p>` : nothing}
      ${this.items === null ? html`<p>${t('loading')}</p>` : nothing}
      ${this.items?.length === 0 ? html`<p data-test="attention-empty">${t('empty')}</p>` : nothing}
      <ol class="queue" data-test="attention-queue">
        ${(this.items ?? []).map((item) => this.renderItem(item))}
      </ol>
    `;
  }

  private renderItem(item: AttentionItem) {
    const isNew = this.since !== '' && instant(item.detectedAt) > instant(this.since);
    const hosts = item.devices.map((d) => d.hostname || d.deviceId.slice(0, 8)).join(', ');
    // Whole minutes around the events (the evidence dialog edits minutes); `finding:<id>` selects the events.
    const from = new Date(Math.floor(instant(item.firstSeen).getTime() / 60_000) * 60_000);
    const to = new Date(Math.floor(instant(item.lastSeen).getTime() / 60_000) * 60_000 + 60_000);
    const explorer = `${explorerPath(item.participantId)}?${new URLSearchParams({ q: item.query, from: from.toISOString(), to: to.toISOString() }).toString()}`;
    return html`<li
      class="item ${item.kind}"
      data-test="attention-item"
      data-kind=${item.kind}
      data-item=${item.itemId}
    >
      <div class="head">
        <span class="badge sev ${item.level}" data-test="attention-level">${t(item.level)}</span>
        ${isNew ? html`<span class="badge new" data-test="attention-new">${t('new')}</span>` : nothing}
        <strong data-test="attention-title">${titleOf(item)}</strong>
        <span class="state" data-test="attention-state">${t(`state_${item.state}`)}</span>
      </div>
      <div class="facts">
        <span>${item.organisation}</span>
        <span data-test="attention-hosts"
          >${hosts}${item.kind === 'policy' ? ` (${t('devicesFailing', { count: item.count })})` : ''}</span
        >
        ${item.user ? html`<span>${t('user')}: ${item.user}</span>` : nothing}
        ${
          item.kind === 'finding'
            ? html`<span>${t('events', { count: item.count })}</span>
                <span>${formatJst(from, 'datetime')} – ${formatJst(instant(item.lastSeen), 'datetime')}</span>`
            : html`<span>${t('evaluated')}: ${formatJst(from, 'datetime')}</span>`
        }
        ${item.techniques.length ? html`<span class="techniques">${item.techniques.join(' ')}</span>` : nothing}
      </div>
      <div class="actions">
        ${
          item.query
            ? html`<a href=${explorer} data-test="finding-explorer">${t('openEvents')}</a>
                <yorozu-evidence-attach
                  .participantId=${item.participantId}
                  .query=${item.query}
                  .from=${from.toISOString()}
                  .to=${to.toISOString()}
                ></yorozu-evidence-attach>`
            : nothing
        }
        ${item.state === 'new' ? html`<button type="button" data-test="triage-ack" @click=${() => this.triage(item, 'acknowledged')}>${t('acknowledge')}</button>` : nothing}
        ${
          item.kind === 'finding'
            ? html`<button
                  type="button"
                  data-test="triage-send"
                  @click=${() => (this.editing = { itemId: item.itemId, state: 'sent', text: plainJapaneseMessage(item) })}
                >
                  ${t('send')}
                </button>
                <a
                  href="/detection-rules?${new URLSearchParams({ rule: item.ruleId, exceptionFor: item.participantId }).toString()}"
                  data-test="finding-silence"
                  >${t('silence')}</a
                >`
            : nothing
        }
        <button type="button" data-test="triage-resolve" @click=${() => this.triage(item, 'resolved')}>
          ${t('resolve')}
        </button>
        <button
          type="button"
          data-test="triage-false-positive"
          @click=${() => (this.editing = { itemId: item.itemId, state: 'false_positive', text: '' })}
        >
          ${t('falsePositive')}
        </button>
      </div>
      ${this.editing?.itemId === item.itemId ? this.renderEditor(item, this.editing) : nothing}
    </li>`;
  }

  private renderEditor(item: AttentionItem, editing: NonNullable<AttentionQueue['editing']>) {
    return html`<form
      class="editor"
      data-test="triage-form"
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.triage(item, editing.state, editing.text.trim());
      }}
    >
      <label
        >${editing.state === 'sent' ? t('messageLabel') : t('reasonLabel')}
        <textarea
          rows="4"
          required
          .value=${editing.text}
          @input=${(e: Event) => (this.editing = { ...editing, text: (e.target as HTMLTextAreaElement).value })}
        ></textarea>
      </label>
      <div class="actions">
        <button type="submit" data-test="triage-submit">
          ${editing.state === 'sent' ? t('sendConfirm') : t('falsePositiveConfirm')}
        </button>
        <button type="button" @click=${() => (this.editing = null)}>${t('cancel')}</button>
      </div>
    </form>`;
  }
}
customElements.define('yorozu-attention-queue', AttentionQueue);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-attention-queue': AttentionQueue;
  }
}
