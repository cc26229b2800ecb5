import './report-desk-findings.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { scoreTone } from './score-tone.js';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Session } from '../../api/session.js';
import { ROUTE_CHANGED } from '../../app/router.js';
import { ApiLoader, loadStatus } from '../../components/api-loader/api-loader.js';
import { readParams, writeParams } from '../../components/url-state/url-state.js';
import { formatJst } from '../../format/jst.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import {
  evaluateNow,
  fetchAntivirusSummary,
  fetchHealthReport,
  fetchInventoryOverview,
  fetchParticipantName,
  localised,
  periodFrom,
  REPORT_PERIODS,
  reportPdfUrl,
  type HealthReport,
  type InventoryOverview,
} from './report-api.js';
import type { AntivirusSummary } from '../../api/contract.js';
import { antivirusTable } from './report-antivirus.js';
import { deviceScores, inventoryOverview } from './report-fleet.js';
import { failingPolicies, remediatedPolicies } from './report-findings.js';
import './report-trend-chart.js';
import { adoptReportStyles } from './report.styles.js';

const t = defineMessages(
  {
    title: '{name} セキュリティ健康レポート',
    titleNoName: 'セキュリティ健康レポート',
    period: '期間',
    periodDays: '過去 {n} 日間',
    days: '{n} 日',
    evaluatedAt: '評価日時: {at}',
    print: '印刷',
    pdf: 'PDF をダウンロード',
    score: '総合スコア',
    outOf: '/ 100',
    trend: 'スコアの推移',
    noTrend: 'この期間のスコアはまだありません。',
    failing: '対応が必要な項目',
    remediated: '最近解消された項目',
    devices: '端末ごとのスコア',
    inventory: 'インベントリの概要',
    antivirus: '端末ごとのウイルス対策',
    notEvaluated: 'まだ評価されていません。今すぐ評価すると、端末の状態をもとにレポートを作ります。',
    evaluate: '今すぐ評価',
    evaluating: '評価しています…',
    noScore: '判定できる項目がまだありません。',
    generatedAt: '作成日時: {at}（日本時間）',
  },
  {
    title: 'Security health report: {name}',
    titleNoName: 'Security health report',
    period: 'Period',
    periodDays: 'Last {n} days',
    days: '{n} days',
    evaluatedAt: 'Evaluated at {at}',
    print: 'Print',
    pdf: 'Download PDF',
    score: 'Overall score',
    outOf: '/ 100',
    trend: 'Score trend',
    noTrend: 'No score in this period yet.',
    failing: 'Needs your attention',
    remediated: 'Fixed recently',
    devices: 'Score per device',
    inventory: 'Inventory summary',
    antivirus: 'Antivirus per device',
    notEvaluated: "Not evaluated yet. Evaluate now to build the report from the PCs' state.",
    evaluate: 'Evaluate now',
    evaluating: 'Evaluating…',
    noScore: 'Nothing could be judged yet.',
    generatedAt: 'Generated {at} (JST)',
  },
);

/**
 * The participant's health report, for reading on screen, printing on A4, and (with `?print=1`) for the
 * server's PDF renderer, which waits for `[data-test=report-ready]` before printing.
 * The period (`?days=7|30|90`) is kept in the address.
 */
export class ReportPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    participantId: { attribute: false },
    days: { state: true },
    printLayout: { type: Boolean, reflect: true, attribute: 'print-layout' },
    evaluating: { state: true },
    evaluateError: { state: true },
  };
  declare session: Session;
  declare participantId: string;
  declare days: number;
  declare printLayout: boolean;
  declare evaluating: boolean;
  declare evaluateError: string;
  private readonly locale = new LocaleController(this);
  private readonly health = new ApiLoader<HealthReport>(this, () => fetchHealthReport(this.participantId, this.days));
  private readonly participantName = new ApiLoader<string>(this, () => fetchParticipantName(this.participantId));
  private readonly inventory = new ApiLoader<InventoryOverview>(this, () => fetchInventoryOverview(this.participantId));
  private readonly antivirus = new ApiLoader<AntivirusSummary>(this, () =>
    fetchAntivirusSummary(this.participantId, this.days),
  );

  constructor() {
    super();
    this.participantId = '';
    this.evaluating = false;
    this.evaluateError = '';
    this.readAddress();
  }

  /**
   * Rendered in the light DOM: the report is a document, and its text must be the page's text for tools that
   * do not enter shadow roots (reading `main`'s innerText, reader modes, the PDF's text layer checks).
   * The shell's shadow root supplies the shared styles; report.styles.ts scopes the page's own.
   */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptReportStyles(this.getRootNode());
    window.addEventListener(ROUTE_CHANGED, this.onRouteChanged);
  }

  override disconnectedCallback(): void {
    window.removeEventListener(ROUTE_CHANGED, this.onRouteChanged);
    super.disconnectedCallback();
  }

  private readAddress(): void {
    const params = readParams();
    this.days = periodFrom(params);
    this.printLayout = params.get('print') === '1';
  }

  private readonly onRouteChanged = () => this.readAddress();

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.participantId) return;
    if (changed.has('participantId')) {
      for (const loader of [this.health, this.participantName, this.inventory, this.antivirus]) loader.reset();
      void this.participantName.run();
      void this.inventory.run();
    }
    if (changed.has('participantId') || changed.has('days')) {
      void this.health.run();
      void this.antivirus.run();
    }
  }

  private choosePeriod(event: Event): void {
    const days = Number((event.target as HTMLSelectElement).value);
    this.days = days;
    writeParams({ days });
  }

  private async evaluate(): Promise<void> {
    this.evaluating = true;
    this.evaluateError = '';
    try {
      await evaluateNow(this.participantId);
      await this.health.run();
    } catch (error) {
      this.evaluateError = apiErrorText(error);
    } finally {
      this.evaluating = false;
    }
  }

  /** Everything the report shows has arrived (the name and the inventory may have failed: their message is shown). */
  private get ready(): boolean {
    return (
      !!this.health.value &&
      !this.health.loading &&
      !this.participantName.loading &&
      !this.inventory.loading &&
      !this.antivirus.loading &&
      !this.evaluating
    );
  }

  private renderHead(report: HealthReport | undefined) {
    const name = this.participantName.value;
    return html`<div class="head">
      <div>
        <h1 data-test="report-title">${name ? t('title', { name }) : t('titleNoName')}</h1>
        <p class="muted">
          <span data-test="report-period">${t('period')}: ${t('periodDays', { n: this.days })}</span>
          ${report?.evaluatedAt ? html` · <span data-test="report-evaluated-at">${t('evaluatedAt', { at: formatJst(report.evaluatedAt, 'datetime') })}</span>` : nothing}
        </p>
      </div>
      <div class="actions no-print">
        <label
          >${t('period')}
          <select data-test="report-days" @change=${this.choosePeriod}>
            ${REPORT_PERIODS.map((days) => html`<option value=${days} ?selected=${days === this.days}>${t('days', { n: days })}</option>`)}
          </select>
        </label>
        <button type="button" data-test="report-print" @click=${() => window.print()}>${t('print')}</button>
        <a class="button" data-test="report-pdf" href=${reportPdfUrl(this.participantId, this.days)} download
          >${t('pdf')}</a
        >
      </div>
    </div>`;
  }

  private renderNotEvaluated() {
    return html`<section class="panel empty-state" data-test="report-not-evaluated">
      <p>${t('notEvaluated')}</p>
      <button
        type="button"
        class="primary no-print"
        data-test="report-evaluate"
        ?disabled=${this.evaluating}
        @click=${() => void this.evaluate()}
      >
        ${this.evaluating ? t('evaluating') : t('evaluate')}
      </button>
      ${this.evaluateError ? html`<p class="error" role="alert" data-test="report-evaluate-error">${this.evaluateError}</p>` : nothing}
    </section>`;
  }

  private renderSummary(report: HealthReport) {
    const score = report.score;
    const tone = scoreTone(
      score,
      report.failing.map((policy) => policy.severity),
    );
    return html`<div class="summary">
      <div class="panel score-card">
        <span class="muted">${t('score')}</span>
        <span class="score-line">
          <span class="score ${tone}" data-test="report-score">${score === null ? '—' : String(score)}</span
          ><span class="out-of">${t('outOf')}</span>
        </span>
        ${score === null ? html`<span class="muted">${t('noScore')}</span>` : nothing}
      </div>
      <div class="panel chart-panel">
        <h2>${t('trend')}</h2>
        ${
          report.trend.length === 0
            ? html`<p class="muted" data-test="report-no-trend">${t('noTrend')}</p>`
            : html`<yorozu-report-trend-chart
                data-test="report-trend"
                .trend=${report.trend}
                .days=${this.days}
                .seriesName=${t('score')}
                .height=${this.printLayout ? 200 : 240}
              ></yorozu-report-trend-chart>`
        }
      </div>
    </div>`;
  }

  private renderReport(report: HealthReport) {
    const evaluated = report.evaluatedAt !== null;
    return html`
      ${evaluated ? this.renderSummary(report) : this.renderNotEvaluated()}
      <yorozu-report-desk-findings .participantId=${this.participantId}></yorozu-report-desk-findings>
      ${
        evaluated
          ? html`<section class="panel" data-test="report-failing">
                <h2>${t('failing')}</h2>
                ${failingPolicies(this.participantId, report.failing)}
              </section>
              <section class="panel" data-test="report-remediated-section">
                <h2>${t('remediated')}</h2>
                ${remediatedPolicies(this.participantId, report.remediated)}
              </section>`
          : nothing
      }
      <section class="panel">
        <h2>${t('devices')}</h2>
        ${deviceScores(this.participantId, report.devices)}
      </section>
      <section class="panel" data-test="report-antivirus-section">
        <h2>${t('antivirus')}</h2>
        ${loadStatus(this.antivirus, 'report-antivirus')} ${antivirusTable(this.participantId, this.antivirus.value)}
      </section>
      <section class="panel keep-together" data-test="report-inventory-section">
        <h2>${t('inventory')}</h2>
        ${loadStatus(this.inventory, 'report-inventory')} ${inventoryOverview(this.inventory.value)}
      </section>
      <p class="disclaimer" data-test="report-disclaimer">${localised(report.disclaimer)}</p>
    `;
  }

  override render() {
    void this.locale;
    const report = this.health.value;
    return html`
      ${this.renderHead(report)}
      ${this.participantName.error ? html`<p class="error" role="alert" data-test="report-name-error">${this.participantName.error}</p>` : nothing}
      ${loadStatus(this.health, 'report')} ${report ? this.renderReport(report) : nothing}
      ${this.ready ? html`<p class="footer" data-test="report-ready">${t('generatedAt', { at: formatJst(new Date(), 'datetime') })}</p>` : nothing}
    `;
  }
}
customElements.define('yorozu-report-page', ReportPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-report-page': ReportPage;
  }
}
