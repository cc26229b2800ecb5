import { LitElement, css, html } from 'lit';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { localised, type PolicyTable } from './policies-api.js';
import { policiesStyles } from './policies.styles.js';
import { cssText } from '../../styles/css-text.js';

const t = defineMessages(
  {
    title: 'ポリシーが読める表',
    intro: 'どの表も評価する参加者の行だけに絞られています。{participant} と {now}（評価時刻）が使えます。',
    definition: '定義',
  },
  {
    title: 'Tables a policy may read',
    intro:
      "Each table holds only the evaluated participant's rows. {participant} and {now} (the evaluation time) are available.",
    definition: 'Definition',
  },
);

/** The side panel: the participant-scoped tables a policy's SELECT may read, with what each holds. */
export class PolicyTables extends LitElement {
  static override properties = { tables: { attribute: false } };
  static override styles = [
    sharedStyles,
    policiesStyles,
    css`
      h2 {
        margin-top: 0;
      }
      dl {
        margin: 0;
        display: grid;
        gap: 10px;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 2px 0 0;
        font-size: 0.9rem;
      }
      details {
        margin-top: 2px;
        font-size: 0.8rem;
      }
      details pre {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        background: #f8fafc;
        padding: 6px;
        border-radius: 4px;
        margin: 4px 0 0;
      }
    `,
  ];
  declare tables: PolicyTable[];
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.tables = [];
  }

  override render() {
    void this.locale;
    return html`<h2>${t('title')}</h2>
      <p class="muted" ${cssText(`font-size: 0.85rem`)}>
        ${t('intro', { participant: '{participant}', now: '{now}' })}
      </p>
      <dl data-test="policy-tables">
        ${this.tables.map(
          (table) =>
            html`<div data-test="policy-table-name" data-table=${table.name}>
              <dt class="mono">${table.name}</dt>
              <dd>
                ${localised(table.description)}
                <details>
                  <summary>${t('definition')}</summary>
                  <pre class="mono">${table.sql}</pre>
                </details>
              </dd>
            </div>`,
        )}
      </dl>`;
  }
}
customElements.define('yorozu-policy-tables', PolicyTables);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-policy-tables': PolicyTables;
  }
}
