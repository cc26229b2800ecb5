import { css } from 'lit';

export const resultsTableStyles = css`
  :host {
    display: block;
  }
  .table {
    border: 1px solid var(--line);
    border-radius: 8px;
    background: #fff;
    overflow: hidden;
  }
  .cells {
    display: grid;
    grid-template-columns: var(--result-columns, 13.5em 9em 9.5em 8em minmax(0, 1fr));
    gap: 0 10px;
    padding: 5px 10px;
    align-items: baseline;
  }
  .header {
    background: #f8fafc;
    border-bottom: 1px solid var(--line);
    font-size: 0.8rem;
    font-weight: 600;
    color: var(--muted);
  }
  .header button.sort {
    border: none;
    padding: 0;
    background: none;
    font: inherit;
    color: inherit;
    text-align: start;
    cursor: pointer;
  }
  .header button.sort.active {
    color: var(--text, #111827);
  }
  lit-virtualizer {
    height: min(68vh, 760px);
    min-height: 280px;
  }
  .row {
    width: 100%;
    font-size: 0.85rem;
    border-bottom: 1px solid #eef1f4;
    cursor: pointer;
    transition: background 1.5s;
  }
  .row:hover {
    background: #f8fafc;
  }
  .row:focus-visible {
    outline: 2px solid var(--accent);
    outline-offset: -2px;
  }
  .row[aria-selected='true'] {
    background: #eff6ff;
  }
  .row.fresh {
    background: #fef9c3;
    transition: none;
  }
  .time {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .cell {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .category {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .dot {
    display: inline-block;
    width: 8px;
    height: 8px;
    border-radius: 50%;
    margin-right: 5px;
  }
  .summary {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    color: #1f2937;
  }
  .summary .name {
    color: var(--muted);
    font-size: 0.78rem;
    margin-right: 3px;
  }
  .summary .pair + .pair::before {
    content: ' · ';
    color: var(--line);
  }
  .footer {
    display: flex;
    gap: 12px;
    align-items: center;
    justify-content: space-between;
    flex-wrap: wrap;
    padding: 8px 10px;
    border-top: 1px solid var(--line);
    font-size: 0.85rem;
  }
  .empty {
    padding: 32px 12px;
    text-align: center;
  }
  @media (max-width: 700px) {
    .header {
      display: none;
    }
    /* Two cells a line, whatever columns are chosen; the summary takes a line of its own. */
    .cells {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      gap: 2px 8px;
    }
    .row > :nth-child(even):not(.summary) {
      text-align: right;
    }
    .host {
      font-weight: 600;
    }
    .summary {
      grid-column: 1 / -1;
    }
    lit-virtualizer {
      height: 70vh;
    }
  }
`;
