import { LitElement, css, html, nothing } from 'lit';
import { defineMessages, language, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import type { QueryField } from '../../api/event-fields.js';

const t = defineMessages(
  {
    title: '検索の書き方',
    close: '閉じる',
    fields: 'フィールド',
    fieldsLoading: 'フィールドを読み込み中…',
    aliases: '別名',
    useExample: 'この例を検索欄に入れる',
    kind_keyword: '完全一致',
    kind_text: '部分一致',
    kind_number: '数値',
    kind_enum: '選択肢',
    kind_device: 'ホスト名',
    kind_uuid: 'ID',
    ex1: 'user:tanaka',
    ex1Text: 'フィールドの値で絞り込む (「完全一致」のフィールドは大文字・小文字も区別します)',
    ex2: '"見積書 2026"',
    ex2Text: '語句をそのまま含むイベント (フィールドを書かなければ主なフィールド全体から探します)',
    ex3: 'domain:*.example.com',
    ex3Text: 'ワイルドカード: * は任意の文字列、? は任意の 1 文字',
    ex4: 'category:web_access AND NOT domain:example.com',
    ex4Text: 'AND・OR・NOT で組み合わせる (空白は AND と同じ、括弧も使えます)',
    ex5: 'category:logon -user:admin',
    ex5Text: '先頭の「-」で除外する',
    ex6: 'bytes:[1000000 TO *]',
    ex6Text: '数値の範囲 (「*」は上限・下限なし、{ } は端を含まない)',
    ex7: 'pages:>50',
    ex7Text: '数値の比較 (>、>=、<、<=)',
    ex8: 'process:(chrome.exe OR msedge.exe)',
    ex8Text: '一つのフィールドに複数の値',
    ex9: 'device:PC-0* printer:*',
    ex9Text: 'device はホスト名、「フィールド:*」は値が設定されているイベント',
    ex10: 'attributes.rule:usb',
    ex10Text: '属性 (attributes.<キー>:値)',
  },
  {
    title: 'How to search',
    close: 'Close',
    fields: 'Fields',
    fieldsLoading: 'Loading the fields…',
    aliases: 'also',
    useExample: 'Put this example in the search box',
    kind_keyword: 'exact',
    kind_text: 'contains',
    kind_number: 'number',
    kind_enum: 'one of a list',
    kind_device: 'host name',
    kind_uuid: 'id',
    ex1: 'user:tanaka',
    ex1Text: 'A field has a value ("exact" fields are case-sensitive)',
    ex2: '"quarterly report"',
    ex2Text: 'Events containing the phrase (without a field, the main text fields are searched)',
    ex3: 'domain:*.example.com',
    ex3Text: 'Wildcards: * is any text, ? is any one character',
    ex4: 'category:web_access AND NOT domain:example.com',
    ex4Text: 'Combine with AND, OR, NOT (a space means AND; parentheses group)',
    ex5: 'category:logon -user:admin',
    ex5Text: 'A leading "-" excludes',
    ex6: 'bytes:[1000000 TO *]',
    ex6Text: 'A range of numbers ("*" for an open end, { } to exclude the end)',
    ex7: 'pages:>50',
    ex7Text: 'Compare a number (>, >=, <, <=)',
    ex8: 'process:(chrome.exe OR msedge.exe)',
    ex8Text: 'Several values of one field',
    ex9: 'device:PC-0* printer:*',
    ex9Text: 'device is the host name; "field:*" means the field is set',
    ex10: 'attributes.rule:usb',
    ex10Text: 'An attribute (attributes.<key>:value)',
  },
);
const EXAMPLES = ['ex1', 'ex2', 'ex3', 'ex4', 'ex5', 'ex6', 'ex7', 'ex8', 'ex9', 'ex10'] as const;
const KINDS = ['keyword', 'text', 'number', 'enum', 'device', 'uuid'] as const;

/**
 * The query language's syntax with examples, and the fields it knows (from the server's catalogue).
 * @event example-chosen - detail `{ query }`: the operator picked an example to start from.
 * @event help-close - the close button or Escape.
 */
export class QueryHelp extends LitElement {
  static override properties = { fields: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      .help {
        max-height: min(70vh, 640px);
        overflow: auto;
        box-shadow: 0 8px 24px rgb(15 23 42 / 0.18);
      }
      .head {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 8px;
      }
      h2 {
        margin: 0;
      }
      dl {
        display: grid;
        grid-template-columns: minmax(0, max-content) 1fr;
        gap: 6px 12px;
        margin: 8px 0;
        align-items: baseline;
      }
      dt button {
        font-family: ui-monospace, monospace;
        font-size: 0.85rem;
        padding: 2px 6px;
        text-align: left;
        white-space: normal;
        word-break: break-all;
      }
      dd {
        margin: 0;
        font-size: 0.9rem;
      }
      .fields {
        columns: 2 16em;
        column-gap: 16px;
        padding: 0;
        margin: 4px 0 0;
        list-style: none;
        font-size: 0.85rem;
      }
      .fields li {
        break-inside: avoid;
        padding: 2px 0;
      }
      code {
        font-family: ui-monospace, monospace;
        background: #f1f5f9;
        padding: 0 4px;
        border-radius: 3px;
      }
      @media (max-width: 600px) {
        dl {
          grid-template-columns: 1fr;
        }
        dd {
          margin-bottom: 6px;
        }
      }
    `,
  ];
  declare fields: QueryField[] | null;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.fields = null;
  }

  private choose(query: string) {
    this.dispatchEvent(new CustomEvent('example-chosen', { detail: { query }, bubbles: true, composed: true }));
  }

  private close() {
    this.dispatchEvent(new CustomEvent('help-close', { bubbles: true, composed: true }));
  }

  private kindLabel(kind: string): string {
    return (KINDS as readonly string[]).includes(kind) ? t(`kind_${kind as (typeof KINDS)[number]}` as const) : kind;
  }

  private renderFields() {
    if (!this.fields) return html`<p class="muted">${t('fieldsLoading')}</p>`;
    return html`<ul class="fields" data-test="query-help-fields">
      ${this.fields.map(
        (field) =>
          html`<li>
            <code>${field.name}</code> ${field.label[language()]}
            <span class="muted"
              >(${this.kindLabel(field.kind)}${field.aliases.length ? html`; ${t('aliases')} ${field.aliases.map((alias, i) => html`${i ? ', ' : ''}<code>${alias}</code>`)}` : nothing})</span
            >
          </li>`,
      )}
    </ul>`;
  }

  override render() {
    void this.locale;
    return html`
      <section
        class="panel help"
        data-test="query-help"
        @keydown=${(event: KeyboardEvent) => event.key === 'Escape' && this.close()}
      >
        <div class="head">
          <h2>${t('title')}</h2>
          <button @click=${this.close} data-test="query-help-close">${t('close')}</button>
        </div>
        <dl>
          ${EXAMPLES.map(
            (key) =>
              html`<dt><button title=${t('useExample')} @click=${() => this.choose(t(key))}>${t(key)}</button></dt>
                <dd>${t(`${key}Text` as const)}</dd>`,
          )}
        </dl>
        <h2>${t('fields')}</h2>
        ${this.renderFields()}
      </section>
    `;
  }
}
customElements.define('yorozu-query-help', QueryHelp);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-query-help': QueryHelp;
  }
}
