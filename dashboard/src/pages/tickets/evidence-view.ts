import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { EvidenceSummary } from '../../api/desk-types.js';
import { loadQueryFields, type QueryField } from '../../api/event-fields.js';
import { ApiLoader, loadStatus } from '../../components/api-loader/api-loader.js';
import { copyToClipboard } from '../../components/copy-to-clipboard/copy-to-clipboard.js';
import { categoryLabel } from '../../format/event-categories.js';
import { fieldLabel } from '../../format/event-field-labels.js';
import { formatJst } from '../../format/jst.js';
import { formatCount } from '../../format/numbers.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import {
  failureText,
  fetchEvidence,
  rerunEvidence,
  type EvidenceCell,
  type EvidenceDetail,
  type EvidenceRerun,
} from './tickets-api.js';
import { ticketsStyles } from './tickets.styles.js';
import { cssText } from '../../styles/css-text.js';
import { shownColumns } from './evidence-columns.js';

/** Rows shown before "show all". */
const FIRST_ROWS = 50;

const t = defineMessages(
  {
    title: 'ログの証拠',
    rowCount: '行数',
    query: '検索条件',
    range: '期間（日本時間）',
    rows: '{n} 行',
    hash: 'SHA-256',
    copy: 'コピー',
    copied: 'コピーしました',
    intact: '改ざんなし',
    altered: '改ざんの可能性あり',
    intactHint: '保存した行のハッシュが、証拠を作ったときの値と一致しています。',
    alteredHint: '保存した行のハッシュが、証拠を作ったときの値と一致しません。窓口にお知らせください。',
    showAll: 'すべて表示（{n} 行）',
    jstNote: '時刻は日本時間で表示しています。',
    showFirst: '最初の {n} 行だけ表示',
    noRows: '該当する行はありませんでした。',
    createdBy: '{at} に {by} が作成',
    rerun: '再実行',
    rerunning: '実行しています…',
    rerunHint: '同じ条件・同じ期間で、現在のデータに対して検索し直します。',
    same: '現在のデータはスナップショットと一致しています（{n} 行、{at} に実行）。',
    different:
      '現在のデータはスナップショットと一致しません（現在 {n} 行、{at} に実行）。ログの保存期間を過ぎて削除された行がある可能性があります。',
    device: '端末 {id}',
    empty: '（空）',
    emptyColumns: 'すべての行で空の列は表示していません。',
    markColumn: '該当',
    marked: '該当する行',
    markedCount: '{n} 行に「該当」の印（条件: {query}）',
  },
  {
    title: 'Log evidence',
    rowCount: 'Rows',
    query: 'Query',
    range: 'Range (JST)',
    rows: '{n} rows',
    hash: 'SHA-256',
    copy: 'Copy',
    copied: 'Copied',
    intact: 'Intact',
    altered: 'Possibly altered',
    intactHint: 'The stored rows hash to the value recorded when the evidence was made.',
    alteredHint:
      'The stored rows no longer hash to the value recorded when the evidence was made. Please tell the desk.',
    showAll: 'Show all ({n} rows)',
    jstNote: 'Times are shown in JST.',
    showFirst: 'Show the first {n} rows only',
    noRows: 'No rows matched.',
    createdBy: 'Made {at} by {by}',
    rerun: 'Re-run',
    rerunning: 'Running…',
    rerunHint: 'Runs the same query over the same range on the data as it is now.',
    same: 'The current data matches the snapshot ({n} rows, run {at}).',
    different:
      'The current data differs from the snapshot ({n} rows now, run {at}). Rows past the log retention may have been deleted.',
    device: 'Device {id}',
    empty: '(empty)',
    emptyColumns: 'Columns empty in every row are not shown.',
    markColumn: 'Relevant',
    marked: 'Relevant row',
    markedCount: '{n} rows marked relevant (matching: {query})',
  },
);

const TIMESTAMP = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/;
/** A cell as text; the snapshot's times (UTC, as ClickHouse writes them) are shown in JST. */
const cell = (value: EvidenceCell | undefined) =>
  value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : typeof value === 'string' && TIMESTAMP.test(value)
        ? formatJst(value, 'millis')
        : String(value);
/** A cell as the reader sees it: a category by its name in the UI language (the stored code is in the title). */
const shownCell = (column: string, value: EvidenceCell | undefined) =>
  column === 'category' && typeof value === 'string' && value ? categoryLabel(value) : cell(value);
/** A cell's title: the value as stored; a category also by its name (the cell itself keeps the raw value the hash covers). */
function cellTitle(column: string, value: EvidenceCell | undefined): string {
  const raw =
    value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const label = column === 'category' && raw ? categoryLabel(raw) : raw;
  return label === raw ? raw : `${raw} (${label})`;
}

/** The field catalogue, once per participant for all the evidence on a page; a failure leaves the local names only. */
const fieldCatalogues = new Map<string, Promise<QueryField[]>>();
function fieldsOf(participantId: string): Promise<QueryField[]> {
  let fields = fieldCatalogues.get(participantId);
  if (!fields) {
    fields = loadQueryFields(participantId).catch(() => {
      fieldCatalogues.delete(participantId);
      return [];
    });
    fieldCatalogues.set(participantId, fields);
  }
  return fields;
}

/**
 * A piece of log evidence inside an operator's reply: the query, its JST range, the row count, the SHA-256 of the
 * snapshot (shortened; the full value in the title and copied by a button), whether the stored rows still hash to it,
 * and the snapshot's rows (the first 50 on load, "show all" for the rest) under the fields' names in the UI language
 * (the column's own name in the header's title), the values as the snapshot holds them (times in JST). 再実行 runs the query again now and says
 * whether the data still matches the snapshot.
 */
export class EvidenceView extends LitElement {
  static override properties = {
    participantId: { attribute: false },
    ticketId: { attribute: false },
    summary: { attribute: false },
    showAll: { state: true },
    copied: { state: true },
    rerun: { state: true },
    rerunning: { state: true },
    rerunError: { state: true },
    fields: { state: true },
  };
  static override styles = [
    sharedStyles,
    ticketsStyles,
    css`
      :host {
        display: block;
        border: 1px solid #c7d2fe;
        border-radius: 8px;
        background: #f8faff;
        padding: 8px 12px;
        margin-top: 8px;
      }
      .title {
        font-weight: 600;
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 2px 12px;
        margin: 6px 0;
        font-size: 0.9rem;
      }
      dt {
        color: var(--muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      pre.query {
        margin: 0;
        white-space: pre-wrap;
        word-break: break-all;
      }
      .hash button {
        padding: 0 6px;
        font-size: 0.8rem;
      }
      .table {
        max-height: 480px;
        overflow: auto;
        background: #fff;
        border: 1px solid var(--line);
        border-radius: 6px;
      }
      .table table {
        font-size: 0.8rem;
      }
      .table th {
        position: sticky;
        top: 0;
        background: #f1f5f9;
      }
      .table td {
        white-space: nowrap;
        max-width: 40ch;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .badge.integrity.intact {
        background: #ecfdf5;
        border-color: #10b981;
        color: #065f46;
        font-weight: 600;
      }
      .badge.integrity.altered {
        background: #b91c1c;
        border-color: #b91c1c;
        color: #fff;
        font-weight: 600;
      }
      .rerun-result {
        margin: 4px 0 0;
      }
      /* A marked row: tinted, a thick left edge and a star, so it stands out without colour alone. */
      .table tr.marked td {
        background: #fef3c7;
        font-weight: 600;
      }
      .table tr.marked td:first-child {
        box-shadow: inset 4px 0 0 #d97706;
      }
      .table td.mark,
      .table th.mark {
        width: 1%;
        text-align: center;
      }
      .mark-symbol {
        color: #b45309;
      }
      .cards li.marked {
        background: #fffbeb;
        border: 2px solid #d97706;
      }
      .mark-badge {
        display: inline-block;
        background: #d97706;
        color: #fff;
        border-radius: 4px;
        padding: 0 6px;
        font-size: 0.8rem;
        font-weight: 600;
        margin-bottom: 4px;
      }
      .sr-only {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
      }
      /* On a phone each row is a card of label: value, so nothing sits behind a sideways scroll. */
      .cards {
        display: none;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .cards li {
        background: #fff;
        border: 1px solid var(--line);
        border-radius: 6px;
        padding: 6px 8px;
        margin-bottom: 6px;
      }
      .cards dl {
        margin: 0;
        font-size: 0.85rem;
      }
      @media (max-width: 600px) {
        .cards {
          display: block;
        }
        .table {
          display: none;
        }
      }
    `,
  ];
  declare participantId: string;
  declare ticketId: string;
  declare summary: EvidenceSummary;
  declare showAll: boolean;
  declare copied: boolean;
  declare rerun: EvidenceRerun | null;
  declare rerunning: boolean;
  declare rerunError: string;
  declare fields: readonly QueryField[];
  private readonly locale = new LocaleController(this);
  private readonly detail = new ApiLoader<EvidenceDetail>(this, () =>
    fetchEvidence(this.participantId, this.ticketId, this.summary.evidenceId),
  );

  constructor() {
    super();
    this.showAll = false;
    this.copied = false;
    this.rerun = null;
    this.rerunning = false;
    this.rerunError = '';
    this.fields = [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('summary') || changed.has('ticketId')) && this.summary && this.ticketId && this.participantId) {
      const previous = changed.get('summary') as EvidenceSummary | undefined;
      if (previous?.evidenceId !== this.summary.evidenceId || !this.detail.value) void this.detail.run();
    }
    if (changed.has('participantId') && this.participantId) void this.loadFields(this.participantId);
  }

  private async loadFields(participantId: string): Promise<void> {
    const fields = await fieldsOf(participantId);
    if (participantId === this.participantId) this.fields = fields;
  }

  private async copyHash(): Promise<void> {
    this.copied = await copyToClipboard(this.summary.sha256);
    if (this.copied) setTimeout(() => (this.copied = false), 2000);
  }

  private async runAgain(): Promise<void> {
    this.rerunning = true;
    this.rerunError = '';
    try {
      this.rerun = await rerunEvidence(this.participantId, this.ticketId, this.summary.evidenceId);
    } catch (error) {
      this.rerunError = failureText(error);
    } finally {
      this.rerunning = false;
    }
  }

  private renderRows(detail: EvidenceDetail) {
    if (detail.rows.length === 0) return html`<p class="muted">${t('noRows')}</p>`;
    const shown = this.showAll ? detail.rows : detail.rows.slice(0, FIRST_ROWS);
    const marked = new Set(detail.markedRows);
    const rows = shown.map((row, index) => ({ row, marked: marked.has(index) }));
    const columns = shownColumns(
      detail.columns.length ? detail.columns : Object.keys(detail.rows[0] ?? {}),
      detail.rows,
    );
    const markColumn = marked.size > 0;
    return html`<p class="muted hint" ${cssText(`margin: 4px 0`)}>${t('jstNote')} ${t('emptyColumns')}</p>
      ${
        markColumn
          ? html`<p class="hint" ${cssText(`margin: 4px 0`)} data-test="evidence-marked-note">
              <span class="mark-symbol" aria-hidden="true">★</span>
              ${t('markedCount', { n: formatCount(marked.size), query: detail.markQuery })}
            </p>`
          : nothing
      }
      <ol class="cards" data-test="evidence-cards">
        ${rows.map(
          ({ row, marked }) =>
            html`<li data-test="evidence-card" class=${marked ? 'marked' : ''} data-marked=${String(marked)}>
              ${marked ? html`<span class="mark-badge" data-test="evidence-mark">★ ${t('marked')}</span>` : nothing}
              <dl>
                ${columns.map(
                  (column) =>
                    html`<dt>${fieldLabel(column, this.fields)}</dt>
                      <dd title=${cellTitle(column, row[column])} data-column=${column}>
                        ${shownCell(column, row[column])}
                      </dd>`,
                )}
              </dl>
            </li>`,
        )}
      </ol>
      <div class="table">
        <table data-test="evidence-table">
          <thead>
            <tr>
              ${markColumn ? html`<th class="mark" scope="col">${t('markColumn')}</th>` : nothing}
              ${columns.map((column) => html`<th title=${column} data-column=${column}>${fieldLabel(column, this.fields)}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              ({ row, marked }) =>
                html`<tr data-test="evidence-row" class=${marked ? 'marked' : ''} data-marked=${String(marked)}>
                  ${
                    markColumn
                      ? html`<td class="mark">
                          ${
                            marked
                              ? html`<span class="mark-symbol" aria-hidden="true">★</span
                                  ><span class="sr-only" data-test="evidence-mark">${t('marked')}</span>`
                              : nothing
                          }
                        </td>`
                      : nothing
                  }
                  ${columns.map((column) => html`<td title=${cellTitle(column, row[column])}>${shownCell(column, row[column])}</td>`)}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        detail.rows.length > FIRST_ROWS
          ? html`<button type="button" @click=${() => (this.showAll = !this.showAll)} data-test="evidence-show-all">
              ${this.showAll ? t('showFirst', { n: FIRST_ROWS }) : t('showAll', { n: formatCount(detail.rows.length) })}
            </button>`
          : nothing
      }`;
  }

  private renderRerun() {
    const rerun = this.rerun;
    return html`<div class="actions" ${cssText(`margin-top: 8px`)}>
        <button
          type="button"
          @click=${() => void this.runAgain()}
          ?disabled=${this.rerunning}
          title=${t('rerunHint')}
          data-test="evidence-rerun"
        >
          ${this.rerunning ? t('rerunning') : t('rerun')}
        </button>
        <span class="muted hint">${t('rerunHint')}</span>
      </div>
      ${
        rerun
          ? html`<p
              class="rerun-result ${rerun.sameAsSnapshot ? 'ok-text' : 'bad-text'}"
              role="status"
              data-test="evidence-rerun-result"
              data-same=${String(rerun.sameAsSnapshot)}
            >
              ${t(rerun.sameAsSnapshot ? 'same' : 'different', { n: formatCount(rerun.rowCount), at: formatJst(rerun.ranAt, 'seconds') })}
            </p>`
          : nothing
      }
      ${this.rerunError ? html`<p class="error rerun-result" role="alert" data-test="evidence-rerun-result" data-same="error">${this.rerunError}</p>` : nothing}`;
  }

  override render() {
    void this.locale;
    const summary = this.summary;
    if (!summary) return nothing;
    const detail = this.detail.value;
    // The server's verdict; once the rows have arrived, their hash now against the recorded one as well.
    const integrity = detail
      ? detail.integrity === 'altered' || detail.computedSha256 !== detail.sha256
        ? 'altered'
        : 'intact'
      : summary.integrity;
    return html`<div data-test="evidence" data-evidence-id=${summary.evidenceId}>
      <div class="row">
        <span class="title">${t('title')}</span>
        <span
          class="badge integrity ${integrity}"
          data-test="evidence-integrity"
          data-integrity=${integrity}
          title=${t(integrity === 'intact' ? 'intactHint' : 'alteredHint')}
          >${t(integrity)}</span
        >
        <span class="muted hint"
          >${t('createdBy', { at: formatJst(summary.createdAt, 'datetime'), by: summary.createdBy })}</span
        >
      </div>
      <dl>
        <dt>${t('query')}</dt>
        <dd><pre class="query mono" data-test="evidence-query">${summary.query || t('empty')}</pre></dd>
        <dt>${t('range')}</dt>
        <dd data-test="evidence-range">
          ${formatJst(summary.from)} –
          ${formatJst(summary.to)}${summary.deviceId ? html` <span class="muted">(${t('device', { id: summary.deviceId.slice(0, 8) })})</span>` : nothing}
        </dd>
        <dt>${t('rowCount')}</dt>
        <dd data-test="evidence-row-count">${t('rows', { n: formatCount(summary.rowCount) })}</dd>
        <dt>${t('hash')}</dt>
        <dd class="hash">
          <span class="mono" title=${summary.sha256} data-test="evidence-sha256" data-sha256=${summary.sha256}
            >${summary.sha256.slice(0, 16)}…</span
          >
          <button type="button" @click=${() => void this.copyHash()} data-test="evidence-copy-hash">
            ${this.copied ? t('copied') : t('copy')}
          </button>
        </dd>
      </dl>
      ${integrity === 'altered' ? html`<p class="bad-text" role="alert">${t('alteredHint')}</p>` : nothing}
      ${loadStatus(this.detail, 'evidence')} ${detail ? this.renderRows(detail) : nothing} ${this.renderRerun()}
    </div>`;
  }
}
customElements.define('yorozu-ticket-evidence-view', EvidenceView);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-ticket-evidence-view': EvidenceView;
  }
}
