import { css } from 'lit';
import { cardTableStyles } from '../../styles/theme.js';

/** What the desk's tabs share: filter bars, wide tables that scroll sideways on a phone, dialogs. */
export const deskStyles = css`
  .filters {
    display: flex;
    gap: 8px 12px;
    align-items: flex-end;
    flex-wrap: wrap;
    margin-bottom: 12px;
  }
  .filters label,
  .field {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.85rem;
    color: var(--muted);
  }
  .filters select,
  .filters input {
    color: #111827;
  }
  .scroll {
    overflow-x: auto;
    -webkit-overflow-scrolling: touch;
  }
  .scroll table {
    min-width: 1100px;
  }
  td.nowrap,
  th.nowrap {
    white-space: nowrap;
  }
  td.subject {
    min-width: 10em;
    max-width: 20em;
    overflow-wrap: anywhere;
  }
  td.participant {
    min-width: 7.5em;
  }
  td.category {
    min-width: 7.5em;
  }
  td.assignee {
    min-width: 5em;
    max-width: 10em;
    overflow-wrap: anywhere;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .reference {
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
    white-space: nowrap;
  }
  .meta {
    display: flex;
    gap: 12px;
    align-items: center;
    flex-wrap: wrap;
    font-size: 0.85rem;
  }
  .spacer {
    flex: 1;
  }
  .panel > h2:first-child {
    margin-top: 0;
  }
  dialog {
    border: 1px solid var(--line);
    border-radius: 8px;
    padding: 16px;
    width: min(560px, calc(100vw - 24px));
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
  form.grid .field input,
  form.grid .field select,
  form.grid .field textarea {
    color: #111827;
    width: 100%;
  }
  .actions {
    display: flex;
    gap: 8px;
    justify-content: flex-end;
    flex-wrap: wrap;
    margin-top: 12px;
  }
  .empty {
    padding: 12px 0;
  }
  /* Ticket tables become one card per ticket; each cell names its column. */
  ${cardTableStyles}
  @media (max-width: 600px) {
    .scroll table.cards {
      min-width: 0;
    }
    table.cards td {
      max-width: none;
    }
    table.cards td > .badge {
      justify-self: start;
    }
    form.grid {
      grid-template-columns: 1fr;
    }
    .filters label {
      flex: 1 1 45%;
    }
    .filters select {
      width: 100%;
    }
  }
`;
