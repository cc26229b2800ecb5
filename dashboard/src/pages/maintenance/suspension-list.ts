import { LitElement, html, nothing } from 'lit';
import { formatJst } from '../../format/jst.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { deskStyles } from '../desk/desk.styles.js';
import type { ServiceSuspension } from './maintenance-api.js';
import { reasonText } from './suspension-reasons.js';

const t = defineMessages(
  {
    upcoming: '予定されている停止',
    past: '過去の停止',
    none: 'ありません。',
    period: '期間',
    reason: '理由',
    scope: '対象',
    state: '状態',
    note: '内容',
    everyone: '全参加者',
    oneParticipant: '個別',
    untilEnded: '終了の連絡まで',
    scheduled: '予定',
    in_effect: '停止中',
    ended: '終了',
    cancelled: '中止',
    urgent: '緊急',
    end: '終了する',
    cancel: '取り消す',
  },
  {
    upcoming: 'Upcoming suspensions',
    past: 'Past suspensions',
    none: 'None.',
    period: 'Period',
    reason: 'Reason',
    scope: 'Scope',
    state: 'State',
    note: 'Note',
    everyone: 'All participants',
    oneParticipant: 'One participant',
    untilEnded: 'until announced',
    scheduled: 'Scheduled',
    in_effect: 'In effect',
    ended: 'Ended',
    cancelled: 'Cancelled',
    urgent: 'Urgent',
    end: 'End now',
    cancel: 'Cancel',
  },
);

/**
 * Suspensions of the service (maintenance windows, art. 8), upcoming first then past, in JST. With
 * `operator` set, each open one has a button to end or cancel it.
 * @event suspension-end - detail: the suspension to end or cancel
 */
export class SuspensionList extends LitElement {
  static override properties = { suspensions: { attribute: false }, operator: { type: Boolean } };
  static override styles = [sharedStyles, deskStyles];
  declare suspensions: ServiceSuspension[];
  declare operator: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.suspensions = [];
    this.operator = false;
  }

  private table(rows: ServiceSuspension[], test: string) {
    if (rows.length === 0) return html`<p class="muted empty">${t('none')}</p>`;
    return html`<div class="scroll">
      <table class="cards" data-test=${test}>
        <thead>
          <tr>
            <th>${t('period')}</th>
            <th>${t('reason')}</th>
            <th>${t('scope')}</th>
            <th>${t('state')}</th>
            <th>${t('note')}</th>
            ${this.operator ? html`<th></th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (s) =>
              html`<tr data-test="suspension" data-status=${s.status} data-id=${s.suspension_id}>
                <td data-label=${t('period')} class="nowrap">
                  ${formatJst(s.starts_at, 'datetime')} –
                  ${s.ends_at ? formatJst(s.ends_at, 'datetime') : t('untilEnded')}
                </td>
                <td data-label=${t('reason')}>
                  ${reasonText(s.reason_code)}
                  ${s.urgent ? html`<span class="badge bad">${t('urgent')}</span>` : nothing}
                </td>
                <td data-label=${t('scope')}>${s.scope === 'all' ? t('everyone') : t('oneParticipant')}</td>
                <td data-label=${t('state')}>
                  <span class=${`badge ${s.status === 'in_effect' ? 'bad' : s.status === 'scheduled' ? 'warn' : 'ok'}`}
                    >${t(s.status)}</span
                  >
                </td>
                <td data-label=${t('note')}>${s.note}</td>
                ${
                  this.operator
                    ? // an empty column name keeps the button under the values on a phone's card (cardTableStyles)
                      html`<td data-label="">
                        ${
                          s.status === 'scheduled' || s.status === 'in_effect'
                            ? html`<button
                                type="button"
                                data-test="suspension-end"
                                @click=${() =>
                                  this.dispatchEvent(
                                    new CustomEvent('suspension-end', { detail: s, bubbles: true, composed: true }),
                                  )}
                              >
                                ${s.status === 'scheduled' ? t('cancel') : t('end')}
                              </button>`
                            : nothing
                        }
                      </td>`
                    : nothing
                }
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    void this.locale;
    const open = this.suspensions
      .filter((s) => s.status === 'scheduled' || s.status === 'in_effect')
      .sort((a, b) => a.starts_at.localeCompare(b.starts_at));
    const past = this.suspensions
      .filter((s) => s.status === 'ended' || s.status === 'cancelled')
      .sort((a, b) => b.starts_at.localeCompare(a.starts_at));
    return html`<section class="panel" data-test="suspensions">
      <h2>${t('upcoming')}</h2>
      ${this.table(open, 'suspensions-upcoming')}
      <h2>${t('past')}</h2>
      ${this.table(past, 'suspensions-past')}
    </section>`;
  }
}
customElements.define('yorozu-suspension-list', SuspensionList);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-suspension-list': SuspensionList;
  }
}
