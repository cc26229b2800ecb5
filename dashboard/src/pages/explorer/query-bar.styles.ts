import { css } from 'lit';

export const queryBarStyles = css`
  :host {
    display: block;
    position: relative;
  }
  form {
    display: flex;
    gap: 8px;
    align-items: stretch;
  }
  input {
    flex: 1;
    min-width: 0;
    font-family: ui-monospace, monospace;
    font-size: 0.95rem;
    padding: 8px 10px;
  }
  input[aria-invalid='true'] {
    border-color: var(--danger);
  }
  .popover {
    position: absolute;
    right: 0;
    left: 0;
    top: calc(100% + 4px);
    z-index: 20;
  }
  .suggestions {
    position: absolute;
    left: 0;
    right: 0;
    top: calc(100% + 2px);
    z-index: 25;
    margin: 0;
    padding: 4px 0;
    list-style: none;
    background: var(--panel);
    border: 1px solid var(--line);
    border-radius: 6px;
    box-shadow: 0 8px 24px rgb(15 23 42 / 0.18);
    max-height: 40vh;
    overflow: auto;
  }
  .suggestions li {
    display: flex;
    justify-content: space-between;
    gap: 12px;
    padding: 4px 10px;
    cursor: pointer;
    font-family: ui-monospace, monospace;
  }
  .suggestions li[aria-selected='true'] {
    background: #dbeafe;
  }
  .suggestions .note {
    color: var(--muted);
    font-family: inherit;
    font-size: 0.85rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .input-wrap {
    position: relative;
    flex: 1;
    min-width: 0;
    display: flex;
  }
  .query-error {
    margin-top: 6px;
    color: var(--danger);
  }
  .query-error-message {
    margin: 0 0 4px;
  }
  .query-error-text {
    margin: 0;
    padding: 6px 8px;
    background: #fef2f2;
    border-radius: 6px;
    font-family: ui-monospace, monospace;
    font-size: 0.9rem;
    white-space: pre-wrap;
    word-break: break-all;
    color: #1f2937;
  }
  mark.bad {
    background: #fecaca;
    color: inherit;
    text-decoration: underline wavy var(--danger);
    text-decoration-thickness: 2px;
    text-underline-offset: 3px;
  }
  mark.empty {
    display: inline-block;
    min-width: 0.6em;
    border-bottom: 3px solid var(--danger);
    text-decoration: none;
  }
  @media (max-width: 600px) {
    form {
      flex-wrap: wrap;
    }
    .input-wrap {
      flex-basis: 100%;
    }
    button {
      flex: 1;
    }
  }
`;
