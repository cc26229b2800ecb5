import { css, type CSSResult } from 'lit';

/** Shared look: spacing, colours, tables, buttons, forms. Components add `sharedStyles` to their styles. */
export const sharedStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    --accent: #1d4ed8;
    --danger: #b91c1c;
    --muted: #5f6b7a;
    --line: #d9dee5;
    --panel: #fff;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h1 {
    font-size: 1.25rem;
    margin: 0 0 12px;
  }
  h2 {
    font-size: 1.05rem;
    margin: 16px 0 8px;
  }
  .panel {
    background: var(--panel);
    border: 1px solid var(--line);
    border-radius: 8px;
    padding: 12px 16px;
  }
  .muted {
    color: var(--muted);
  }
  .error {
    color: var(--danger);
  }
  .row {
    display: flex;
    gap: 8px;
    align-items: center;
    flex-wrap: wrap;
  }
  button,
  .button {
    font: inherit;
    padding: 6px 12px;
    border-radius: 6px;
    border: 1px solid var(--line);
    background: #fff;
    cursor: pointer;
    color: inherit;
    text-decoration: none;
  }
  button.primary {
    background: var(--accent);
    color: #fff;
    border-color: var(--accent);
  }
  button.danger {
    color: var(--danger);
    border-color: var(--danger);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  input,
  select,
  textarea {
    font: inherit;
    padding: 6px 8px;
    border: 1px solid var(--line);
    border-radius: 6px;
    background: #fff;
    color: inherit;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.9rem;
  }
  th,
  td {
    text-align: left;
    padding: 6px 8px;
    border-bottom: 1px solid var(--line);
    vertical-align: top;
  }
  th {
    font-weight: 600;
    color: var(--muted);
    white-space: nowrap;
  }
  th button.sort {
    border: none;
    padding: 0;
    background: none;
    font-weight: 600;
    color: inherit;
  }
  a {
    color: var(--accent);
  }
  .badge {
    display: inline-block;
    padding: 1px 8px;
    border-radius: 999px;
    font-size: 0.8rem;
    border: 1px solid var(--line);
  }
  .badge.ok {
    background: #ecfdf5;
    border-color: #6ee7b7;
    color: #065f46;
  }
  .badge.warn {
    background: #fffbeb;
    border-color: #fcd34d;
    color: #92400e;
  }
  .badge.bad {
    background: #fef2f2;
    border-color: #fca5a5;
    color: #991b1b;
  }
  @media (max-width: 600px) {
    .panel {
      padding: 8px;
    }
    table {
      font-size: 0.8rem;
    }
  }
`;

/** A form row on a phone: it wraps, and its fields shrink to the screen (no page wider than 390 px). */
export const wrappingFormStyles = css`
  .row {
    flex-wrap: wrap;
  }
  label,
  input,
  select {
    min-width: 0;
    max-width: 100%;
  }
`;

/**
 * A table on a narrow screen, one card per row: for `<table class="cards">`, the header row (and colgroup) hidden,
 * each row a bordered card, each cell with `data-label` shown as its column's name beside its value (the name's
 * column `--card-label-width` wide, 7.5em unless the page sets it). A page writes its own differences after it.
 * `maxWidth` is where the cards start: 600 px for most tables (`cardTableStyles`), sooner for a wide one.
 */
export function cardTableStylesUpTo(maxWidth: number): CSSResult {
  return css`
    @media (max-width: ${maxWidth}px) {
      table.cards thead,
      table.cards colgroup {
        display: none;
      }
      table.cards,
      table.cards tbody,
      table.cards tr,
      table.cards td {
        display: block;
        width: 100%;
      }
      table.cards tr {
        border: 1px solid var(--line);
        border-radius: 8px;
        margin-bottom: 10px;
        padding: 6px 8px;
      }
      table.cards td {
        border: none;
        padding: 3px 0;
      }
      table.cards td[data-label] {
        display: grid;
        grid-template-columns: var(--card-label-width, 7.5em) 1fr;
        gap: 8px;
      }
      table.cards td[data-label]::before {
        content: attr(data-label);
        color: var(--muted);
        font-size: 0.8rem;
      }
    }
  `;
}

/** The phone's card table (see `cardTableStylesUpTo`), from 600 px down. */
export const cardTableStyles = cardTableStylesUpTo(600);
