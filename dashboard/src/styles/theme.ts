import { css } from 'lit';

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
