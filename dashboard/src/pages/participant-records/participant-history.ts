import { LitElement, css, html, nothing } from 'lit';
import { formatJst } from '../../format/jst.js';
import { participantStatusLabel } from '../../format/participant-status.js';
import { apiErrorText } from '../../i18n/api-errors.js';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import { changeKindLabel, changedByLabel, fieldLabel, RECORD_FIELDS, type RecordField } from './record-labels.js';
import { fetchHistory, type ParticipantVersion } from './records-api.js';

const t = defineMessages(
  {
    empty: '履歴はまだありません。',
    by: '変更した人',
    none: '（なし）',
    loading: '読み込み中…',
  },
  {
    empty: 'No history yet.',
    by: 'Changed by',
    none: '(none)',
    loading: 'Loading…',
  },
);

interface Change {
  field: RecordField;
  before: string;
  after: string;
}

function shown(version: ParticipantVersion, field: RecordField): string {
  const value = version[field];
  if (value === null || value === '') return '';
  if (field === 'status') return participantStatusLabel(version.status);
  if (field === 'pending_revocation_at') return formatJst(String(value), 'datetime');
  return String(value);
}

/** What one version changed compared with the one before it (the first version shows what it set). */
export function changesOf(version: ParticipantVersion, previous: ParticipantVersion | undefined): Change[] {
  return RECORD_FIELDS.flatMap((field) => {
    const after = shown(version, field);
    const before = previous ? shown(previous, field) : '';
    return after === before ? [] : [{ field, before, after }];
  });
}

/**
 * Every version of a participant's record, newest first: when (JST), who, what kind of change, and each field's
 * value before and after (terms art. 20 (7): the registered details and their history).
 */
export class ParticipantHistoryView extends LitElement {
  static override properties = {
    participantId: { attribute: false },
    history: { state: true },
    error: { state: true },
  };
  static override styles = [
    sharedStyles,
    css`
      ol {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      li {
        border-bottom: 1px solid var(--line);
        padding: 8px 0;
      }
      li:last-child {
        border-bottom: none;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
      }
      dl {
        display: grid;
        grid-template-columns: 10em minmax(0, 1fr);
        gap: 2px 8px;
        margin: 4px 0 0;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      del {
        color: var(--muted);
      }
      @media (max-width: 600px) {
        dl {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];
  declare participantId: string;
  declare history: ParticipantVersion[] | null;
  declare error: string;
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participantId = '';
    this.history = null;
    this.error = '';
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('participantId') && this.participantId) void this.reload();
  }

  /** Called by the page after a change it made. */
  async reload(): Promise<void> {
    try {
      this.history = await fetchHistory(this.participantId);
      this.error = '';
    } catch (error) {
      this.error = apiErrorText(error);
    }
  }

  override render() {
    void this.locale;
    if (this.error) return html`<p class="error" role="alert">${this.error}</p>`;
    if (!this.history) return html`<p class="muted">${t('loading')}</p>`;
    if (this.history.length === 0) return html`<p class="muted">${t('empty')}</p>`;
    const ordered = [...this.history].sort((a, b) => a.version - b.version);
    const entries = ordered.map((version, index) => ({ version, changes: changesOf(version, ordered[index - 1]) }));
    return html`<ol data-test="participant-history">
      ${entries.reverse().map(
        ({ version, changes }) =>
          html`<li data-test="history-entry" data-kind=${version.change_kind}>
            <div class="head">
              <strong>${changeKindLabel(version.change_kind, version.status)}</strong>
              <span class="muted">${formatJst(version.changed_at, 'datetime')}</span>
              <span class="muted"
                >${t('by')}: <span data-test="history-by">${changedByLabel(version.changed_by)}</span></span
              >
            </div>
            ${
              changes.length > 0
                ? html`<dl>
                    ${changes.map(
                      (change) =>
                        html`<dt>${fieldLabel(change.field)}</dt>
                          <dd data-test="history-change" data-field=${change.field}>
                            ${change.before ? html`<del>${change.before}</del> → ` : nothing}${change.after || t('none')}
                          </dd>`,
                    )}
                  </dl>`
                : nothing
            }
          </li>`,
      )}
    </ol>`;
  }
}
customElements.define('yorozu-participant-history', ParticipantHistoryView);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-participant-history': ParticipantHistoryView;
  }
}
