import { css } from 'lit';

export const deviceTimelineStyles = css`
  .controls {
    display: flex;
    gap: 8px;
    align-items: center;
    flex-wrap: wrap;
    margin-bottom: 8px;
  }
  .presets {
    display: inline-flex;
  }
  .presets button {
    border-radius: 0;
    margin-left: -1px;
  }
  .presets button:first-child {
    border-radius: 6px 0 0 6px;
    margin-left: 0;
  }
  .presets button:last-child {
    border-radius: 0 6px 6px 0;
  }
  .presets button[aria-pressed='true'] {
    background: var(--accent);
    border-color: var(--accent);
    color: #fff;
  }
  .custom {
    display: inline-flex;
    gap: 4px;
    align-items: center;
    flex-wrap: wrap;
  }
  .custom input {
    width: auto;
    min-width: 12em;
  }
  .spacer {
    flex: 1;
  }
  fieldset {
    border: none;
    padding: 0;
    margin: 0 0 8px;
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    align-items: center;
  }
  fieldset legend {
    padding: 0;
    margin-bottom: 4px;
    color: var(--muted);
    font-size: 0.85rem;
  }
  fieldset label {
    display: inline-flex;
    gap: 4px;
    align-items: center;
    white-space: nowrap;
    cursor: pointer;
  }
  .swatch {
    display: inline-block;
    width: 10px;
    height: 10px;
    border-radius: 50%;
  }
  .count {
    color: var(--muted);
    font-variant-numeric: tabular-nums;
  }
  .link-button {
    border: none;
    background: none;
    padding: 0 4px;
    color: var(--accent);
    text-decoration: underline;
  }
  .chart {
    border: 1px solid var(--line);
    border-radius: 6px;
    margin-bottom: 12px;
  }
  .warn {
    color: #92400e;
  }
  @media (max-width: 600px) {
    .custom input {
      width: 100%;
    }
    .custom {
      width: 100%;
    }
    .custom span {
      display: none;
    }
  }
`;
