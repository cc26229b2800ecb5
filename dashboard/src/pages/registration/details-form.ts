import { LitElement, css, html, nothing } from 'lit';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { updateDetails, type DetailsChange, type Participant } from '../participant-records/records-api.js';

const FIELDS = [
  ['organisation', 'name'],
  ['representative', 'representative'],
  ['address', 'address'],
  ['phone', 'phone'],
  ['contactName', 'contact_name'],
  ['contactEmail', 'contact_email'],
] as const satisfies readonly (readonly [keyof DetailsChange, keyof Participant])[];

const t = defineMessages(
  {
    organisation: '名称',
    representative: '代表者',
    address: '所在地',
    phone: '電話番号',
    contactName: '担当者',
    contactEmail: '担当者のメールアドレス（お知らせの宛先）',
    save: '変更を届け出る',
    unchanged: '変更はありません。',
    saved: '登録事項を変更しました。変更の履歴は下に残ります。',
    explain:
      '登録事項に変更があったときは、速やかに届け出てください（規約第20条第7号）。以前の内容も履歴として残ります。',
  },
  {
    organisation: 'Name',
    representative: 'Representative',
    address: 'Address',
    phone: 'Phone',
    contactName: 'Contact person',
    contactEmail: "Contact's e-mail (where notices go)",
    save: 'Report the change',
    unchanged: 'Nothing changed.',
    saved: 'The registered details are changed. The history below keeps the change.',
    explain:
      'When your registered details change, report it without delay (terms art. 20 (7)). The previous values stay in the history.',
  },
);

/**
 * The participant's registered details as a form (terms art. 20 (7)): only the fields changed are sent.
 * @event participant-changed - after the change is recorded
 */
export class DetailsForm extends LitElement {
  static override properties = {
    participant: { attribute: false },
    message: { state: true },
    error: { state: true },
    busy: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      form {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(16em, 1fr));
        gap: 6px 12px;
        align-items: end;
      }
      input {
        width: 100%;
        box-sizing: border-box;
      }
    `,
  ];
  declare participant: Participant | null;
  declare message: string;
  declare error: string;
  declare busy: boolean;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participant = null;
    this.message = '';
    this.error = '';
    this.busy = false;
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const p = this.participant;
    if (!p) return;
    const form = new FormData(event.target as HTMLFormElement);
    const change: DetailsChange = {};
    for (const [field, column] of FIELDS) {
      const value = String(form.get(field) ?? '').trim();
      if (value !== p[column]) change[field] = value;
    }
    this.error = '';
    if (Object.keys(change).length === 0) return void (this.message = t('unchanged'));
    this.busy = true;
    try {
      this.participant = await updateDetails(p.participant_id, change);
      this.message = t('saved');
      this.dispatchEvent(new CustomEvent('participant-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.message = '';
      this.error = apiErrorText(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    void this.locale;
    const p = this.participant;
    if (!p) return nothing;
    return html`
      <p class="muted">${t('explain')}</p>
      <form @submit=${(e: SubmitEvent) => void this.save(e)} data-test="details-form">
        ${FIELDS.map(
          ([field, column]) =>
            html`<label
              >${t(field)}
              <input
                name=${field}
                .value=${String(p[column] ?? '')}
                type=${field === 'contactEmail' ? 'email' : field === 'phone' ? 'tel' : 'text'}
                maxlength=${field === 'address' ? 500 : 254}
                data-test=${`details-${field}`}
            /></label>`,
        )}
        <p>
          <button type="submit" class="primary" ?disabled=${this.busy} data-test="details-save">${t('save')}</button>
        </p>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.message ? html`<p class="muted" data-test="details-saved">${this.message}</p>` : nothing}
    `;
  }
}
customElements.define('yorozu-details-form', DetailsForm);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-details-form': DetailsForm;
  }
}
