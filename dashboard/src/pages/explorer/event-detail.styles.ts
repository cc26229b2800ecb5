import { css } from 'lit';

export const eventDetailStyles = css`
  :host {
    display: block;
  }
  .flyout {
    position: fixed;
    top: 0;
    right: 0;
    bottom: 0;
    z-index: 30;
    width: min(560px, 100vw);
    overflow: auto;
    background: #fff;
    border-left: 1px solid var(--line);
    box-shadow: -8px 0 24px rgb(15 23 42 / 0.15);
    padding: 12px 16px 24px;
  }
  .head {
    display: flex;
    gap: 8px;
    align-items: flex-start;
    justify-content: space-between;
    position: sticky;
    top: -12px;
    background: #fff;
    padding: 12px 0 8px;
    margin-top: -12px;
    border-bottom: 1px solid var(--line);
    z-index: 1;
  }
  .head h2 {
    margin: 0;
    font-size: 1rem;
  }
  .head .when {
    font-variant-numeric: tabular-nums;
  }
  .dot {
    display: inline-block;
    width: 10px;
    height: 10px;
    border-radius: 50%;
    margin-right: 6px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin: 10px 0;
  }
  dl {
    margin: 8px 0 0;
  }
  .field {
    display: grid;
    grid-template-columns: 10em minmax(0, 1fr);
    gap: 2px 10px;
    padding: 6px 0;
    border-bottom: 1px solid #eef1f4;
  }
  dt {
    color: var(--muted);
    font-size: 0.82rem;
    overflow-wrap: anywhere;
  }
  dt code {
    display: block;
    font-size: 0.72rem;
    color: #94a3b8;
  }
  dd {
    margin: 0;
    min-width: 0;
  }
  .value {
    font-size: 0.88rem;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .pivots {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    margin-top: 3px;
  }
  .pivots button,
  .pivots a {
    font-size: 0.75rem;
    padding: 1px 7px;
    border-radius: 4px;
  }
  @media (max-width: 600px) {
    .flyout {
      padding: 8px 10px 24px;
    }
    .field {
      grid-template-columns: 1fr;
    }
  }
`;
