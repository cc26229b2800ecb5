import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { api } from '../../api/api-client.js';
import type { SentFinding, SentFindings } from '../../api/contract.js';
import { formatJst } from '../../format/jst.js';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';

const t = defineMessages(
  {
    title: '窓口からのお知らせ（検知した操作）',
    host: '端末',
    user: 'ユーザー',
    when: '日時',
    count: '{count} 件',
  },
  {
    title: 'From the desk: activity it detected',
    host: 'Device',
    user: 'User',
    when: 'When',
    count: '{count} events',
  },
);

/** What was detected, in the reader's language: a desk rule's title is "日本語 / English". */
const titleOf = (finding: SentFinding) =>
  language() === 'en' ? finding.titleEn : (finding.title.split(' / ')[0] ?? finding.title);

/**
 * The findings an operator sent to the participant (GET /api/v1/participants/:id/findings), each with the
 * rule's title and the operator's explanation (in the words the operator wrote). Nothing is shown when the desk sent none.
 */
export class ReportDeskFindings extends LitElement {
  static override properties = { participantId: { attribute: false }, findings: { state: true } };
  static override styles = [sharedStyles];
  declare participantId: string;
  declare findings: SentFinding[];
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participantId = '';
    this.findings = [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('participantId') && this.participantId)
      void api<SentFindings>('GET', `/api/v1/participants/${this.participantId}/findings`).then(
        (answer) => (this.findings = answer.findings),
        () => (this.findings = []),
      );
  }

  override render() {
    void this.locale;
    if (this.findings.length === 0) return nothing;
    const at = (text: string) => formatJst(new Date(`${text.replace(' ', 'T')}Z`), 'datetime');
    return html`<section class="panel" data-test="report-desk-findings">
      <h2>${t('title')}</h2>
      <ul>
        ${this.findings.map(
          (finding) =>
            html`<li data-test="report-desk-finding">
              <strong data-test="report-desk-finding-title">${titleOf(finding)}</strong>
              <p data-test="report-desk-finding-message">${finding.messageJa}</p>
              <small
                >${t('when')}: ${at(finding.firstSeen)} · ${t('host')}: ${finding.hostname}
                ${finding.user ? html`· ${t('user')}: ${finding.user}` : nothing} ·
                ${t('count', { count: finding.count })}</small
              >
            </li>`,
        )}
      </ul>
    </section>`;
  }
}
customElements.define('yorozu-report-desk-findings', ReportDeskFindings);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-report-desk-findings': ReportDeskFindings;
  }
}
