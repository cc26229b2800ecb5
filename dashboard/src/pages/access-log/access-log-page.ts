import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { api } from '../../api/api-client.js';
import type { AccessLog } from '../../api/contract.js';
import type { Session } from '../../api/session.js';
import { formatJst } from '../../format/jst.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { accessWhatLabel } from './access-what.js';

const t = defineMessages(
  {
    title: '窓口があなたのデータを見た記録',
    intro:
      '利用規約第15条により、窓口の担当者は本サービスの保守・運用・改善のためにだけ、あなたの組織のデータを見ることができます。誰が、いつ、何を、どの目的で見たかを、過去 90 日分表示します（日本時間）。',
    at: '日時',
    who: '担当者',
    what: '見たもの',
    why: '目的',
    maintenance: '保守（不具合の調査・修正など）',
    operation: '運用（お問い合わせへの対応・日々の監視など）',
    improvement: '改善（サービスをよくするための分析）',
    empty: 'この 90 日間、窓口があなたのデータを見た記録はありません。',
    loading: '読み込み中…',
    count: '{n} 件',
  },
  {
    title: 'When the desk looked at your data',
    intro:
      "Under art. 15 of the terms, the desk's staff may look at your organisation's data only to maintain, operate or improve the service. Who looked, when, at what and why, over the last 90 days (JST).",
    at: 'When',
    who: 'Who',
    what: 'What',
    why: 'Why',
    maintenance: 'Maintenance (investigating and fixing faults)',
    operation: 'Operation (answering tickets, daily monitoring)',
    improvement: 'Improvement (analysis to make the service better)',
    empty: 'The desk has not looked at your data in the last 90 days.',
    loading: 'Loading…',
    count: '{n} entries',
  },
);

const PURPOSES = ['maintenance', 'operation', 'improvement'] as const;

/** `/participants/:id/access-log` (both roles): the access log of art. 15 in plain words. */
export class AccessLogPage extends LitElement {
  static override properties = {
    session: { attribute: false },
    participantId: { attribute: false },
    entries: { state: true },
    error: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      .table-wrap {
        overflow-x: auto;
      }
      td {
        overflow-wrap: anywhere;
      }
    `,
  ];
  declare session: Session;
  declare participantId: string;
  declare entries: AccessLog['accessLog'] | null;
  declare error: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participantId = '';
    this.entries = null;
    this.error = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('participantId') && this.participantId) void this.load();
  }

  private async load(): Promise<void> {
    try {
      const { accessLog } = await api<AccessLog>('GET', `/api/v1/participants/${this.participantId}/access-log`);
      this.entries = accessLog;
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  private purpose(code: string, note: string) {
    const label = (PURPOSES as readonly string[]).includes(code) ? t(code as (typeof PURPOSES)[number]) : code;
    return note ? html`${label}<br /><span class="muted">${note}</span>` : label;
  }

  override render() {
    void this.locale;
    const entries = this.entries;
    return html`<h1>${t('title')}</h1>
      <p class="muted">${t('intro')}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${entries === null && !this.error ? html`<p class="muted">${t('loading')}</p>` : nothing}
      ${entries && entries.length === 0 ? html`<p data-test="access-log-empty">${t('empty')}</p>` : nothing}
      ${
        entries && entries.length > 0
          ? html`<p class="muted">${t('count', { n: entries.length })}</p>
              <div class="table-wrap panel">
                <table data-test="access-log">
                  <thead>
                    <tr>
                      <th>${t('at')}</th>
                      <th>${t('who')}</th>
                      <th>${t('what')}</th>
                      <th>${t('why')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${entries.map(
                      (entry) =>
                        html`<tr data-test="access-log-entry" data-purpose=${entry.purpose}>
                          <td>${formatJst(entry.at, 'seconds')}</td>
                          <td>${entry.display_name || entry.login_name}</td>
                          <td>${accessWhatLabel(entry.what, entry.route)}</td>
                          <td>${this.purpose(entry.purpose, entry.purpose_note)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
          : nothing
      }`;
  }
}
customElements.define('yorozu-access-log-page', AccessLogPage);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-access-log-page': AccessLogPage;
  }
}
