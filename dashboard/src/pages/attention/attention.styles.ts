import { css } from 'lit';

/** The queue as cards: readable at 390 px without a horizontal scroll. */
export const attentionStyles = css`
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 16px;
    margin-bottom: 12px;
  }
  .queue {
    list-style: none;
    padding: 0;
    margin: 0;
    display: grid;
    gap: 8px;
  }
  .item {
    border: 1px solid var(--line);
    border-radius: 6px;
    padding: 8px 12px;
  }
  .item.policy {
    background: #f8fafc;
  }
  .head,
  .facts,
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    align-items: baseline;
  }
  .facts {
    color: var(--muted);
    font-size: 0.9rem;
    margin: 4px 0;
  }
  .state {
    margin-left: auto;
    font-size: 0.85rem;
  }
  .badge.new {
    background: #dbeafe;
    color: #1e3a8a;
  }
  .badge.sev.critical {
    background: #7f1d1d;
    color: #fff;
  }
  .badge.sev.high {
    background: #fee2e2;
    color: #991b1b;
  }
  .badge.sev.medium {
    background: #fef3c7;
    color: #92400e;
  }
  .badge.sev.low,
  .badge.sev.informational {
    background: #e5e7eb;
    color: #374151;
  }
  .editor textarea {
    width: 100%;
    box-sizing: border-box;
  }
  .techniques {
    font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
  }
`;
