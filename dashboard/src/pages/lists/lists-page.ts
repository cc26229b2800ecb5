import { LitElement, css, html, nothing } from 'lit';
import { api } from '../../api/api-client.js';
import type { ListsAnswer } from '../../api/contract.js';
import type { Session } from '../../api/session.js';
import { ApiLoader, loadStatus } from '../../components/api-loader/api-loader.js';
import { formatJst } from '../../format/jst.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles, wrappingFormStyles } from '../../styles/theme.js';
import { fetchActiveParticipants } from '../policies/policies-api.js';

type ListName = ListsAnswer['lists'][number]['name'];

const t = defineMessages(
  {
    title: 'リスト',
    intro:
      'ポリシーと検知ルールが読むリストです（p_lists、ルールでは %ioc_domains% のように書きます）。全参加者向けの値と、参加者ごとの値があります。',
    operatorsOnly: 'この画面はオペレーターだけが使えます。',
    ioc_domains: '既知の不審ドメイン',
    ioc_domainsHelp: 'ドメイン名（例: bad.example）。サブドメインも一致します。',
    approved_usb_serials: '承認済み USB シリアル',
    approved_usb_serialsHelp: 'USB ストレージのシリアル番号（英数字）。',
    approved_software: '承認済みソフトウェア',
    approved_softwareHelp: 'ソフトウェア名（インストール一覧の表示名）。',
    value: '値',
    note: 'メモ',
    scope: '対象',
    everyone: '全参加者',
    changed: '変更',
    add: '追加',
    remove: '削除',
    removeValue: '{value} を削除',
    empty: 'まだありません。',
  },
  {
    title: 'Lists',
    intro:
      'The lists policies and detection rules read (p_lists; in a rule, %ioc_domains% and so on). Values apply to every participant or to one.',
    operatorsOnly: 'Only operators can use this page.',
    ioc_domains: 'Known-bad domains',
    ioc_domainsHelp: 'A domain name (e.g. bad.example); its subdomains match too.',
    approved_usb_serials: 'Approved USB serials',
    approved_usb_serialsHelp: 'A USB storage serial number (letters and digits).',
    approved_software: 'Approved software',
    approved_softwareHelp: 'A software name (as the installed list shows it).',
    value: 'Value',
    note: 'Note',
    scope: 'For',
    everyone: 'Every participant',
    changed: 'Changed',
    add: 'Add',
    remove: 'Remove',
    removeValue: 'Remove {value}',
    empty: 'None yet.',
  },
);

const fetchLists = () => api<ListsAnswer>('GET', '/api/v1/admin/lists');

/** Operators' lists editor (`/lists`): the three lists, each value for everyone or one participant, add and remove. */
export class ListsPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    drafts: { state: true },
    failures: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      section.panel {
        margin-top: 16px;
        min-width: 0;
      }
      .table-wrap {
        overflow-x: auto;
      }
      .mono {
        font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
        overflow-wrap: anywhere;
      }
      form.row input {
        min-width: 0;
      }
    `,
    wrappingFormStyles,
  ];
  declare session: Session;
  declare drafts: Partial<Record<ListName, { value: string; note: string; participantId: string }>>;
  declare failures: Partial<Record<ListName, unknown>>;
  private readonly locale = new LocaleController(this);
  private readonly lists = new ApiLoader<ListsAnswer>(this, fetchLists);
  private readonly participants = new ApiLoader(this, fetchActiveParticipants);

  constructor() {
    super();
    this.drafts = {};
    this.failures = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.lists.run();
    void this.participants.run();
  }

  private draft(name: ListName) {
    return this.drafts[name] ?? { value: '', note: '', participantId: '' };
  }

  private edit(name: ListName, change: Partial<{ value: string; note: string; participantId: string }>) {
    this.drafts = { ...this.drafts, [name]: { ...this.draft(name), ...change } };
  }

  private async change(name: ListName, participantId: string | null, body: { add?: unknown[]; remove?: string[] }) {
    this.failures = { ...this.failures, [name]: null };
    try {
      const answer = await api<ListsAnswer>('PUT', `/api/v1/admin/lists/${name}`, { participantId, ...body });
      this.lists.value = answer;
      this.requestUpdate();
      return true;
    } catch (error) {
      this.failures = { ...this.failures, [name]: error };
      return false;
    }
  }

  private async add(event: Event, name: ListName) {
    event.preventDefault();
    const draft = this.draft(name);
    if (!draft.value.trim()) return;
    const added = await this.change(name, draft.participantId || null, {
      add: [{ value: draft.value.trim(), note: draft.note.trim() }],
    });
    if (added) this.edit(name, { value: '', note: '' });
  }

  private participantName(id: string | null): string {
    if (!id) return t('everyone');
    return this.participants.value?.find((p) => p.participant_id === id)?.name ?? id;
  }

  private renderList(list: ListsAnswer['lists'][number]) {
    const draft = this.draft(list.name);
    const failure = this.failures[list.name];
    return html`<section class="panel" data-test="list" data-list=${list.name}>
      <h2>${t(list.name)}</h2>
      <p class="muted">${t(`${list.name}Help`)}</p>
      <form class="row" @submit=${(e: Event) => void this.add(e, list.name)}>
        <label
          >${t('value')}
          <input
            .value=${draft.value}
            @input=${(e: Event) => this.edit(list.name, { value: (e.target as HTMLInputElement).value })}
            data-test="list-value"
        /></label>
        <label
          >${t('note')}
          <input
            .value=${draft.note}
            @input=${(e: Event) => this.edit(list.name, { note: (e.target as HTMLInputElement).value })}
            data-test="list-note"
        /></label>
        <label
          >${t('scope')}
          <select
            @change=${(e: Event) => this.edit(list.name, { participantId: (e.target as HTMLSelectElement).value })}
            data-test="list-scope"
          >
            <option value="" ?selected=${!draft.participantId}>${t('everyone')}</option>
            ${(this.participants.value ?? []).map(
              (p) =>
                html`<option value=${p.participant_id} ?selected=${p.participant_id === draft.participantId}>
                  ${p.name}
                </option>`,
            )}
          </select>
        </label>
        <button type="submit" class="primary" data-test="list-add">${t('add')}</button>
      </form>
      ${failure ? html`<p class="error" role="alert" data-test="list-error">${apiErrorText(failure)}</p>` : nothing}
      ${
        list.entries.length === 0
          ? html`<p class="muted">${t('empty')}</p>`
          : html`<div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>${t('value')}</th>
                    <th>${t('scope')}</th>
                    <th>${t('note')}</th>
                    <th>${t('changed')}</th>
                    <th></th>
                  </tr>
                </thead>
                <tbody>
                  ${list.entries.map(
                    (entry) =>
                      html`<tr data-test="list-entry" data-value=${entry.value}>
                        <td class="mono">${entry.value}</td>
                        <td>${this.participantName(entry.participantId)}</td>
                        <td>${entry.note}</td>
                        <td class="nowrap">${formatJst(entry.changedAt, 'datetime')} ${entry.changedBy}</td>
                        <td>
                          <button
                            type="button"
                            aria-label=${t('removeValue', { value: entry.value })}
                            @click=${() => void this.change(list.name, entry.participantId, { remove: [entry.value] })}
                            data-test="list-remove"
                          >
                            ${t('remove')}
                          </button>
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
  }

  override render() {
    void this.locale;
    if (this.session?.role !== 'operator') return html`<p class="muted">${t('operatorsOnly')}</p>`;
    return html`<h1>${t('title')}</h1>
      <p class="muted">${t('intro')}</p>
      ${loadStatus(this.lists, 'lists')} ${this.lists.value?.lists.map((list) => this.renderList(list)) ?? nothing}`;
  }
}
customElements.define('yorozu-lists-page', ListsPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-lists-page': ListsPage;
  }
}
