import { LitElement, css, html, nothing } from 'lit';
import { formatJst } from '../../format/jst.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';

/** What a lifecycle decision on the participant's page did, as its form reports it. */
export type LifecycleOutcome = { at: Date } & (
  | { kind: 'revocation'; withNotice: boolean; effectiveAt: string | null }
  | { kind: 'end_date'; endDate: string | null }
  | { kind: 'succession'; devices: number; successorId: string }
  | { kind: 'withdrawal'; devices: number; accounts: number }
);

/** Distributive, so that each kind keeps its own fields without `at`. */
type Reported = LifecycleOutcome extends infer Each
  ? Each extends LifecycleOutcome
    ? Omit<Each, 'at'>
    : never
  : never;

/**
 * The `participant-changed` event the lifecycle forms send after the server recorded a decision: the page reloads
 * the participant and shows the outcome itself, since a participant that stops taking part loses the form (and
 * a "done" line the form would show with it).
 */
export function reportOutcome(form: HTMLElement, outcome: Reported): void {
  const detail = { ...outcome, at: new Date() } as LifecycleOutcome;
  form.dispatchEvent(
    new CustomEvent<LifecycleOutcome>('participant-changed', { detail, bubbles: true, composed: true }),
  );
}

const t = defineMessages(
  {
    revokedNow: '{at} 参加資格を取り消しました。',
    revocationScheduled: '{at} 取消しを予告しました（{effective} 頃に効力を生じます）。',
    endDateSet: '{at} 利用終了日を {date} に設定しました。',
    endDateCleared: '{at} 利用終了日を定めない設定にしました。',
    succession: '{at} 承継を記録しました（端末 {devices} 台を移しました）。',
    successorLink: '承継者のページ',
    withdrawal:
      '{at} 退会を完了しました（エージェント {devices} 台にアンインストールを指示、アカウント {accounts} 件を停止）。',
    noticeSent: '送ったお知らせは「この参加者へのお知らせと到達の状態」に表示されます。',
    dismiss: '閉じる',
  },
  {
    revokedNow: '{at} The participation is revoked.',
    revocationScheduled: '{at} The revocation is announced (it takes effect around {effective}).',
    endDateSet: '{at} The end date is set to {date}.',
    endDateCleared: '{at} The end date is cleared.',
    succession: '{at} The succession is recorded ({devices} devices moved).',
    successorLink: "The successor's page",
    withdrawal: '{at} The withdrawal is complete ({devices} agents told to uninstall, {accounts} accounts stopped).',
    noticeSent: 'The notice sent is listed under "Notices to this participant and their delivery".',
    dismiss: 'Dismiss',
  },
);

/**
 * The last lifecycle decision's outcome, in JST, until the operator dismisses it or takes another decision.
 * @event dismiss - the operator closed it
 */
export class LifecycleOutcomeLine extends LitElement {
  static override properties = { outcome: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      .panel {
        display: flex;
        gap: 8px;
        align-items: baseline;
        justify-content: space-between;
        flex-wrap: wrap;
        border-color: #15803d;
        background: #f0fdf4;
      }
      p {
        margin: 0;
        overflow-wrap: anywhere;
      }
    `,
  ];
  declare outcome: LifecycleOutcome | null;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.outcome = null;
  }

  private sentence(outcome: LifecycleOutcome) {
    const at = formatJst(outcome.at, 'datetime');
    switch (outcome.kind) {
      case 'revocation':
        return html`${
          outcome.withNotice
            ? t('revocationScheduled', { at, effective: formatJst(outcome.effectiveAt, 'datetime') })
            : t('revokedNow', { at })
        }
        ${t('noticeSent')}`;
      case 'end_date':
        return outcome.endDate ? t('endDateSet', { at, date: outcome.endDate }) : t('endDateCleared', { at });
      case 'succession':
        return html`${t('succession', { at, devices: outcome.devices })}
          <a href=${`/participants/${outcome.successorId}/admin`} data-test="successor-link">${t('successorLink')}</a>`;
      case 'withdrawal':
        return t('withdrawal', { at, devices: outcome.devices, accounts: outcome.accounts });
    }
  }

  override render() {
    void this.locale;
    const outcome = this.outcome;
    // The live region stays in the page while empty, so that a screen reader announces the line when it appears.
    return html`<div role="status">
      ${
        outcome
          ? html`<div class="panel" data-test="lifecycle-outcome" data-kind=${outcome.kind}>
              <p>${this.sentence(outcome)}</p>
              <button
                type="button"
                data-test="lifecycle-outcome-dismiss"
                @click=${() => this.dispatchEvent(new CustomEvent('dismiss'))}
              >
                ${t('dismiss')}
              </button>
            </div>`
          : nothing
      }
    </div>`;
  }
}
customElements.define('yorozu-lifecycle-outcome', LifecycleOutcomeLine);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-lifecycle-outcome': LifecycleOutcomeLine;
  }
}
