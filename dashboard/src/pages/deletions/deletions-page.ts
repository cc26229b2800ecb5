import { LitElement, html, nothing } from 'lit';
import type { Session } from '../../api/session.js';
import { formatJst } from '../../format/jst.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { participantStatusLabel } from '../fleet/participant-status.js';
import type { DeadlineDialog } from './deadline-dialog.js';
import './deadline-dialog.js';
import type { DeletionRunDialog } from './deletion-run-dialog.js';
import './deletion-run-dialog.js';
import { certificatePath, fetchCalendar, type CalendarEntry } from './deletions-api.js';
import { errorText, stepLabel } from './deletions-labels.js';
import { deletionsStyles } from './deletions.styles.js';

const t = defineMessages(
  {
    title: '削除カレンダー',
    intro:
      '利用規約第16条により、退会・参加資格の取消し・利用終了・不承認・申込期限切れの後、保存データと生成等データを削除期限までに削除します。既定の期限は終了日から {days} 日後です。参加者と合意した期日があればそれに従います。削除ジョブは期限の日（JST）に自動で削除し、全テーブルが 0 件であることを検証して削除証明書を参加者にメールで送ります。',
    participant: '参加者',
    status: '状態',
    deadline: '削除期限',
    basis: '期限の根拠',
    progress: '削除処理',
    actions: '操作',
    default: '既定',
    agreed: '合意: {who}（{at}）',
    daysLeft: 'あと {n} 日',
    today: '本日',
    overdue: '{n} 日超過',
    gone: '削除済み',
    setDate: '合意日を設定',
    dryRun: 'ドライラン',
    json: '証明書 JSON',
    pdf: '証明書 PDF',
    empty: '削除期限のある参加者はいません。',
    operatorsOnly: 'この画面はオペレーターだけが使えます。',
    loading: '読み込み中…',
    month: '{year}年{month}月',
    noDeadline: '期限なし',
  },
  {
    title: 'Deletion calendar',
    intro:
      'Under art. 16 of the terms, after a withdrawal, revocation, end of use, rejection or lapsed application, the stored and generated data are deleted by the deletion deadline: by default {days} days after the end, or a date agreed with the participant. On the deadline (JST) the deletion job deletes them, verifies that every table holds zero rows, and mails the participant a deletion certificate.',
    participant: 'Participant',
    status: 'Status',
    deadline: 'Deadline',
    basis: 'Set by',
    progress: 'Deletion',
    actions: 'Actions',
    default: 'Default',
    agreed: 'Agreed with {who} ({at})',
    daysLeft: '{n} days left',
    today: 'Today',
    overdue: '{n} days overdue',
    gone: 'Deleted',
    setDate: 'Set agreed date',
    dryRun: 'Dry run',
    json: 'Certificate JSON',
    pdf: 'Certificate PDF',
    empty: 'Nobody has a deletion deadline.',
    operatorsOnly: 'This page is for operators.',
    loading: 'Loading…',
    month: '{month}/{year}',
    noDeadline: 'No deadline',
  },
);

const LEFT = new Set(['withdrawn', 'revoked', 'ended', 'rejected', 'lapsed']);

function jstToday(): string {
  return new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * `/deletions`: every participant and applicant with a deletion deadline, nearest first, by JST month;
 * how the date was set; where its deletion stands (a failure is shown and retried by the job); the dry
 * run and run; and the certificate once issued.
 */
export class DeletionsPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    entries: { state: true },
    retentionDays: { state: true },
    error: { state: true },
  };
  static override styles = [sharedStyles, deletionsStyles];
  declare session: Session;
  declare entries: CalendarEntry[] | null;
  declare retentionDays: number;
  declare error: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.entries = null;
    this.retentionDays = 30;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('deletion-changed', this.reload);
    void this.reload();
  }

  override disconnectedCallback(): void {
    this.removeEventListener('deletion-changed', this.reload);
    super.disconnectedCallback();
  }

  private readonly reload = async () => {
    try {
      const calendar = await fetchCalendar();
      this.entries = calendar.entries;
      this.retentionDays = calendar.defaultRetentionDays;
      this.error = '';
    } catch (error) {
      this.error = errorText(error);
    }
  };

  private remaining(entry: CalendarEntry) {
    if (!entry.deadline) return t('noDeadline');
    if (entry.last_step === 'certified') return t('gone');
    const n = daysBetween(jstToday(), entry.deadline);
    return n > 0 ? t('daysLeft', { n }) : n === 0 ? t('today') : t('overdue', { n: -n });
  }

  private renderRow(entry: CalendarEntry) {
    const step = (entry.last_step ?? 'none') as Parameters<typeof stepLabel>[0];
    const tone =
      step === 'certified'
        ? 'ok'
        : step === 'failed' || step === 'verification_failed'
          ? 'bad'
          : step === 'none'
            ? ''
            : 'warn';
    const certified = step === 'certified';
    const open = (selector: string) => this.renderRoot.querySelector(selector);
    return html`<tr data-test="deletion-entry" data-participant=${entry.participant_id} data-step=${step}>
      <td class="org" data-label=${t('participant')}>${entry.organisation ?? entry.participant_id}</td>
      <td data-label=${t('status')}>${entry.status ? participantStatusLabel(entry.status) : t('gone')}</td>
      <td data-label=${t('deadline')}>
        <div>
          <span data-test="deletion-deadline">${entry.deadline ?? '—'}</span>
          <span class="left muted">${this.remaining(entry)}</span>
        </div>
      </td>
      <td data-label=${t('basis')} data-test="deletion-basis">
        ${entry.deadline_basis === 'agreed' ? t('agreed', { who: entry.agreed_with ?? '', at: formatJst(entry.agreed_at, 'datetime') }) : t('default')}
      </td>
      <td data-label=${t('progress')}>
        <div>
          <span class="badge ${tone}" data-test="deletion-step">${stepLabel(step)}</span>
          ${entry.last_at ? html`<span class="left muted">${formatJst(entry.last_at, 'datetime')}</span>` : nothing}
          ${step === 'failed' && entry.last_detail ? html`<div class="error left" role="alert">${entry.last_detail}</div>` : nothing}
        </div>
      </td>
      <td data-label=${t('actions')}>
        <div class="actions">
          ${
            !certified && entry.status
              ? html`<button
                  type="button"
                  data-test="set-deadline"
                  @click=${() => void (open('yorozu-deadline-dialog') as DeadlineDialog).open(entry.participant_id, entry.organisation ?? '', entry.deadline)}
                >
                  ${t('setDate')}
                </button>`
              : nothing
          }
          ${
            !certified && (LEFT.has(entry.status ?? '') || (entry.run_id && step !== 'none'))
              ? html`<button
                  type="button"
                  data-test="dry-run"
                  @click=${() => void (open('yorozu-deletion-run-dialog') as DeletionRunDialog).open(entry.participant_id, entry.organisation ?? '')}
                >
                  ${t('dryRun')}
                </button>`
              : nothing
          }
          ${
            certified
              ? html`<a
                    class="button"
                    download
                    href=${certificatePath(entry.participant_id, 'pdf')}
                    data-test="certificate-pdf"
                    >${t('pdf')}</a
                  >
                  <a
                    class="button"
                    download
                    href=${certificatePath(entry.participant_id, 'json')}
                    data-test="certificate-json"
                    >${t('json')}</a
                  >`
              : nothing
          }
        </div>
      </td>
    </tr>`;
  }

  private renderMonths(entries: CalendarEntry[]) {
    const months = new Map<string, CalendarEntry[]>();
    for (const entry of entries) {
      const key = entry.deadline?.slice(0, 7) ?? '';
      months.set(key, [...(months.get(key) ?? []), entry]);
    }
    return [...months].map(([key, rows]) => {
      const [year, month] = key.split('-');
      return html`<section class="month" data-test="deletion-month">
        <h2>${key ? t('month', { year: year ?? '', month: Number(month) }) : t('noDeadline')}</h2>
        <table class="cards">
          <thead>
            <tr>
              <th>${t('participant')}</th>
              <th>${t('status')}</th>
              <th>${t('deadline')}</th>
              <th>${t('basis')}</th>
              <th>${t('progress')}</th>
              <th>${t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map((entry) => this.renderRow(entry))}
          </tbody>
        </table>
      </section>`;
    });
  }

  override render() {
    void this.locale;
    void language();
    if (this.session?.role !== 'operator') return html`<p class="error" role="alert">${t('operatorsOnly')}</p>`;
    return html`
      <h1>${t('title')}</h1>
      <p class="intro muted">${t('intro', { days: this.retentionDays })}</p>
      ${this.error ? html`<p class="error" role="alert" data-test="deletions-error">${this.error}</p>` : nothing}
      ${this.entries === null && !this.error ? html`<p class="muted">${t('loading')}</p>` : nothing}
      ${this.entries?.length === 0 ? html`<p class="muted" data-test="deletions-empty">${t('empty')}</p>` : nothing}
      ${this.entries?.length ? this.renderMonths(this.entries) : nothing}
      <yorozu-deadline-dialog></yorozu-deadline-dialog>
      <yorozu-deletion-run-dialog></yorozu-deletion-run-dialog>
    `;
  }
}
customElements.define('yorozu-deletions-page', DeletionsPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-deletions-page': DeletionsPage;
  }
}
