import { LitElement, css, html, nothing } from 'lit';
import { ApiLoader, loadStatus } from '../../components/api-loader/api-loader.js';
import { nextSort, sortHeader, type SortState } from '../../components/sort-header/sort-header.js';
import { readParams, writeParams } from '../../components/url-state/url-state.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { fetchSlaReport, slaCsvUrl, type SlaReport, type SlaSummaryRow } from './desk-api.js';
import { formatDuration, formatTarget, jstMonth, monthName, recentMonths } from './desk-labels.js';
import { deskStyles } from './desk.styles.js';
import { ticketTable } from './ticket-table.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    month: '月（日本時間）',
    targets: '目標',
    firstTarget: '初回応答: 受付から {d}以内',
    resolutionTarget: '解決: 受付から {d}以内',
    warningRule: '残りが目標の {p}% を切ると「警告」になります。',
    hours:
      '時間は営業時間だけを数えます: 平日 9:30〜12:00 と 13:00〜17:30（日本時間）。土日・祝日・12月29日〜1月3日は数えません。お客様の回答待ちの間は時計が止まります（一時停止）。',
    breaches: '超過（{n} 件）',
    breachesNote: 'いずれかの時計が目標を過ぎたチケット: まだ完了していないもの、またはこの月に超過したもの。',
    noBreaches: 'この月の超過はありません。',
    warnings: '警告（{n} 件）',
    warningsNote: 'まもなく目標を過ぎるチケット。',
    noWarnings: '警告中のチケットはありません。',
    summary: '参加者ごとの集計',
    participant: '参加者',
    opened: '受付',
    frMet: '初回応答 達成',
    frBreached: '初回応答 超過',
    resMet: '解決 達成',
    resBreached: '解決 超過',
    rate: '達成率',
    median: '初回応答の中央値（営業時間）',
    noSummary: 'この月に受け付けたチケットはありません。',
    rateNote: '達成率 = 達成 ÷（達成 + 超過）、初回応答と解決の両方の時計を合わせて数えます。',
    csvTickets: 'CSV（チケットごと）',
    csvParticipants: 'CSV（参加者ごと）',
  },
  {
    month: 'Month (JST)',
    targets: 'Targets',
    firstTarget: 'First response: within {d} of receipt',
    resolutionTarget: 'Resolution: within {d} of receipt',
    warningRule: 'A clock turns to "warning" when less than {p}% of its target remains.',
    hours:
      'Only business hours count: weekdays 9:30-12:00 and 13:00-17:30 JST, not weekends, public holidays or 29 Dec - 3 Jan. The clock stops while the participant is asked (paused).',
    breaches: 'Breaches ({n})',
    breachesNote: 'Tickets with a clock past its target: still unfinished, or breached in this month.',
    noBreaches: 'No breaches this month.',
    warnings: 'Warnings ({n})',
    warningsNote: 'Tickets about to pass a target.',
    noWarnings: 'No tickets in warning.',
    summary: 'By participant',
    participant: 'Participant',
    opened: 'Opened',
    frMet: 'First response met',
    frBreached: 'First response breached',
    resMet: 'Resolution met',
    resBreached: 'Resolution breached',
    rate: 'Met rate',
    median: 'Median first response (business hours)',
    noSummary: 'No tickets were opened this month.',
    rateNote: 'Met rate = met ÷ (met + breached), over both the first-response and the resolution clocks.',
    csvTickets: 'CSV (per ticket)',
    csvParticipants: 'CSV (per participant)',
  },
);

type SummaryKey =
  | 'participantName'
  | 'opened'
  | 'firstResponseMet'
  | 'firstResponseBreached'
  | 'resolutionMet'
  | 'resolutionBreached'
  | 'rate'
  | 'medianFirstResponseMinutes';

function metRate(row: SlaSummaryRow): number | null {
  const met = row.firstResponseMet + row.resolutionMet;
  const decided = met + row.firstResponseBreached + row.resolutionBreached;
  return decided === 0 ? null : (met / decided) * 100;
}

function sortValue(row: SlaSummaryRow, key: SummaryKey): string | number {
  if (key === 'participantName') return row.participantName.toLocaleLowerCase();
  if (key === 'rate') return metRate(row) ?? -1;
  if (key === 'medianFirstResponseMinutes') return row.medianFirstResponseMinutes ?? -1;
  return row[key];
}

/** The SLA tab: a JST month (in the address as `?month=`), the targets in words, breaches, warnings and a summary. */
export class DeskSla extends LitElement {
  static override properties = { month: { state: true }, sort: { state: true } };
  static override styles = [
    sharedStyles,
    deskStyles,
    css`
      .targets ul {
        margin: 4px 0 8px;
        padding-left: 1.2em;
      }
      .targets p {
        margin: 4px 0;
      }
      .summary table {
        min-width: 760px;
      }
      .rate-bad {
        color: var(--danger);
        font-weight: 600;
      }
    `,
  ];
  declare month: string;
  declare sort: SortState<SummaryKey>;
  private readonly locale = new LocaleController(this);
  private readonly report = new ApiLoader<SlaReport>(this, () => fetchSlaReport(this.month));

  constructor() {
    super();
    const month = readParams().get('month') ?? '';
    this.month = /^\d{4}-\d{2}$/.test(month) ? month : jstMonth();
    this.sort = { key: 'participantName', order: 'asc' };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.report.run();
  }

  private chooseMonth(month: string): void {
    this.month = month;
    writeParams({ month: month === jstMonth() ? null : month });
    void this.report.run();
  }

  private renderTargets(targets: SlaReport['targets']) {
    return html`<section class="panel targets" data-test="desk-sla-targets">
      <h2>${t('targets')}</h2>
      <ul>
        <li>${t('firstTarget', { d: formatTarget(targets.firstResponseMinutes) })}</li>
        <li>${t('resolutionTarget', { d: formatTarget(targets.resolutionMinutes) })}</li>
      </ul>
      <p>${t('warningRule', { p: Math.round(targets.warningShare * 100) })}</p>
      <p class="muted">${t('hours')}</p>
    </section>`;
  }

  private renderSummary(rows: SlaSummaryRow[]) {
    const direction = this.sort.order === 'asc' ? 1 : -1;
    const sorted = [...rows].sort((a, b) => {
      const x = sortValue(a, this.sort.key);
      const y = sortValue(b, this.sort.key);
      return (x < y ? -1 : x > y ? 1 : 0) * direction;
    });
    const header = (label: string, key: SummaryKey, numeric = true) =>
      sortHeader(
        label,
        key,
        this.sort,
        (next) => (this.sort = nextSort(this.sort, next, (k) => (k === 'participantName' ? 'asc' : 'desc'))),
        'desk-sla',
        numeric,
      );
    return html`<div class="scroll summary">
        <table data-test="desk-sla-summary">
          <thead>
            <tr>
              ${header(t('participant'), 'participantName', false)} ${header(t('opened'), 'opened')}
              ${header(t('frMet'), 'firstResponseMet')} ${header(t('frBreached'), 'firstResponseBreached')}
              ${header(t('resMet'), 'resolutionMet')} ${header(t('resBreached'), 'resolutionBreached')}
              ${header(t('rate'), 'rate')} ${header(t('median'), 'medianFirstResponseMinutes')}
            </tr>
          </thead>
          <tbody>
            ${sorted.map((row) => {
              const rate = metRate(row);
              return html`<tr data-test="desk-sla-summary-row" data-participant-id=${row.participantId}>
                <td>${row.participantName}</td>
                <td class="num">${row.opened}</td>
                <td class="num">${row.firstResponseMet}</td>
                <td class="num">
                  ${row.firstResponseBreached > 0 ? html`<span class="badge bad">${row.firstResponseBreached}</span>` : '0'}
                </td>
                <td class="num">${row.resolutionMet}</td>
                <td class="num">
                  ${row.resolutionBreached > 0 ? html`<span class="badge bad">${row.resolutionBreached}</span>` : '0'}
                </td>
                <td class=${`num ${rate !== null && rate < 90 ? 'rate-bad' : ''}`}>
                  ${rate === null ? '—' : `${rate.toFixed(1)}%`}
                </td>
                <td class="num">
                  ${row.medianFirstResponseMinutes === null ? '—' : formatDuration(row.medianFirstResponseMinutes)}
                </td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      <p class="muted" ${cssText(`font-size: 0.85rem`)}>${t('rateNote')}</p>`;
  }

  override render() {
    void this.locale;
    const report = this.report.value;
    const months = recentMonths();
    if (!months.includes(this.month)) months.push(this.month);
    return html`
      <div class="filters">
        <label
          >${t('month')}
          <select
            .value=${this.month}
            @change=${(e: Event) => this.chooseMonth((e.target as HTMLSelectElement).value)}
            data-test="desk-sla-month"
          >
            ${months.map((m) => html`<option value=${m} ?selected=${m === this.month}>${monthName(m)}</option>`)}
          </select></label
        >
        <a href=${slaCsvUrl(this.month, 'tickets', language())} download data-test="desk-sla-csv-tickets"
          >${t('csvTickets')}</a
        >
        <a href=${slaCsvUrl(this.month, 'participants', language())} download data-test="desk-sla-csv-participants"
          >${t('csvParticipants')}</a
        >
      </div>
      ${loadStatus(this.report, 'desk-sla')}
      ${
        report
          ? html`
              ${this.renderTargets(report.targets)}
              <section class="panel" ${cssText(`margin-top: 12px`)}>
                <h2>${t('breaches', { n: report.breaches.length })}</h2>
                <p class="muted">${t('breachesNote')}</p>
                ${report.breaches.length ? ticketTable(report.breaches, 'desk-sla-breach') : html`<p class="muted empty">${t('noBreaches')}</p>`}
              </section>
              <section class="panel" ${cssText(`margin-top: 12px`)}>
                <h2>${t('warnings', { n: report.warnings.length })}</h2>
                <p class="muted">${t('warningsNote')}</p>
                ${report.warnings.length ? ticketTable(report.warnings, 'desk-sla-warning') : html`<p class="muted empty">${t('noWarnings')}</p>`}
              </section>
              <section class="panel" ${cssText(`margin-top: 12px`)}>
                <h2>${t('summary')}</h2>
                ${report.summary.length ? this.renderSummary(report.summary) : html`<p class="muted empty">${t('noSummary')}</p>`}
              </section>
            `
          : nothing
      }
    `;
  }
}
customElements.define('yorozu-desk-sla', DeskSla);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-desk-sla': DeskSla;
  }
}
