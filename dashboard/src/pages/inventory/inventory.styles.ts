import { css } from 'lit';

/** Shared by the inventory page's three parts. */
export const inventoryStyles = css`
  form {
    display: flex;
    gap: 8px;
    align-items: end;
    flex-wrap: wrap;
    margin-bottom: 8px;
  }
  form label {
    display: grid;
    gap: 2px;
    font-size: 0.85rem;
    color: var(--muted);
  }
  form input {
    color: initial;
  }
  .scroll {
    overflow-x: auto;
  }
  th {
    vertical-align: bottom;
  }
  .scroll table {
    min-width: 520px;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  td.nowrap {
    white-space: nowrap;
  }
  p.count {
    margin: 4px 0 8px;
  }
`;
