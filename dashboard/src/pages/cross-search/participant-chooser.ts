import { LitElement, css, html } from 'lit';
import { defineMessages, LocaleController } from '../../i18n/i18n.js';
import { sharedStyles } from '../../styles/theme.js';
import type { SearchableParticipant } from './cross-search-api.js';

const t = defineMessages(
  {
    all: 'すべての参加者 ({count})',
    some: '{count} 参加者を選択',
    legend: '検索する参加者',
    everyone: 'すべて',
  },
  {
    all: 'Every participant ({count})',
    some: '{count} participants chosen',
    legend: 'Participants to search',
    everyone: 'All',
  },
);

/**
 * Which participants the search covers: every participant taking part (nothing chosen) or a chosen set.
 * @event participants-change - detail `{ chosen: string[] }` (empty: every participant).
 */
export class ParticipantChooser extends LitElement {
  static override properties = {
    participants: { attribute: false },
    chosen: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      details {
        position: relative;
      }
      summary {
        cursor: pointer;
      }
      fieldset {
        position: absolute;
        z-index: 20;
        margin: 4px 0 0;
        background: var(--panel);
        border: 1px solid var(--line);
        border-radius: 6px;
        padding: 8px;
        max-height: 50vh;
        overflow: auto;
        width: min(360px, calc(100vw - 24px));
      }
      label {
        display: flex;
        gap: 6px;
        align-items: center;
        padding: 2px 0;
      }
      @media (max-width: 600px) {
        fieldset {
          position: static;
          width: auto;
        }
      }
    `,
  ];
  declare participants: SearchableParticipant[];
  declare chosen: string[];
  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    this.participants = [];
    this.chosen = [];
  }

  private change(chosen: string[]) {
    // Choosing everyone one by one is the same search as choosing nobody, and keeps the address short.
    const next = chosen.length === this.participants.length ? [] : chosen;
    this.dispatchEvent(
      new CustomEvent('participants-change', { detail: { chosen: next }, bubbles: true, composed: true }),
    );
  }

  private toggle(id: string, on: boolean) {
    const current = this.chosen.length === 0 ? this.participants.map((p) => p.id) : this.chosen;
    this.change(on ? [...new Set([...current, id])] : current.filter((c) => c !== id));
  }

  override render() {
    void this.locale;
    const everyone = this.chosen.length === 0;
    return html`<details data-test="participant-chooser">
      <summary>
        ${everyone ? t('all', { count: this.participants.length }) : t('some', { count: this.chosen.length })}
      </summary>
      <fieldset>
        <legend>${t('legend')}</legend>
        <label
          ><input
            type="checkbox"
            .checked=${everyone}
            @change=${() => this.change([])}
            data-test="choose-everyone"
          />${t('everyone')}</label
        >
        ${this.participants.map(
          (participant) =>
            html`<label
              ><input
                type="checkbox"
                data-test="choose-participant"
                data-participant=${participant.id}
                .checked=${everyone || this.chosen.includes(participant.id)}
                @change=${(e: Event) => this.toggle(participant.id, (e.target as HTMLInputElement).checked)}
              />${participant.name}</label
            >`,
        )}
      </fieldset>
    </details>`;
  }
}
customElements.define('yorozu-participant-chooser', ParticipantChooser);
declare global {
  interface HTMLElementTagNameMap {
    'yorozu-participant-chooser': ParticipantChooser;
  }
}
