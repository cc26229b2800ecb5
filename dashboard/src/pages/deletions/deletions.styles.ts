import { css } from 'lit';
import { cardTableStyles } from '../../styles/theme.js';

/** The deletion calendar: a month per section, a table that becomes one card per participant on a phone. */
export const deletionsStyles = css`
  .intro {
    max-width: 70em;
  }
  section.month h2 {
    border-bottom: 1px solid var(--line);
    padding-bottom: 4px;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  td.org {
    min-width: 10em;
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
  }
  .actions a.button {
    padding: 6px 10px;
  }
  .left {
    font-size: 0.8rem;
  }
  dialog {
    border: 1px solid var(--line);
    border-radius: 8px;
    padding: 16px;
    width: min(640px, calc(100vw - 24px));
    max-height: calc(100vh - 24px);
  }
  dialog::backdrop {
    background: rgba(15, 23, 42, 0.45);
  }
  dialog h2 {
    margin-top: 0;
  }
  form.grid {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 10px 12px;
  }
  form.grid .wide {
    grid-column: 1 / -1;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.85rem;
    color: var(--muted);
  }
  .field input {
    color: #111827;
    width: 100%;
  }
  .buttons {
    display: flex;
    gap: 8px;
    justify-content: flex-end;
    flex-wrap: wrap;
    margin-top: 12px;
  }
  .scroll {
    overflow-x: auto;
    max-height: 50vh;
  }
  code.hash {
    font-size: 0.8rem;
    overflow-wrap: anywhere;
  }
  /* One card per participant; its column names are short, so their column is narrower than the desk's. */
  table.cards {
    --card-label-width: 6.5em;
  }
  ${cardTableStyles}
  @media (max-width: 600px) {
    form.grid {
      grid-template-columns: 1fr;
    }
  }
`;
